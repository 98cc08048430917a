import { describe, expect, it } from 'vitest';
import { categoryPriorMean, expectedMinutes, posteriorFor } from '../../../src/learning/posterior.js';
import { DEFAULT_LEARNING_OPTIONS } from '../../../src/learning/types.js';
import { day, pair, T0 } from './outcomes.js';

const options = DEFAULT_LEARNING_OPTIONS; // half-life 30 days, prior strength 2

describe('posteriorFor', () => {
  it('gives a newcomer in a category nobody has done a Beta(1, 1): 50% and wide', () => {
    const p = posteriorFor(undefined, [], T0, options);
    expect(p).toMatchObject({ alpha: 1, beta: 1, mean: 0.5, priorMean: 0.5, evidence: 0 });
    expect(p.sd).toBeCloseTo(Math.sqrt(1 / 12), 12);
  });

  it("centres a newcomer's prior on the team's pooled rate for the category", () => {
    const team = [pair('ana', 6, 1), pair('ben', 2, 1)];
    expect(categoryPriorMean(team, T0, 30)).toBe(0.75); // (1 + 8) / (2 + 10)
    const p = posteriorFor(undefined, team, T0, options);
    expect(p.alpha).toBeCloseTo(1.5, 12);
    expect(p.beta).toBeCloseTo(0.5, 12);
    expect(p.mean).toBeCloseTo(0.75, 12);
  });

  it('adds the decayed counts to the prior', () => {
    const team = [pair('ana', 6, 1), pair('ben', 2, 1)];
    const p = posteriorFor(team[0], team, T0, options);
    expect(p.alpha).toBeCloseTo(7.5, 12);
    expect(p.beta).toBeCloseTo(1.5, 12);
    expect(p.mean).toBeCloseTo(7.5 / 9, 12);
    expect(p.evidence).toBe(7);
  });

  it('lets old outcomes weigh less: one half-life later they count half', () => {
    const team = [pair('ana', 6, 2)];
    const p = posteriorFor(team[0], team, day(30), options);
    expect(p.evidence).toBeCloseTo(4, 12);
    expect(p.priorMean).toBeCloseTo(4 / 6, 12); // (1 + 3) / (2 + 4)
    expect(p.alpha).toBeCloseTo((4 / 6) * 2 + 3, 12);
    expect(p.beta).toBeCloseTo((2 / 6) * 2 + 1, 12);
  });

  it('narrows with evidence', () => {
    const few = posteriorFor(pair('ana', 3, 1), [pair('ana', 3, 1)], T0, options);
    const many = posteriorFor(pair('ana', 30, 10), [pair('ana', 30, 10)], T0, options);
    expect(many.sd).toBeLessThan(few.sd / 2);
  });

  it('refuses a non-positive prior strength', () => {
    expect(() => posteriorFor(undefined, [], T0, { ...options, priorStrength: 0 })).toThrow(RangeError);
  });
});

describe('expectedMinutes', () => {
  const ana = pair('ana', 2, 0, { minutesSum: 80, minutesCount: 2 });
  const ben = pair('ben', 1, 0, { minutesSum: 100, minutesCount: 1 });
  const cy = pair('cy', 1, 0);

  it("uses the pair's mean, else the category's, else the default", () => {
    expect(expectedMinutes(ana, [ana, ben, cy], 60)).toBe(40);
    expect(expectedMinutes(cy, [ana, ben, cy], 60)).toBe(60); // 180 / 3
    expect(expectedMinutes(undefined, [ana, ben], 60)).toBe(60);
    expect(expectedMinutes(undefined, [ben], 60)).toBe(100);
    expect(expectedMinutes(undefined, [cy], 45)).toBe(45);
  });
});
