import type { LearningOptions, PairStats, Posterior } from './types.js';
import { decayedAt } from './update-stats.js';

type PosteriorOptions = Pick<LearningOptions, 'halfLifeDays' | 'priorStrength'>;

/**
 * The category's pooled success rate at `now`: decayed successes and failures of every assignee,
 * smoothed with Beta(1, 1): (1 + Σs) / (2 + Σs + Σf). 0.5 for a category nobody has done yet.
 */
export function categoryPriorMean(
  categoryStats: readonly PairStats[],
  now: string,
  halfLifeDays: number,
): number {
  let successes = 0;
  let failures = 0;
  for (const stats of categoryStats) {
    const decayed = decayedAt(stats, now, halfLifeDays);
    successes += decayed.successes;
    failures += decayed.failures;
  }
  return (1 + successes) / (2 + successes + failures);
}

/**
 * The Beta posterior of a pair's success rate at `now`. Prior Beta(m·s, (1 − m)·s), m = the
 * category's pooled rate (`categoryPriorMean`, which includes the pair itself — empirical Bayes),
 * s = priorStrength; then alpha = m·s + decayed successes, beta = (1 − m)·s + decayed failures.
 * A newcomer (`pair` undefined) gets the prior alone.
 * @throws RangeError when priorStrength is not positive (a newcomer would have no distribution).
 */
export function posteriorFor(
  pair: PairStats | undefined,
  categoryStats: readonly PairStats[],
  now: string,
  options: PosteriorOptions,
): Posterior {
  if (!(options.priorStrength > 0)) {
    throw new RangeError(`priorStrength must be > 0, got ${options.priorStrength}`);
  }
  const priorMean = categoryPriorMean(categoryStats, now, options.halfLifeDays);
  const decayed =
    pair === undefined ? { successes: 0, failures: 0 } : decayedAt(pair, now, options.halfLifeDays);
  const alpha = priorMean * options.priorStrength + decayed.successes;
  const beta = (1 - priorMean) * options.priorStrength + decayed.failures;
  const total = alpha + beta;
  return {
    alpha,
    beta,
    mean: alpha / total,
    sd: Math.sqrt((alpha * beta) / (total * total * (total + 1))),
    priorMean,
    evidence: decayed.successes + decayed.failures,
  };
}

/**
 * Expected minutes to finish: the pair's mean over its timed outcomes, else the category's mean
 * over all assignees, else `defaultMinutes`.
 */
export function expectedMinutes(
  pair: PairStats | undefined,
  categoryStats: readonly PairStats[],
  defaultMinutes: number,
): number {
  if (pair !== undefined && pair.minutesCount > 0) return pair.minutesSum / pair.minutesCount;
  let sum = 0;
  let count = 0;
  for (const stats of categoryStats) {
    sum += stats.minutesSum;
    count += stats.minutesCount;
  }
  return count > 0 ? sum / count : defaultMinutes;
}
