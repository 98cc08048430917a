import { compareText } from '../domain/compare-text.js';
import type { RejectedWork, Task, TaskTally } from '../domain/task.js';
import { noDislike } from '../engine/reason-dates.js';

export type Adjustment = 'continue' | 'modify' | 'retire';

/** What to do with a playbook (or category), from how its tasks fared. */
export interface AdjustRecommendation {
  scope: 'playbook' | 'category';
  key: string;
  recommendation: Adjustment;
  done: number;
  failed: number;
  rejected: number;
  /** Approved and not finished yet (approved, in progress): the team said yes to them too. */
  approved: number;
  /** One sentence with the numbers. */
  why: string;
}

/** Fewer decisions than this are too early to judge: continue. */
export const MIN_DECISIONS = 3;

/**
 * Fewer rejections than this are no pattern (one "not this quarter" among three decisions is 33 %):
 * the share rejected judges nothing below it, as the engine's own damping of a category's scores
 * waits for as many (REJECTION_MIN).
 */
export const MIN_REJECTIONS = 2;

/**
 * Step 5 of the roadmap (adjust and iterate): per playbook and per category, from outcomes and
 * rejections — retire a playbook (modify a category: it is the team's own backlog) when the team
 * rejects most of it (≥ 60%, two rejections or more) or it fails most of the time (< 30% success
 * over 3+ outcomes); modify when either is middling (≥ 30% rejected, two or more; < 60% success);
 * else continue. A decision is a rejection or an approval, finished (done, failed) or not
 * (approved, in progress); a playbook or category with none is not judged.
 */
export function recommendAdjustments(
  tallies: readonly TaskTally[],
  measured: readonly MeasuredWork[] = [],
  putOff: readonly TaskTally[] = [],
  /**
   * Of the failed tasks of `tallies`, those failed for a block outside the work: said apart and
   * counted as no failure (see TransitionResult.blocked).
   */
  blocked: readonly TaskTally[] = [],
  /**
   * The playbooks plans hold back on every product because a rejection said their work is not the
   * team's (see notTheTeamsWork), by key: that rejection's reason, and the day the hold ends.
   */
  ruledOut: ReadonlyMap<string, RuledOut> = new Map(),
): AdjustRecommendation[] {
  const groups = new Map<string, Group>();
  const group = (scope: Group['scope'], key: string): Group => {
    const id = `${scope}:${key}`;
    let found = groups.get(id);
    if (found === undefined) {
      found = {
        scope,
        key,
        done: 0,
        failed: 0,
        rejected: 0,
        approved: 0,
        putOff: 0,
        blocked: 0,
        effects: [],
      };
      groups.set(id, found);
    }
    return found;
  };
  const groupsOf = (work: { category: Task['category']; playbookKey: string | null }): Group[] =>
    work.playbookKey
      ? [group('playbook', work.playbookKey), group('category', work.category)]
      : [group('category', work.category)];
  for (const t of tallies) {
    const counted = COUNTED[t.status];
    if (counted === undefined) continue;
    for (const g of groupsOf(t)) g[counted] += t.tasks;
  }
  for (const t of putOff) for (const g of groupsOf(t)) g.putOff += t.tasks;
  for (const t of blocked) {
    for (const g of groupsOf(t)) {
      g.blocked += t.tasks;
      g.failed = Math.max(0, g.failed - t.tasks);
    }
  }
  for (const m of measured) for (const g of groupsOf(m)) g.effects.push(m.effect);
  return [...groups.values()]
    .map((g) => {
      const out = g.scope === 'playbook' ? ruledOut.get(g.key) : undefined;
      return out === undefined ? judge(g) : retired(g, out);
    })
    .sort((a, b) => (a.scope === b.scope ? compareText(a.key, b.key) : a.scope === 'playbook' ? -1 : 1));
}

/**
 * Rejected tasks as tallies by category and playbook: `disliked`, those saying the team does not
 * want the work, each piece of work once however often it was rejected (by its memory key); and
 * `putOff`, the rest: a duplicate, or work waiting for a time its reason names (see noDislike),
 * counted apart as no decision on its kind. `suggest` advised modifying feature work, "the team
 * rejects 67% of it", from a duplicate and a "not this quarter".
 */
export function rejectionTallies(rejected: readonly RejectedWork[]): {
  disliked: TaskTally[];
  putOff: TaskTally[];
} {
  const disliked = new Map<string, TaskTally>();
  const putOff = new Map<string, TaskTally>();
  const seen = new Set<string>();
  const count = (into: Map<string, TaskTally>, r: RejectedWork): void => {
    const id = `${r.category}\u0000${r.playbookKey ?? ''}`;
    const tally = into.get(id) ?? {
      category: r.category,
      playbookKey: r.playbookKey,
      status: 'rejected',
      tasks: 0,
    };
    tally.tasks += 1;
    into.set(id, tally);
  };
  for (const r of rejected) {
    if (noDislike(r.reason, Date.parse(r.updatedAt))) {
      count(putOff, r);
      continue;
    }
    if (r.memoryKey !== null) {
      const work = `${r.category}\u0000${r.playbookKey ?? ''}\u0000${r.memoryKey}`;
      if (seen.has(work)) continue;
      seen.add(work);
    }
    count(disliked, r);
  }
  return { disliked: [...disliked.values()], putOff: [...putOff.values()] };
}

/** Why plans hold a playbook back on every product: a rejection saying its work is not the team's. */
export interface RuledOut {
  reason: string;
  /** The day the hold ends (YYYY-MM-DD). */
  until: string;
}

/**
 * A playbook the team said is not its work: retire it, whatever its numbers, as plans already hold
 * it on every product. One rejection "marketing owns acquisition experiments" read "continue: too
 * early to judge" beside the reply saying its work was held everywhere for 240 days.
 */
function retired(g: Group, out: RuledOut): AdjustRecommendation {
  const { done, failed, rejected, approved } = g;
  return {
    ...{ scope: g.scope, key: g.key, recommendation: 'retire', done, failed, rejected, approved },
    why: `${factsOf(g)}: the team said it is not its work ('${out.reason}'), so plans hold it on every product until ${out.until}`,
  };
}

/** A playbook's or category's tasks, counted by how they were decided, and the effects measured of them. */
interface Group {
  scope: 'playbook' | 'category';
  key: string;
  done: number;
  failed: number;
  rejected: number;
  approved: number;
  /** Rejected for later, or as duplicates: no decision on the work's kind (see rejectionTallies). */
  putOff: number;
  /** Failed for a block outside the work: not among `failed` (see recommendAdjustments). */
  blocked: number;
  effects: TrendEffect[];
}

/** Where a task of each status is counted; proposed and cancelled tasks were never decided. */
const COUNTED: Partial<Record<Task['status'], 'done' | 'failed' | 'rejected' | 'approved'>> = {
  done: 'done',
  failed: 'failed',
  rejected: 'rejected',
  approved: 'approved',
  in_progress: 'approved',
};

/** A shipped task whose goal's trend was measured before and after it, by its category and playbook. */
export interface MeasuredWork {
  category: Task['category'];
  playbookKey: string | null;
  effect: TrendEffect;
}

/** How a shipped task's goal metric moved: its before/after verdict. */
export type TrendEffect = 'improved' | 'worsened' | 'unchanged';

const LOOK_AT_REJECTED = 'see what the team turned down (`goalpost tasks --status rejected`)';
const LOOK_AT_FAILED = 'see what failed and why (`goalpost tasks --status failed`)';

/** A group's numbers in words: `2 done, 0 failed, 1 rejected, 1 more rejected for later…`. */
function factsOf({ done, failed, rejected, approved, putOff, blocked }: Group): string {
  // Rejected for later or as duplicates: said apart, as no decision on the kind of work.
  const asWhat = `for later or as ${putOff === 1 ? 'a duplicate' : 'duplicates'}`;
  const rejections =
    putOff === 0
      ? `${rejected} rejected`
      : rejected === 0
        ? `${putOff} rejected ${asWhat}`
        : // "1 rejected, 1 more rejected for later…": a review read "1 more for later" as other work.
          `${rejected} rejected, ${putOff} more rejected ${asWhat}`;
  return `${outcomeTally({ done, failed, blocked })}, ${rejections}${approved > 0 ? `, ${approved} approved and open` : ''}`;
}

function judge(g: Group): AdjustRecommendation {
  const { scope, key, done, failed, rejected, approved, effects } = g;
  const decided = done + failed + rejected + approved;
  const outcomes = done + failed;
  const success = outcomes === 0 ? null : done / outcomes;
  const rejectShare = decided === 0 || rejected < MIN_REJECTIONS ? 0 : rejected / decided;
  const facts = factsOf(g);
  const pct = (x: number) => `${Math.round(x * 100)}%`;
  let recommendation: Adjustment = 'continue';
  let why = `${facts}: working`;
  // A playbook can be retired; a category cannot: its work is the team's own backlog (no playbook
  // drafts "feature" work), so what the team turns down or fails says where to look.
  const retire = scope === 'playbook' ? 'retire' : 'modify';
  // Two rejections are a pattern however few decisions there are (the README's rule, and the
  // score's damping): two experiments turned down "marketing owns acquisition" read "too early".
  // So are two shipped tasks that moved nothing (the README's rule too): a review's two goal
  // experiments, each judged "no change … likely the existing trend", read "continue: too early".
  if (decided < MIN_DECISIONS && rejected < MIN_REJECTIONS && !movedNothing(effects)) {
    why = `${facts}: too early to judge (fewer than ${MIN_DECISIONS} decisions)`;
  } else if (rejectShare >= 0.6) {
    recommendation = retire;
    why = `${facts}: the team rejects ${pct(rejectShare)} of it${scope === 'playbook' ? '' : `; ${LOOK_AT_REJECTED}`}`;
  } else if (success !== null && outcomes >= MIN_DECISIONS && success < 0.3) {
    recommendation = retire;
    why = `${facts}: only ${pct(success)} of its tasks succeed${scope === 'playbook' ? '' : `; ${LOOK_AT_FAILED}`}`;
  } else if (rejectShare >= 0.3 || (success !== null && success < 0.6)) {
    recommendation = 'modify';
    // A playbook is text the team can reword; a category is the team's own backlog (no playbook
    // drafts "feature" work), where the rejected tasks say what to change.
    const change =
      scope === 'playbook'
        ? 'change its scope or wording'
        : rejectShare >= 0.3
          ? LOOK_AT_REJECTED
          : LOOK_AT_FAILED;
    why = `${facts}: ${rejectShare >= 0.3 ? `${pct(rejectShare)} rejected` : `${pct(success ?? 0)} succeed`}; ${change}`;
  } else if (movedNothing(effects)) {
    recommendation = 'modify';
    why = `${facts}: its shipped tasks did not bend their goal's trend`;
  } else if (success !== null) {
    why = `${facts}: ${pct(success)} succeed`;
  }
  return { scope, key, recommendation, done, failed, rejected, approved, why };
}

/** Two or more shipped tasks with a measured effect on their goal, and none improved it. */
function movedNothing(effects: readonly TrendEffect[]): boolean {
  return effects.length >= 2 && !effects.includes('improved');
}

/** How many tasks were done, failed, and failed for a block outside the work. */
export interface OutcomeTally {
  done: number;
  failed: number;
  blocked: number;
}

/** `3 done, 1 failed`, and `, 1 blocked outside the work` when a failure was a block. */
export function outcomeTally(t: OutcomeTally): string {
  return `${t.done} done, ${t.failed} failed${t.blocked > 0 ? `, ${t.blocked} blocked outside the work` : ''}`;
}
