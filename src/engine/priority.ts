import type { TaskCategory, TaskFacts } from '../domain/task.js';
import { isUpkeepWork, TIER } from './draft.js';
import { formatUsd } from './format.js';

/** The priority a score has on its own scale: round(2 × log2(1 + score)), clamped to 0–10. */
export function absolutePriority(score: number): number {
  return Math.min(10, Math.max(0, Math.round(2 * Math.log2(1 + Math.max(0, score)))));
}

/** Priority steps a task loses for each halving of its score against the best. */
export const STEPS_PER_HALVING = 1.5;

/** The score the scale is drawn from: the best, or the next best's one step above it, whichever is less. */
export function scaleAnchor(best: number, next: number): number {
  return next > 0 ? Math.min(best, next * 2 ** (1 / STEPS_PER_HALVING)) : best;
}

/**
 * Priorities spread across a batch and the open backlog, given their best score and the next
 * best (another piece of work's, 0 for none): the best work gets its own priority (at most
 * `highest`) and every halving of the score costs one and a half steps, so work of very different
 * value never shares a priority, however large the dollars (no saturation). One piece of work far
 * above the rest stands one step above the next, not the many its score would give: a quick high
 * bug scoring twenty times the best feature put every approved feature from P10 to P3 for a day,
 * to jump back the day it was fixed.
 */
export function priorityScale(best: number, highest = 10, next = 0): (score: number) => number {
  const anchor = scaleAnchor(best, next);
  const top = Math.min(highest, absolutePriority(anchor));
  return (score) => {
    if (best <= 0 || score <= 0) return 0;
    // Only what outscores the best work (a critical bug, a fill-in) may stand above `highest`.
    const most = score > best ? 10 : highest;
    return Math.min(most, Math.max(0, Math.round(top + STEPS_PER_HALVING * Math.log2(score / anchor))));
  };
}

/** The best two scores of work seen (0 for none). */
export interface BestWork {
  work: number;
  /** The next best (of two equal, the best again). */
  nextWork: number;
}

/** Counts work scoring `score` in `best`. */
export function seeWork(best: BestWork, score: number): void {
  if (score > best.work) {
    best.nextWork = best.work;
    best.work = score;
  } else if (score > best.nextWork) best.nextWork = score;
}

/**
 * The best scores a plan knows (0 for none), by what they may do to its scale (see planScale):
 * `work` and `nextWork` of work (not a blocker, a fill-in or planning).
 */
export interface ScaleBasis extends BestWork {
  /** Of critical bugs (blockers). */
  blocker: number;
  /** Of anything. */
  any: number;
}

/**
 * A plan's priority scale. Work sets it, so a priority means the same from one day to the next: a
 * critical bug goes first whatever it scores (see applyTiers), and one scoring 6,806 put 9 of 10
 * open tasks at P0, to jump back to P10 the day it was fixed. While a critical bug is open the best
 * work is at most P9, so the bug stands alone above it; blockers alone, or fill-ins and planning
 * alone, set the scale when nothing else is at hand.
 */
export function planScale(best: ScaleBasis): (score: number) => number {
  if (best.work > 0) return priorityScale(best.work, best.blocker > 0 ? 9 : 10, best.nextWork);
  return priorityScale(best.blocker > 0 ? best.blocker : best.any);
}

/** What the tier rules need of a task in the batch. */
interface Ranked {
  tier: number;
  priority: number;
  reasoning: string[];
  projectName: string | null;
  category: TaskCategory;
  playbookKey: string | null;
  revenueImpact: number;
  goalValue: number;
  facts: Pick<TaskFacts, 'severity' | 'priority' | 'mediumBugUsd'>;
}

/**
 * What a task of a tier after the real work is, as its lowering says: a medium bug, upkeep (a
 * backlog chore), work the team marked low priority, that claims no dollars or fewer than a medium
 * bug of its project puts at risk (see tierClaiming), or planning.
 */
function fillInWhat(t: Ranked): string {
  if (t.tier !== TIER.fillIn) return 'Planning';
  // A low bug is never proposed, and a high one never fills in (see tierClaiming).
  if (t.category === 'bugfix' && (t.facts.severity === undefined || t.facts.severity === 'medium')) {
    return 'A medium bug';
  }
  if (isUpkeepWork(t)) return 'Upkeep';
  if (t.facts.priority === 'low') return 'Work the team marked low priority';
  if (t.revenueImpact === 0 && t.goalValue === 0) return 'Work that claims no dollars';
  const floor = t.facts.mediumBugUsd;
  return floor === undefined
    ? 'Work that claims no dollars'
    : `Work claiming less than a medium bug of ${t.projectName ?? 'its project'} puts at risk (${formatUsd(floor)}/month)`;
}

/**
 * Why a task of the first tier goes first: a critical bug blocks its project, the team marked it
 * critical, or such work waits for it (see orderTasks).
 */
function blockerWhy(t: Ranked): string {
  if (t.category === 'bugfix' && t.facts.severity === 'critical')
    return `A critical bug blocks ${t.projectName ?? 'its project'}`;
  if (t.facts.priority === 'critical') return 'The team marked it critical';
  return 'Critical work waits for it';
}

/**
 * The tiers' rules on priority, after ordering: a critical bug (a blocker) blocks its project, so it
 * is above any real work (as is what the team marked critical: see tierOf) in the batch (at P10, with it, when that is at P10 too); fill-ins (medium bugs, generic planning)
 * sit below every task of an earlier tier. Each change is said in the reasoning. A fill-in's own
 * priority never raises a blocker: it is lowered below the real work.
 */
export function applyTiers<T extends Ranked>(tasks: readonly T[], workCut = false): T[] {
  const out = [...tasks];
  let top = 0;
  for (const t of tasks) if (t.tier === TIER.work && t.priority > top) top = t.priority;
  // First-tier work alone, the real work that set the scale cut (`workCut`): the first tier moves up
  // together, its best to P10, in its own order. Five critical features filling a batch read P4 and
  // P1, a high bug at P9 cut.
  let lift = 0;
  if (top === 0 && workCut) {
    let best = 0;
    for (const t of tasks) if (t.tier === TIER.blocker && t.priority > best) best = t.priority;
    lift = best > 0 ? 10 - best : 0;
  }
  // Earlier tiers first, so a fill-in sits below the priorities earlier tiers ended with: the least
  // of them is kept as the tiers go (a plan puts every open task here, thousands in a busy
  // workspace, where comparing each fill-in with all of them took 190 ms for 8,000).
  const byTier = out.map((t, i) => ({ t, i })).sort((a, b) => a.t.tier - b.t.tier || a.i - b.i);
  let tier = Number.NEGATIVE_INFINITY;
  let leastAhead = Number.POSITIVE_INFINITY;
  let leastOfTier = Number.POSITIVE_INFINITY;
  for (const { t, i } of byTier) {
    if (t.tier !== tier) {
      leastAhead = Math.min(leastAhead, leastOfTier);
      leastOfTier = Number.POSITIVE_INFINITY;
      tier = t.tier;
    }
    let priority = t.priority;
    let why: string | null = null;
    if (t.tier === TIER.blocker && ((priority <= top && priority < 10) || lift > 0)) {
      priority = lift > 0 ? Math.min(10, priority + lift) : Math.min(10, top + 1);
      why = `${blockerWhy(t)}: it goes first, raised from priority ${t.priority} to ${priority}`;
    } else if (t.tier >= TIER.fillIn) {
      const cap = leastAhead === Number.POSITIVE_INFINITY ? 10 : Math.max(0, leastAhead - 1);
      if (priority > cap) {
        priority = cap;
        why = `${fillInWhat(t)} comes after the real work: lowered from priority ${t.priority} to ${priority}`;
      }
    }
    if (why !== null) out[i] = { ...t, priority, reasoning: [...t.reasoning, why] };
    leastOfTier = Math.min(leastOfTier, priority);
  }
  return out;
}
