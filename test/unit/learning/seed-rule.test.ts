import { describe, expect, it } from 'vitest';
import { seedRuleChoice } from '../../../src/learning/seed-rule.js';
import { pair } from './outcomes.js';

describe('seedRuleChoice', () => {
  it('falls back to the first candidate by name while nobody has 3 outcomes', () => {
    expect(seedRuleChoice('revenue', ['zoe', 'ben', 'ana'], [pair('zoe', 2, 0)])).toBe('ana');
  });

  it('trusts only rates from 3 outcomes on', () => {
    const stats = [pair('ana', 1, 2), pair('zoe', 2, 0)];
    expect(seedRuleChoice('revenue', ['ana', 'zoe'], stats)).toBe('ana'); // 33% beats an untrusted 100%
    expect(
      seedRuleChoice('revenue', ['ana', 'zoe'], [stats[0] ?? pair('ana', 1, 2), pair('zoe', 3, 0)]),
    ).toBe('zoe');
  });

  it('breaks rate ties by more outcomes, then by name', () => {
    expect(seedRuleChoice('revenue', ['ana', 'ben'], [pair('ana', 3, 1), pair('ben', 6, 2)])).toBe('ben');
    expect(seedRuleChoice('revenue', ['ben', 'ana'], [pair('ana', 3, 1), pair('ben', 3, 1)])).toBe('ana');
  });

  it('reads raw counts only: old luck never fades, and other categories do not count', () => {
    const stats = [
      pair('ana', 3, 0, { decayedSuccesses: 0.01 }),
      pair('ben', 9, 1),
      pair('cy', 10, 0, { category: 'bugfix' }),
    ];
    expect(seedRuleChoice('revenue', ['ana', 'ben', 'cy'], stats)).toBe('ana');
  });

  it('chooses nobody without candidates', () => {
    expect(seedRuleChoice('revenue', [], [pair('ana', 3, 0)])).toBeNull();
  });
});
