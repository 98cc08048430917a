import { describe, expect, it } from 'vitest';
import { sparkline } from '../../../src/index.js';

describe('sparkline', () => {
  it('draws the lowest value ▁ and the highest █, the rest in between', () => {
    expect(sparkline([95, 101, 120, 118, 140, 152])).toBe('▁▂▄▄▇█');
    expect(sparkline([3, 2, 1])).toBe('█▅▁');
  });

  it('draws a flat series in the middle, and nothing for no values', () => {
    expect(sparkline([5, 5, 5])).toBe('▄▄▄');
    expect(sparkline([])).toBe('');
  });
});
