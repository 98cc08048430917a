import type { TaskCategory } from '../domain/task.js';
import { DAY_MS, parseInstant } from '../engine/dates.js';
import { compareText } from './compare-text.js';
import { inTimeOrder } from './in-time-order.js';
import type { Outcome, PairStats } from './types.js';

/** The weight left after `days` with the given half-life: 0.5^(days / halfLifeDays). */
export function decayFactor(days: number, halfLifeDays: number): number {
  if (!(halfLifeDays > 0)) throw new RangeError(`halfLifeDays must be > 0, got ${halfLifeDays}`);
  return 0.5 ** (days / halfLifeDays);
}

/** Statistics of a pair with no outcomes yet, with decayed counts referenced to `at`. */
export function emptyStats(category: TaskCategory, assignee: string, at: string): PairStats {
  return {
    category,
    assignee,
    successes: 0,
    failures: 0,
    decayedSuccesses: 0,
    decayedFailures: 0,
    decayAt: at,
    minutesSum: 0,
    minutesCount: 0,
    lastAt: at,
  };
}

/**
 * Adds one outcome to a pair's statistics in O(1) and returns new statistics (the input is not
 * changed). Decayed counts are first aged from `decayAt` to the outcome's time by
 * 0.5^(Δdays / halfLifeDays), then the outcome adds 1. An outcome older than `decayAt` (out of
 * order) adds its weight at `decayAt`, 0.5^(age / halfLifeDays), and `decayAt` stays. Raw counts
 * and minutes always add. Recording the same task twice is the caller's to prevent.
 * @throws RangeError when `stats` belongs to another pair or halfLifeDays is not positive.
 */
export function applyOutcome(stats: PairStats | null, outcome: Outcome, halfLifeDays: number): PairStats {
  const base = stats ?? emptyStats(outcome.category, outcome.assignee, outcome.at);
  if (base.category !== outcome.category || base.assignee !== outcome.assignee) {
    throw new RangeError(
      `outcome of ${outcome.category}/${outcome.assignee} applied to ${base.category}/${base.assignee}`,
    );
  }
  const at = parseInstant(outcome.at, 'outcome.at');
  const decayAt = parseInstant(base.decayAt, 'decayAt');
  const days = (at - decayAt) / DAY_MS;

  let { decayedSuccesses, decayedFailures } = base;
  let weight = 1;
  let nextDecayAt = base.decayAt;
  if (days >= 0) {
    const factor = decayFactor(days, halfLifeDays);
    decayedSuccesses *= factor;
    decayedFailures *= factor;
    nextDecayAt = outcome.at;
  } else {
    weight = decayFactor(-days, halfLifeDays);
  }

  const timed = outcome.minutes !== null && Number.isFinite(outcome.minutes) && outcome.minutes >= 0;
  return {
    ...base,
    successes: base.successes + (outcome.success ? 1 : 0),
    failures: base.failures + (outcome.success ? 0 : 1),
    decayedSuccesses: decayedSuccesses + (outcome.success ? weight : 0),
    decayedFailures: decayedFailures + (outcome.success ? 0 : weight),
    decayAt: nextDecayAt,
    minutesSum: base.minutesSum + (timed ? (outcome.minutes ?? 0) : 0),
    minutesCount: base.minutesCount + (timed ? 1 : 0),
    lastAt: at > parseInstant(base.lastAt, 'lastAt') ? outcome.at : base.lastAt,
  };
}

/**
 * The decayed counts of a pair read at `now`. A `now` before `decayAt` reads them at `decayAt`
 * (later outcomes cannot be taken back out).
 */
export function decayedAt(
  stats: PairStats,
  now: string,
  halfLifeDays: number,
): { successes: number; failures: number } {
  const days = Math.max(0, (parseInstant(now, 'now') - parseInstant(stats.decayAt, 'decayAt')) / DAY_MS);
  const factor = decayFactor(days, halfLifeDays);
  return { successes: stats.decayedSuccesses * factor, failures: stats.decayedFailures * factor };
}

const pairKey = (category: string, assignee: string): string => `${category}\u0000${assignee}`;

/**
 * Rebuilds every pair's statistics from the whole outcome log: `applyOutcome` folded over the
 * outcomes in time order (ties keep input order). Pure, so it gives the same result however often
 * it runs — unlike the seed, which re-added its window on every `--learn`. Sorted by category, then
 * assignee.
 */
export function rebuildStats(outcomes: readonly Outcome[], halfLifeDays: number): PairStats[] {
  const byPair = new Map<string, PairStats>();
  for (const outcome of inTimeOrder(outcomes)) {
    const key = pairKey(outcome.category, outcome.assignee);
    byPair.set(key, applyOutcome(byPair.get(key) ?? null, outcome, halfLifeDays));
  }
  return [...byPair.values()].sort(comparePairs);
}

/** Orders statistics by category, then assignee (code-unit order, locale-independent). */
export function comparePairs(a: PairStats, b: PairStats): number {
  return compareText(a.category, b.category) || compareText(a.assignee, b.assignee);
}
