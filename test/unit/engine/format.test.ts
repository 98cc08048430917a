import { describe, expect, it } from 'vitest';
import { formatCount, formatUsd } from '../../../src/engine/format.js';

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
});
