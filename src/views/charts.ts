import type { ChartView } from '../domain/chart.js';
import { MAX_POINTS, theilSen } from '../domain/robust-line.js';
import { formatDollars, formatNumber } from '../engine/format.js';
import { SPARK_POINTS } from '../feedback/analyse-goal.js';
import type { GoalSeries, RevenueSeries } from '../use-cases/report.js';

export type { ChartView } from '../domain/chart.js';

const DAY_MS = 86_400_000;
const WIDTH = 560;
const HEIGHT = 220;
/** Colours readable by most kinds of colour blindness (Okabe–Ito): measured, trend, target. */
const MEASURED = '#0072B2';
const TREND = '#999999';
const TARGET = '#D55E00';
const FORECAST = '#E69F00';

const day = (iso: string): string => iso.slice(0, 10);
const round2 = (n: number): number => Math.round(n * 100) / 100;

const base = {
  $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
  width: WIDTH,
  height: HEIGHT,
  background: 'white',
  padding: 12,
  config: {
    font: 'DejaVu Sans',
    view: { stroke: null },
    axis: { labelFontSize: 11, titleFontSize: 11, gridColor: '#eeeeee', domainColor: '#888888' },
    title: { fontSize: 14, anchor: 'start' as const },
  },
} as const;

/**
 * A goal's trend: the measurements, the robust (Theil–Sen) line through them, the target as a
 * dashed rule, the deadline as a rule, and the forecast from the last measurement (where the trend
 * stands there: see GoalAnalytics.forecastFrom) to the deadline.
 * Null with no measurement: there is nothing to draw.
 */
export function goalChart(s: GoalSeries): ChartView | null {
  const points = [...s.points].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  const first = points[0];
  const last = points.at(-1);
  if (!first || !last) return null;
  const { goal } = s;
  const measured = s.measured ?? points.length;
  const line = theilSen(points.map((p) => ({ x: Date.parse(p.at) / DAY_MS, y: p.value })));
  const at = (iso: string) =>
    line ? round2(line.intercept + line.slope * (Date.parse(iso) / DAY_MS)) : null;
  const deadline = `${goal.deadline}T00:00:00.000Z`;
  // Drawn over what it was fitted on, the latest MAX_POINTS: from the first point, a month's climb
  // then a flat week drew the week's level over the whole month.
  const fitFrom = points.at(-MAX_POINTS) ?? first;
  const trend = line
    ? [
        { at: day(fitFrom.at), value: at(fitFrom.at) },
        { at: day(last.at), value: at(last.at) },
      ]
    : [];
  const forecast =
    s.forecast === null || goal.deadline <= day(last.at)
      ? []
      : [
          // From the day it starts on: a goal judged on its week's median, from that day's.
          { at: day(s.forecastAt ?? last.at), value: s.forecastFrom ?? last.value },
          { at: goal.deadline, value: round2(s.forecast) },
        ];
  const unit = goal.unit ? ` (${goal.unit})` : '';
  const y = {
    field: 'value',
    type: 'quantitative' as const,
    title: `${goal.metric}${unit}`,
    scale: { zero: false },
  };
  const x = { field: 'at', type: 'temporal' as const, title: null, axis: { format: '%b %d' } };
  // As `goals` says them: 23.33, not 23.333333333333332.
  const title = `${goal.metric}: ${formatNumber(last.value)} of ${formatNumber(goal.target)}${goal.unit ? ` ${goal.unit}` : ''} by ${goal.deadline}`;
  return {
    name: `goal-${goal.metric}`,
    title,
    recent: points.slice(-SPARK_POINTS).map((p) => p.value),
    alt: `${goal.metric} measured ${measured} time${measured === 1 ? '' : 's'} from ${day(first.at)} to ${day(last.at)}, last ${formatNumber(last.value)}; target ${formatNumber(goal.target)} by ${goal.deadline}${s.forecast === null ? '' : `; forecast ${formatNumber(s.forecast)} by then`}`,
    spec: {
      ...base,
      title,
      layer: [
        {
          data: { values: trend },
          mark: { type: 'line', color: TREND, strokeWidth: 1.5 },
          encoding: { x, y },
        },
        {
          data: { values: forecast },
          mark: { type: 'line', color: FORECAST, strokeDash: [6, 4], strokeWidth: 2 },
          encoding: { x, y },
        },
        {
          data: { values: s.days ?? dailyCloses(points) },
          mark: { type: 'line', color: MEASURED, strokeWidth: 2, point: { color: MEASURED, size: 36 } },
          encoding: { x, y },
        },
        {
          data: { values: [{ value: goal.target, label: `target ${goal.target}` }] },
          layer: [
            { mark: { type: 'rule', color: TARGET, strokeDash: [4, 4] }, encoding: { y } },
            {
              mark: { type: 'text', color: TARGET, align: 'left', dx: 4, dy: -7, fontSize: 11 },
              encoding: { y, x: { datum: day(first.at), type: 'temporal' }, text: { field: 'label' } },
            },
          ],
        },
        {
          data: { values: [{ at: day(deadline), label: 'deadline' }] },
          layer: [
            { mark: { type: 'rule', color: TARGET, opacity: 0.6 }, encoding: { x } },
            {
              mark: {
                type: 'text',
                color: TARGET,
                align: 'right',
                dx: -4,
                dy: 6,
                baseline: 'top',
                fontSize: 11,
              },
              encoding: { x, y: { value: 0 }, text: { field: 'label' } },
            },
          ],
        },
      ],
    },
  };
}

/**
 * The measurements as the chart plots them, a point a day (its x is the day): each day's last. A
 * metric pushed every few minutes would otherwise stack hundreds of points on each day's line, and
 * a year of them (100,000 points) took Vega and resvg 8.6 s and 711 MB to draw; a year of days is
 * 365 points. Points come sorted by time.
 */
function dailyCloses(
  points: ReadonlyArray<{ at: string; value: number }>,
): Array<{ at: string; value: number }> {
  const closes: Array<{ at: string; value: number }> = [];
  for (const p of points) {
    const at = day(p.at);
    if (closes.at(-1)?.at === at) closes.pop();
    closes.push({ at, value: p.value });
  }
  return closes;
}

/**
 * Monthly revenue against the revenue milestones: a bar per month with revenue, and each dated
 * target as a point on a step line. Null when there is neither revenue nor a target.
 */
export function revenueChart(s: RevenueSeries): ChartView | null {
  if (s.months.length === 0 && s.targets.length === 0) return null;
  const x = {
    field: 'month',
    type: 'temporal' as const,
    timeUnit: 'yearmonth' as const,
    title: null,
    axis: { format: '%b %Y' },
  };
  const y = { type: 'quantitative' as const, title: 'USD/month' };
  const latest = s.months.at(-1);
  // The target `state` plans against, as the report's line names it.
  const next =
    s.planned?.milestone ?? s.targets.find((t) => !latest || t.month >= latest.month) ?? s.targets.at(-1);
  const title = `Revenue: ${latest ? `${formatDollars(latest.mrr)}/month in ${latest.month}` : 'none recorded yet'}${next ? `, target ${formatDollars(next.target)} by ${next.month}` : ''}`;
  return {
    name: 'revenue',
    title,
    recent: s.months.slice(-SPARK_POINTS).map((m) => m.mrr),
    alt: `${title}; ${s.months.length} month${s.months.length === 1 ? '' : 's'} of revenue and ${s.targets.length} target${s.targets.length === 1 ? '' : 's'} shown`,
    spec: {
      ...base,
      title,
      layer: [
        {
          data: { values: s.months.map((m) => ({ month: `${m.month}-01`, mrr: round2(m.mrr) })) },
          mark: { type: 'bar', color: MEASURED, width: { band: 0.7 } },
          encoding: { x, y: { ...y, field: 'mrr' } },
        },
        {
          data: {
            values: s.targets.map((t) => ({
              month: `${t.month}-01`,
              target: t.target,
              label: formatDollars(t.target),
            })),
          },
          layer: [
            {
              mark: {
                type: 'line',
                color: TARGET,
                interpolate: 'step-after',
                strokeDash: [4, 4],
                point: { color: TARGET, size: 48, shape: 'diamond' },
              },
              encoding: { x, y: { ...y, field: 'target' } },
            },
            {
              mark: { type: 'text', color: TARGET, dy: -10, fontSize: 11 },
              encoding: { x, y: { ...y, field: 'target' }, text: { field: 'label' } },
            },
          ],
        },
      ],
    },
  };
}

/** The weekly report's charts: revenue against its milestones, then each goal with measurements. */
export function reportCharts(data: { goals: readonly GoalSeries[]; revenue: RevenueSeries }): ChartView[] {
  return [revenueChart(data.revenue), ...data.goals.map(goalChart)].filter((c): c is ChartView => c !== null);
}
