import { formatWorkMinutes } from '../domain/duration.js';
import type { TaskCategory } from '../domain/task.js';
import { formatPct } from '../engine/format.js';
import type { Posterior } from './types.js';

export type MinutesFrom = 'own' | 'team' | 'default';

export interface ReasonFacts {
  assignee: string;
  category: TaskCategory;
  posterior: Posterior;
  samples: number;
  minutes: number;
  /**
   * Whose `minutes` are: the assignee's own (timed finished work), the category's mean over the
   * team, or the configured default when nobody's was timed. Absent: the assignee's own.
   */
  minutesFrom?: MinutesFrom;
  openTasks: number;
  capacity: number;
  /** Whether the team has any decayed outcome of this category (what the prior is based on). */
  teamHasRecord: boolean;
  /**
   * The best assignee by posterior mean when the pick explored instead, with that mean; `busier`:
   * its slots in use, when it was set aside for a freer hand alike it.
   */
  favourite: { assignee: string; mean: number; busier?: string } | null;
  /**
   * Whether the pick was among records alike the best (pressing work: see PROVEN_PRIORITY, or a
   * freer hand: see `busier`), not a try: said as such.
   */
  alike?: boolean;
}

/** How a routing reason ends: `2 of 3 slots in use`, or `2 open, no capacity limit`. */
export const slotsInUse = (openTasks: number, capacity: number): string =>
  Number.isFinite(capacity)
    ? `${openTasks} of ${capacity} slot${capacity === 1 ? '' : 's'} in use`
    : `${openTasks} open, no capacity limit`;

/**
 * One plain sentence with the numbers behind a routing pick, e.g. "dev_worker1: 82% expected
 * success over 17 revenue tasks (14.2 after decay), about 40 min per revenue task so far; 2 of 3
 * slots in use".
 */
export function routeReason(facts: ReasonFacts): string {
  const { assignee, category, posterior, samples, favourite } = facts;
  // `0 of 3 slots in use, where eva has 2 of 3 slots in use`: why not the best.
  const slots = `${slotsInUse(facts.openTasks, facts.capacity)}${favourite?.busier ? `, where ${favourite.assignee} has ${favourite.busier}` : ''}`;

  // A favourite less likely to succeed leads on time (see TIME_WEIGHT): said so, or "maya 90 %,
  // tried to learn (buildbot leads at 84 %)" reads as backwards, and "raj 78 %, one of the records
  // alike (codebot leads at 62 %, and expected faster)" as a contradiction (a review).
  const lead =
    favourite === null
      ? ''
      : favourite.mean < posterior.mean
        ? `${favourite.assignee}, at ${formatPct(favourite.mean)}, leads by being expected faster`
        : `${favourite.assignee} leads at ${formatPct(favourite.mean)}`;
  if (samples === 0) {
    const prior = facts.teamHasRecord
      ? `prior ${formatPct(posterior.priorMean)} from the team's ${category} record`
      : `prior ${formatPct(posterior.priorMean)}, the team has no ${category} record yet`;
    // Of pressing work shared among records alike, or nobody's yet: no try, the best there is. A
    // try names whom it passed over, as one with a record does: a review's lead read "ana … tried
    // to learn (prior 57 % …)" and could not tell that bot1, at 63 %, was passed over.
    const why =
      favourite === null || facts.alike
        ? `best estimate so far (${prior})`
        : `tried to learn (${lead}; ${prior})`;
    // The team's time for the kind, once it timed one: a default says nothing of this team.
    const time =
      facts.minutesFrom === 'team' && facts.minutes > 0
        ? `, about ${formatWorkMinutes(facts.minutes)} per ${category} task as the team takes them`
        : '';
    return `${assignee}: no ${category} outcomes yet — ${why}${time}; ${slots}`;
  }

  const tasks = `${samples} ${category} task${samples === 1 ? '' : 's'}`;
  const evidence = `${posterior.evidence.toFixed(1)} after decay`;
  const explored =
    favourite === null ? '' : `, ${facts.alike ? 'one of the records alike' : 'tried to learn'} (${lead})`;
  // Someone whose tasks of the kind all failed, or went untimed, has no time of their own yet.
  // In the units a person reads a duration in: `about 3 d`, not `about 4320 min` (a walkthrough).
  // A mean of the kind's tasks, said as one, not as this task's time: a review read `about 30 min`
  // beside a 20-hour feature, the mean of a 12-minute typo fix and one other.
  const about = `about ${facts.minutes > 0 ? formatWorkMinutes(facts.minutes) : '0 min'} per ${category} task`;
  const minutes =
    facts.minutesFrom === 'team'
      ? `${about} as the team takes them (none of ${assignee}'s timed yet)`
      : facts.minutesFrom === 'default'
        ? `${about}, a default (no ${category} task timed yet)`
        : `${about} so far`;
  return `${assignee}: ${formatPct(posterior.mean)} expected success over ${tasks} (${evidence}), ${minutes}${explored}; ${slots}`;
}
