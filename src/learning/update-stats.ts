import { compareText } from '../domain/compare-text.js';
import { isTimed, type Outcome, type PairStats } from '../domain/outcome.js';
import type { TaskCategory } from '../domain/task.js';
import { DAY_MS, parseInstant } from '../engine/dates.js';
import { instantAt, instantsOf, outcomeAt, timeOrderOf } from './in-time-order.js';

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
  const running = runningStatsOf(base);
  addOutcome(running, outcome, at, halfLifeDays);
  // Spread `base` first so anything else it carries is kept, as before.
  return { ...base, ...pairStatsOf(running) };
}

/**
 * A pair's statistics while outcomes are being added: mutable, with `decayAt` and `lastAt` also
 * kept in epoch milliseconds so no instant is parsed more than once. `applyOutcome` and
 * `rebuildStats` both add outcomes through `addOutcome`, so they share one set of arithmetic; a
 * recorded outcome is added by the same rules in SQL (addOutcome in store/learning-repository.ts).
 */
interface RunningStats {
  category: TaskCategory;
  assignee: string;
  successes: number;
  failures: number;
  decayedSuccesses: number;
  decayedFailures: number;
  decayAt: string;
  decayAtMs: number;
  minutesSum: number;
  minutesCount: number;
  lastAt: string;
  lastAtMs: number;
}

function runningStatsOf(stats: PairStats): RunningStats {
  return {
    category: stats.category,
    assignee: stats.assignee,
    successes: stats.successes,
    failures: stats.failures,
    decayedSuccesses: stats.decayedSuccesses,
    decayedFailures: stats.decayedFailures,
    decayAt: stats.decayAt,
    decayAtMs: parseInstant(stats.decayAt, 'decayAt'),
    minutesSum: stats.minutesSum,
    minutesCount: stats.minutesCount,
    lastAt: stats.lastAt,
    lastAtMs: parseInstant(stats.lastAt, 'lastAt'),
  };
}

/** Running statistics of a pair whose first outcome is `outcome`, at `at` (its parsed time). */
function emptyRunningStats(outcome: Outcome, at: number): RunningStats {
  return {
    category: outcome.category,
    assignee: outcome.assignee,
    successes: 0,
    failures: 0,
    decayedSuccesses: 0,
    decayedFailures: 0,
    decayAt: outcome.at,
    decayAtMs: at,
    minutesSum: 0,
    minutesCount: 0,
    lastAt: outcome.at,
    lastAtMs: at,
  };
}

/**
 * Adds one outcome (at `at`, its parsed time) to running statistics in place; the rules are the
 * ones `applyOutcome` documents.
 */
function addOutcome(running: RunningStats, outcome: Outcome, at: number, halfLifeDays: number): void {
  const days = (at - running.decayAtMs) / DAY_MS;
  let weight = 1;
  if (days >= 0) {
    const factor = decayFactor(days, halfLifeDays);
    running.decayedSuccesses *= factor;
    running.decayedFailures *= factor;
    running.decayAt = outcome.at;
    running.decayAtMs = at;
  } else {
    weight = decayFactor(-days, halfLifeDays);
  }

  if (outcome.success) {
    running.successes += 1;
    running.decayedSuccesses += weight;
  } else {
    running.failures += 1;
    running.decayedFailures += weight;
  }
  if (isTimed(outcome.minutes)) {
    running.minutesSum += outcome.minutes;
    running.minutesCount += 1;
  }
  if (at > running.lastAtMs) {
    running.lastAt = outcome.at;
    running.lastAtMs = at;
  }
}

function pairStatsOf(running: RunningStats): PairStats {
  return {
    category: running.category,
    assignee: running.assignee,
    successes: running.successes,
    failures: running.failures,
    decayedSuccesses: running.decayedSuccesses,
    decayedFailures: running.decayedFailures,
    decayAt: running.decayAt,
    minutesSum: running.minutesSum,
    minutesCount: running.minutesCount,
    lastAt: running.lastAt,
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

/**
 * Rebuilds every pair's statistics from the whole outcome log: `applyOutcome` folded over the
 * outcomes in time order (ties keep input order). Pure, so it gives the same result however often
 * it runs — unlike the seed, which re-added its window on every `--learn`. Sorted by category, then
 * assignee.
 *
 * It runs over logs of a million outcomes, so it does the fold's work without the fold's
 * overhead: each `at` is parsed once, a log already in time order is not sorted, and each pair
 * is updated in place (same arithmetic as `applyOutcome`, so the same numbers).
 */
export function rebuildStats(outcomes: readonly Outcome[], halfLifeDays: number): PairStats[] {
  const times = instantsOf(outcomes);
  const pairs = new Map<string, Map<string, RunningStats>>();
  for (const index of timeOrderOf(times)) {
    const outcome = outcomeAt(outcomes, index);
    const at = instantAt(times, index);
    const running = runningStatsFor(pairs, outcome, at);
    addOutcome(running, outcome, at, halfLifeDays);
  }
  const rebuilt: PairStats[] = [];
  for (const byAssignee of pairs.values()) {
    for (const running of byAssignee.values()) rebuilt.push(pairStatsOf(running));
  }
  return rebuilt.sort(comparePairs);
}

/** The running statistics of the outcome's pair in `pairs` (category → assignee), added if new. */
function runningStatsFor(
  pairs: Map<string, Map<string, RunningStats>>,
  outcome: Outcome,
  at: number,
): RunningStats {
  let byAssignee = pairs.get(outcome.category);
  if (byAssignee === undefined) {
    byAssignee = new Map();
    pairs.set(outcome.category, byAssignee);
  }
  let running = byAssignee.get(outcome.assignee);
  if (running === undefined) {
    running = emptyRunningStats(outcome, at);
    byAssignee.set(outcome.assignee, running);
  }
  return running;
}

/** Orders statistics by category, then assignee (code-unit order, locale-independent). */
export function comparePairs(a: PairStats, b: PairStats): number {
  return compareText(a.category, b.category) || compareText(a.assignee, b.assignee);
}
