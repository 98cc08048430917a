import { compareText } from '../domain/compare-text.js';
import type { Outcome } from '../domain/outcome.js';
import type { TaskCategory } from '../domain/task.js';
import { createComparedPolicies, perPolicy } from './compared-policies.js';
import { hindsightOf } from './hindsight.js';
import { inTimeOrder } from './in-time-order.js';
import { createStatsBook } from './stats-book.js';
import type { ComparedPolicy, Evaluation, LearningOptions, PolicyEvaluation } from './types.js';
import { COMPARED_POLICIES } from './types.js';

export type { Evaluation };

/** Rates this close count as equal when deciding whether a pick was a best one. */
const RATE_EPSILON = 1e-12;

/**
 * Replays one workspace's logged outcomes in time order and scores each compared policy against a
 * hindsight oracle (`hindsightOf`: Laplace rates over the whole log). Before each outcome is
 * learned, every policy picks among the assignees seen in the log so far (any category, the
 * actual assignee included); regret += best rate of the category − rate of the pick. Then all
 * policies learn the logged outcome, whoever they picked.
 *
 * That last step is an off-policy approximation: the log only says how the actual assignee did,
 * so every policy learns from the same evidence and regret is read from hindsight rates, not from
 * outcomes the picks would have produced. It measures how well a rule uses the evidence, not how
 * well it gathers it — exploration costs here and earns nothing (see `simulateTeam` for that).
 * Policies draw from rngs derived from `seed`, so a replay is repeatable.
 */
export function evaluateRouting(
  outcomes: readonly Outcome[],
  options: LearningOptions,
  seed: number | string,
): Evaluation {
  const ordered = inTimeOrder(outcomes);
  const hindsight = hindsightOf(ordered);
  const bestRate = new Map(hindsight.best.map((b) => [b.category, b.rate]));
  const choosers = createComparedPolicies(seed, options);
  const book = createStatsBook(options.halfLifeDays);
  const totals = perPolicy(() => ({ regret: 0, hits: 0 }));
  const seen = new Set<string>();
  const categories = new Set<TaskCategory>();
  let names: string[] = [];

  for (const outcome of ordered) {
    const { category } = outcome;
    categories.add(category);
    if (!seen.has(outcome.assignee)) {
      seen.add(outcome.assignee);
      names = [...seen].sort(compareText);
    }
    const best = bestRate.get(category) ?? 0;
    const stats = book.of(category);
    for (const policy of COMPARED_POLICIES) {
      const chosen = choosers[policy](category, names, stats, outcome.at);
      const rate = hindsight.rate(category, chosen);
      const total = totals[policy];
      total.regret += Math.max(0, best - rate);
      if (rate >= best - RATE_EPSILON) total.hits += 1;
    }
    book.record(outcome);
  }

  const n = ordered.length;
  const score = (policy: ComparedPolicy): PolicyEvaluation => {
    const { regret, hits } = totals[policy];
    return {
      cumulativeRegret: regret,
      meanRegret: n === 0 ? 0 : regret / n,
      bestShare: n === 0 ? 0 : hits / n,
      tasks: n,
    };
  };
  return {
    outcomes: n,
    categories: categories.size,
    assignees: seen.size,
    best: hindsight.best,
    policies: perPolicy(score),
  };
}
