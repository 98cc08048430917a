import type { ChartView } from '../domain/chart.js';

const BARS = '▁▂▃▄▅▆▇█';

/**
 * Values as a one-line text chart, one block per value from ▁ (the lowest) to █ (the highest):
 * where a terminal or a console chat cannot show an image. Empty for no values; all ▄ when flat.
 */
export function sparkline(values: readonly number[]): string {
  if (values.length === 0) return '';
  const low = Math.min(...values);
  const span = Math.max(...values) - low;
  const top = BARS.length - 1;
  return values.map((v) => BARS[span === 0 ? 3 : Math.round(((v - low) / span) * top)]).join('');
}

/** A chart as one line of text: its sparkline, then its title (`▁▂▄▇ active_teachers: 152 of 300 …`). */
export const chartLine = (chart: Pick<ChartView, 'recent' | 'title'>): string =>
  `${sparkline(chart.recent) || '—'} ${chart.title}`;

/** The heading a report's charts go under where they show as text. */
export const CHARTS_HEADING = '📈 Trends';
