import { readFileSync } from 'node:fs';

/** Whether a font can draw a code point: it maps it to a glyph other than .notdef (glyph 0). */
export type Covers = (codePoint: number) => boolean;

/**
 * The code points the TrueType fonts at `files` draw between them, read from each font's `cmap`
 * table. A chart's text is drawn in these fonts alone (loadSystemFonts is off), and resvg draws a
 * character none of them has as a box (tofu): what the chart shows must be checked against them.
 * Its own small reader rather than a font library: two subtable formats (4 and 12) cover DejaVu,
 * and the chart thread loads nothing more.
 * @throws Error naming the file when it is not a TrueType font with a Unicode cmap.
 */
export function fontCoverage(files: readonly string[]): Covers {
  const covered = new Set<number>();
  for (const file of files) {
    try {
      for (const codePoint of cmapCodePoints(readFileSync(file))) covered.add(codePoint);
    } catch (error) {
      throw new Error(`cannot read which characters the font ${file} has: ${(error as Error).message}`);
    }
  }
  return (codePoint) => covered.has(codePoint);
}

/** A font's table by its tag (`cmap`), from the table directory after the 12-byte offset table. */
function table(font: Buffer, tag: string): Buffer {
  const count = font.readUInt16BE(4);
  for (let i = 0; i < count; i++) {
    const record = 12 + i * 16;
    if (font.toString('latin1', record, record + 4) === tag)
      return font.subarray(
        font.readUInt32BE(record + 8),
        font.readUInt32BE(record + 8) + font.readUInt32BE(record + 12),
      );
  }
  throw new Error(`it has no ${tag} table`);
}

/**
 * The code points of the font's Unicode cmap subtable: format 12 (all of Unicode) when it has one,
 * else format 4 (the Basic Multilingual Plane), Windows' or Unicode's platform alike.
 */
function cmapCodePoints(font: Buffer): Iterable<number> {
  const cmap = table(font, 'cmap');
  const subtables = new Map<number, Buffer>();
  for (let i = 0; i < cmap.readUInt16BE(2); i++) {
    const record = 4 + i * 8;
    const platform = cmap.readUInt16BE(record);
    const encoding = cmap.readUInt16BE(record + 2);
    // Unicode (0), or Windows (3) with Unicode BMP (1) or full repertoire (10).
    if (platform !== 0 && !(platform === 3 && (encoding === 1 || encoding === 10))) continue;
    const subtable = cmap.subarray(cmap.readUInt32BE(record + 4));
    subtables.set(subtable.readUInt16BE(0), subtable);
  }
  const full = subtables.get(12);
  if (full) return format12(full);
  const bmp = subtables.get(4);
  if (bmp) return format4(bmp);
  throw new Error('it has no Unicode cmap subtable of format 4 or 12');
}

/** Format 12: groups of consecutive code points mapped to consecutive glyphs. */
function* format12(subtable: Buffer): Generator<number> {
  const groups = subtable.readUInt32BE(12);
  for (let i = 0; i < groups; i++) {
    const group = 16 + i * 12;
    const start = subtable.readUInt32BE(group);
    const end = subtable.readUInt32BE(group + 4);
    const glyph = subtable.readUInt32BE(group + 8);
    for (let c = start; c <= end; c++) if (glyph + (c - start) !== 0) yield c;
  }
}

/**
 * Format 4: segments of code points, each mapped by adding a delta to the code point or, where
 * its idRangeOffset is not 0, to the glyph id read from the array that offset points into.
 */
function* format4(subtable: Buffer): Generator<number> {
  const segments = subtable.readUInt16BE(6) / 2;
  const ends = 14;
  const starts = ends + segments * 2 + 2;
  const deltas = starts + segments * 2;
  const rangeOffsets = deltas + segments * 2;
  for (let i = 0; i < segments; i++) {
    const start = subtable.readUInt16BE(starts + i * 2);
    const end = subtable.readUInt16BE(ends + i * 2);
    const delta = subtable.readUInt16BE(deltas + i * 2);
    const rangeOffset = subtable.readUInt16BE(rangeOffsets + i * 2);
    for (let c = start; c <= end && c !== 0xffff; c++) {
      let glyph = c;
      if (rangeOffset !== 0) {
        glyph = subtable.readUInt16BE(rangeOffsets + i * 2 + rangeOffset + (c - start) * 2);
        if (glyph === 0) continue;
      }
      if ((glyph + delta) % 0x10000 !== 0) yield c;
    }
  }
}
