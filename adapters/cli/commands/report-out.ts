// `goalpost report|export --out`: the report, and its charts drawn beside it.
import { basename, dirname, extname, join } from 'node:path';
import {
  type ChartView,
  type FeedbackReport,
  type ReportCharts,
  reportCharts,
  reportMarkdown,
} from '../../../src/index.js';
import { renderCharts } from '../../charts/render-charts.js';
import { checkOut, type OutOptions, writeOut } from '../write-out.js';

/** What `--out` wrote: the report, and each chart beside it. */
export interface WrittenReport {
  report: string;
  charts: string[];
}

/** `report.md` → `report-revenue.png`, beside it. */
const chartPath = (out: string, chart: ChartView): string =>
  join(dirname(out), `${basename(out, extname(out))}-${chart.name}.png`);

/** How an error names a chart's file: the person typed only `--out`. */
const chartNamed = (out: string, path: string): string =>
  `--out ${out}: its chart ${basename(path)} (charts are named after --out)`;

/**
 * Writes the report to `out` and its charts (`data`, read with it: revenue, each goal) as PNGs
 * beside it; a Markdown report shows them as images. Every path is checked before anything is
 * written, so a refused one writes nothing; the report is written last.
 */
export async function writeReport(
  report: FeedbackReport,
  data: ReportCharts,
  format: 'markdown' | 'json',
  out: string,
  options: OutOptions,
): Promise<WrittenReport> {
  const charts = reportCharts(data);
  checkOut(out, options);
  for (const chart of charts) {
    const path = chartPath(out, chart);
    checkOut(path, options, chartNamed(out, path));
  }
  const pngs = await renderCharts(charts);
  const written = charts.map((chart, i) => {
    const path = chartPath(out, chart);
    return writeOut(path, pngs[i] ?? new Uint8Array(), options, chartNamed(out, path));
  });
  const images = charts.map((chart) => `![${chart.alt}](${basename(chartPath(out, chart))})`);
  const markdown = reportMarkdown(report).trimEnd();
  const body =
    format === 'markdown'
      ? `${images.length ? `${markdown}\n\n## Charts\n\n${images.join('\n\n')}` : markdown}\n`
      : `${JSON.stringify({ ...report, charts: charts.map((c, i) => ({ name: c.name, title: c.title, alt: c.alt, file: basename(written[i] ?? '') })) }, null, 2)}\n`;
  return { report: writeOut(out, body, options), charts: written };
}
