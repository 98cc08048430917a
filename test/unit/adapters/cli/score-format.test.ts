import { describe, expect, it } from 'vitest';
import { oneDecimal } from '../../../../adapters/cli/format.js';
import { formatMonths } from '../../../../src/index.js';

describe('a number to one decimal on a task card or in state', () => {
  it('rounds as the reasoning does, so the header and the arithmetic show one number', () => {
    // 0.95 and 13.95 are stored just below themselves: toFixed(1) alone printed 0.9 and 13.9.
    expect(oneDecimal(0.95)).toBe('1.0');
    expect(oneDecimal(13.95)).toBe('14.0');
    expect(oneDecimal(32.54)).toBe('32.5');
    expect(oneDecimal(0)).toBe('0.0');
  });

  it('rounds a half up where toFixed does not', () => {
    expect(oneDecimal(3.05)).toBe('3.1');
    expect((3.05).toFixed(1)).toBe('3.0');
  });
});

describe('the months left to a milestone, in state and in the reasoning alike', () => {
  it('are said to two decimals, as the arithmetic beside them uses them', () => {
    // An audit read "$1,009/month of growth needed, 4.0 months left" for a $4,000 gap (3.96).
    expect(formatMonths(3.96)).toBe('3.96');
    expect(formatMonths(3.05)).toBe('3.05');
    expect(formatMonths(4)).toBe('4');
    expect(formatMonths(3.5)).toBe('3.5');
  });
});
