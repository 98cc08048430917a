import { describe, expect, it } from 'vitest';
import { formatMinutes } from '../../../src/domain/duration.js';

describe('formatMinutes', () => {
  it('reads a run length as a person would', () => {
    expect(formatMinutes(0)).toBe('0 s');
    expect(formatMinutes(0.001)).toBe('1 s');
    expect(formatMinutes(0.034)).toBe('2 s');
    expect(formatMinutes(0.999)).toBe('60 s');
    expect(formatMinutes(2)).toBe('2 min');
    expect(formatMinutes(3.46)).toBe('3.5 min');
    expect(formatMinutes(60)).toBe('1 h');
    expect(formatMinutes(125.2)).toBe('2 h 5 min');
    expect(formatMinutes(1439)).toBe('23 h 59 min');
    expect(formatMinutes(1440)).toBe('1 d');
    expect(formatMinutes(43_021)).toBe('29 d 21 h');
    expect(formatMinutes(-1)).toBe('—');
    expect(formatMinutes(Number.NaN)).toBe('—');
  });
});
