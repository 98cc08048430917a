import { compareText } from '../domain/compare-text.js';
import { formatAgo } from '../domain/duration.js';
import { daysToDeadline, type Goal, type Observation } from '../domain/goal.js';
import {
  LEAST_NOISE,
  type Line,
  levelLine,
  levelShifts,
  MAX_POINTS,
  type Momentum,
  median,
  momentumOf,
  outliers,
  type Point,
  RECENT_DAYS,
  slopeError,
  strayOf,
  theilSen,
  weekCycleOf,
  weekMedianOf,
} from '../domain/robust-line.js';
import type { TaskCategory } from '../domain/task.js';
import type { MovedNothing } from '../engine/batch-plan.js';
import { goalUnitSuffix } from '../engine/goal-value.js';
import type { SeriesReads } from '../store/goal-repository.js';

const DAY_MS = 86_400_000;
/** Days on each side of a shipped task for the before/after comparison. */
export const ACTION_WINDOW_DAYS = 28;
/** Days before a task whose readings tell a step within its window before (see stepBefore). */
const STEP_WINDOW_DAYS = 2 * ACTION_WINDOW_DAYS;
/** Readings a task's effect is judged on, on each side of it: two make a slope, not a trend. */
export const EFFECT_POINTS = 3;
/**
 * Readings a trend's line needs before where it stands now says more than the latest reading (a
 * noisy metric's forecast is carried on from the line, not from whichever side of it this week's
 * reading fell: see analyseGoal): three to tell the trend and how far its readings stray from it,
 * and the latest two, which keep to it or make a new level (see trendRead; the latest alone makes
 * none, however far off: the next reading tells).
 */
export const TREND_READINGS = 5;
/**
 * Readings a goal needs before it is called on track: two give a direction, not a trend (a review's
 * NPS read 30 then 38, "+8/week, forecast 197", on track; 31 the week after, off track). Called
 * on track, a goal's work leaves the plan; off track on two readings, it is pressed a week early
 * at worst.
 */
export const ON_TRACK_READINGS = 3;
/**
 * Days a goal's readings span, at least, before it is called on track: three weeks, as the trends
 * either side of a turn span (see turnOf). A review's churn goal read 6.1 %, 5.6 % and 5 % over a
 * fortnight, on track for its 3 % by March, and the cancellation survey linked to it left the
 * plan; a daily metric was called on track on its third day.
 */
export const ON_TRACK_DAYS = 21;
/** How many standard errors of its slope a trend must be to be called on track by (see slopeError). */
const SLIGHT_ERRORS = 2;
/** A forecast that covers at least this share of the way is at risk rather than off track. */
export const AT_RISK_SHARE = 0.8;

/** How many of the latest values a goal's sparkline shows. */
export const SPARK_POINTS = 12;

export type GoalStatus = 'achieved' | 'on_track' | 'at_risk' | 'off_track' | 'no_data';

/** A task that shipped for this goal, with the metric's trend before and after it. */
export interface ActionEffect {
  ref: string;
  title: string;
  doneAt: string;
  /** Units per week, Theil–Sen; null with fewer than 2 observations on that side. */
  slopeBefore: number | null;
  slopeAfter: number | null;
  verdict: string;
  effect: 'improved' | 'worsened' | 'unchanged' | null;
}

export interface GoalAnalytics {
  goal: Goal;
  current: number | null;
  currentAt: string | null;
  baseline: number | null;
  /**
   * What the goal is judged on when not its latest reading (see analyseGoal: its gap, forecast and
   * status are read from this), as `judgedBy` says: the trend's value there when that reading reads
   * as an outlier alone off it; a daily metric's week's median when it keeps a week's cycle (a
   * shop's Sunday is no fall); its latest reading with its day of the week's part taken out when it
   * keeps one but too few of its latest seven days were read for a week's median (`weekday`: a
   * Saturday after a fortnight unread is no fall either); null otherwise.
   */
  judgedOn: number | null;
  judgedBy: 'outlier' | 'week' | 'weekday' | null;
  /** What is left to reach the target, in the goal's direction (0 once achieved). */
  gap: number | null;
  pctOfTarget: number | null;
  /** 0–1 of the way from baseline to target. */
  progressRatio: number | null;
  /**
   * Units per week (Theil–Sen), signed, as the metric goes on now: since its latest level shift or
   * turn, if any (see momentumOf); null with fewer than 2 observations.
   */
  momentumPerWeek: number | null;
  /** When the level the momentum is read on began (a step the series took), or null. */
  levelSince: string | null;
  /**
   * When the trend the momentum is read on began, where the series turned of late (rose after a
   * fall, stalled after a climb: see turnOf), or null.
   */
  trendChangedOn: string | null;
  weeksLeft: number;
  /** Calendar days (UTC) from today to the deadline day: 0 on it, negative once it passed. */
  daysLeft: number;
  /**
   * Whether the deadline day is over (UTC): not so on its last hours, which `weeksLeft`, rounded,
   * shows as 0 (a review's suggest said "missed its deadline" on the deadline's afternoon, while
   * the goal list and the plan still worked toward it).
   */
  deadlinePassed: boolean;
  /**
   * For a goal achieved: the day its latest run of readings at its target began, when that was after
   * its deadline (a goal met late, which the table says: see goalStatusText); else null.
   */
  metLate: string | null;
  /**
   * Where the trend puts the metric at the deadline; null without a trend (one measurement) and
   * once the deadline passed.
   */
  forecast: number | null;
  /**
   * Whether its readings make a trend it is called on track by (ON_TRACK_READINGS over
   * ON_TRACK_DAYS at least, clear of their noise): fewer, its forecast is a direction, and a
   * forecast that reaches the target is at risk, not on track. The plan counts on a trended
   * forecast to close part of the gap (see goal-value's openGap), and on no other.
   */
  trended: boolean;
  /**
   * Where the forecast starts, at the latest reading: the trend's value there once its line rests
   * on TREND_READINGS readings (see trendRead), else the reading; null with no forecast. For a
   * goal judged on its week, its median, on the day `forecastAt`.
   */
  forecastFrom: number | null;
  /**
   * When the forecast starts (an ISO time): the latest reading's, or the day of the week's median
   * a goal judged on its week is judged on (the forecast is carried from it, and adds up from the
   * two); null with no forecast.
   */
  forecastAt: string | null;
  status: GoalStatus;
  anomalies: Array<{ value: number; observedAt: string; context: Record<string, string>; z: number }>;
  actions: ActionEffect[];
  /**
   * Its latest work done (not research: that moves no figure by itself) when it left the goal short:
   * measured as having moved it nothing, or four weeks on with the goal still off track or at risk
   * (see stallOf); else null. The plan takes the goal's experiment up again then (see recall): a
   * review's goal, off track and falling after its one experiment read "no change", got no more
   * work, its playbooks held as one-off work done.
   */
  stalled: MovedNothing | null;
  /**
   * While its latest work done (not research) is not `stalled`, when another is proposed, as the
   * held note of the goal's done experiment says it (see awaitingOf); else null.
   */
  awaiting: string | null;
  /** One sentence with the numbers. */
  why: string;
  /** The last SPARK_POINTS values, oldest first: what a text sparkline draws. */
  recent: number[];
  /** Who last recorded a value (a push source, or the person or token) and when Goalpost got it. */
  updated: { by: string; at: string } | null;
  /** Where the figure comes from and how fresh it is: `signups from analytics, updated 3 min ago`. */
  freshness: string | null;
}

export interface CompletedAction {
  ref: string;
  title: string;
  doneAt: string;
  /** Research (a diagnosis, an interview) is judged by the work it leads to, not credited itself. */
  category?: TaskCategory;
}

/**
 * A goal's figure as its analytics say it: whole past 100 ("4012 users", not "4012.38 users": a
 * forecast is not that precise), else to two decimals ("20.29 %"). `goals` shows its table alike.
 */
export const goalFigure = (n: number): string =>
  Math.abs(n) >= 100 ? Math.round(n).toString() : (Math.round(n * 100) / 100).toString();
const fmt = goalFigure;

/**
 * What follows a goal's current value in a table when its latest reading is not what it is judged
 * on (see GoalAnalytics.judgedOn): ` (outlier; trend 159)`; nothing otherwise. `goals` and the
 * report say it alike.
 */
export const judgedOnText = (a: Pick<GoalAnalytics, 'judgedOn' | 'judgedBy'>): string =>
  a.judgedOn === null
    ? ''
    : a.judgedBy === 'week'
      ? ` (7-day median ${goalFigure(a.judgedOn)})`
      : a.judgedBy === 'weekday'
        ? ` (its weekly cycle evened: ${goalFigure(a.judgedOn)})`
        : ` (outlier; trend ${goalFigure(a.judgedOn)})`;
const signed = (n: number): string => `${n >= 0 ? '+' : ''}${fmt(n)}`;

/**
 * What a reply to a typed reading adds when the goal's analysis takes it for an outlier (its
 * trend's value `trend` judged on instead, when it is the latest): ` It reads as an outlier
 * against the trend of nps (judged on the trend's 38.25 points instead); if it was mistyped,
 * \`goalpost metric remove nps 2026-06-01T00:00:00.000Z\` removes it.` Nothing for `outlier` null.
 */
export function typedOutlierText(
  o: { metric: string; observedAt: string; unit: string },
  outlier: { trend: number | null } | null,
): string {
  if (outlier === null) return '';
  const instead =
    outlier.trend === null
      ? ''
      : ` (judged on the trend's ${fmt(outlier.trend)}${goalUnitSuffix(o.unit)} instead)`;
  return ` It reads as an outlier against the trend of ${o.metric}${instead}; if it was mistyped, \`goalpost metric remove ${o.metric} ${o.observedAt}\` removes it.`;
}

/**
 * What a reply to a reading of an archived goal's metric adds: the reading is kept (adding the goal
 * again takes its readings), and tracks nothing meanwhile. A review's `metric nps 40` after
 * `goal archive nps` answered `nps = 40 recorded` alone, as if the goal still followed it.
 */
export const archivedReadingText = (metric: string, archived: boolean): string =>
  archived
    ? ` Its goal is archived: the reading is kept, but no goal, digest or plan reads it until \`goalpost goal add ${metric} …\` tracks it again.`
    : '';

/**
 * Analytics for one goal over its observations: gap, baseline, momentum (robust slope per week),
 * forecast at the deadline and the resulting status, anomalies, and the trend before and after
 * each shipped task linked to the goal (to tell action-driven change from the trend).
 */
export function analyseGoal(
  goal: Goal,
  observations: readonly Observation[],
  done: readonly CompletedAction[],
  now: string,
): GoalAnalytics {
  const nowMs = Date.parse(now);
  const deadlineMs = Date.parse(`${goal.deadline}T23:59:59Z`);
  const weeksLeft = Math.max(0, (deadlineMs - nowMs) / (7 * DAY_MS));
  const daysLeft = daysToDeadline(goal.deadline, now);
  const series = [...observations].sort((a, b) => compareText(a.observedAt, b.observedAt));
  const points: Point[] = series.map((o) => ({ x: Date.parse(o.observedAt) / DAY_MS, y: o.value }));
  const last = series.at(-1);
  const up = goal.direction === 'up';
  if (!last) {
    return {
      goal,
      current: null,
      currentAt: null,
      baseline: goal.baseline,
      judgedOn: null,
      judgedBy: null,
      gap: null,
      pctOfTarget: null,
      progressRatio: null,
      momentumPerWeek: null,
      levelSince: null,
      trendChangedOn: null,
      weeksLeft,
      daysLeft,
      deadlinePassed: weeksLeft === 0,
      metLate: null,
      forecast: null,
      trended: false,
      forecastFrom: null,
      forecastAt: null,
      status: 'no_data',
      anomalies: [],
      actions: [],
      stalled: null,
      awaiting: null,
      why: `no observations of ${goal.metric} yet: record one with \`goalpost metric ${goal.metric} <value>\``,
      recent: [],
      updated: null,
      freshness: null,
    };
  }
  const current = last.value;
  const baseline = goal.baseline ?? firstWritten(series).value;
  // A daily metric that keeps a week's cycle is judged on its week: the median of its latest seven
  // days, a day it was read. On its latest reading, a shop four in ten orders lower each weekend
  // read 45 % of the way on Friday and none of it on Sunday (Monday's digest), its gap and its
  // work's value half as much again; and a usual Saturday read as an outlier. The median is a day
  // of the metric itself: a goal is met on it only where most of the week met it, and a weekend at
  // 0 (a business closed) is no reading of it. Without five of its seven days read, or within
  // NEW_LEVEL_DAYS of a step (see weekTrendOf), it is judged as any metric is.
  const { cycle, week, level, at, line, momentum } = weekTrendOf(points, up);
  const seriesAt = (i: number) => series[at === null ? i : (at[i] ?? -1)];
  const since = momentum?.since == null ? null : (seriesAt(momentum.since.at)?.observedAt ?? null);
  const levelSince = momentum?.since?.kind === 'step' ? since : null;
  const trendChangedOn = momentum?.since?.kind === 'turn' ? since : null;
  // The trend carried from the reading judged to the deadline: weeks that passed since it
  // without one are weeks of the same trend, not of standing still (counted from now, the
  // forecast sank each day nothing was measured, against the momentum it printed).
  const fromMs = week === null ? Date.parse(last.observedAt) : week.x * DAY_MS;
  const weeksAfterLast = Math.max(0, (deadlineMs - fromMs) / (7 * DAY_MS));
  // A metric never measured below zero, with a target at or above it (a count, a rate), is not
  // forecast below zero: a falling crash rate bottoms out at 0, not at -1.6 %.
  const floor = goal.target >= 0 && series.every((o) => o.value >= 0) ? 0 : Number.NEGATIVE_INFINITY;
  // A rate in percent measured within 0–100 % with a target there is not forecast past 100 % (a
  // trial conversion rising 4 points a week read "forecast 198 % by 2027-06-30").
  const ceiling =
    goal.unit === '%' && goal.target <= 100 && series.every((o) => o.value <= 100)
      ? 100
      : Number.POSITIVE_INFINITY;
  // Judged against the line among the points it was fitted on: an older point's distance from a
  // line fitted since says how the trend moved, not that the point is odd.
  // With a week's cycle, among the readings it was read over: older ones evened by it flagged a
  // shop's closed weekends as outliers, once it opened at weekends.
  const tail =
    cycle === null
      ? level.length - Math.min(level.length, MAX_POINTS)
      : Math.max(
          level.length - MAX_POINTS,
          level.findIndex((p) => p.x >= (level.at(-1) as Point).x - RECENT_DAYS),
        );
  const odd = line ? outliers(level.slice(tail), line) : [];
  // A latest reading that reads as an outlier, alone off its trend, is not what the goal is judged
  // on: its trend's value there is (a review's steady climb read 120 instead of about 164, called at
  // risk and sent to the plan; a typo of 1640 the week after declared the goal met, each flagged
  // "check the outlier"). The reading before it as far off, the same way, makes it a new level:
  // 310 then 312 after a climb to 152 is the goal met, however the line through them all lies.
  // Read on the series as its trend was (a daily metric's days of the week evened out: see weekTrendOf).
  const onLine = (p: Point) => (line === null ? p.y : line.intercept + line.slope * p.x);
  const off = (i: number) => (level[i] as Point).y - onLine(level[i] as Point);
  const n = level.length;
  const alone =
    n < 2 ||
    Math.sign(off(n - 2)) !== Math.sign(off(n - 1)) ||
    Math.abs(off(n - 2)) < Math.abs(off(n - 1)) / 2;
  const lastOdd =
    week === null && line !== null && alone && odd.some((o) => tail + o.index === level.length - 1);
  // Where the trend stands at the latest reading, or the trend before a new level its latest two
  // readings make (see trendRead): a jump on them is no pace to carry on. The latest alone, off
  // the trend, moves no forecast: with too few readings before it, theirs is the trend carried on.
  // It is told only when the goal is judged on it: an outlier is judged on the trend.
  const read = week === null ? trendRead(level, momentum, !lastOdd) : NO_READ;
  const jump = read.jump;
  const stray = read.held?.stray ?? null;
  const before = stray?.few ? stray : null;
  const momentumPerWeek =
    jump !== null
      ? jump.paced
        ? jump.line.slope * 7
        : 0
      : before !== null
        ? before.line.slope * 7
        : momentum
          ? momentum.slope * 7
          : null;
  // A week's cycle without a week's median to judge on: the latest reading with its day of the
  // week's part taken out (see weekTrendOf).
  const weekday = week === null && cycle !== null && !lastOdd ? (level.at(-1) as Point) : null;
  const judged =
    week !== null ? week.y : lastOdd ? onLine(level.at(-1) as Point) : weekday !== null ? weekday.y : current;
  // The forecast carries the trend on from where it stands at the latest reading, once its line
  // rests on TREND_READINGS readings: a review's NPS read 30, 38, 31, 39 … around a trend of +0.5 a
  // week, and, carried on from each reading, its forecast swung between 40 and 48 against a target
  // of 45, on track and off track week about (work sent to the plan one week, none the next). Not
  // when the latest two readings leave the trend before them: a new level, carried on from itself.
  // The why names where the trend stands whenever it reads otherwise than the reading, so the
  // forecast adds up by hand from the figures it prints (a review's open_bugs 'is 9 … -0.5/week;
  // forecast 3.77' started from 9.25, left unsaid as less than a week's momentum off).
  const trendNow = read.now;
  const from = trendNow ?? judged;
  const forecastAt = (perWeek: number, start = from) =>
    Math.min(ceiling, Math.max(floor, start + perWeek * weeksAfterLast));
  const forecast = forecastAt(momentumPerWeek ?? 0);
  const reached = (v: number) => (up ? v >= goal.target : v <= goal.target);
  // A trend within its readings' noise (under two standard errors of its slope: see slopeError)
  // is no trend to call a goal on track by, nor to count on to close its gap: a review's churn read
  // 3.1-3.7 % for fourteen weeks with no trend; its -0.02 points a week, carried thirty weeks,
  // forecast 2.94 % against a target of 3 %: on track one week, off track the next, and a third of
  // such flat series read on track.
  const error =
    jump !== null
      ? jump.paced
        ? slopeError(jump.points, jump.line) * 7
        : 0
      : before !== null
        ? slopeError(before.points, before.line) * 7
        : momentum === null
          ? 0
          : slopeError(level.slice(-momentum.readings), momentum) * 7;
  // Nor short of it: a flat NPS's +0.43 a week one Monday, within its noise, carried to a forecast
  // of 42.73 against 45, left the work on it 2.27 of the 8 points it was short, and all of them the
  // weeks its noise read a fall (see GoalAnalytics.trended).
  const withinNoise = Math.abs(momentumPerWeek ?? 0) < SLIGHT_ERRORS * error;
  const slight = reached(forecast) && withinNoise && !reached(forecastAt(0));
  const span = goal.target - baseline;
  // A goal that started at its target, or past it, and moved away has come none of the way back
  // (a review's churn goal, first read at its 3 % target, read 100 % at 6 %).
  const progressOf = (v: number) =>
    reached(v) ? 1 : span === 0 || reached(baseline) ? 0 : Math.max(0, Math.min(1, (v - baseline) / span));
  const behindPace = (v: number) => progressOf(v) < AT_RISK_SHARE;
  // A goal reached is all the way, whatever side of its target the first measurement fell (a goal
  // set before any, met by the first: its baseline is that measurement, past the target).
  const progressRatio = progressOf(judged);
  const gap = Math.max(0, up ? goal.target - judged : judged - goal.target);
  const spanDays = Math.round(
    (Date.parse(last.observedAt) - Date.parse(series[0]?.observedAt ?? '')) / DAY_MS,
  );
  const early = series.length < ON_TRACK_READINGS || spanDays < ON_TRACK_DAYS;
  let status: GoalStatus;
  if (reached(judged)) status = 'achieved';
  else if (weeksLeft === 0) status = 'off_track';
  // One measurement shows no direction: not off track (a goal set this morning was called that,
  // and slipping), but at risk until a second one tells. Two are no trend to call it on track by.
  else if (momentumPerWeek === null) status = 'at_risk';
  // One reading off its trend decides nothing (see trendRead): not on track on it, nor off track
  // unless the goal is so whether it proves a bad week (the trend's forecast) or a new level (the
  // reading carried on at the pace of those before it).
  else if (stray !== null)
    status =
      behindPace(forecast) && behindPace(forecastAt(stray.line.slope * 7, judged)) ? 'off_track' : 'at_risk';
  // A new level on two readings is no trend yet, as two readings are not (see trendRead).
  else if (reached(forecast)) status = early || slight || jump !== null ? 'at_risk' : 'on_track';
  else status = progressOf(forecast) >= AT_RISK_SHARE ? 'at_risk' : 'off_track';
  // Every figure in the goal's unit; a week's change of a rate in percentage points.
  const unit = goalUnitSuffix(goal.unit);
  const perWeek = goalUnitSuffix(goal.unit, true);
  const lastDay = last.observedAt.slice(0, 10);
  const outlierNote = lastOdd
    ? ` on its trend (its latest reading, ${fmt(current)}${unit} on ${lastDay}, reads as an outlier)`
    : week !== null
      ? ` (on ${dayOf(week.x)}: the median of its 7 days to ${lastDay}, as it runs in a weekly cycle${fmt(current) === fmt(judged) ? '' : `; ${fmt(current)}${unit} on ${lastDay}`})`
      : weekday !== null && fmt(current) !== fmt(judged)
        ? ` (its reading of ${dayOf(weekday.x)} with its weekly cycle evened out, as too few of its latest 7 days were read for their median; ${fmt(current)}${unit} on ${lastDay})`
        : '';
  // A deadline gone by leaves nothing to forecast: the metric carried to a day past is no forecast
  // (the table printed the current value in that column).
  const passed = weeksLeft === 0;
  // The forecast as the analytics keep it (to the cent), so the why and the table round one figure
  // alike: a review's 1495.4999 read "forecast 1495" beside the table's 1496 (of 1495.5).
  const shownForecast = Math.round(forecast * 100) / 100;
  const lateOn =
    status !== 'achieved'
      ? null
      : week === null
        ? metLateOn(series, reached, deadlineMs)
        : weekMetLateOn(points, (p) => weekMedianOf(p, up, cycle?.closed), reached, deadlineMs);
  const trend =
    momentumPerWeek === null
      ? null
      : jump !== null && !jump.paced
        ? `a new level on ${dayOf(jump.from)} (its latest two readings), carried flat: too few readings before it to carry a pace on`
        : before !== null
          ? `${signed(momentumPerWeek)}${perWeek}/week on the trend of its ${before.points.length} readings before the latest, at ${fmt(trendNow ?? judged)}${unit} now`
          : `${signed(momentumPerWeek)}${perWeek}/week${jump === null ? '' : ` before a new level on ${dayOf(jump.from)} (its latest two readings)`}${levelSince === null || jump !== null ? '' : ` since its step on ${levelSince.slice(0, 10)}`}${trendChangedOn === null ? '' : ` since its trend changed on ${trendChangedOn.slice(0, 10)}`}${trendNow !== null && fmt(trendNow) !== fmt(judged) ? ` on a trend at ${fmt(trendNow)}${unit} now` : ''}`;
  // Why the forecast does not call the status it would alone, or is not counted on (see trended).
  const noise = `its trend is within its readings' noise (±${fmt(Math.round(error * 100) / 100)}${perWeek}/week)`;
  const toward = (momentumPerWeek ?? 0) !== 0 && (momentumPerWeek ?? 0) > 0 === up;
  const caveat = slight
    ? `, but ${noise}: not called on track`
    : stray !== null && reached(forecast)
      ? ', not called on track on one reading off its trend'
      : jump !== null && reached(forecast)
        ? `, not called on track before ${ON_TRACK_READINGS} readings at its new level`
        : withinNoise && toward && jump === null && !reached(forecast)
          ? `, but ${noise}: not counted on to close the gap`
          : '';
  const behind = behindText(read.held, momentumPerWeek, shownForecast, judged, unit, perWeek);
  const ahead = passed
    ? `${trend ?? 'one measurement'}; its deadline, ${goal.deadline}, has passed`
    : trend === null
      ? `no trend yet: one measurement, so no forecast before a second; due ${goal.deadline}`
      : early
        ? `${trend} over ${series.length === 2 ? 'its two readings' : `its ${series.length} readings in ${spanDays <= 1 ? 'a day' : `${spanDays} days`}`}; forecast ${fmt(shownForecast)}${unit} by ${goal.deadline}${reached(forecast) ? `, not called on track before ${ON_TRACK_READINGS} readings over ${ON_TRACK_DAYS / 7} weeks` : ''}${behind}`
        : `${trend}; forecast ${fmt(shownForecast)}${unit} by ${goal.deadline}${behind}${caveat}`;
  const why =
    status === 'achieved'
      ? `${goal.metric} is ${fmt(judged)}${unit}${outlierNote}, ${up ? 'past' : 'down to'} its target of ${fmt(goal.target)}${unit}${lateOn === null ? '' : ` (met on ${lateOn}, after its deadline of ${goal.deadline})`}`
      : `${goal.metric} is ${fmt(judged)}${unit}${outlierNote} ${up ? 'of' : 'against a target of'} ${fmt(goal.target)}${unit}${up ? '' : ' or less'} (${Math.round(progressRatio * 100)}% of the way from ${fmt(baseline)}${unit}), ${ahead}`;
  const forecasts = momentumPerWeek !== null && !passed;
  const effects = done.map((action) => actionEffect(action, points, up, done));
  const trended = momentumPerWeek !== null && !early && !withinNoise && jump === null;
  // Its trend carrying it to its target, as `goals` shows it: on track, or at risk on a trend, clear
  // of its noise, toward it. Such a goal is not sent back for more work (see stallOf).
  const stands: StandsNow = {
    status,
    heading: status === 'on_track' || (status === 'at_risk' && trended && toward),
    lastMs: Date.parse(last.observedAt),
    nowMs,
  };
  const latest = effects[latestWorkOf(done)];
  const stalled = stallOf(goal, latest, stands);
  return {
    goal,
    current,
    currentAt: last.observedAt,
    baseline,
    judgedOn: lastOdd || week !== null || weekday !== null ? Math.round(judged * 100) / 100 : null,
    judgedBy: lastOdd ? 'outlier' : week !== null ? 'week' : weekday !== null ? 'weekday' : null,
    gap,
    pctOfTarget: goal.target === 0 ? null : judged / goal.target,
    progressRatio,
    momentumPerWeek,
    levelSince,
    trendChangedOn,
    weeksLeft: Math.round(weeksLeft * 10) / 10,
    daysLeft,
    deadlinePassed: passed,
    metLate: lateOn,
    // No trend, no forecast: the current value carried to the deadline is no forecast (the table
    // printed one beside "no forecast before a second").
    forecast: forecasts ? shownForecast : null,
    trended,
    forecastFrom: forecasts ? Math.round(from * 100) / 100 : null,
    forecastAt: forecasts ? new Date(fromMs).toISOString() : null,
    status,
    anomalies: odd.map(({ index, z }) => {
      const o = seriesAt(tail + index);
      return { value: o?.value ?? 0, observedAt: o?.observedAt ?? '', context: o?.context ?? {}, z };
    }),
    actions: effects.map((e) => e.action),
    stalled,
    awaiting: awaitingOf(goal, latest, stalled, stands),
    why,
    recent: series.slice(-SPARK_POINTS).map((o) => o.value),
    ...lastUpdate(goal.metric, series, nowMs),
  };
}

/**
 * Why a forecast carried on from the trend (see trendRead's `held`) lies behind the reading the
 * goal is judged on. The latest reading off the trend (`stray`): on which side of it the forecast
 * lies, how far off the reading is, and that a second there is a new level: `, below its latest
 * reading's 27 %, one reading off its trend (9 deviations of the readings before it, ±0.5 pts); a
 * second at that level will be taken as the new level`. Within the readings' deviations, only
 * where it lies against its own momentum (below it on a climb or flat, above it on a fall): `,
 * below its latest reading's 25 % (…)`. Unsaid, a lead read "forecast 26 % by February" beside
 * "27 %" as the tool saying the goal would fall.
 */
function behindText(
  held: Held | null,
  perWeek: number | null,
  forecast: number,
  judged: number,
  unit: string,
  weekUnit: string,
): string {
  if (held === null || perWeek === null) return '';
  const below = forecast < judged;
  const side =
    fmt(forecast) === fmt(judged)
      ? ''
      : `, ${below ? 'below' : 'above'} its latest reading's ${fmt(judged)}${unit}`;
  const deviation = `±${fmt(Math.round(held.noise * 100) / 100)}${weekUnit}`;
  if (held.stray !== null) {
    const many = fmt(Math.round(held.stray.deviations * 10) / 10);
    // With too few readings before it, the trend named just before is theirs (see trendRead).
    const [trend, deviations] = held.stray.few
      ? ['that trend', 'of their deviations']
      : ['its trend', 'deviations of the readings before it'];
    const by = held.floored ? `${many} times ${SWING}, ${deviation}` : `${many} ${deviations}, ${deviation}`;
    return `${side}, one reading off ${trend} (${by}); a second at that level will be taken as the new level`;
  }
  if (side === '' || (below ? perWeek < 0 : perWeek > 0)) return '';
  const within = held.floored
    ? `within ${NEW_LEVEL_DEVIATIONS} times ${SWING}, ${deviation}, from their trend`
    : `within ${NEW_LEVEL_DEVIATIONS} of its readings' deviations, ${deviation}, from their trend`;
  return `${side} (which lies ${within}: the forecast is carried on from the trend)`;
}

/**
 * How a line names the least deviation readings are taken to stray by (LEAST_NOISE of their level),
 * where it, not their own spread, is what a reading is judged against.
 */
const SWING = `the ${LEAST_NOISE * 100} % any metric is allowed to swing`;

/**
 * Where a goal set before any reading started: the earliest observed of the readings written first
 * (a history written at once starts at its earliest). A backfill of the months before, written
 * later, is history, not where the goal started: taken as the baseline, a review's 110 of 200 read
 * "10% of the way from 100" one week and "25% of the way from 80" the next. `series` not empty, in
 * the series' order (time, then id).
 */
function firstWritten(series: readonly Observation[]): Observation {
  let first = series[0] as Observation;
  for (const o of series) if (o.recordedAt < first.recordedAt) first = o;
  return first;
}

/**
 * The day a goal's latest run of readings at its target began, when after its deadline (its line
 * adds ` (met on 2026-12-03, after its deadline of 2026-11-30)`); null when met in time.
 */
function metLateOn(
  series: readonly Observation[],
  reached: (v: number) => boolean,
  deadlineMs: number,
): string | null {
  let first = series.length - 1;
  while (first > 0 && reached((series[first - 1] as Observation).value)) first -= 1;
  const at = (series[first] as Observation).observedAt;
  return Date.parse(at) > deadlineMs ? at.slice(0, 10) : null;
}

/**
 * metLateOn for a goal judged on its week: the first day of the latest run of days whose week's
 * median (`weekOf`, of the points up to that day) met the target, when after its deadline; null
 * when met by it. A review's shop met its target of 180 a day weeks before its deadline read "met
 * on 2026-12-06, after its deadline", a Sunday of 130: the run of readings a weekend breaks.
 */
function weekMetLateOn(
  points: readonly Point[],
  weekOf: (points: readonly Point[]) => Point | null,
  reached: (v: number) => boolean,
  deadlineMs: number,
): string | null {
  const deadlineDay = Math.floor(deadlineMs / DAY_MS);
  let end = points.length;
  let first: number | null = null;
  for (let day = Math.floor((points.at(-1) as Point).x); day >= deadlineDay; day -= 1) {
    while (end > 0 && (points[end - 1] as Point).x >= day + 1) end -= 1;
    const week = end === 0 ? null : weekOf(points.slice(0, end));
    if (week === null || !reached(week.y)) break;
    // Met by its deadline's day, and ever since: in time.
    if (day === deadlineDay) return null;
    first = day;
  }
  return first === null ? null : dayOf(first);
}

/** The UTC day (YYYY-MM-DD) of a time in days since the epoch. */
const dayOf = (x: number): string => new Date(Math.floor(x) * DAY_MS).toISOString().slice(0, 10);

/** Days after a step in a daily metric with a week's cycle before it is judged on its week again. */
const NEW_LEVEL_DAYS = 14;

/**
 * How a series is read for its trend and outliers: as it runs in its week's cycle when it keeps one
 * (see weekCycleOf), judged on its week when five of its latest seven days are read (`week`, their
 * median: see weekMedianOf; null with fewer), each reading with its day of the week's part taken
 * out, days closed left out (`level`, `at` each one's index among the points); as it is otherwise
 * (four readings a day, two days lower each week, read as a step each weekend: "+24 orders/week
 * since its step"). And as it is within NEW_LEVEL_DAYS of a step it took, or its latest two
 * readings make a new level (see trendRead): a launch that doubled signups read "-3.37 signups/week
 * since its step", off track, its week's median still the level before, where read as it is it was
 * met.
 */
function weekTrendOf(points: readonly Point[], up: boolean) {
  const plain = () => {
    const line = theilSen(points);
    return { cycle: null, week: null, level: points, at: null, line, momentum: momentumOf(points, line) };
  };
  const cycle = weekCycleOf(points);
  if (cycle === null) return plain();
  // Too few of its latest seven days read for their median (a fortnight unread, back on a
  // Saturday), its trend is still read with its week's cycle evened out, and the goal judged on its
  // latest reading so evened: read as it is, a review's bookings, weekends four in ten lower, read
  // off track four days running after a gap, their weekends mixed into the line.
  const week = weekMedianOf(points, up, cycle.closed);
  const { level, at } = evenedLevels(points, cycle);
  const line = theilSen(level);
  const momentum = momentumOf(level, line);
  const step = momentum?.since?.kind === 'step' ? level[momentum.since.at] : undefined;
  if (step !== undefined && (level.at(-1) as Point).x - step.x < NEW_LEVEL_DAYS) return plain();
  // Nor when its latest two readings make a new level, before three make a step.
  const readings = momentum?.readings ?? 0;
  if (momentum !== null && readings >= TREND_READINGS && trendRead(level, momentum).now === null)
    return plain();
  return { cycle, week, level, at, line, momentum };
}

/**
 * A goal's status as a table or a list says it: `off track`, and `achieved late` for a goal met after
 * its deadline (a review's weekly table read "achieved" of a goal 2.4 points short at its deadline,
 * met four weeks after it: the miss was in the prose alone).
 */
export const goalStatusText = (a: Pick<GoalAnalytics, 'status' | 'metLate'>): string =>
  a.status === 'achieved' && a.metLate !== null ? 'achieved late' : a.status.replace('_', ' ');

/**
 * How many deviations of the trend before them the latest two readings lie beyond, as a new level:
 * four, as a dip on two days of seven (a weekend) is off the trend by 1 / (1.2533 × 2/7) ≈ 2.8 of the
 * readings' mean deviation, and is no new level for coming back each week.
 */
const NEW_LEVEL_DEVIATIONS = 4;
/** The least deviation readings too few to carry a pace on are taken to stray by, as a share of their level. */
const UNPACED_NOISE = 0.05;

/**
 * Where a series' trend stands at its latest reading (`now`): its momentum's line there (its slope,
 * through the readings' level: see levelLine), when that line rests on TREND_READINGS readings at
 * least; null otherwise, and when the latest two readings make a new level (the reading itself is
 * then where the metric stands). They make one when neither keeps to the trend of the readings
 * before them: both off the line those give, the same way, each by more than NEW_LEVEL_DEVIATIONS
 * of those readings' own deviations from it, and the latest reading off the trend's value now that
 * way too. A line through a step lies between its two levels until the readings after it make a
 * level of their own (see momentumOf): flat at 100 for six weeks, then 200 and 202, would be
 * carried on from 176. The deviations are strayOf's, not the MAD alone: near 0 for a handful of
 * whole-number readings on their line but for one or two, it called a weekly NPS of 31, 34, 28, 30,
 * 33, 33, 35, 39, then 33 and 38, a new level (below the trend of those before) and forecast it
 * from the 38, above it: at risk to on track in a week. A daily metric's weekend, two readings low
 * each week, was a new level every Sunday (a conversion forecast at 5.0 % on weekdays read 4.1 %,
 * off track, each Sunday); its weekends before it are in its mean deviation. When they make one,
 * the trend of the readings before them (`jump`: its line, the readings it was fitted on, and the
 * day of the first of the two), whose pace the series is carried on at from the new level: a line
 * through the jump counts it again every week to the deadline (a review's signups, flat at 100 for
 * six weeks, then 148 and 151 after a launch, read "+7.57 signups/week … 287 by February", on track
 * for one week, its work out of the plan).
 */
interface TrendRead {
  now: number | null;
  /** `paced`: whether the readings before it are enough to carry a pace on (else it is carried flat). */
  jump: { line: Line; points: readonly Point[]; from: number; paced: boolean } | null;
  /**
   * With `now`, why the latest reading is not where the forecast starts (see Held); null otherwise.
   */
  held: Held | null;
}
const NO_READ: TrendRead = { now: null, jump: null, held: null };

/**
 * How far the readings before the latest stray from their trend: `noise`, one deviation (strayOf's),
 * `floored` when that is LEAST_NOISE of their level, not their own spread (uptime at 99.6 and 99.7
 * week about strays ±0.05, and was said to stray ±1); `stray` when the latest reading lies beyond
 * NEW_LEVEL_DEVIATIONS of them off that trend, one reading off it: how many deviations
 * (`deviations`), the trend of those before it (`line`, fitted on `points`), and whether they are
 * too few for the line through them all to be the trend (`few`: see trendRead).
 */
interface Held {
  noise: number;
  floored: boolean;
  stray: { deviations: number; line: Line; points: readonly Point[]; few: boolean } | null;
}

/**
 * trendRead for a series, `single` when its latest reading alone is told off its trend: when the
 * goal is judged on it (not taken for an outlier: see analyseGoal). One reading off the trend never
 * moves the forecast, however far off: it may be a new level or a bad week, and the next reading
 * tells. Taken for a step, a bad week of an NPS steady at 40–43 (35) moved its forecast from 41.5
 * to 37.35, while a worse one (33), an outlier, left it be. With five readings the line through
 * them all is dragged by it (22, 23, 22, 23, then 26.5 % read "+1.06 pts/week … forecast 42.74 %",
 * on track), so the trend is the one of the four before it.
 */
function trendRead(points: readonly Point[], momentum: Momentum | null, single = false): TrendRead {
  if (momentum === null || momentum.readings < TREND_READINGS) return NO_READ;
  const fitted = points.slice(-momentum.readings);
  const latest = fitted.at(-1) as Point;
  const now = onLine(levelLine(fitted, momentum.slope), latest);
  const two = levelJump(fitted, now);
  if (two.jump !== null || two.held === null) return two;
  if (!single) return { now, jump: null, held: null };
  return latestOff(fitted, now);
}

/** A line's value at a point's time. */
const onLine = (line: Line, p: Point): number => line.intercept + line.slope * p.x;

/** The trend of `earlier` (through their level: see levelLine) and how far they stray from it, or null. */
function trendBefore(earlier: readonly Point[]): { line: Line; noise: number; floored: boolean } | null {
  const trend = theilSen(earlier);
  if (trend === null) return null;
  const line = levelLine(earlier, trend.slope);
  const noise = strayOf(earlier, line);
  const floored = noise <= LEAST_NOISE * median(earlier.map((p) => Math.abs(p.y)));
  return { line, noise, floored };
}

/**
 * Whether the latest two readings of `fitted` make a new level against the trend of those before
 * them (see trendRead): `now` is where the trend through them all stands at the latest reading.
 */
function levelJump(fitted: readonly Point[], now: number): TrendRead {
  const latest = fitted.at(-1) as Point;
  const earlier = fitted.slice(0, -2);
  const before = trendBefore(earlier);
  if (before === null) return { now, jump: null, held: null };
  const [a, b] = fitted.slice(-2).map((p) => p.y - onLine(before.line, p)) as [number, number];
  const beyond = NEW_LEVEL_DEVIATIONS * before.noise;
  const newLevel =
    Math.sign(a) === Math.sign(b) &&
    Math.abs(a) > beyond &&
    Math.abs(b) > beyond &&
    Math.sign(latest.y - now) === Math.sign(b);
  if (!newLevel)
    return { now, jump: null, held: { noise: before.noise, floored: before.floored, stray: null } };
  // A pace on fewer readings than a trend's is no pace to carry on (three after a step, a slope of
  // -1.5 a week across 61, 59, 58, would forecast a steady 60 at 35 by February): the new level is
  // carried flat. Nor is the line through the jump one (four weeks flat near 100, then 148 and 151,
  // read "+12 signups/week", on track).
  const few = earlier.length < TREND_READINGS;
  // Their noise, on so few readings, tells too little: only a jump of a fifth of their level is one
  // (60 then 59, 60 after 61, 59, 58 is no new level; 100 for four weeks, then 148, 151 is).
  const level = median(earlier.map((p) => Math.abs(p.y)));
  const big = Math.min(Math.abs(a), Math.abs(b)) > NEW_LEVEL_DEVIATIONS * UNPACED_NOISE * level;
  if (few && !big) return NO_READ;
  // Few, their pace is carried on still when it stands clear of their noise: a young metric's 10,
  // 14, 18, 22, then 32 and 37, carried flat, read "forecast 37", off track, for a climb of 4 a week.
  const paced = !few || Math.abs(before.line.slope) >= SLIGHT_ERRORS * slopeError(earlier, before.line);
  return {
    now: null,
    jump: { line: before.line, points: earlier, from: (fitted.at(-2) as Point).x, paced },
    held: null,
  };
}

/**
 * The latest reading of `fitted` against the trend of those before it, when the two before it make
 * no new level (see trendRead): the forecast stays on the trend through them all (`now`), or on the
 * trend before it when it lies beyond their deviations off it with too few before it to outweigh it.
 */
function latestOff(fitted: readonly Point[], now: number): TrendRead {
  const latest = fitted.at(-1) as Point;
  const earlier = fitted.slice(0, -1);
  const before = trendBefore(earlier);
  if (before === null) return { now, jump: null, held: null };
  const { line, noise, floored } = before;
  const off = latest.y - onLine(line, latest);
  if (!(Math.abs(off) > NEW_LEVEL_DEVIATIONS * noise))
    return { now, jump: null, held: { noise, floored, stray: null } };
  const few = earlier.length < TREND_READINGS;
  const stray = { deviations: Math.abs(off) / noise, line, points: earlier, few };
  return { now: few ? onLine(line, latest) : now, jump: null, held: { noise, floored, stray } };
}

/**
 * A series' points as it runs in its week's cycle (see weekCycleOf): each with its day of the
 * week's part taken out, days closed left out; `at` is each one's index among the points.
 */
function evenedLevels(
  points: readonly Point[],
  cycle: { even: (p: Point) => number; closed: (p: Point) => boolean },
): { level: Point[]; at: number[] } {
  const at: number[] = [];
  const level: Point[] = [];
  points.forEach((p, index) => {
    if (cycle.closed(p)) return;
    at.push(index);
    level.push({ x: p.x, y: cycle.even(p) });
  });
  return { level, at };
}

/** How much older than its write the latest measured point may be before freshness names its day. */
const STALE_BACKFILL_MS = 2 * 24 * 3_600_000;

/** The latest write among the observations (not the latest observed time: a late point is news too). */
function lastUpdate(
  metric: string,
  series: readonly Observation[],
  nowMs: number,
): Pick<GoalAnalytics, 'updated' | 'freshness'> {
  let latest: Observation | undefined;
  let measured = '';
  for (const o of series) {
    if (!latest || o.recordedAt > latest.recordedAt) latest = o;
    if (o.observedAt > measured) measured = o.observedAt;
  }
  if (!latest) return { updated: null, freshness: null };
  const by = latest.pushSource ?? latest.actor;
  // A point typed today for a day long past is not a fresh figure: say which day the latest is of.
  const stale = Date.parse(latest.recordedAt) - Date.parse(measured) > STALE_BACKFILL_MS;
  return {
    updated: { by, at: latest.recordedAt },
    freshness: `${metric} from ${by}, updated ${formatAgo(nowMs - Date.parse(latest.recordedAt))}${stale ? `; its latest point is of ${measured.slice(0, 10)} (${formatAgo(nowMs - Date.parse(measured))})` : ''}`,
  };
}

/**
 * What analyseGoal reads of a long series, given the goal's shipped tasks: the latest MAX_POINTS
 * (the line, its outliers, the latest values), the first, the earliest of those written first (the
 * baseline of a goal set before any: see firstWritten), the one recorded last,
 * and around each task the latest MAX_POINTS of each side's window (actionEffect fits a line to
 * them, and tells a step before the task by the 28 days before those: see stepBefore). A window is
 * read as instants compare: [t − 56 days, t) before, (t, t + 28 days] after, its far edge once more
 * on its own (days are compared as fractions, exact but at that edge).
 */
export function seriesReads(done: readonly CompletedAction[]): SeriesReads {
  const iso = (ms: number) => new Date(ms).toISOString();
  const span = ACTION_WINDOW_DAYS * DAY_MS;
  // A time Date cannot hold (or write as ISO 8601) has no window: actionEffect finds no point in it.
  const valid = (ms: number) => Number.isFinite(new Date(ms).getTime());
  const windows = done.flatMap(({ doneAt }) => {
    const t = Date.parse(doneAt);
    if (!valid(t - 2 * span - 1) || !valid(t + span)) return [];
    return [
      { after: iso(t - 2 * span - 1), before: iso(t), at: null },
      { after: iso(t), before: iso(t + span), at: iso(t + span) },
    ];
  });
  return { tail: MAX_POINTS, windows };
}

/**
 * The level shift (see levelShifts) the readings took in the ACTION_WINDOW_DAYS before a task at
 * `t`, the latest: its first reading's day and which way it went; null without one. Read among the
 * readings of twice that before it and that after it, so a step has readings either side to tell
 * it by. The trend before the task is read from it on: a line through it leads far off the new level
 * (a review's demo requests stepped from ~89 to ~60 a week before an experiment, flat after it,
 * and the experiment read "improved after it: 27 above where its trend before led", keeping its
 * playbook at "continue").
 */
function stepBefore(points: readonly Point[], t: number): StepsBefore {
  const around = points
    .filter((p) => p.x >= t - STEP_WINDOW_DAYS && p.x <= t + ACTION_WINDOW_DAYS)
    .slice(-MAX_POINTS);
  const steps: StepsBefore = { step: null, own: null };
  for (const i of levelShifts(around)) {
    const at = around[i] as Point;
    if (at.x >= t || at.x < t - ACTION_WINDOW_DAYS) continue;
    const step = { x: at.x, down: at.y < (around[i - 1] as Point).y };
    if (at.x >= t - OWN_STEP_DAYS) steps.own = step;
    else steps.step = step;
  }
  return steps;
}

/**
 * The level shifts before a task (see stepBefore): the latest before OWN_STEP_DAYS of it (`step`),
 * and the latest within them (`own`), taken for the task's own doing, marked done a day or two
 * after it went live (a review's experiment, live on a Saturday and marked done on Monday, read
 * "not comparable").
 */
interface StepsBefore {
  step: { x: number; down: boolean } | null;
  own: { x: number; down: boolean } | null;
}

/** Days before a task's `done` a step may lie and still be taken for its own doing. */
const OWN_STEP_DAYS = 3;

/**
 * How the goal's trend moved across a done action: the slope of the ACTION_WINDOW_DAYS before it
 * against the slope after. Other actions on the goal done within the window either side are named
 * in the verdict: the change may be theirs (a research task finished two days after the fix that
 * moved the metric read as if it had moved it).
 */
function actionEffect(
  action: CompletedAction,
  points: readonly Point[],
  up: boolean,
  all: readonly CompletedAction[],
): WorkEffect {
  const t = Date.parse(action.doneAt) / DAY_MS;
  const { step: stepped, own } = stepBefore(points, t);
  // From the latest step before it on; up to one taken for its own doing, which is measured.
  const before = points.filter((p) => p.x < (own?.x ?? t) && p.x >= (stepped?.x ?? t - ACTION_WINDOW_DAYS));
  const after = points.filter((p) => p.x > t && p.x <= t + ACTION_WINDOW_DAYS);
  const perWeek = (l: { slope: number } | null) => (l ? Math.round(l.slope * 7 * 100) / 100 : null);
  // Fitted once: its slope is said, and its line is where the readings after are measured from.
  const lineBefore = theilSen(before);
  const slopeBefore = perWeek(lineBefore);
  const slopeAfter = perWeek(theilSen(after));
  let verdict: string;
  let effect: ActionEffect['effect'] = null;
  const trend = before.length >= EFFECT_POINTS ? lineBefore : null;
  if (after.length < EFFECT_POINTS) {
    verdict = `too early to judge: ${after.length} observation${after.length === 1 ? '' : 's'} after it, ${EFFECT_POINTS} needed`;
  } else if (trend === null || slopeBefore === null || slopeAfter === null) {
    verdict =
      stepped === null
        ? `not enough observations before it to compare: ${before.length}, ${EFFECT_POINTS} needed`
        : `not comparable: it stepped ${stepped.down ? 'down' : 'up'} on ${dayOf(stepped.x)}, before it, and its new level has ${before.length} reading${before.length === 1 ? '' : 's'} before it, ${EFFECT_POINTS} needed to tell where its trend led`;
  } else {
    // Where the metric went against where its trend before led, by the median of the readings
    // after (the level, not the slope alone: a jump then a slower climb is a gain), beside the
    // series' own noise around that trend (a median absolute deviation, at least 1 % of its level).
    // The latest MAX_POINTS of each side, as the slopes read them and the store reads them (see
    // seriesReads): a long series analysed from its parts reads the same as from all of it.
    const led = (p: Point) => trend.intercept + trend.slope * p.x;
    const fitted = before.slice(-MAX_POINTS);
    const around = fitted.map((p) => p.y - led(p));
    const spread = 1.4826 * median(around.map((r) => Math.abs(r - median(around))));
    const noise = Math.max(spread, Math.abs(median(fitted.map((p) => p.y))) * 0.01, 1e-9);
    const level = median(after.slice(-MAX_POINTS).map((p) => p.y - led(p)));
    const better = up ? level : -level;
    const steps = `${signed(slopeBefore)}/week before, ${signed(slopeAfter)}/week after`;
    effect = Math.abs(better) <= 2 * noise ? 'unchanged' : better > 0 ? 'improved' : 'worsened';
    verdict =
      effect === 'unchanged'
        ? `no change: within the series' own noise of where its trend before led (${steps}): likely the existing trend`
        : `${effect} after it: ${fmt(Math.abs(level))} ${level > 0 ? 'above' : 'below'} where its trend before led (${steps})`;
    if (own !== null)
      verdict += `; the readings stepped ${own.down ? 'down' : 'up'} on ${dayOf(own.x)}, ${Math.max(1, Math.round(t - own.x))} day${Math.round(t - own.x) <= 1 ? '' : 's'} before it was marked done: measured as its doing`;
    // Other work that may have moved it (research, which moves nothing itself, is no such work):
    // done within the window, and before the latest reading judged (work done after every reading
    // the verdict rests on moved none of them).
    const judgedUntil = (after.at(-1) as Point).x;
    const near = all.filter((other) => {
      const at = Date.parse(other.doneAt) / DAY_MS;
      return (
        other !== action &&
        other.category !== 'research' &&
        Math.abs(at - t) <= ACTION_WINDOW_DAYS &&
        at < judgedUntil
      );
    });
    // Research moves no figure by itself: what the metric did after it is said, and neither
    // credited nor held against it (a review found a diagnosis listed as having improved its goal,
    // and `report` advising more such research for it); the work it led to is judged on its own.
    if (action.category === 'research') {
      if (effect !== 'unchanged')
        verdict +=
          '; research moves no figure by itself, so this is not credited to it: the work it led to is judged on its own';
      effect = null;
    } else if (near.length > 0 && effect !== 'unchanged') {
      const named = near.slice(0, 3).map((o) => `${o.ref} (done ${o.doneAt.slice(0, 10)})`);
      const more = near.length > 3 ? ` and ${near.length - 3} more` : '';
      verdict += `; ${named.join(', ')}${more} ${near.length === 1 ? 'was' : 'were'} done within ${ACTION_WINDOW_DAYS} days of it too: the change may be ${near.length === 1 ? 'its' : 'theirs'}`;
    }
  }
  return {
    action: {
      ref: action.ref,
      title: action.title,
      doneAt: action.doneAt,
      slopeBefore,
      slopeAfter,
      verdict,
      effect,
    },
    flat: action.category === 'research' ? null : flatAfter(effect, trend === null, before, after, up),
    // Readings either side to tell a move by, against its trend or against those before it.
    measured: after.length >= EFFECT_POINTS && before.length > 0,
    was: before.length === 0 ? null : median(before.slice(-MAX_POINTS).map((p) => p.y)),
    latest: points.at(-1)?.y ?? null,
  };
}

/**
 * A piece of work's effect (see actionEffect), with what its readings were: the median of those
 * before it (`was`, null with none: nothing to compare with, however many follow), and the goal's
 * latest reading, to tell a gain kept from one lost.
 */
interface WorkEffect {
  action: ActionEffect;
  flat: Flat | null;
  measured: boolean;
  was: number | null;
  latest: number | null;
}

/**
 * What a piece of work's readings say when it moved its goal nothing (see GoalAnalytics.stalled),
 * once EFFECT_POINTS readings after it measure it: judged no change or worse against where its
 * trend before led (`judged`, as `goal show` says it); or, with too few readings before it for a
 * trend (`untrended`: a goal taken up with its work, as most are), the median of the readings after
 * it no better than the median of those before it by more than the judgement's floor of noise
 * (1 % of its level, twice over), its figures then (`before`, `after`). Null otherwise.
 */
type Flat = { judged: 'unchanged' | 'worsened' } | { before: number; after: number };
function flatAfter(
  effect: ActionEffect['effect'],
  untrended: boolean,
  before: readonly Point[],
  after: readonly Point[],
  up: boolean,
): Flat | null {
  if (after.length < EFFECT_POINTS) return null;
  if (effect === 'unchanged' || effect === 'worsened') return { judged: effect };
  if (!untrended || before.length === 0) return null;
  const was = median(before.slice(-MAX_POINTS).map((p) => p.y));
  const now = median(after.slice(-MAX_POINTS).map((p) => p.y));
  const gained = up ? now - was : was - now;
  return gained > 2 * Math.max(Math.abs(was) * 0.01, 1e-9) ? null : { before: was, after: now };
}

/**
 * How the goal stands for another piece of work after its latest (see stallOf): its status, whether
 * its trend is carrying it to its target (`heading`), and its latest reading's time (`lastMs`).
 */
interface StandsNow {
  status: GoalStatus;
  heading: boolean;
  lastMs: number;
  nowMs: number;
}

/** A goal's status as a note says it: `off track`, `at risk`. */
const statusWords = (status: GoalStatus): string => status.replace('_', ' ');

/**
 * The goal's latest work (not research) when it left the goal short (see GoalAnalytics.stalled),
 * with why in the goal's figures; else null. `done` and `effects` alike, oldest first. Short means
 * still off track or at risk, its trend not carrying it to its target (a review's NPS climbing two
 * points a week was sent back to research), and either its readings say it moved the goal nothing
 * (see flatAfter), or a reading ACTION_WINDOW_DAYS after it still finds the goal short, whatever
 * the work did (a review's NPS rose after its experiment, slipped back, and never got another).
 */
function stallOf(goal: Goal, latest: WorkEffect | undefined, stands: StandsNow): MovedNothing | null {
  if (latest === undefined || stands.heading) return null;
  if (stands.status !== 'off_track' && stands.status !== 'at_risk') return null;
  const { action, flat } = latest;
  const still = `${goal.metric} is still ${statusWords(stands.status)}`;
  const moved = (why: string, gist: string) => ({ ref: action.ref, doneAt: action.doneAt, why, gist });
  if (flat !== null) {
    if ('judged' in flat)
      return moved(
        `moved nothing: ${flat.judged === 'unchanged' ? 'no change, likely the existing trend' : `${goal.metric} worse after it than its trend before led`}; ${still}`,
        'moved it nothing',
      );
    // Judged against no trend, as `goal show` says ("not enough observations before it"): what its
    // window's readings showed, said as that (a review read "stands at 33 since" beside a 41).
    const unit = goalUnitSuffix(goal.unit);
    const up = goal.direction === 'up';
    const worse = up ? flat.after < flat.before : flat.after > flat.before;
    return moved(
      `moved nothing it could show: ${goal.metric} stood at ${fmt(flat.after)}${unit} in the four weeks after it, ${worse ? (up ? 'below' : 'above') : 'no better than'} the ${fmt(flat.before)}${unit} before it; ${still}`,
      'moved it nothing it could show',
    );
  }
  if (stands.lastMs <= Date.parse(action.doneAt) + ACTION_WINDOW_DAYS * DAY_MS) return null;
  if ((action.effect !== null || latest.measured) && latest.was !== null && latest.latest !== null)
    return movedThen(goal, latest.was, latest.latest, stands, moved);
  // Which readings are missing: a review read "too few readings after it" of four after and none before.
  const missing =
    latest.was === null
      ? 'no reading in the four weeks before it to compare with'
      : 'too few readings in the four weeks after it';
  return moved(
    `was not measured (${missing}), and four weeks on ${still}`,
    `left it ${statusWords(stands.status)} four weeks on`,
  );
}

/**
 * Work measured, and four weeks on the goal still short: a gain it kept (the latest reading better
 * than the level before it by more than the floor of noise, 1 % of it twice over) is said as held,
 * at a pace still too slow (a review read "for a while … again" of nps kept at 42 from 34); else
 * the goal slipped back, both figures said.
 */
function movedThen<T>(
  goal: Goal,
  was: number,
  now: number,
  stands: StandsNow,
  moved: (why: string, gist: string) => T,
): T {
  const unit = goalUnitSuffix(goal.unit);
  const status = statusWords(stands.status);
  const gained = goal.direction === 'up' ? now - was : was - now;
  if (gained > 2 * Math.max(Math.abs(was) * 0.01, 1e-9))
    return moved(
      `moved ${goal.metric} from ${fmt(was)}${unit} to ${fmt(now)}${unit}; it has held there, and is ${status} at that pace`,
      `moved it from ${fmt(was)} to ${fmt(now)}, held there, ${status} at that pace`,
    );
  return moved(
    `moved ${goal.metric} for a while, but it is ${status} again: ${fmt(now)}${unit} now, against ${fmt(was)}${unit} before it`,
    `moved it for a while, but it is ${status} again`,
  );
}

/**
 * When another piece of work is proposed for the goal after its latest (see stallOf), as the held
 * note of its done experiment says it; null once one is (stalled), or with no such work, or for a
 * goal met or on track. A review read "once the goal's latest work is measured and moved it
 * nothing" under a goal its work had moved, then slipped: that could never come true.
 */
function awaitingOf(
  goal: Goal,
  latest: Pick<WorkEffect, 'action' | 'was'> | undefined,
  stalled: MovedNothing | null,
  stands: StandsNow,
): string | null {
  if (latest === undefined || stalled !== null || stands.status === 'achieved') return null;
  const { ref, doneAt } = latest.action;
  const from = new Date(Date.parse(doneAt) + ACTION_WINDOW_DAYS * DAY_MS).toISOString().slice(0, 10);
  const short = `${goal.metric} is off track, or at risk and not climbing toward its target`;
  const after = `four weeks after ${ref}, the goal's latest work`;
  // Sooner only when readings after can show it moved nothing: against none before it, they cannot.
  const sooner =
    latest.was === null
      ? ''
      : `, or sooner once ${EFFECT_POINTS} readings after ${ref} show it moved nothing`;
  return Date.parse(doneAt) + ACTION_WINDOW_DAYS * DAY_MS > stands.nowMs
    ? `another is proposed if ${short}, on a reading after ${from} (${after})${sooner}`
    : `another is proposed once a reading after ${from} (${after}) finds that ${short}`;
}

/** The goal's latest work done, not research (that moves no figure by itself): its index in `done`, or -1. */
function latestWorkOf(done: readonly CompletedAction[]): number {
  let latest = -1;
  for (let i = 0; i < done.length; i++) {
    const a = done[i] as CompletedAction;
    if (a.category !== 'research' && (latest < 0 || a.doneAt >= (done[latest] as CompletedAction).doneAt))
      latest = i;
  }
  return latest;
}
