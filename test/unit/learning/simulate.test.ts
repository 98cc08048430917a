import { describe, expect, it } from 'vitest';
import { simulateTeam } from '../../../src/learning/simulate.js';

describe('simulateTeam', () => {
  const run = simulateTeam({ seed: 42 });
  const { goalpost, greedy, random } = run.policies;
  const rule = run.policies['seed-rule'];

  it('spreads true skills over 0.3–0.9 per category and swaps one category’s best and worst half-way', () => {
    expect(run.tasks).toBe(600);
    expect(run.changeAtTask).toBe(300);
    expect(run.truth).toHaveLength(15);
    for (const category of ['revenue', 'bugfix', 'automation'] as const) {
      const before = run.truth.filter((t) => t.category === category).map((t) => t.before);
      expect([...before].sort()).toEqual([0.3, 0.45, 0.6, 0.75, 0.9]);
    }
    const changed = run.truth.filter((t) => t.before !== t.after);
    expect(changed).toHaveLength(2);
    expect(changed.every((t) => t.category === run.changedCategory)).toBe(true);
    expect(changed.map((t) => [t.before, t.after]).sort()).toEqual([
      [0.3, 0.9],
      [0.9, 0.3],
    ]);
  });

  it("gives Goalpost's routing lower true regret than the seed's rule and than random", () => {
    expect(goalpost.cumulativeRegret).toBeLessThan(rule.cumulativeRegret);
    expect(goalpost.cumulativeRegret).toBeLessThan(random.cumulativeRegret);
    expect(goalpost.bestShare).toBeGreaterThan(rule.bestShare);
    expect(goalpost.successes).toBeGreaterThan(rule.successes);
  });

  it("recovers from the skill change better than the seed's rule", () => {
    expect(goalpost.regretAfterChange).toBeLessThan(rule.regretAfterChange);
    expect(goalpost.regretAfterChange).toBeLessThanOrEqual(goalpost.cumulativeRegret);
  });

  it("beats the seed's rule on other seeds too", () => {
    for (const seed of [1, 2, 3]) {
      const { policies } = simulateTeam({ seed });
      expect(policies.goalpost.cumulativeRegret).toBeLessThan(policies['seed-rule'].cumulativeRegret);
    }
  });

  it('is repeatable for a seed', () => {
    expect(simulateTeam({ seed: 42 })).toEqual(run);
    expect(greedy.cumulativeRegret).toBeGreaterThan(0);
  });

  it('charges no regret when there is nobody to choose between', () => {
    const solo = simulateTeam({ seed: 7, assignees: 1, tasks: 50 });
    for (const p of Object.values(solo.policies)) {
      expect(p.cumulativeRegret).toBe(0);
      expect(p.bestShare).toBe(1);
    }
  });

  it('refuses an empty category list', () => {
    expect(() => simulateTeam({ seed: 1, categories: [] })).toThrow(RangeError);
  });
});
