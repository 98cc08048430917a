import { describe, expect, it } from 'vitest';
import { evaluateRouting } from '../../../src/learning/evaluate.js';
import { COMPARED_POLICIES, DEFAULT_LEARNING_OPTIONS } from '../../../src/learning/types.js';
import { day, outcome } from './outcomes.js';

const options = DEFAULT_LEARNING_OPTIONS;

/** adam fails every revenue task, zoe succeeds at every one; they alternate daily, adam first. */
const alternating = Array.from({ length: 8 }, (_, i) =>
  i % 2 === 0 ? outcome('adam', false, { at: day(i) }) : outcome('zoe', true, { at: day(i) }),
);
const GAP = 5 / 6 - 1 / 6; // hindsight Laplace rates: zoe (1 + 4) / 6, adam 1 / 6

describe('evaluateRouting', () => {
  it('returns zeros, not NaN, for an empty log', () => {
    const e = evaluateRouting([], options, 1);
    expect(e.outcomes).toBe(0);
    expect(e.categories).toBe(0);
    expect(e.best).toEqual([]);
    for (const policy of COMPARED_POLICIES) {
      expect(e.policies[policy]).toEqual({ cumulativeRegret: 0, meanRegret: 0, bestShare: 0, tasks: 0 });
    }
  });

  it('finds the best assignee of each category in hindsight by Laplace rate', () => {
    const e = evaluateRouting(alternating, options, 1);
    expect(e.best).toEqual([{ category: 'revenue', assignee: 'zoe', rate: 5 / 6, samples: 4 }]);
    expect(e.outcomes).toBe(8);
    expect(e.categories).toBe(1);
  });

  it('charges no regret when only one assignee was ever seen', () => {
    const solo = [outcome('ana', true, { at: day(0) }), outcome('ana', false, { at: day(1) })];
    for (const p of Object.values(evaluateRouting(solo, options, 1).policies)) {
      expect(p).toEqual({ cumulativeRegret: 0, meanRegret: 0, bestShare: 1, tasks: 2 });
    }
  });

  it("scores the seed's rule by hand: first name until 3 outcomes, then the best raw rate", () => {
    // adam is picked at days 0–5 (first by name, then the only one with 3 outcomes); zoe from day 6,
    // once she has 3.
    const rule = evaluateRouting(alternating, options, 1).policies['seed-rule'];
    expect(rule.cumulativeRegret).toBeCloseTo(6 * GAP, 12);
    expect(rule.meanRegret).toBeCloseTo((6 * GAP) / 8, 12);
    expect(rule.bestShare).toBe(2 / 8);
  });

  it('scores greedy by hand: only the first task, before zoe is seen, is lost', () => {
    const greedy = evaluateRouting(alternating, options, 1).policies.greedy;
    expect(greedy.cumulativeRegret).toBeCloseTo(GAP, 12);
    expect(greedy.bestShare).toBe(7 / 8);
  });

  it('keeps Thompson and random between the unavoidable first loss and always wrong, repeatably', () => {
    const e = evaluateRouting(alternating, options, 'seed');
    for (const policy of ['goalpost', 'random'] as const) {
      expect(e.policies[policy].cumulativeRegret).toBeGreaterThanOrEqual(GAP - 1e-12);
      expect(e.policies[policy].cumulativeRegret).toBeLessThanOrEqual(8 * GAP + 1e-12);
    }
    expect(evaluateRouting(alternating, options, 'seed')).toEqual(e);
    expect(evaluateRouting([...alternating].reverse(), options, 'seed')).toEqual(e);
  });

  it('counts an assignee who never did a category at 0.5 in hindsight, so regret is never negative', () => {
    const log = [
      outcome('adam', false, { at: day(0) }),
      outcome('adam', false, { at: day(1) }),
      outcome('zoe', true, { at: day(2), category: 'bugfix' }),
      outcome('adam', false, { at: day(3) }),
    ];
    const e = evaluateRouting(log, options, 1);
    expect(e.best).toEqual([
      { category: 'bugfix', assignee: 'zoe', rate: 2 / 3, samples: 1 },
      { category: 'revenue', assignee: 'zoe', rate: 0.5, samples: 0 },
    ]);
    for (const p of Object.values(e.policies)) expect(p.cumulativeRegret).toBeGreaterThanOrEqual(0);
    // The seed's rule picks adam (first by name) every time: revenue 0.5 − 0.2 three times, and the
    // bugfix task 2/3 − 0.5.
    expect(e.policies['seed-rule'].cumulativeRegret).toBeCloseTo(3 * 0.3 + 1 / 6, 12);
    expect(e.policies['seed-rule'].bestShare).toBe(0);
  });
});
