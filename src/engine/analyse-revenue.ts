import { addDays } from '../domain/due.js';
import type { PeriodBefore, PeriodsBefore, RevenuePeriod, SharedSubscription } from '../domain/project.js';
import { CHURN_BASELINE_PERIODS, TREND_DAYS } from '../domain/revenue-period.js';
import { median, shortSeriesSlope } from '../domain/robust-line.js';
import type { Vision } from '../domain/vision.js';
import { churnBumpOf } from './churn-bump.js';
import {
  DAY_MS,
  DAYS_PER_MONTH,
  daysInclusive,
  endOfMonth,
  isMonthKey,
  monthKeyOf,
  parseInstant,
} from './dates.js';
import { formatCount, formatMonths, formatRate, formatUsd, possessive, round } from './format.js';
import {
  type RevenueMilestone,
  type RevenueSource,
  type RevenueState,
  revenuePeriodName,
} from './workspace-state.js';

/** A source's latest complete period counts as current while it ended within this many periods. */
export const CURRENT_PERIODS = 2;

/** `YYYY-MM-DD` of each month's last day, by `YYYY-MM`: a workspace's records span few months. */
const lastDays = new Map<string, string>();

function lastDayOf(month: string): string {
  let last = lastDays.get(month);
  if (last === undefined) {
    last = new Date(endOfMonth(month) - DAY_MS).toISOString().slice(0, 10);
    lastDays.set(month, last);
  }
  return last;
}

/** Whether a record covers exactly one calendar month (the 1st to the month's last day). */
/**
 * Over what the pace is counted, when it is not the months left: ` over the 4 months from
 * 2026-10's figure`. A review read "$485/month of growth needed, 1.96 months left" for a $970 gap
 * and could not make the two agree: the pace runs from the newest period recorded (see
 * analyseRevenue), not from today.
 */
export function paceOverText(revenue: Pick<RevenueState, 'paceFrom' | 'monthsLeft'>): string {
  const from = revenue.paceFrom;
  if (from === null || formatMonths(from.months) === formatMonths(revenue.monthsLeft ?? 0)) return '';
  return ` over the ${formatMonths(from.months)} month${from.months === 1 ? '' : 's'} from ${from.figure}`;
}

export function isCalendarMonth(record: Pick<RevenuePeriod, 'periodStart' | 'periodEnd'>): boolean {
  const { periodStart: start, periodEnd: end } = record;
  if (!start.endsWith('-01') || start.slice(0, 7) !== end.slice(0, 7)) return false;
  return end === lastDayOf(start.slice(0, 7));
}

/**
 * A record's monthly revenue: a calendar month's revenue as recorded (February is not scaled up
 * for being short); any other span (a week, a quarter) converted to a 30.44-day month.
 */
export function monthlyRevenueOf(
  record: Pick<RevenuePeriod, 'periodStart' | 'periodEnd' | 'actual'>,
): number {
  if (isCalendarMonth(record)) return record.actual;
  return (record.actual * DAYS_PER_MONTH) / daysInclusive(record.periodStart, record.periodEnd);
}

/** `YYYY-MM` as a count of months, for how many lie between two. */
const monthIndex = (date: string): number => Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7));

/** A period's middle, in milliseconds: its start plus half its days (the end day counted in). */
const midpointOf = (r: Pick<RevenuePeriod, 'periodStart' | 'periodEnd'>): number =>
  (parseInstant(r.periodStart) + parseInstant(r.periodEnd) + DAY_MS) / 2;

/**
 * Months from one record to a later one, to turn the change in monthly revenue between them into
 * growth a month: whole months between two calendar months (a month's revenue is as recorded, so
 * February follows January by a month, not by 29.5 days); otherwise the days between the periods'
 * middles, in months of DAYS_PER_MONTH (a week after a week is 0.23 of a month, a quarter after a
 * quarter about 3).
 */
export function monthsApart(
  earlier: Pick<RevenuePeriod, 'periodStart' | 'periodEnd'>,
  later: Pick<RevenuePeriod, 'periodStart' | 'periodEnd'>,
): number {
  if (isCalendarMonth(earlier) && isCalendarMonth(later))
    return monthIndex(later.periodStart) - monthIndex(earlier.periodStart);
  return (midpointOf(later) - midpointOf(earlier)) / DAY_MS / DAYS_PER_MONTH;
}

/**
 * How fast a source's monthly revenue moves a month, over its latest period and those `before` it
 * that ended within TREND_DAYS of its end (the one before it at least): the Theil–Sen slope of
 * their monthly revenue against the months between them, each pair's change a month weighed by
 * its months, as a goal's trend is read: calendar months a whole month apart when they all are,
 * else from middle to middle in DAYS_PER_MONTH (see monthsApart). Two periods give their change;
 * null with no period before or none apart (two records of overlapping periods ending together
 * say no pace). A month up or down in the middle of the quarter moves it little (a zigzag reads
 * as its climb); a change in the latest month counts as the quarter's: $15,000, $16,000, $17,000,
 * then $12,000 is -$1,000 a month, where its last month alone said -$5,000. Of the $0 periods
 * before a source first earned (a Stripe backfill writes them), only the one just before counts:
 * $0, $0, $300, $600 reads +$300 a month, as $300, $600 does.
 */
export function growthPerMonth(
  { periods: before, months: allMonths }: PeriodsBefore,
  latest: PeriodBefore,
): number | null {
  if (before.length === 0) return null;
  const since = addDays(latest.periodEnd, -TREND_DAYS);
  let from = before.length - 1;
  while (from > 0 && (before[from - 1] as PeriodBefore).periodEnd >= since) from--;
  while (
    from + 1 < before.length &&
    (before[from] as PeriodBefore).actual === 0 &&
    (before[from + 1] as PeriodBefore).actual === 0
  )
    from++;
  let months = isCalendarMonth(latest);
  // Those before are asked one by one only when some of them are not months.
  for (let i = from; months && !allMonths && i < before.length; i++)
    months = isCalendarMonth(before[i] as PeriodBefore);
  const xs: number[] = [];
  const ys: number[] = [];
  for (let i = from; i <= before.length; i++) {
    const p = (i === before.length ? latest : before[i]) as PeriodBefore;
    xs.push(months ? monthIndex(p.periodStart) : midpointOf(p) / DAY_MS / DAYS_PER_MONTH);
    ys.push(months ? p.actual : monthlyRevenueOf(p));
  }
  return shortSeriesSlope(xs, ys);
}

/** Records sorted by period end (then id), oldest first. */
export function byPeriodEnd<R extends RevenuePeriod>(records: readonly R[]): R[] {
  return records
    .slice()
    .sort((a, b) => (a.periodEnd === b.periodEnd ? a.id - b.id : a.periodEnd < b.periodEnd ? -1 : 1));
}

/** Each source's records (project id, or null for workspace-level), oldest first. */
export function recordsBySource<R extends RevenuePeriod>(records: readonly R[]): Map<number | null, R[]> {
  const sources = new Map<number | null, R[]>();
  const sorted = byPeriodEnd(records);
  // Indexed, not for…of: see allocateStakes.
  for (let i = 0; i < sorted.length; i++) {
    const record = sorted[i] as R;
    const list = sources.get(record.projectId);
    if (list === undefined) sources.set(record.projectId, [record]);
    else list.push(record);
  }
  return sources;
}

/**
 * The latest dated target whose month ended in the last two months (before this month, in the one
 * or two before it), or null: a digest says whether it was met before it shows the next one.
 */
export function justPassedMilestone(vision: Vision, nowMs: number): { month: string; target: number } | null {
  const thisMonth = monthKeyOf(nowMs);
  const now = new Date(nowMs);
  const since = monthKeyOf(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 2, 1));
  const month = Object.keys(vision.revenueTargets)
    .filter((m) => isMonthKey(m) && m < thisMonth && m >= since)
    .sort()
    .at(-1);
  return month === undefined ? null : { month, target: vision.revenueTargets[month] ?? 0 };
}

/** `the 2027-04 target of $34,000 is reached already`, of a milestone planned past a nearer one met early. */
export const reachedText = (reached: { month: string; target: number }): string =>
  `the ${reached.month} target of ${formatUsd(reached.target)} is reached already`;

/**
 * `the 2027-06 target of $25,000 binds: it needs +$1,857/month, more than the +$500/month the
 * nearer 2027-03 target of $14,000 needs (on track for that one)`, of a milestone planned past a
 * nearer one not yet reached; '' for any other.
 */
export function bindsText(revenue: Pick<RevenueState, 'milestone' | 'requiredPace'>): string {
  const { milestone, requiredPace } = revenue;
  const nearer = milestone?.nearer;
  if (milestone === null || nearer === undefined || requiredPace === null) return '';
  return (
    `the ${milestone.month} target of ${formatUsd(milestone.target)} binds: it needs +${formatUsd(requiredPace)}/month, ` +
    `more than the +${formatUsd(nearer.requiredPace)}/month the nearer ${nearer.month} target of ${formatUsd(nearer.target)} needs ` +
    `(${nearer.onTrack ? 'on' : 'off'} track for that one)`
  );
}

/**
 * `the nearer 2027-03 target of $14,000 needs less, +$500/month, and is on track`: a reasoning
 * already gives the binding target's own pace (see bindsText for the whole sentence).
 */
export const nearerText = (nearer: NonNullable<RevenueMilestone['nearer']>): string =>
  `the nearer ${nearer.month} target of ${formatUsd(nearer.target)} needs less, +${formatUsd(nearer.requiredPace)}/month, and is ${nearer.onTrack ? 'on' : 'off'} track`;

/** How a dated target stands on the current course: the growth a month it asks, and whether it is met. */
export interface TargetCourse {
  requiredPace: number;
  onTrack: boolean;
}

/**
 * The target the plan works against: of those due this month or later that `mrr` has not reached,
 * the one asking the steepest growth a month (`course`), the nearer on a tie. A review's $14,000
 * by March, on track, hid June's $25,000, which needed three times the growth: a nearer target
 * that asks less is kept as `nearer`. A target met early (April's $34,000 with $34,400 a month in
 * March) is said as `reached`. When every target to come is met, the first of them; the last one
 * when all are past; null when none.
 */
export function pickMilestone(
  vision: Vision,
  nowMs: number,
  mrr = 0,
  course: (month: string, target: number) => TargetCourse = () => ({ requiredPace: 0, onTrack: false }),
): RevenueMilestone | null {
  const months = Object.keys(vision.revenueTargets).filter(isMonthKey).sort();
  const thisMonth = monthKeyOf(nowMs);
  const target = (m: string) => vision.revenueTargets[m] ?? 0;
  const due = months.filter((m) => m >= thisMonth);
  const open = due.findIndex((m) => target(m) > mrr);
  if (open < 0) {
    const month = due[0] ?? months.at(-1);
    return month === undefined ? null : { month, target: target(month), passed: month < thisMonth };
  }
  const first = due[open] as string;
  const firstCourse = course(first, target(first));
  let month = first;
  let steepest = firstCourse.requiredPace;
  for (let i = open + 1; i < due.length; i++) {
    const m = due[i] as string;
    if (target(m) <= mrr) continue;
    const pace = course(m, target(m)).requiredPace;
    if (pace > steepest) {
      month = m;
      steepest = pace;
    }
  }
  const milestone: RevenueMilestone = { month, target: target(month), passed: false };
  const before = open > 0 ? due[open - 1] : undefined;
  if (before !== undefined) milestone.reached = { month: before, target: target(before) };
  if (month !== first) milestone.nearer = { month: first, target: target(first), ...firstCourse };
  return milestone;
}

const nullableRound = (v: number | null): number | null => (v === null ? null : round(v));

/**
 * One source's revenue now: its latest complete period (ended before today), current while it
 * ended within CURRENT_PERIODS of its own length; the periods before it give growth (its trend a
 * month, see growthPerMonth), what churn was (see churnBaselineOf), and a recent period's churn
 * bump whose loss is not won back (see churnBumpOf). Null when the source has no complete period.
 */
export function analyseSource<R extends RevenuePeriod>(
  records: readonly R[],
  nowMs: number,
  today = new Date(nowMs).toISOString().slice(0, 10),
): RevenueSource<R> | null {
  const complete = records.filter((r) => r.periodEnd < today);
  const latest = complete.at(-1);
  if (latest === undefined) return null;
  const previous = complete.at(-2) ?? null;
  const before = latest.before ?? periodsBefore(complete);
  const length = daysInclusive(latest.periodStart, latest.periodEnd);
  const ageDays = (nowMs - parseInstant(latest.periodEnd)) / DAY_MS - 1;
  return {
    projectId: latest.projectId,
    record: latest,
    mrr: round(monthlyRevenueOf(latest)),
    scaled: !isCalendarMonth(latest),
    previousMrr: previous === null ? null : round(monthlyRevenueOf(previous)),
    growth: nullableRound(growthPerMonth(before, latest)),
    subscriptions: latest.subscriptions,
    churn: latest.churnRate,
    previousChurn: previous?.churnRate ?? null,
    churnBaseline: churnBaselineOf(before),
    churnBump: churnBumpOf(before, monthlyRevenueOf(latest), monthlyRevenueOf, periodName),
    ...firstEarnedOf(records),
    current: ageDays <= CURRENT_PERIODS * length,
  };
}

/**
 * A source's earliest record that earned, and whether its history shows it before that (see
 * RevenueSource.firstSaleShown). Its records come oldest first, its earliest among them even from
 * a read of its latest periods alone (see RevenueRepository.periodsToAnalyse).
 */
function firstEarnedOf<R extends RevenuePeriod>(
  records: readonly R[],
): Pick<RevenueSource<R>, 'firstEarned' | 'firstSaleShown'> {
  const first = records.find((r) => r.actual > 0) ?? null;
  const shown = first !== null && (first !== records[0] || first.source === 'stripe');
  return { firstEarned: first, firstSaleShown: shown };
}

/**
 * The median of the churn rates measured over the periods `before` a source's latest (up to
 * CHURN_BASELINE_PERIODS), or null with fewer than two. Against the month before alone, a churn
 * creeping from 1.8 % to 3.6 % over six months read "rose from 3.1 % to 3.6 %", and a dip to
 * 3.2 % the month after ended the signal. The median, not the lowest: one good month is no baseline.
 */
function churnBaselineOf({ periods, months }: PeriodsBefore): RevenueSource['churnBaseline'] {
  const rates: number[] = [];
  for (const r of periods) if (r.churnRate !== null) rates.push(r.churnRate);
  if (rates.length < 2) return null;
  return { rate: median(rates), over: rates.length, months };
}

/** A period as lines name it: `2026-10`, or its days when it is no calendar month. */
const periodName = (p: Pick<RevenuePeriod, 'periodStart' | 'periodEnd'>): string =>
  isCalendarMonth(p) ? p.periodStart.slice(0, 7) : `${p.periodStart} to ${p.periodEnd}`;

/** Up to CHURN_BASELINE_PERIODS of `complete` (oldest first) before its last. */
function periodsBefore(complete: readonly RevenuePeriod[]): PeriodsBefore {
  const periods = complete.slice(-1 - CHURN_BASELINE_PERIODS, -1);
  return { periods, months: periods.every(isCalendarMonth) };
}

/**
 * The subscriptions of `shared` that the current sources' latest records count more than once
 * (each project's Stripe month counts a subscription that feeds it), and how many more times
 * than once in all.
 */
function countedTwice(
  current: readonly RevenueSource[],
  shared: readonly SharedSubscription[],
): { subscriptions: number; extra: number } {
  const counted = { subscriptions: 0, extra: 0 };
  if (shared.length === 0) return counted;
  const monthOf = new Map<number, string>();
  for (const s of current) {
    const { projectId, record } = s;
    if (
      projectId !== null &&
      record.source === 'stripe' &&
      s.subscriptions !== null &&
      isCalendarMonth(record)
    )
      monthOf.set(projectId, record.periodStart.slice(0, 7));
  }
  for (const sub of shared) {
    const times = sub.projectIds.filter((p) => monthOf.get(p) === sub.month).length;
    if (times < 2) continue;
    counted.subscriptions += 1;
    counted.extra += times - 1;
  }
  return counted;
}

/**
 * Revenue against the binding milestone (see pickMilestone) from one truth: each source's latest
 * complete, current period (stale ones are listed, not counted); subscriptions summed over them, a Stripe
 * subscription that feeds several projects once (see SharedSubscription); growth a month, summed over the sources, each its
 * trend over the latest quarter (see growthPerMonth); the milestone month projected at that pace from the
 * period each source recorded (see monthsApart); churn weighted by
 * revenue at the start of each source's period (its period before's, else its own) over the
 * sources that measured it (unknown when none did).
 */
export function analyseRevenue<R extends RevenuePeriod>(
  records: readonly R[],
  vision: Vision,
  nowMs: number,
  shared: readonly SharedSubscription[] = [],
): RevenueState<R> {
  const sources: RevenueSource<R>[] = [];
  const today = new Date(nowMs).toISOString().slice(0, 10);
  for (const list of recordsBySource(records).values()) {
    const source = analyseSource(list, nowMs, today);
    if (source !== null) sources.push(source);
  }
  const current = sources.filter((s) => s.current);
  let mrr = 0;
  let subscriptions = 0;
  let subscriptionsUnknown = 0;
  let churnUnknown = 0;
  let growth: number | null = null;
  let churnWeight = 0;
  let churnSum = 0;
  for (const s of current) {
    mrr += s.mrr;
    if (s.subscriptions === null) subscriptionsUnknown += 1;
    else subscriptions += s.subscriptions;
    // Each source's pace a month, whatever its records' lengths: a week's change is not a month's.
    if (s.growth !== null) growth = (growth ?? 0) + s.growth;
    if (s.churn === null) churnUnknown += 1;
    // Weighed by what it earned when its month began (the period before), of which churn is lost:
    // weighed by what was left, a product that lost every customer weighed nothing.
    const base = s.previousMrr ?? s.mrr;
    if (s.churn !== null && base > 0) {
      churnWeight += base;
      churnSum += base * s.churn;
    }
  }

  const twice = countedTwice(current, shared);
  const toward = courseToward(current, nowMs);
  const milestone = pickMilestone(vision, nowMs, mrr, (month, target) => {
    const to = toward(month);
    const gap = round(Math.max(0, target - mrr));
    return { requiredPace: round(gap / to.paceMonths), onTrack: to.projected >= target };
  });
  const base: RevenueState<R> = {
    current: round(mrr),
    monthlyGrowth: growth === null ? null : round(growth),
    subscriptions: subscriptions - twice.extra,
    subscriptionsShared: twice.subscriptions,
    subscriptionsUnknown,
    churnUnknown,
    milestone,
    gap: 0,
    pctOfTarget: null,
    monthsLeft: null,
    requiredPace: null,
    paceFrom: null,
    projectedAtMilestone: null,
    projectionFloored: false,
    onTrack: null,
    churn: churnWeight > 0 ? round(churnSum / churnWeight, 4) : null,
    sources: current,
    stale: sources.filter((s) => !s.current),
    today,
  };
  if (milestone === null) return base;

  const gap = round(Math.max(0, milestone.target - mrr));
  const { monthsLeft, paceMonths, projected, floored, newest } = toward(milestone.month);
  return {
    ...base,
    gap,
    pctOfTarget: milestone.target > 0 ? round(mrr / milestone.target, 4) : null,
    monthsLeft: round(monthsLeft),
    // A milestone passed has no pace left to keep: only a next one would give it. In its own
    // month the pace is the gap itself: the month's revenue is one figure, and a review read
    // "+$6,500/month each month" for a $3,250 gap with 3 days left.
    requiredPace: gap === 0 ? 0 : milestone.passed ? null : round(gap / paceMonths),
    paceFrom:
      newest === null || gap === 0 || milestone.passed
        ? null
        : {
            figure: isCalendarMonth(newest)
              ? `${newest.periodStart.slice(0, 7)}'s figure`
              : `the ${newest.periodStart} → ${newest.periodEnd} figure`,
            months: round(paceMonths),
          },
    projectedAtMilestone: round(projected),
    projectionFloored: floored,
    onTrack: gap === 0 || projected >= milestone.target,
  };
}

/** Where the current course leads by a target's month (see courseToward). */
interface Course {
  /** Months from now to the end of the target's month (0 once it has ended). */
  monthsLeft: number;
  /** Months the pace is counted over, at least 1 (see courseToward). */
  paceMonths: number;
  /** The month's revenue, each source grown at its pace, none below $0. */
  projected: number;
  /** Whether some source was projected below $0 and counted as $0. */
  floored: boolean;
  /** The newest period recorded, which the pace is counted from; null with none. */
  newest: RevenuePeriod | null;
}

/**
 * Where the current sources lead by a target's month, for each target alike: the binding one is
 * chosen by its pace (see pickMilestone), and its pace must be the one `state` then shows.
 */
function courseToward(current: readonly RevenueSource[], nowMs: number): (month: string) => Course {
  let newest: RevenuePeriod | null = null;
  for (const s of current) if (newest === null || s.record.periodEnd > newest.periodEnd) newest = s.record;
  return (month) => {
    const monthsLeft = Math.max(0, (endOfMonth(month) - nowMs) / DAY_MS / DAYS_PER_MONTH);
    // The month's revenue, each source's grown at its pace from the period it was recorded
    // for, not from today: November's $11,800 growing $300 a month makes December's $12,100 on any
    // day of December (from today, a review's "On track" turned "no" on the 20th, nothing typed).
    const due = { periodStart: `${month}-01`, periodEnd: lastDayOf(month) };
    let projected = 0;
    let floored = false;
    // A source falling is projected to nothing at worst: a review's product that lost $6,000 in a
    // month was projected at -$9,000, taking the total with it.
    for (const s of current) {
      const at = s.mrr + (s.growth ?? 0) * Math.max(0, monthsApart(s.record, due));
      if (at < 0) floored = true;
      projected += Math.max(0, at);
    }
    // The pace is counted as the projection is: over the months from the newest period recorded
    // to the target's month, as each month recorded moves the revenue. Counted from today, a
    // review's pace rose every day with nothing typed ($1,142 on 7 December, $1,444 on the 31st,
    // for March's $4,300 gap from November's figure), then fell once a December short of it was
    // recorded.
    const paceMonths = Math.max(newest === null ? monthsLeft : monthsApart(newest, due), 1);
    return { monthsLeft, paceMonths, projected, floored, newest };
  };
}

/**
 * What makes a product's earnings unknown to a plan, by project id: nothing is recorded for it now,
 * but a record of it is too old to count (that record), or revenue is recorded for no product (the
 * record counted now, else the latest too old to count); null when they are known, as recorded or
 * as none. The revenue of a product whose earnings are unknown is counted as nothing.
 */
export function earningsNotKnown(
  revenue: RevenueState,
): (projectId: number) => { source: RevenueSource; stale: boolean } | null {
  const current = new Set<number>();
  let workspace: RevenueSource | undefined;
  for (const s of revenue.sources) {
    if (s.projectId === null) workspace = s;
    else current.add(s.projectId);
  }
  const stale = new Map<number, { source: RevenueSource; stale: boolean }>();
  let staleWorkspace: RevenueSource | undefined;
  for (const s of revenue.stale) {
    if (!(s.mrr > 0)) continue;
    if (s.projectId === null) staleWorkspace ??= s;
    else if (!stale.has(s.projectId)) stale.set(s.projectId, { source: s, stale: true });
  }
  const unattributed =
    workspace === undefined
      ? staleWorkspace === undefined
        ? null
        : { source: staleWorkspace, stale: true }
      : workspace.mrr > 0
        ? { source: workspace, stale: false }
        : null;
  return (projectId) => (current.has(projectId) ? null : (stale.get(projectId) ?? unattributed));
}

/**
 * What a plan does not count of a source whose latest record is too old to count as now, and how
 * to give it: `Tallyo's latest revenue, $11,500/month for 2026-10, is too old to count as now`
 * (`what`), and `` `goalpost revenue add <amount> --month 2026-12 --project "Tallyo"` `` (`fix`):
 * the latest month ended, or for records of another length (weeks), the latest such period
 * ended (`--from 2026-11-18 --to 2026-11-24`), which overlaps no record, the latest having
 * ended more than two of them ago.
 * A review's plan counted an $11,500/month product as earning nothing two months after its last
 * record, its feature claiming the whole $15,000 gap and its high bug reading "no revenue rides on
 * it", and said nothing of why.
 */
export function staleRevenue(
  s: RevenueSource,
  projectName: string | null,
  today: string,
  /** The product to record it for: the source's own by default. */
  recordFor: string | null = projectName,
): { what: string; fix: string; latest: 'month' | 'period' } {
  const whose = projectName === null ? "the workspace's" : possessive(projectName);
  const project = recordFor === null ? '' : ` --project "${recordFor}"`;
  const period = s.scaled
    ? `--from ${addDays(today, -daysInclusive(s.record.periodStart, s.record.periodEnd))} --to ${addDays(today, -1)}`
    : `--month ${addDays(`${today.slice(0, 8)}01`, -1).slice(0, 7)}`;
  return {
    what: `${whose} latest revenue, ${formatUsd(s.mrr)}/month for ${revenuePeriodName(s)}, is too old to count as now`,
    fix: `\`goalpost revenue add <amount> ${period}${project}\``,
    latest: s.scaled ? 'period' : 'month',
  };
}

/** `1 source's latest record does not say`, `2 sources' latest records do not say`. */
function sourcesThat(count: number, singular: string, plural: string): string {
  return count === 1 ? `1 source's latest record ${singular}` : `${count} sources' latest records ${plural}`;
}

/**
 * How many subscriptions a workspace has now, as far as its records say: `106 subscriptions`;
 * `90 subscriptions where counted; 1 source's latest record does not say`, not a total that
 * reads as a fall; `3 subscriptions, 1 of them feeding more than one project` when the projects'
 * records count one each (their sum is more than the total).
 */
export function subscriptionsSaid(
  r: Pick<RevenueState, 'subscriptions' | 'subscriptionsUnknown' | 'sources'> &
    Partial<Pick<RevenueState, 'subscriptionsShared'>>,
): string {
  const shared = r.subscriptionsShared ?? 0;
  const counted =
    `${formatCount(r.subscriptions)} subscription${r.subscriptions === 1 ? '' : 's'}` +
    (shared > 0 ? `, ${formatCount(shared)} of them feeding more than one project` : '');
  if (r.subscriptionsUnknown === 0) return counted;
  // None counts them: "0 subscriptions where counted" would read as a count.
  if (r.subscriptionsUnknown >= r.sources.length) return 'subscriptions not counted';
  return `${counted} where counted; ${sourcesThat(r.subscriptionsUnknown, 'does not say', 'do not say')}`;
}

/**
 * Churn now as `state` says it: `3.5% (weighted by revenue at the start of each period)`, with how many sources measured none
 * (`; 1 source's latest record measures none`), or that none does.
 */
export function churnSaid(r: Pick<RevenueState, 'churn' | 'churnUnknown'>): string {
  if (r.churn === null) return 'unknown (no current record measures it)';
  const none =
    r.churnUnknown === 0 ? '' : `; ${sourcesThat(r.churnUnknown, 'measures none', 'measure none')}`;
  return `${formatRate(r.churn)} (weighted by revenue at the start of each period${none})`;
}
