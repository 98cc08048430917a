import { TOO_SOON_DAYS } from '../domain/goal.js';
import type { TaskSummary } from '../domain/task.js';
import { listedFirst } from '../domain/word-list.js';
import { goalStanding } from '../engine/goal-value.js';
import type { GoalAnalytics } from './analyse-goal.js';

/** A nudge for one goal: where to aim by the next check-in, and what to do, with the analytics. */
export interface GoalSuggestion {
  metric: string;
  status: GoalAnalytics['status'];
  /** Half-way from the current value to the target (the seed's simple strategy), or null. */
  aimFor: number | null;
  advice: string;
  analytics: GoalAnalytics;
}

/**
 * A number as a person would say it: whole from 100 up (764.5 → 765), one decimal from 1 up, two
 * significant digits below 1 (a rate of 0.0347 → 0.035).
 */
function roundSensibly(v: number): number {
  const size = Math.abs(v);
  if (size >= 100) return Math.round(v);
  if (size >= 1) return Math.round(v * 10) / 10;
  return Number(v.toPrecision(2));
}

/**
 * Half-way from `current` to the goal's target, as a person would aim for it: a metric counted in
 * whole numbers (its target and recent readings all whole: bugs, clinics, tickets) is aimed at a
 * whole number, rounded toward the target so the aim is half-way at least (a review read "aim for
 * 7.5 bugs"); any other, rounded sensibly.
 */
function halfWay(a: GoalAnalytics, current: number): number {
  const { target, direction } = a.goal;
  const half = current + (target - current) / 2;
  const whole = Number.isInteger(target) && a.recent.every(Number.isInteger);
  if (!whole) return roundSensibly(half);
  return direction === 'up' ? Math.ceil(half) : Math.floor(half);
}

/**
 * Half-way from now to the end of the deadline day (YYYY-MM-DD), as the forecast counts to it: when
 * the half-way value keeps the goal on pace. From its start, the deadline's own morning aimed for
 * the day before.
 */
function halfWayDate(deadline: string, weeksLeft: number): string {
  const end = Date.parse(`${deadline}T23:59:59Z`);
  return new Date(end - (Math.max(0, weeksLeft) * 7 * 86_400_000) / 2).toISOString().slice(0, 10);
}

/** How many pieces of work on a goal a nudge names; the rest it counts. */
const NAMED_WORK = 2;

/**
 * What the team has under way on a goal that slips (`underWay`: its open tasks, approved or in
 * progress), in words: a review found an off-track goal gone from the digest once the lead approved
 * the feature linked to it, no proposal for it and no word of why (the answer: T-1 works on it).
 */
function workOn(underWay: readonly Pick<TaskSummary, 'ref' | 'title' | 'status'>[]): string | null {
  if (underWay.length === 0) return null;
  const list = listedFirst(
    underWay.map((t) => `${t.ref} "${t.title}" (${t.status.replace('_', ' ')})`),
    NAMED_WORK,
  );
  return `${list} ${underWay.length === 1 ? 'works' : 'work'} on it: its measurements show what ${underWay.length === 1 ? 'it does' : 'they do'} once done`;
}

/**
 * Turns a goal's analytics into the next nudge (roadmap step 5: adjust and iterate): the seed's
 * simple strategy, half-way from where the goal stands (see GoalAnalytics.forecastFrom) to the
 * target, due half-way to the deadline,
 * named with the goal so a list of them reads on its own.
 */
export function suggestNext(
  a: GoalAnalytics,
  /** The goal's open tasks the team approved or has in progress (see workOn). */
  underWay: readonly Pick<TaskSummary, 'ref' | 'title' | 'status'>[] = [],
): GoalSuggestion {
  const { goal } = a;
  // A deadline gone by unmet leaves no day to aim by: half-way to it is the deadline itself, in the
  // past (a review read "aim for 66 invites by 2026-02-15" on 2 March). The goal needs a new date.
  const lapsed = a.status === 'off_track' && a.deadlinePassed;
  const slipping = (a.status === 'off_track' && !lapsed) || a.status === 'at_risk';
  // Slipping days from its deadline, a goal has no time left for new work to show in it (see
  // TOO_SOON_DAYS), and the plan proposes none for it: aiming half-way there by the day after
  // tomorrow is no plan. It needs a later date, or letting go; but work under way on it is to be
  // seen through, not archived with it.
  const cornered = slipping && a.daysLeft < TOO_SOON_DAYS;
  // From where the goal stands, as its forecast starts: the trend's value for a noisy metric, not
  // this week's side of it (a weekly NPS of 34 then 42 around a trend at 38 aimed for 40, then 44),
  // and not a reading taken for an outlier (a typo of 1640 signups against a trend at 166 aimed for
  // 930; one of 16, for 118, below where the goal already stood).
  const from = a.forecastFrom ?? a.judgedOn ?? a.current;
  const aimFor = from === null || a.status === 'achieved' || lapsed || cornered ? null : halfWay(a, from);
  const unit = goal.unit ? ` ${goal.unit}` : '';
  const goalText = `${goal.target}${unit} by ${goal.deadline}`;
  const aim = `aim for ${aimFor}${unit} by ${halfWayDate(goal.deadline, a.weeksLeft)}`;
  const redate = (date: string) => `set ${date} (\`goalpost goal set ${goal.metric} --by YYYY-MM-DD\`)`;
  const left =
    a.daysLeft <= 0 ? 'on its last day' : `with ${a.daysLeft} day${a.daysLeft === 1 ? '' : 's'} left`;
  // Work under way on a goal is seen through, not archived with it: before its deadline or after.
  const orLetGo = (date: string) =>
    underWay.length > 0
      ? `${redate(date)} for the work under way to show in it`
      : `${redate(date)} or archive the goal`;
  const then =
    a.status === 'at_risk' ? `if it falls short, ${redate('a later date')}` : orLetGo('a later date');
  const tooSoon = `${goal.metric} is ${a.status.replace('_', ' ')} for ${goalText}, ${left}: too little time for new work to show in it; ${then}`;
  const advice: Record<GoalAnalytics['status'], string> = {
    no_data: `measure ${goal.metric} first: \`goalpost metric ${goal.metric} <value>\``,
    achieved: `${goal.metric} met its target: set the next one, or archive the goal`,
    on_track: `${goal.metric} is on track for ${goalText}: keep going, ${aim}`,
    at_risk: cornered
      ? tooSoon
      : `${goal.metric} is at risk for ${goalText}: ${aim}, and review what moved it last`,
    off_track: lapsed
      ? `${goal.metric} missed its deadline of ${goal.deadline}, ${goalStanding({ ...goal, gap: a.gap })}: ${orLetGo('a new one')}`
      : cornered
        ? tooSoon
        : `${goal.metric} is off track for ${goalText}: ${aim}`,
  };
  // Work under way is named for a goal that slips or lapsed: the nudge is about it.
  const work = a.status === 'off_track' || a.status === 'at_risk' ? workOn(underWay) : null;
  const flags = [
    ...(work === null ? [] : [work]),
    ...a.anomalies.map((x) => `check the outlier ${x.value} on ${x.observedAt.slice(0, 10)}`),
    ...a.actions.filter((x) => x.slopeAfter !== null).map((x) => `${x.ref}: ${x.verdict}`),
  ];
  return {
    metric: goal.metric,
    status: a.status,
    aimFor,
    advice: [advice[a.status], ...flags].join('; '),
    analytics: a,
  };
}
