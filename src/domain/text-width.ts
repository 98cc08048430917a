/**
 * How many columns text takes in a terminal or a chat's code block, where tables are aligned:
 * a CJK character or an emoji takes two, a combining accent, a joiner or a variation selector
 * none. `padEnd` and `length` count UTF-16 units, so a title in Japanese, or one with an emoji,
 * pushed every later column of its row out of line. Read code point by code point (no
 * Intl.Segmenter: building one costs a short command some 15 ms), which is what terminals do.
 */

/**
 * Text whose every character takes one column: printable ASCII, Latin, Greek and Cyrillic
 * letters, and the punctuation, arrows and blocks Goalpost itself prints (—, …, →, █, ░).
 */
const NARROW =
  /^[\x20-\x7e\u00a0-\u00ac\u00ae-\u02ff\u0370-\u0482\u048a-\u0590\u2010-\u2027\u2030-\u205e\u20a0-\u20c0\u2100-\u214f\u2190-\u21ff\u2500-\u259f]*$/;
// Made on first use: the bundle turns a Unicode-property regex into `new RegExp`, built (its
// classes read from ICU) when the module loads, some 4 ms of every command's start.
let properties: { emoji: RegExp; pictograph: RegExp; mark: RegExp } | undefined;
function unicode(): { emoji: RegExp; pictograph: RegExp; mark: RegExp } {
  properties ??= {
    emoji: /\p{Emoji_Presentation}/u,
    pictograph: /\p{Extended_Pictographic}/u,
    mark: /\p{M}/u,
  };
  return properties;
}
const ZWJ = 0x200d;
const VS16 = 0xfe0f;

/** East Asian Wide and Fullwidth blocks (Unicode's EastAsianWidth W and F). */
const WIDE: ReadonlyArray<readonly [number, number]> = [
  [0x1100, 0x115f],
  [0x2e80, 0x303e],
  [0x3041, 0x33ff],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xa000, 0xa4cf],
  [0xa960, 0xa97f],
  [0xac00, 0xd7a3],
  [0xf900, 0xfaff],
  [0xfe10, 0xfe19],
  [0xfe30, 0xfe6f],
  [0xff00, 0xff60],
  [0xffe0, 0xffe6],
  [0x1f200, 0x1f2ff],
  [0x20000, 0x2fffd],
  [0x30000, 0x3fffd],
];

/** Characters that take no column: controls, zero-width spaces and marks, the BOM, word joiners. */
function zeroWidth(cp: number): boolean {
  return (
    cp < 0x20 ||
    (cp >= 0x7f && cp < 0xa0) ||
    cp === 0xad ||
    (cp >= 0x200b && cp <= 0x200f) ||
    (cp >= 0x2028 && cp <= 0x202e) ||
    (cp >= 0x2060 && cp <= 0x2064) ||
    cp === 0xfeff ||
    (cp >= 0xfe00 && cp <= 0xfe0f) ||
    (cp >= 0x1f3fb && cp <= 0x1f3ff) // skin tones, joined to the emoji before them
  );
}

function ownWidth(char: string, cp: number): number {
  const { emoji, mark } = unicode();
  if (zeroWidth(cp) || mark.test(char)) return 0;
  if (emoji.test(char)) return 2;
  for (const [from, to] of WIDE) if (cp >= from && cp <= to) return 2;
  return 1;
}

/**
 * Each character of `text` with the columns it adds: a character joined to the one before (after
 * a zero-width joiner, the second of a flag's pair) adds none, and a text-style pictograph made
 * an emoji by U+FE0F takes a second column at it.
 */
function* columns(text: string): Generator<{ char: string; width: number }> {
  const { emoji, pictograph } = unicode();
  let joined = false;
  let flagHalf = false;
  let previous = '';
  for (const char of text) {
    const cp = char.codePointAt(0) ?? 0;
    let width = ownWidth(char, cp);
    if (cp === VS16 && pictograph.test(previous) && !emoji.test(previous)) width = 1;
    if (joined && width > 0) width = 0;
    const flag = cp >= 0x1f1e6 && cp <= 0x1f1ff;
    if (flag && flagHalf) width = 0;
    flagHalf = flag && !flagHalf;
    joined = cp === ZWJ;
    previous = char;
    yield { char, width };
  }
}

/** The columns `text` takes on one line. */
export function displayWidth(text: string): number {
  if (NARROW.test(text)) return text.length;
  let width = 0;
  for (const c of columns(text)) width += c.width;
  return width;
}

/** Each column's width in a table of `header` and `rows`: its widest cell, in columns shown. */
export function columnWidths(header: readonly string[], rows: readonly (readonly string[])[]): number[] {
  return header.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i] ?? ''))));
}

/** `text` followed by spaces up to `width` columns (as `padEnd` pads up to a length). */
export function padToWidth(text: string, width: number): string {
  const missing = width - displayWidth(text);
  return missing > 0 ? text + ' '.repeat(missing) : text;
}

/**
 * `text` cut to at most `width` columns, ending in `…` when it was cut; never inside a character
 * or an emoji sequence (what joins the last character kept is kept with it).
 */
export function clipToWidth(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  let out = '';
  let used = 0;
  for (const { char, width: w } of columns(text)) {
    if (w > 0 && used + w > width - 1) break;
    out += char;
    used += w;
  }
  return `${out.replace(/\u200d$/u, '')}…`;
}
