import type { TaskCategory } from '../domain/task.js';
import { compareText } from './compare-text.js';
import { expectedMinutes, posteriorFor } from './posterior.js';
import { routeReason } from './route-reason.js';
import type {
  LearningOptions,
  PairStats,
  Posterior,
  Rng,
  RouteDecision,
  RoutingCandidate,
  RoutingPolicy,
} from './types.js';

/** How far above the posterior mean the `ucb` policy looks, in standard deviations. */
export const UCB_SDS = 1.5;

export interface ChooseAssigneeInput {
  category: TaskCategory;
  candidates: readonly RoutingCandidate[];
  /** Statistics of any pairs; only this category's are read. */
  stats: readonly PairStats[];
  /** ISO time the decayed counts are read at. */
  now: string;
  policy: RoutingPolicy;
  rng: Rng;
  options: LearningOptions;
}

interface Scored {
  candidate: RoutingCandidate;
  posterior: Posterior;
  samples: number;
  minutes: number;
  value: number;
  utility: number;
  meanUtility: number;
}

/**
 * Picks who should take a task of `category`. Candidates at capacity (openTasks ≥ capacity) are
 * skipped; null when nobody is free. Each free candidate's policy value — a Thompson draw from
 * the Beta posterior, its mean + 1.5·sd (ucb), or its mean (greedy) — is multiplied by a time
 * factor 2·ref / (ref + expected minutes), ref = the median expected minutes of the free
 * candidates, so faster counts but success dominates. Highest utility wins; ties go to the
 * first name. Candidates are visited in name order, so the result depends only on the inputs
 * and the rng's state.
 */
export function chooseAssignee(input: ChooseAssigneeInput): RouteDecision | null {
  const { category, now, options } = input;
  const free = [...input.candidates]
    .filter((c) => c.openTasks < c.capacity)
    .sort((a, b) => compareText(a.name, b.name));
  if (free.length === 0) return null;

  const categoryStats = input.stats.filter((s) => s.category === category);
  const byAssignee = new Map(categoryStats.map((s) => [s.assignee, s]));
  const facts = free.map((candidate) => {
    const pair = byAssignee.get(candidate.name);
    return {
      candidate,
      posterior: posteriorFor(pair, categoryStats, now, options),
      samples: pair === undefined ? 0 : pair.successes + pair.failures,
      minutes: expectedMinutes(pair, categoryStats, options.defaultMinutes),
    };
  });

  const ref = median(facts.map((f) => f.minutes));
  const scored: Scored[] = facts.map((f) => {
    const timeFactor = ref + f.minutes > 0 ? (2 * ref) / (ref + f.minutes) : 1;
    const value = policyValue(input.policy, f.posterior, input.rng);
    return { ...f, value, utility: value * timeFactor, meanUtility: f.posterior.mean * timeFactor };
  });

  const chosen = argmax(scored, (s) => s.utility);
  const favourite = argmax(scored, (s) => s.meanUtility);
  const explored = chosen !== favourite;
  const { candidate, posterior } = chosen;
  return {
    assignee: candidate.name,
    expectedSuccess: posterior.mean,
    policyValue: chosen.value,
    utility: chosen.utility,
    evidence: posterior.evidence,
    samples: chosen.samples,
    expectedMinutes: chosen.minutes,
    openTasks: candidate.openTasks,
    capacity: candidate.capacity,
    explored,
    reason: routeReason({
      assignee: candidate.name,
      category,
      posterior,
      samples: chosen.samples,
      minutes: chosen.minutes,
      openTasks: candidate.openTasks,
      capacity: candidate.capacity,
      teamHasRecord: categoryStats.some((s) => s.decayedSuccesses + s.decayedFailures > 0),
      favourite: explored ? { assignee: favourite.candidate.name, mean: favourite.posterior.mean } : null,
    }),
  };
}

function policyValue(policy: RoutingPolicy, posterior: Posterior, rng: Rng): number {
  switch (policy) {
    case 'thompson':
      return rng.beta(posterior.alpha, posterior.beta);
    case 'ucb':
      return posterior.mean + UCB_SDS * posterior.sd;
    case 'greedy':
      return posterior.mean;
  }
}

/** The first item with the highest key (items are in name order, so ties go to the first name). */
function argmax<T>(items: readonly T[], keyOf: (item: T) => number): T {
  // Callers pass a non-empty array, so reduce without a seed never throws here.
  return items.reduce((best, item) => (keyOf(item) > keyOf(best) ? item : best));
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const upper = sorted[mid] ?? 0;
  return sorted.length % 2 === 1 ? upper : ((sorted[mid - 1] ?? upper) + upper) / 2;
}
