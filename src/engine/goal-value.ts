import type { Vision } from '../domain/vision.js';
import type { Stake } from './batch-plan.js';
import { namesChurn } from './churn-words.js';
import type { GoalSignalInput } from './engine-input.js';
import { formatFixed, formatMonths, formatPct, formatUsd, round } from './format.js';
import { significantTokens } from './tokens.js';
import type { RevenueState } from './workspace-state.js';

/** Metrics that are monthly revenue by another name: the revenue milestone already measures them. */
const REVENUE_METRICS = new Set([
  'mrr',
  'monthly_recurring_revenue',
  'monthly_revenue',
  'revenue',
  'arr',
  'annual_recurring_revenue',
]);

/** Whether a goal's metric duplicates the revenue milestone (one revenue truth: revenue records). */
export function isRevenueMetric(metric: string): boolean {
  return REVENUE_METRICS.has(metric.toLowerCase());
}

/** Words a metric name shares with countless others: they say how it is measured, not what of. */
const MEASURE_WORDS = new Set([
  'active',
  'rate',
  'ratio',
  'pct',
  'percent',
  'count',
  'total',
  'number',
  'num',
  'avg',
  'average',
  'mean',
  'median',
  'daily',
  'weekly',
  'monthly',
  'yearly',
  'annual',
  'new',
  'open',
  'score',
  'time',
  'level',
  'per',
  'user',
  // Units: `p95_api_latency_ms` is about API latency; "Reduce API latency" named it all but `ms`.
  'ms',
  'msec',
  'sec',
  'secs',
  'second',
  'min',
  'mins',
  'minute',
  'hour',
  'hr',
  'hrs',
  'usd',
  'eur',
  'gbp',
  'kb',
  'mb',
  'gb',
  'kbps',
  'mbps',
  'pts',
  'pp',
]);

/**
 * The words that say what a goal's metric is about (`active_sellers` → seller, `dispute_rate` →
 * dispute): backlog work whose title or project names one of them serves the goal.
 */
export function goalWords(metric: string): string[] {
  return significantTokens(metric.replace(/[_-]+/g, ' ')).filter((w) => !MEASURE_WORDS.has(w));
}

/**
 * The weight of a goal on one of the vision's measures is 1 ÷ their number (its success metrics,
 * and its revenue target when it has one); others get this, or 1 ÷ (their number + 1) when less.
 */
export const OTHER_GOAL_WEIGHT = 0.25;
/** The dollar scale of weighted goals when the team has neither a revenue target nor revenue. */
export const NOMINAL_SCALE_USD = 1000;

/**
 * What follows a goal's figure in a table: " teachers", " %"; for a change (a gap, a week's
 * momentum) of a rate in percent, " pts" (percentage points); nothing for a goal without a unit.
 */
export function goalUnitSuffix(unit: string, change = false): string {
  const u = change && unit === '%' ? 'pts' : unit;
  return u ? ` ${u}` : '';
}

/**
 * `40 sellers short of its target of 400` / `1.5 percentage points above its target of 3 %`: the
 * gap between two rates in percent is in points ("8 % short of 25 %" reads as 8 % of 25 %).
 */
export function goalStanding(g: Pick<GoalSignalInput, 'gap' | 'target' | 'unit' | 'direction'>): string {
  const unit = g.unit ? ` ${g.unit}` : '';
  const gap = shownGap(g);
  const gapUnit = g.unit === '%' ? ` percentage point${gap === 1 ? '' : 's'}` : unit;
  return g.direction === 'down'
    ? `${gap}${gapUnit} above its target of ${g.target}${unit}`
    : `${gap}${gapUnit} short of its target of ${g.target}${unit}`;
}

/**
 * A goal's gap as a title says it: whole from 10 up, but in percent ("120 signups short", where a
 * review's task title read "weekly_signups is 120.33 signups short", its current value a trend's);
 * to the hundredth below ("2.5 percentage points").
 */
export function shownGap(g: Pick<GoalSignalInput, 'gap' | 'unit'>): number {
  const gap = round(g.gap ?? 0);
  return g.unit !== '%' && Math.abs(gap) >= 10 ? Math.round(gap) : gap;
}

/**
 * What work on a goal is counted to close of its gap: what its trend leaves short of the target by
 * the deadline (`short`), and how far its forecast is (`forecast`, in the goal's direction), once
 * it has a forecast to count on (see GoalSignalInput.forecast); the whole gap otherwise, and at
 * most the gap (a goal whose metric falls away from its target asks work to close no more than the
 * gap). A review's active_teachers, 160 short of 300 with a forecast of 213 by its deadline, gave
 * the one checklist linked to it what all 160 teachers were worth, though its trend brings 73 of
 * them without it.
 */
function openGap(goal: Pick<GoalSignalInput, 'gap' | 'target' | 'direction' | 'forecast' | 'standsAt'>): {
  short: number;
  forecast: number | null;
  stands: number | null;
} {
  const gap = Math.max(0, goal.gap ?? 0);
  const forecast = goal.forecast ?? null;
  const stands = goal.standsAt ?? null;
  const shortOf = (v: number) => (goal.direction === 'down' ? v - goal.target : goal.target - v);
  // Without a forecast, from where its trend stands when it has one: a weekly NPS swinging six
  // points either way around 33 read 8 points short one Monday and 16 the next, and the work on it
  // was worth twice as much for a bad week. At the target or past it, none (the reading's gap there
  // made a diagnosis worth 13 times more the week its trend crossed the target than the week after).
  if (forecast === null)
    return stands === null
      ? { short: gap, forecast: null, stands: null }
      : { short: Math.max(0, round(shortOf(stands))), forecast: null, stands };
  const short = shortOf(forecast);
  return short >= gap
    ? { short: gap, forecast: null, stands: null }
    : { short: Math.max(0, round(short)), forecast, stands: null };
}

/**
 * `; its trend closes 73 of the 160 teachers still to go by 2027-03-31 (forecast 213 teachers)`:
 * why a goal's value is counted on less than its gap (see openGap), or ''. A rate in percent
 * counts points.
 */
function trendCloses(goal: GoalSignalInput, open: ReturnType<typeof openGap>): string {
  if (open.stands !== null)
    return `; its trend, not yet one to count on, closes none of it: counted from where it stands now, ${open.stands}${goalUnitSuffix(goal.unit)}, not from its latest reading`;
  if (open.forecast === null) return '';
  const gap = Math.max(0, goal.gap ?? 0);
  const units = goal.unit === '%' ? ' points' : goal.unit ? ` ${goal.unit}` : '';
  return `; its trend closes ${round(gap - open.short)} of the ${round(gap)}${units} still to go by ${goal.deadline} (forecast ${open.forecast}${goalUnitSuffix(goal.unit)})`;
}

/**
 * What closing a goal's gap is worth in dollars a month, and why: the team's dollars per unit × the
 * gap; or a weight (the team's, or a default one) × the revenue at stake (see atStakeScale) × the
 * share of the way still to go. The gap is what its trend leaves short
 * by the deadline, once it has a forecast to count on (see openGap): work is worth what it adds.
 * Without either, a goal on one of the vision's success metrics weighs 1 ÷ the number of the
 * vision's measures, any other goal 0.25.
 * The measures are its success metrics and, when it has one, its revenue target: the guess is
 * taken of the revenue still to win, which the target measures and its growth work shares, so a
 * success metric is weighed as the target's peer, never as the whole of it (a review's clinic
 * software, whose only success metric was paying clinics, valued a day's onboarding tour linked to
 * it at the whole gap again beside its part of the gap, and the goal's experiment outranked the
 * team's high-priority online payments).
 */
export function goalStake(
  goal: GoalSignalInput,
  vision: Vision,
  revenue: RevenueState,
  kept: ChurnBase | null = null,
  named: NamedProduct | null = null,
  /**
   * What the revenue figures leave out for want of a current record (`; Tallyo's latest revenue …
   * is too old to count as now, so the gap counts it as earning nothing (…)`: see uncounted), said
   * where a guess is taken of them: a review's churn goal, valued on the $11,500 MRR it keeps, read
   * a share of the whole $15,000 target the morning that record grew too old, and its value
   * sevenfold, with no word why.
   */
  uncountedNote = '',
): Stake {
  const open = openGap(goal);
  const gap = open.short;
  const closes = trendCloses(goal, open);
  // "18 points × $10/month each"; a goal without a unit reads "18 × $10/month each", not "18 unit".
  const units = goal.unit ? ` ${goal.unit}` : '';
  const key = `goal:${goal.goalId}`;
  const churn = namesChurn(goalWords(goal.metric)) ? ({ churn: true } as const) : {};
  // Churn in percent, the team having said nothing of its worth: what closing it keeps of the MRR.
  if (
    kept !== null &&
    'churn' in churn &&
    goal.unit === '%' &&
    goal.direction === 'down' &&
    goal.valuePerUnit === null &&
    goal.weight === null &&
    kept.mrr > 0
  ) {
    const monthly = round((kept.mrr * gap) / 100);
    const usd = round(monthly * kept.months);
    return {
      key,
      usd,
      label: `what closing ${goal.metric} is worth (${formatUsd(usd)}/month: ${round(gap)} points less churn keep ${formatUsd(monthly)} more of the ${formatUsd(kept.mrr)} MRR ${kept.of} each month, × ${formatMonths(kept.months)} months ${kept.by}${closes}; a guess: \`goalpost goal set ${goal.metric} --value <dollars a month per point>\` says what it is worth)`,
      kind: 'goal',
      ...churn,
    };
  }
  if (goal.valuePerUnit !== null) {
    const usd = round(gap * goal.valuePerUnit);
    return {
      key,
      usd,
      label: `what closing ${goal.metric} is worth (${round(gap)}${units} × ${formatUsd(goal.valuePerUnit)}/month each = ${formatUsd(usd)}/month${closes})`,
      kind: 'goal',
      ...churn,
    };
  }
  const successMetrics = Object.keys(vision.successMetrics).filter((m) => !isRevenueMetric(m));
  const measures = successMetrics.length + (revenue.milestone === null ? 0 : 1);
  // A goal outside the vision weighs less than one of its measures would, were it one more: with
  // three success metrics and a target, 0.25 would tie each of them, and pass them with four.
  const other = Math.min(OTHER_GOAL_WEIGHT, 1 / (measures + 1));
  const weight = goal.weight ?? (successMetrics.includes(goal.metric) ? 1 / measures : other);
  const weightWhy =
    goal.weight !== null
      ? `weight ${formatFixed(weight)}, set for this goal`
      : successMetrics.includes(goal.metric)
        ? `weight ${formatFixed(weight)}, as 1 of the vision's ${measuresText(successMetrics.length, revenue.milestone !== null)}`
        : `weight ${formatFixed(weight)}, the default outside the vision's success metrics${other < OTHER_GOAL_WEIGHT ? `, less than each of its ${measures} measures` : ''}`;
  const { scale, scaleWhy } = atStakeScale(revenue, named);
  const start = goal.baseline ?? goal.current;
  const span = start === null ? 0 : Math.abs(goal.target - start);
  const left = span > 0 ? Math.min(1, gap / span) : 1;
  const usd = round(weight * scale * left);
  // A weight nobody set is the engine's guess at what the goal is worth: say how to give the real one.
  const guess =
    goal.weight === null
      ? `; a guess: \`goalpost goal set ${goal.metric} --value <dollars a month per ${goal.unit === '%' ? 'point' : 'unit'}>\` says what it is worth`
      : '';
  return {
    key,
    usd,
    label: `what closing ${goal.metric} is worth (${formatUsd(usd)}/month: ${weightWhy}, × ${scaleWhy}${left < 1 ? ` × ${formatPct(left)} of the way still to go` : ''}${closes}${uncountedNote}${guess})`,
    kind: 'goal',
    ...churn,
  };
}

/**
 * The vision's measures a default weight divides among, in words: `2 success metrics`, or with a
 * revenue target `2 measures (its success metric and the revenue target)`.
 */
function measuresText(metrics: number, target: boolean): string {
  const named = `success metric${metrics === 1 ? '' : 's'}`;
  if (!target) return `${metrics} ${named}`;
  return `${metrics + 1} measures (its ${metrics === 1 ? named : `${metrics} ${named}`} and the revenue target)`;
}

/**
 * What a churn goal in percent keeps when it closes, the team having priced it neither by a value
 * nor a weight: the MRR of the product its metric names (`of`: `Rosterly earns`), else of every
 * product (`the products earn`), counted over `months` (said `by`) as a churn rise's loss is. A review's
 * rosterly_churn, 5 % → 2.5 % on $5,800, was valued at a quarter of both products' $12,100 gap.
 */
export interface ChurnBase {
  mrr: number;
  of: string;
  months: number;
  by: string;
}

/** The part of the MRR a goal the team did not weigh is worth at least, at weight 1, beside a target. */
export const GUESS_MRR_SHARE = 0.25;

/**
 * The dollars a goal is worth at weight 1, the team's or a default one: with a revenue
 * target, what is still to win by it (the dollars the plan is about, which the growth work shares),
 * or a quarter of the MRR (what a goal like churn or NPS protects) when that is more: of the
 * product the goal names (`named`: `shipwise_signups`, Shipwise's), else of every product; without
 * one, the MRR. A guess of the engine's own stays within what is at stake: closing NPS is not worth
 * all the revenue a team means to earn one day, an unpriced waitlist of a studio $1,700 short of
 * its target is not worth half of its $6,800 MRR, more than the whole gap, and signups to a product
 * that earns nothing protect nothing the others earn (a review's studio, $1,950 short of its
 * target, found such a goal valued at $2,574 of its $25,050 MRR). A weight the team set against
 * the milestone is taken of the same dollars, what the planner values the milestone at: taken of
 * the $6,000 target, a review's NPS goal at 0.5 read $3,000/month beside a $900 gap, where the
 * default weight gave $319, and its tasks led a revenue fall's investigation.
 */
function atStakeScale(
  revenue: RevenueState,
  named: NamedProduct | null,
): { scale: number; scaleWhy: string } {
  if (revenue.milestone === null) return currentScale(revenue);
  const toWin = Math.max(0, revenue.gap);
  const target = `the ${revenue.milestone.month} revenue target`;
  const still = revenue.milestone.passed
    ? `the ${formatUsd(toWin)}/month still short of ${target}, which has passed`
    : `the ${formatUsd(toWin)}/month still to win by ${target}`;
  const earned = named?.mrr ?? revenue.current;
  const kept = round(earned * GUESS_MRR_SHARE);
  if (toWin > 0 && toWin >= kept) return { scale: toWin, scaleWhy: still };
  if (kept > 0) {
    return {
      scale: kept,
      scaleWhy: `a quarter of the ${formatUsd(earned)} MRR${named === null ? '' : ` ${named.name} earns`}${toWin > 0 ? `, more than ${still}` : `, ${target} being met`}`,
    };
  }
  return currentScale(revenue);
}

/** The product a goal's metric names, and what it earns a month (see productNamedIn). */
export interface NamedProduct {
  name: string;
  mrr: number;
}

/**
 * The name among `names` a goal's metric names whole, beside what it measures (`shipwise_signups`:
 * "Shipwise"; `basic_edu_apps_nps`: "Basic EDU Apps"), the longest when several do; null when none
 * does, or the metric is only a name.
 */
export function productNamedIn(metric: string, names: Iterable<string>): string | null {
  const words = new Set(goalWords(metric));
  let best: { name: string; size: number } | null = null;
  for (const name of names) {
    const own = significantTokens(name);
    if (own.length === 0 || own.length >= words.size || !own.every((w) => words.has(w))) continue;
    if (best === null || own.length > best.size) best = { name, size: own.length };
  }
  return best?.name ?? null;
}

function currentScale(revenue: RevenueState): { scale: number; scaleWhy: string } {
  if (revenue.current > 0)
    return { scale: revenue.current, scaleWhy: `the ${formatUsd(revenue.current)} MRR` };
  return {
    scale: NOMINAL_SCALE_USD,
    scaleWhy: `a nominal ${formatUsd(NOMINAL_SCALE_USD)}/month (no revenue target or revenue yet)`,
  };
}
