import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { drawableText } from '../../../../adapters/charts/drawable-text.js';
import { fontCoverage } from '../../../../adapters/charts/font-coverage.js';

const DEJAVU = join(dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');
const covers = fontCoverage([join(DEJAVU, 'DejaVuSans.ttf'), join(DEJAVU, 'DejaVuSans-Bold.ttf')]);
const drawn = (text: string) => drawableText(text, covers);

describe('chart text as the shipped fonts draw it', () => {
  it('drops what the fonts lack and tidies the spaces and brackets it leaves', () => {
    expect(drawn('Signups 🚀')).toBe('Signups');
    expect(drawn('signups (⭐ stars)')).toBe('signups (stars)');
    expect(drawn('signups (🚀)')).toBe('signups');
    expect(drawn('signups: 5 of 10 🚀 stars by 2027-03-31')).toBe('signups: 5 of 10 stars by 2027-03-31');
    expect(drawn('中文 users')).toBe('users');
    expect(drawn('🚀')).toBe('');
  });

  it('drops an emoji sequence whole: its variation selector, joiners and skin tone', () => {
    // The fonts have U+FE0F and U+200D alone (as nothing to see); left, they would stand for the rest.
    expect(covers(0xfe0f) && covers(0x200d)).toBe(true);
    expect(drawn('launch ⭐\ufe0f')).toBe('launch');
    expect(drawn('team 👨\u200d👩\u200d👧 size')).toBe('team size');
    expect(drawn('waves 👋🏽')).toBe('waves');
    expect(drawn('🇩🇪 signups')).toBe('signups');
  });

  it('drops a keycap whole rather than draw its digit as another figure', () => {
    // The fonts have the digit and U+FE0F, not the enclosing keycap U+20E3.
    expect(covers(0x31) && !covers(0x20e3)).toBe(true);
    expect(drawn('1\ufe0f\u20e3 ranks')).toBe('ranks');
    expect(drawn('rank #\ufe0f\u20e3 2')).toBe('rank 2');
  });

  it('tidies empty square and curly brackets as it does round ones', () => {
    expect(drawn('users [🇫🇷]')).toBe('users');
    expect(drawn('🇩🇪 users [🇫🇷]')).toBe('users');
    expect(drawn('users { 🚀 } per week')).toBe('users per week');
    expect(drawn('users [🚀 fr]')).toBe('users [fr]');
    expect(drawn('users ([🚀])')).toBe('users');
  });

  it('keeps text the fonts draw whole as typed, accents and all', () => {
    for (const text of ['Café', 'Cafe\u0301', 'naïve  users ', '€ (EUR)', 'Ωmega → 5', 'smiles 😀'])
      expect(drawn(text)).toBe(text);
  });
});
