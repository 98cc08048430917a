import { describe, expect, it } from 'vitest';
import { score } from '../../../../adapters/cli/format.js';

describe('a score on a task card', () => {
  it('rounds as the reasoning does, so the header and the arithmetic show one number', () => {
    // 0.95 and 13.95 are stored just below themselves: toFixed(1) alone printed 0.9 and 13.9.
    expect(score(0.95)).toBe('1.0');
    expect(score(13.95)).toBe('14.0');
    expect(score(32.54)).toBe('32.5');
    expect(score(0)).toBe('0.0');
  });
});
