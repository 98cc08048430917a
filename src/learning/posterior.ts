import type { PairStats } from '../domain/outcome.js';
import type { LearningOptions, Posterior } from './types.js';
import { decayedAt } from './update-stats.js';

type PosteriorOptions = Pick<LearningOptions, 'halfLifeDays' | 'priorStrength'>;

/** Decayed successes and failures read at some instant. */
export interface DecayedCounts {
  successes: number;
  failures: number;
}

/**
 * The category's pooled success rate at `now`: decayed successes and failures of every assignee,
 * smoothed with Beta(1, 1): (1 + Σs) / (2 + Σs + Σf). 0.5 for a category nobody has done yet.
 */
export function categoryPriorMean(
  categoryStats: readonly PairStats[],
  now: string,
  halfLifeDays: number,
): number {
  return pooledPriorMean(categoryStats.map((stats) => decayedAt(stats, now, halfLifeDays)));
}

/**
 * `categoryPriorMean` from counts already read at `now` (one per pair, in the same order), so a
 * caller that needs every pair's decayed counts anyway reads each of them only once.
 */
export function pooledPriorMean(decayed: readonly DecayedCounts[]): number {
  let successes = 0;
  let failures = 0;
  for (const counts of decayed) {
    successes += counts.successes;
    failures += counts.failures;
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
  assertPriorStrength(options.priorStrength);
  const priorMean = categoryPriorMean(categoryStats, now, options.halfLifeDays);
  const decayed = pair === undefined ? NO_COUNTS : decayedAt(pair, now, options.halfLifeDays);
  return posteriorOf(decayed, priorMean, options.priorStrength);
}

const NO_COUNTS: DecayedCounts = { successes: 0, failures: 0 };

/**
 * Refuses a priorStrength that is not positive (a newcomer would have no distribution).
 * @throws RangeError
 */
export function assertPriorStrength(priorStrength: number): void {
  if (!(priorStrength > 0)) {
    throw new RangeError(`priorStrength must be > 0, got ${priorStrength}`);
  }
}

/**
 * The posterior `posteriorFor` describes, from the pair's decayed counts (`undefined` for a
 * newcomer) and the category's pooled prior mean; lets routing read each pair's counts once per
 * decision instead of once per candidate. priorStrength must already be checked.
 */
export function posteriorOf(
  decayed: DecayedCounts | undefined,
  priorMean: number,
  priorStrength: number,
): Posterior {
  const counts = decayed ?? NO_COUNTS;
  const alpha = priorMean * priorStrength + counts.successes;
  const beta = (1 - priorMean) * priorStrength + counts.failures;
  const total = alpha + beta;
  return {
    alpha,
    beta,
    mean: alpha / total,
    sd: Math.sqrt((alpha * beta) / (total * total * (total + 1))),
    priorMean,
    evidence: counts.successes + counts.failures,
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
  return pairMinutes(pair) ?? categoryMinutes(categoryStats, defaultMinutes);
}

/** The pair's mean minutes over its timed outcomes; null for a newcomer or a pair never timed. */
export function pairMinutes(pair: PairStats | undefined): number | null {
  if (pair !== undefined && pair.minutesCount > 0) return pair.minutesSum / pair.minutesCount;
  return null;
}

/**
 * The category's mean minutes over every assignee's timed outcomes, else `defaultMinutes`: the
 * fallback of `expectedMinutes`, which routing computes once per decision.
 */
export function categoryMinutes(categoryStats: readonly PairStats[], defaultMinutes: number): number {
  let sum = 0;
  let count = 0;
  for (const stats of categoryStats) {
    sum += stats.minutesSum;
    count += stats.minutesCount;
  }
  return count > 0 ? sum / count : defaultMinutes;
}
