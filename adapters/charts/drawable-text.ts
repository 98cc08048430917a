import type { Covers } from './font-coverage.js';

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Zero-width joiners and variation selectors: they join or restyle the characters around them. */
const JOINER_OR_SELECTOR = /^[\u200d\ufe00-\ufe0f\u{e0100}-\u{e01ef}]$/u;

/**
 * `text` as the chart's fonts can draw it: each character they lack is dropped rather than drawn
 * as a box, then the spaces and brackets it leaves are tidied (`Signups 🚀` → `Signups`,
 * `signups (⭐)` → `signups`). It goes a character as a person sees it (a grapheme) at a time: an
 * emoji whose first code point the fonts lack goes whole, with the variation selector (U+FE0F),
 * zero-width joiners and skin tones of its sequence, even where the fonts have those alone;
 * an accent the fonts have stays on its letter (`Café`). Text they draw whole is returned as is.
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

/** A grapheme as drawn: nothing when the fonts lack its first code point, else what they have of it. */
function drawableGrapheme(grapheme: string, covers: Covers): string {
  const codePoints = [...grapheme];
  if (!covers(codePoints[0]?.codePointAt(0) ?? 0)) return '';
  const had = codePoints.filter((c) => covers(c.codePointAt(0) ?? 0));
  if (had.length === codePoints.length) return grapheme;
  // Part of a sequence gone: its joiners and selectors would join or restyle nothing.
  return had.filter((c) => !JOINER_OR_SELECTOR.test(c)).join('');
}

/** Spaces and brackets as a dropped character leaves them: `10  stars`, `( stars)`, `signups ()`. */
function tidy(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .replace(/\s*\(\s*\)/g, '')
    .replace(/\(\s+/g, '(')
    .replace(/\s+([)\]:;,.!?])/g, '$1')
    .trim();
}
