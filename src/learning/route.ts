import { compareText } from '../domain/compare-text.js';
import type { PairStats } from '../domain/outcome.js';
import { median } from '../domain/robust-line.js';
import type { TaskCategory } from '../domain/task.js';
import {
  assertPriorStrength,
  categoryMinutes,
  type DecayedCounts,
  pairMinutes,
  pooledPriorMean,
  posteriorOf,
} from './posterior.js';
import { type MinutesFrom, routeReason, slotsInUse } from './route-reason.js';
import type {
  LearningOptions,
  Posterior,
  Rng,
  RouteDecision,
  RoutingCandidate,
  RoutingPolicy,
} from './types.js';
import { decayedAt } from './update-stats.js';

/** How far above the posterior mean the `ucb` policy looks, in standard deviations. */
export const UCB_SDS = 1.5;

/**
 * How much expected time moves a candidate's utility at most, either way: ×(1 ± TIME_WEIGHT) at
 * the extremes, ×1 at the free candidates' median. Speed breaks near-ties in success; it never
 * outweighs a far better record. A factor of 2·ref / (ref + minutes), up to ×2 for the fastest,
 * gave the next feature to an agent that shipped 1 of 3 in 20 minutes over a person who shipped
 * 2 of 2 in 8 hours, under every policy.
 */
export const TIME_WEIGHT = 0.25;

/** The time factor of expected `minutes` against the free candidates' median `ref` (see TIME_WEIGHT). */
export function timeFactor(ref: number, minutes: number): number {
  return ref + minutes > 0 ? 1 + (TIME_WEIGHT * (ref - minutes)) / (ref + minutes) : 1;
}

/**
 * Work at this priority or above goes to the best record (the posterior mean, as `greedy`),
 * whatever the policy: newcomers are tried, and records tested, on less pressing work. A review
 * found the batch's P10 feature, and a feature the favourite had failed for an outside reason,
 * routed by Thompson's draw to an agent that had shipped 1 of 2 over a person who shipped 4 of 4.
 */
export const PROVEN_PRIORITY = 9;

/**
 * Whether work goes by the record, not the policy's draw (see PROVEN_PRIORITY): work as pressing as
 * that, and any bug, whatever its priority. A review's studio saw a bug that had failed with the
 * docs bot come back to the designer, 'tried to learn', while a developer who had fixed 3 of 3
 * had room: a customer's bug is no place to try someone. `priority` absent: the bug rule alone.
 */
export function isPressing(priority: number | undefined, category: TaskCategory): boolean {
  return category === 'bugfix' || (priority !== undefined && priority >= PROVEN_PRIORITY);
}

/**
 * How far from the best a record may be and still take pressing work, or a freer hand's share of
 * any: records this close are alike (77 % and 74 % over hundreds of bugs), in the odds of success
 * as with time weighed in, and the policy's draw spreads the work among them rather than piling
 * it on one.
 */
export const PROVEN_MARGIN = 0.05;

/**
 * The outcomes of the kind a record needs to count as alike the best for pressing work: a
 * newcomer's prior (the team's record) or one shipped task is no record yet. A review found a
 * newcomer with none taking most P10 picks over an assignee with 18 of 20.
 */
export const PROVEN_OUTCOMES = 3;

export interface ChooseAssigneeInput {
  category: TaskCategory;
  /** The task's priority (0–10): at PROVEN_PRIORITY or above, no exploring. Absent: the policy's. */
  priority?: number;
  /** Whether the work goes by the record (see isPressing); absent: by `priority` alone. */
  pressing?: boolean;
  candidates: readonly RoutingCandidate[];
  /** Statistics of any pairs; only this category's are read. */
  stats: readonly PairStats[];
  /** ISO time the decayed counts are read at. */
  now: string;
  policy: RoutingPolicy;
  rng: Rng;
  options: LearningOptions;
  /**
   * What `stats` say of `category` at `now` (categoryEvidence), when the caller has it already: a
   * batch routes its tasks of a category on the same statistics, and working it out decays every
   * pair of the category again.
   */
  evidence?: CategoryEvidence;
}

interface Scored {
  candidate: RoutingCandidate;
  posterior: Posterior;
  samples: number;
  minutes: number;
  /** Whose `minutes` are: the candidate's own, the category's, or the default (see routeReason). */
  minutesFrom: MinutesFrom;
  value: number;
  utility: number;
  meanUtility: number;
}

/**
 * Picks who should take a task of `category`. Candidates at capacity (openTasks ≥ capacity) are
 * skipped; null when nobody is free. Each free candidate's policy value — a Thompson draw from
 * the Beta posterior, its mean + 1.5·sd (ucb), or its mean (greedy) — is multiplied by a time
 * factor 1 + ¼·(ref − minutes) / (ref + minutes), ref = the median expected minutes of the free
 * candidates, so faster counts but success dominates (see TIME_WEIGHT). Work as pressing as
 * PROVEN_PRIORITY goes to a record within PROVEN_MARGIN of the best, the policy choosing among them. Highest utility wins; ties go to the
 * first name. Candidates are visited in name order, so the result depends only on the inputs
 * and the rng's state.
 */
export function chooseAssignee(input: ChooseAssigneeInput): RouteDecision | null {
  const { category, now, options } = input;
  const free = [...input.candidates]
    .filter((c) => c.openTasks < c.capacity)
    .sort((a, b) => compareText(a.name, b.name));
  if (free.length === 0) return null;

  assertPriorStrength(options.priorStrength);
  const evidence = input.evidence ?? categoryEvidence(input.stats, category, now, options);
  const facts = free.map((candidate) => {
    const pair = evidence.pairs.get(candidate.name);
    return {
      candidate,
      posterior: posteriorOf(pair?.decayed, evidence.priorMean, options.priorStrength),
      samples: pair === undefined ? 0 : pair.stats.successes + pair.stats.failures,
      minutes: pairMinutes(pair?.stats) ?? evidence.minutes,
      minutesFrom: (pairMinutes(pair?.stats) !== null
        ? 'own'
        : evidence.timed
          ? 'team'
          : 'default') as MinutesFrom,
    };
  });

  const ref = median(facts.map((f) => f.minutes));
  const scored: Scored[] = facts.map((f) => {
    const factor = timeFactor(ref, f.minutes);
    const value = policyValue(input.policy, f.posterior, input.rng);
    return {
      candidate: f.candidate,
      posterior: f.posterior,
      samples: f.samples,
      minutes: f.minutes,
      minutesFrom: f.minutesFrom,
      value,
      utility: value * factor,
      meanUtility: f.posterior.mean * factor,
    };
  });

  // Pressing work: the best records, the policy's value only choosing among records alike (see
  // PROVEN_MARGIN; a team with none yet still spreads its critical bugs). Of it, only records
  // count (PROVEN_OUTCOMES): a newcomer's prior or a one-of-one is no better record however high
  // its mean; with no record anywhere, everyone is alike.
  const pressing = input.pressing ?? (input.priority !== undefined && input.priority >= PROVEN_PRIORITY);
  const records = pressing ? scored.filter((s) => s.samples >= PROVEN_OUTCOMES) : [];
  // Records narrow the choice only where one is no worse than what the team expects of someone
  // untried (the category's prior): a review's P9 feature went to the one person who had failed
  // all three of his, at 8 %, over two nobody had a record of, at the team's 20 %.
  const worthARecord = records.some((s) => s.posterior.mean >= evidence.priorMean);
  const pool = worthARecord ? records : scored;
  // The favourite by mean: the pick explored when it went to anyone else. For pressing work, by
  // the odds of success alone, time only choosing among records alike them: a review's bug went
  // to an agent shipping 1 of 2 in 20 minutes (55 %) as "alike" a person shipping 1 of 1 in three
  // hours (73 %), the time factor bridging 18 points.
  const rank = pressing ? (s: Scored) => s.posterior.mean : (s: Scored) => s.meanUtility;
  const best = pool.reduce((b, s) =>
    rank(s) > rank(b) || (rank(s) === rank(b) && s.meanUtility > b.meanUtility) ? s : b,
  );
  // Alike: within PROVEN_MARGIN of the best as ranked, and in the odds of success either way, so
  // time breaks near-ties only. A product lead's review: maya (69 %, 2 of 3 features in 6 h 30)
  // took a P8 feature "one of the records alike (raj leads at 86 %)" for her free slot, raj
  // having shipped 4 of 4 in a day, while `route feature` called the same pick "tried to learn".
  const isAlike = (s: Scored) =>
    rank(s) >= rank(best) - PROVEN_MARGIN &&
    Math.abs(s.posterior.mean - best.posterior.mean) <= PROVEN_MARGIN;
  const eligible = pressing ? pool.filter(isAlike) : scored;
  // Of those alike the best, the freest hands: each pick of a batch is a draw of its own, and a
  // review found three of a first batch's five bugs drawn for one of five people nobody had a
  // record of, two of them with none. Others may still be tried (not pressing work).
  const lightest = Math.min(...eligible.filter(isAlike).map(loadOf));
  const chosen = argmax(
    eligible.filter((s) => !isAlike(s) || loadOf(s) <= lightest),
    (s) => s.utility,
  );
  // Explored when the pick was not the best, unless the record cannot tell them apart (a team's
  // newcomers, nobody's record yet): the best is then first by name only.
  const explored =
    chosen !== best &&
    (chosen.meanUtility !== best.meanUtility || chosen.posterior.evidence !== best.posterior.evidence);
  // The best set aside for a freer hand alike it: said, with the slots it has in use.
  const roomier = explored && isAlike(chosen) && loadOf(best) > lightest;
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
      teamHasRecord: evidence.hasRecord,
      favourite: explored
        ? {
            assignee: best.candidate.name,
            mean: best.posterior.mean,
            ...(roomier ? { busier: slotsInUse(best.candidate.openTasks, best.candidate.capacity) } : {}),
          }
        : null,
      alike: pressing || roomier,
    }),
  };
}

/** What one category's statistics say, read once per decision rather than once per candidate. */
export interface CategoryEvidence {
  /** Each assignee's statistics (the last entry when listed twice) and its decayed counts at `now`. */
  pairs: Map<string, { stats: PairStats; decayed: DecayedCounts }>;
  /** The category's pooled prior mean at `now` (`categoryPriorMean`). */
  priorMean: number;
  /** The category's mean minutes, the fallback of `expectedMinutes`. */
  minutes: number;
  /** Whether anyone's task of the category was timed: `minutes` is the default otherwise. */
  timed: boolean;
  /** Whether the team has any decayed outcome of the category. */
  hasRecord: boolean;
}

/**
 * Reads the category's statistics at `now` in one pass over `stats`: every pair's decayed counts
 * once, and from them the numbers `posteriorFor` and `expectedMinutes` would compute for each
 * candidate (same inputs, same order, so the same results).
 */
export function categoryEvidence(
  stats: readonly PairStats[],
  category: TaskCategory,
  now: string,
  options: LearningOptions,
): CategoryEvidence {
  const categoryStats = stats.filter((s) => s.category === category);
  const decayed: DecayedCounts[] = [];
  const pairs = new Map<string, { stats: PairStats; decayed: DecayedCounts }>();
  for (const pair of categoryStats) {
    const counts = decayedAt(pair, now, options.halfLifeDays);
    decayed.push(counts);
    pairs.set(pair.assignee, { stats: pair, decayed: counts });
  }
  return {
    pairs,
    priorMean: pooledPriorMean(decayed),
    minutes: categoryMinutes(categoryStats, options.defaultMinutes),
    timed: categoryStats.some((s) => s.minutesCount > 0),
    hasRecord: categoryStats.some((s) => s.decayedSuccesses + s.decayedFailures > 0),
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

/** The share of a candidate's slots in use (none of an assignee without a limit). */
const loadOf = (s: Scored): number =>
  Number.isFinite(s.candidate.capacity) ? s.candidate.openTasks / s.candidate.capacity : 0;

/** The first item with the highest key (items are in name order, so ties go to the first name). */
function argmax<T>(items: readonly T[], keyOf: (item: T) => number): T {
  // Callers pass a non-empty array, so reduce without a seed never throws here.
  return items.reduce((best, item) => (keyOf(item) > keyOf(best) ? item : best));
}
