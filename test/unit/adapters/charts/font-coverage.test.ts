import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fontCoverage } from '../../../../adapters/charts/font-coverage.js';
import { useTempDir } from '../../../helpers/temp-dir.js';

const DEJAVU = join(dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');
const SANS = join(DEJAVU, 'DejaVuSans.ttf');
const BOLD = join(DEJAVU, 'DejaVuSans-Bold.ttf');

const cp = (c: string) => c.codePointAt(0) ?? -1;
const covered = (files: string[], chars: string[]) => {
  const covers = fontCoverage(files);
  return Object.fromEntries(chars.map((c) => [c, covers(cp(c))]));
};

describe('which characters the chart fonts draw, read from their cmap', () => {
  const tempDir = useTempDir();

  it('has Latin letters, accents and the euro sign, not emoji or CJK', () => {
    expect(covered([SANS, BOLD], ['A', 'é', '€', '\u0301', '🚀', '中', '\u{1f3fb}'])).toEqual({
      A: true,
      é: true,
      '€': true,
      '\u0301': true,
      '🚀': false,
      中: false,
      '\u{1f3fb}': false,
    });
  });

  it('reads the BMP subtable (format 4) as the full one (format 12) for the same characters', () => {
    // The same font with its format 12 subtable's record made a Macintosh one, which is not read.
    const font = Buffer.from(readFileSync(SANS));
    const tables = font.readUInt16BE(4);
    let cmap = -1;
    for (let i = 0; i < tables; i++)
      if (font.toString('latin1', 12 + i * 16, 16 + i * 16) === 'cmap') cmap = font.readUInt32BE(20 + i * 16);
    let hidden = 0;
    for (let i = 0; i < font.readUInt16BE(cmap + 2); i++) {
      const record = cmap + 4 + i * 8;
      if (font.readUInt16BE(cmap + font.readUInt32BE(record + 4)) !== 12) continue;
      font.writeUInt16BE(1, record);
      hidden++;
    }
    expect(hidden).toBeGreaterThan(0);
    const bmpOnly = join(tempDir(), 'bmp-only.ttf');
    writeFileSync(bmpOnly, font);
    const full = fontCoverage([SANS]);
    const bmp = fontCoverage([bmpOnly]);
    const differ: number[] = [];
    for (let c = 0; c <= 0xffff; c++) if (full(c) !== bmp(c)) differ.push(c);
    expect(differ).toEqual([]);
    expect([bmp(cp('é')), bmp(cp('€')), bmp(cp('中'))]).toEqual([true, true, false]);
    // Beyond the BMP, format 4 has nothing: DejaVu's 😀 (U+1F600) is in format 12 alone.
    expect([full(0x1f600), bmp(0x1f600)]).toEqual([true, false]);
  });

  it('names the file it cannot read as a font', () => {
    const notFont = join(tempDir(), 'notes.ttf');
    writeFileSync(notFont, 'not a font at all, only some words');
    expect(() => fontCoverage([notFont])).toThrow(`cannot read which characters the font ${notFont} has`);
  });
});
