import { describe, expect, it } from 'vitest';
import {
  formatCents,
  formatCount,
  formatDollars,
  formatFixed,
  formatNumber,
  formatUsd,
} from '../../../src/engine/format.js';

describe('formatCount', () => {
  it("groups thousands as toLocaleString('en-US') does, without ICU", () => {
    for (const n of [0, 7, 999, 1000, 14_626, 100_000, 1_234_567, 478]) {
      expect(formatCount(n)).toBe(n.toLocaleString('en-US'));
    }
    expect(formatCount(1_234_567)).toBe('1,234,567');
  });

  it('writes dollars with the same grouping', () => {
    expect(formatUsd(1_789_788)).toBe('$1,789,788');
  });

  it('writes a number of 10^21 or more in digits, not in exponent form', () => {
    // A goal 10^15 units short, each worth $1,000,000 a month.
    expect(formatUsd(2e21)).toBe('$2,000,000,000,000,000,000,000');
    expect(formatDollars(1e21)).toBe('$1,000,000,000,000,000,000,000');
    expect(formatCents(1e21)).toBe('$1,000,000,000,000,000,000,000.00');
    expect(formatFixed(1e21)).toBe('1000000000000000000000.00');
    expect(formatCount(-3e22)).toBe('-30,000,000,000,000,000,000,000');
  });
});

describe('formatDollars and formatNumber', () => {
  // What the views wrote with toLocaleString('en-US'), which loads ICU's number formatting.
  const values = [
    0, 0.4, 0.5, 7, 99.5, 999, 1000, 1234.5, -1234.5, 14_626.499, 100_000, 1_234_567.891, -0.25,
  ];
  const rounded = (v: number, digits: number) => Math.round(v * 10 ** digits) / 10 ** digits;

  it("writes whole dollars as `$${Math.round(n).toLocaleString('en-US')}` did, the sign before the dollar", () => {
    for (const v of values.filter((x) => x >= 0)) {
      expect(formatDollars(v)).toBe(`$${Math.round(v).toLocaleString('en-US')}`);
    }
    expect(formatDollars(1_789_788.4)).toBe('$1,789,788');
    expect(formatDollars(-1234.5)).toBe('-$1,234');
    expect(formatDollars(-0.25)).toBe('$0');
  });

  it("writes a report's numbers as toLocaleString('en-US') did, rounded to the places asked", () => {
    for (const digits of [0, 1, 2, 3]) {
      for (const v of values) {
        const expected = rounded(v, digits).toLocaleString('en-US');
        expect(formatNumber(v, digits)).toBe(expected === '-0' ? '0' : expected);
      }
    }
    expect(formatNumber(1234.5)).toBe('1,234.5');
    expect(formatNumber(-1234.567, 2)).toBe('-1,234.57');
    expect(formatNumber(0.125, 1)).toBe('0.1');
  });
});
