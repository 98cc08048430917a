import { formatAmount } from './format-amount.js';
import { leastSquaresSlope } from './least-squares-slope.js';
import type { Direction, MetricAnalysis, Trend } from './types.js';

/** How many of the latest values the momentum is fitted to. */
export const MOMENTUM_WINDOW = 5;

/**
 * A metric is `stable` when its momentum would close at most this share of the remaining gap per
 * step (it would take 50 steps or more at that pace), whichever way it moves.
 */
export const STABLE_SHARE = 0.02;

/** Relative tolerance for "has reached the target", so 0.1 + 0.2 reaches 0.3. */
const REACHED_TOLERANCE = 1e-9;

const clamp = (value: number, low: number, high: number) => Math.min(high, Math.max(low, value));

/**
 * Analyses one metric's values (oldest first, at least one) against its target:
 * - baseline = the first value, current = the last;
 * - direction = `up` when target ≥ baseline, else `down`;
 * - gap = target − current for `up`, current − target for `down` (what is still to go; ≤ 0 once reached);
 * - progressRatio = clamp((current − baseline) / (target − baseline), 0, 1); when the baseline already
 *   equals the target, 1 while the target is held and 0 once it slips;
 * - momentum = least-squares slope of the last `MOMENTUM_WINDOW` values, per step;
 * - trend = `achieved` when current has reached or passed the target in the goal direction; else
 *   `stable` when |momentum| ≤ `STABLE_SHARE` × gap; else `toward_goal` when the momentum points in the
 *   goal direction, `away_from_goal` when against it.
 */
export function analyseMetric(key: string, values: readonly number[], goal: number): MetricAnalysis {
  const baseline = values[0] ?? goal;
  const current = values.at(-1) ?? baseline;
  const direction: Direction = goal >= baseline ? 'up' : 'down';
  const sign = direction === 'up' ? 1 : -1;
  const gap = sign * (goal - current);
  const reached = gap <= REACHED_TOLERANCE * Math.max(1, Math.abs(goal));
  const span = goal - baseline;
  const progressRatio = span === 0 ? (reached ? 1 : 0) : clamp((current - baseline) / span, 0, 1);
  const momentum = leastSquaresSlope(values.slice(-MOMENTUM_WINDOW));
  const trend: Trend = reached
    ? 'achieved'
    : Math.abs(momentum) <= STABLE_SHARE * gap
      ? 'stable'
      : sign * momentum > 0
        ? 'toward_goal'
        : 'away_from_goal';
  const analysis = { goal, current, baseline, direction, gap, trend, momentum, progressRatio };
  return { ...analysis, why: explain(key, analysis) };
}

function explain(key: string, a: Omit<MetricAnalysis, 'why'>): string {
  const f = formatAmount;
  if (a.trend === 'achieved') {
    const where = a.gap < 0 ? `${f(-a.gap)} past` : 'at';
    return `${key} is ${f(a.current)}, ${where} its target of ${f(a.goal)} (baseline ${f(a.baseline)}): achieved.`;
  }
  const side = a.direction === 'up' ? 'below' : 'above';
  const movement =
    a.trend === 'stable'
      ? `and flat (${f(a.momentum)} per step)`
      : a.trend === 'toward_goal'
        ? `moving toward it by ${f(Math.abs(a.momentum))} per step`
        : `moving away from it by ${f(Math.abs(a.momentum))} per step`;
  const share = `${Math.round(a.progressRatio * 100)}% of the way`;
  return `${key} is ${f(a.current)}, ${f(a.gap)} ${side} its target of ${f(a.goal)} (baseline ${f(a.baseline)}, ${share}), ${movement}.`;
}
