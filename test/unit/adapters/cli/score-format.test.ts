import { describe, expect, it } from 'vitest';
import { oneDecimal } from '../../../../adapters/cli/format.js';

describe('a number to one decimal on a task card or in state', () => {
  it('rounds as the reasoning does, so the header and the arithmetic show one number', () => {
    // 0.95 and 13.95 are stored just below themselves: toFixed(1) alone printed 0.9 and 13.9.
    expect(oneDecimal(0.95)).toBe('1.0');
    expect(oneDecimal(13.95)).toBe('14.0');
    expect(oneDecimal(32.54)).toBe('32.5');
    expect(oneDecimal(0)).toBe('0.0');
  });

  it('says the months left to a milestone as the revenue-gap reasoning says them', () => {
    // state printed '3.0 months left' beside the reasoning's '3.05' rounded to '3.1'.
    expect(oneDecimal(3.05)).toBe('3.1');
    expect((3.05).toFixed(1)).toBe('3.0');
  });
});
