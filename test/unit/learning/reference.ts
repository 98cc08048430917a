// Straightforward reference versions of the learning code's fast paths, written the plain way (as
// the code first was): the tests check that the fast versions give exactly the same results.

import { compareText } from '../../../src/domain/compare-text.js';
import type { Outcome, PairStats } from '../../../src/domain/outcome.js';
import { TASK_CATEGORIES, type TaskCategory } from '../../../src/domain/task.js';
import { parseInstant } from '../../../src/engine/dates.js';
import { createRng } from '../../../src/learning/random.js';
import { type MinutesFrom, routeReason, slotsInUse } from '../../../src/learning/route-reason.js';
import type {
  LearningOptions,
  Posterior,
  Rng,
  RouteDecision,
  RoutingCandidate,
  RoutingPolicy,
} from '../../../src/learning/types.js';
import { T0 } from './outcomes.js';

const DAY_MS = 86_400_000;

/** Stable sort by parsed time, re-parsing in the comparator. */
export function referenceTimeOrder(outcomes: readonly Outcome[]): Outcome[] {
  return outcomes
    .map((outcome, index) => ({ outcome, index }))
    .sort((a, b) => parseInstant(a.outcome.at) - parseInstant(b.outcome.at) || a.index - b.index)
    .map(({ outcome }) => outcome);
}

/** `applyOutcome` as first written: immutable, every instant parsed from its text. */
export function referenceApply(stats: PairStats | null, outcome: Outcome, halfLifeDays: number): PairStats {
  const base: PairStats = stats ?? {
    category: outcome.category,
    assignee: outcome.assignee,
    successes: 0,
    failures: 0,
    decayedSuccesses: 0,
    decayedFailures: 0,
    decayAt: outcome.at,
    minutesSum: 0,
    minutesCount: 0,
    lastAt: outcome.at,
  };
  const at = parseInstant(outcome.at);
  const days = (at - parseInstant(base.decayAt)) / DAY_MS;
  let { decayedSuccesses, decayedFailures } = base;
  let weight = 1;
  let decayAt = base.decayAt;
  if (days >= 0) {
    const factor = 0.5 ** (days / halfLifeDays);
    decayedSuccesses *= factor;
    decayedFailures *= factor;
    decayAt = outcome.at;
  } else {
    weight = 0.5 ** (-days / halfLifeDays);
  }
  const timed = outcome.minutes !== null && Number.isFinite(outcome.minutes) && outcome.minutes >= 0;
  return {
    ...base,
    successes: base.successes + (outcome.success ? 1 : 0),
    failures: base.failures + (outcome.success ? 0 : 1),
    decayedSuccesses: decayedSuccesses + (outcome.success ? weight : 0),
    decayedFailures: decayedFailures + (outcome.success ? 0 : weight),
    decayAt,
    minutesSum: base.minutesSum + (timed ? (outcome.minutes ?? 0) : 0),
    minutesCount: base.minutesCount + (timed ? 1 : 0),
    lastAt: at > parseInstant(base.lastAt) ? outcome.at : base.lastAt,
  };
}

/** `rebuildStats` as first written: the reference fold over the reference time order. */
export function referenceRebuild(outcomes: readonly Outcome[], halfLifeDays: number): PairStats[] {
  const byPair = new Map<string, PairStats>();
  for (const outcome of referenceTimeOrder(outcomes)) {
    const key = `${outcome.category}\u0000${outcome.assignee}`;
    byPair.set(key, referenceApply(byPair.get(key) ?? null, outcome, halfLifeDays));
  }
  return [...byPair.values()].sort(
    (a, b) => compareText(a.category, b.category) || compareText(a.assignee, b.assignee),
  );
}

/** The ISO instant `ms` after T0, written one of several ways that all mean the same instant. */
function spelled(ms: number, style: number): string {
  const iso = new Date(Date.parse(T0) + ms).toISOString();
  if (style === 0) return iso.replace('.000Z', 'Z');
  if (style === 1) return iso.replace('Z', '+00:00');
  if (style === 2 && iso.endsWith('T00:00:00.000Z')) return iso.slice(0, 10);
  return iso;
}

/**
 * A random outcome log: a few categories and assignees, times spread over ~200 days with many
 * out of order, repeated instants (some spelled differently), and minutes that are null,
 * negative, NaN or real. `shuffle` 0 keeps it in time order.
 */
export function randomLog(seed: number, length: number, shuffle = 0.3): Outcome[] {
  const rng = createRng(seed);
  const categories = TASK_CATEGORIES.slice(0, 3);
  let clock = 0;
  return Array.from({ length }, () => {
    clock += rng.next() < 0.2 ? 0 : Math.floor(rng.next() * 4) * 3 * 3_600_000;
    const late = rng.next() < shuffle ? Math.floor(rng.next() * 60) * DAY_MS : 0;
    return {
      category: pick(rng, categories),
      assignee: pick(rng, ['ana', 'ben', 'cy', 'dee', 'eve']),
      success: rng.next() < 0.6,
      minutes: randomMinutes(rng),
      at: spelled(Math.max(0, clock - late), rng.int(4)),
    };
  });
}

function randomMinutes(rng: Rng): number | null {
  const roll = rng.next();
  if (roll < 0.3) return null;
  if (roll < 0.35) return -5;
  if (roll < 0.4) return Number.NaN;
  return Math.floor(rng.next() * 240);
}

function pick<T>(rng: Rng, items: readonly T[]): T {
  const item = items[rng.int(items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

/** Random pair statistics of several categories, with newcomers, untimed pairs and a duplicate. */
export function randomStats(seed: number): PairStats[] {
  const rng = createRng(`${seed}:stats`);
  const stats: PairStats[] = [];
  for (const category of TASK_CATEGORIES.slice(0, 3)) {
    for (const assignee of ['ana', 'ben', 'cy', 'dee', 'eve', 'fay']) {
      if (rng.next() < 0.3) continue;
      const successes = rng.int(30);
      const failures = rng.int(30);
      const minutesCount = rng.next() < 0.3 ? 0 : rng.int(successes + failures + 1);
      stats.push({
        category,
        assignee,
        successes,
        failures,
        decayedSuccesses: successes * rng.next(),
        decayedFailures: failures * rng.next(),
        decayAt: new Date(Date.parse(T0) + rng.int(90) * DAY_MS).toISOString(),
        minutesSum: minutesCount * (5 + rng.int(200)),
        minutesCount,
        lastAt: T0,
      });
    }
  }
  const again = stats[rng.int(stats.length)];
  if (again !== undefined) stats.push({ ...again, successes: again.successes + 1, decayedSuccesses: 0.5 });
  return stats;
}

interface ReferenceInput {
  category: TaskCategory;
  candidates: readonly RoutingCandidate[];
  stats: readonly PairStats[];
  now: string;
  policy: RoutingPolicy;
  rng: Rng;
  options: LearningOptions;
}

/** `chooseAssignee` as first written: each candidate's posterior re-reads the whole category. */
export function referenceChoose(input: ReferenceInput): RouteDecision | null {
  const { category, now, options } = input;
  const free = [...input.candidates]
    .filter((c) => c.openTasks < c.capacity)
    .sort((a, b) => compareText(a.name, b.name));
  if (free.length === 0) return null;
  const categoryStats = input.stats.filter((s) => s.category === category);
  const byAssignee = new Map(categoryStats.map((s) => [s.assignee, s]));
  const scoredBase = free.map((candidate) => {
    const pair = byAssignee.get(candidate.name);
    return {
      candidate,
      posterior: referencePosterior(pair, categoryStats, now, options),
      samples: pair === undefined ? 0 : pair.successes + pair.failures,
      minutes: referenceMinutes(pair, categoryStats, options.defaultMinutes),
      minutesFrom: (pair !== undefined && pair.minutesCount > 0
        ? 'own'
        : categoryStats.some((s) => s.minutesCount > 0)
          ? 'team'
          : 'default') as MinutesFrom,
    };
  });
  const sortedMinutes = scoredBase.map((f) => f.minutes).sort((a, b) => a - b);
  const mid = Math.floor(sortedMinutes.length / 2);
  const upper = sortedMinutes[mid] ?? 0;
  const ref = sortedMinutes.length % 2 === 1 ? upper : ((sortedMinutes[mid - 1] ?? upper) + upper) / 2;
  const scored = scoredBase.map((f) => {
    const timeFactor = ref + f.minutes > 0 ? 1 + (0.25 * (ref - f.minutes)) / (ref + f.minutes) : 1;
    const value =
      input.policy === 'thompson'
        ? input.rng.beta(f.posterior.alpha, f.posterior.beta)
        : input.policy === 'ucb'
          ? f.posterior.mean + 1.5 * f.posterior.sd
          : f.posterior.mean;
    return { ...f, value, utility: value * timeFactor, meanUtility: f.posterior.mean * timeFactor };
  });
  const favourite = scored.reduce((best, s) => (s.meanUtility > best.meanUtility ? s : best));
  // Of those within 5 points of the favourite, time weighed in and in the odds of success alone,
  // only the ones with the smallest share of their slots in use may be picked.
  const share = (s: (typeof scored)[number]) =>
    s.candidate.capacity === Number.POSITIVE_INFINITY ? 0 : s.candidate.openTasks / s.candidate.capacity;
  const near = (s: (typeof scored)[number]) =>
    s.meanUtility >= favourite.meanUtility - 0.05 &&
    Math.abs(s.posterior.mean - favourite.posterior.mean) <= 0.05;
  let least = Number.POSITIVE_INFINITY;
  for (const s of scored) if (near(s) && share(s) < least) least = share(s);
  const chosen = scored
    .filter((s) => !near(s) || share(s) === least)
    .reduce((best, s) => (s.utility > best.utility ? s : best));
  const explored =
    chosen !== favourite &&
    !(
      chosen.meanUtility === favourite.meanUtility &&
      chosen.posterior.evidence === favourite.posterior.evidence
    );
  const busier = explored && near(chosen) && share(favourite) > least;
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
      minutesFrom: chosen.minutesFrom,
      openTasks: candidate.openTasks,
      capacity: candidate.capacity,
      teamHasRecord: categoryStats.some((s) => s.decayedSuccesses + s.decayedFailures > 0),
      favourite: explored
        ? {
            assignee: favourite.candidate.name,
            mean: favourite.posterior.mean,
            ...(busier
              ? { busier: slotsInUse(favourite.candidate.openTasks, favourite.candidate.capacity) }
              : {}),
          }
        : null,
      ...(busier ? { alike: true } : {}),
    }),
  };
}

function referenceDecayed(stats: PairStats, now: string, halfLifeDays: number) {
  const days = Math.max(0, (parseInstant(now) - parseInstant(stats.decayAt)) / DAY_MS);
  const factor = 0.5 ** (days / halfLifeDays);
  return { successes: stats.decayedSuccesses * factor, failures: stats.decayedFailures * factor };
}

function referencePosterior(
  pair: PairStats | undefined,
  categoryStats: readonly PairStats[],
  now: string,
  options: LearningOptions,
): Posterior {
  let successes = 0;
  let failures = 0;
  for (const stats of categoryStats) {
    const decayed = referenceDecayed(stats, now, options.halfLifeDays);
    successes += decayed.successes;
    failures += decayed.failures;
  }
  const priorMean = (1 + successes) / (2 + successes + failures);
  const decayed =
    pair === undefined ? { successes: 0, failures: 0 } : referenceDecayed(pair, now, options.halfLifeDays);
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

function referenceMinutes(
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
