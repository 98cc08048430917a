import { describe, expect, it } from 'vitest';
import { formatMonths, formatScore } from '../../../../src/index.js';

describe('a score on a task card, in the command line and in the reasoning alike', () => {
  it('shows its tenth, the same as its exact value’s, where that is one rounding', () => {
    expect(formatScore(32.54)).toBe('32.5');
    expect(formatScore(13.96)).toBe('14.0');
    expect(formatScore(2.8)).toBe('2.8');
    expect(formatScore(0)).toBe('0.0');
  });

  // A review checked a card's sum: ($0 × 0.60 + $6.59) × 1.15 ÷ 8 = 0.947, kept as 0.95, shown as
  // 1.0. A score kept ending in 5 could be either side of its tenth: it shows as kept.
  it('shows a score kept to a hundredth ending in 5 as kept, not rounded a second time', () => {
    expect(formatScore(0.95)).toBe('0.95');
    expect(formatScore(3.05)).toBe('3.05');
    expect(formatScore(-0.45)).toBe('-0.45');
    // From 10 up, a tenth either way is within what the rounded terms beside it say.
    expect(formatScore(13.95)).toBe('14.0');
    expect(formatScore(148.35)).toBe('148.4');
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
