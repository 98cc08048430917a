import type { Covers } from './font-coverage.js';

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Zero-width joiners and variation selectors: they join or restyle the characters around them. */
const JOINER_OR_SELECTOR = /^[\u200d\ufe00-\ufe0f\u{e0100}-\u{e01ef}]$/u;

/**
 * `text` as the chart's fonts can draw it: each character they lack is dropped rather than drawn
 * as a box, then the spaces and brackets it leaves are tidied (`Signups 🚀` → `Signups`,
 * `signups (⭐)` → `signups`, `users [🇫🇷]` → `users`). It goes a character as a person sees it (a
 * grapheme) at a time: one the fonts lack any part of goes whole, with the variation selector
 * (U+FE0F), zero-width joiners and skin tones of its sequence, even where the fonts have those
 * alone, and with a first code point they have: a keycap `1️⃣` lost its U+20E3 and drew as a
 * plain `1` (`1 ranks`), another figure than the one typed. An accent the fonts have stays on its
 * letter (`Café`). Text they draw whole is returned as is.
 */
export function drawableText(text: string, covers: Covers): string {
  let kept = '';
  let dropped = false;
  for (const { segment } of graphemes.segment(text)) {
    const drawn = drawableGrapheme(segment, covers);
    if (drawn !== segment) dropped = true;
    kept += drawn;
  }
  return dropped ? tidy(kept) : text;
}

/**
 * A grapheme as drawn: whole when the fonts have all of it; nothing when they lack any part but a
 * joiner or selector (what is left would be another character); else without its joiners and
 * selectors, which would join or restyle nothing.
 */
function drawableGrapheme(grapheme: string, covers: Covers): string {
  const codePoints = [...grapheme];
  const lacked = codePoints.filter((c) => !covers(c.codePointAt(0) ?? 0));
  if (lacked.length === 0) return grapheme;
  if (lacked.some((c) => !JOINER_OR_SELECTOR.test(c))) return '';
  return codePoints.filter((c) => !JOINER_OR_SELECTOR.test(c)).join('');
}

const EMPTY_BRACKETS = /\s*(?:\(\s*\)|\[\s*\]|\{\s*\})/g;

/** Empty brackets gone, and those they were the whole of (`([])`): removing one pair can empty another. */
function withoutEmptyBrackets(text: string): string {
  const next = text.replace(EMPTY_BRACKETS, '');
  return next === text ? text : withoutEmptyBrackets(next);
}

/**
 * Spaces and brackets as a dropped character leaves them: `10  stars`, `( stars)`, `signups ()`,
 * `users []`, `{ }`: round, square and curly alike.
 */
function tidy(text: string): string {
  return withoutEmptyBrackets(text.replace(/\s+/g, ' '))
    .replace(/([([{])\s+/g, '$1')
    .replace(/\s+([)\]}:;,.!?])/g, '$1')
    .trim();
}
