// `goalpost report|export --out`: the report, and its charts drawn beside it.
import { basename, dirname, extname, join, resolve } from 'node:path';
import {
  type ChartView,
  type FeedbackReport,
  type ReportCharts,
  reportCharts,
  reportMarkdown,
} from '../../../src/index.js';
import { renderCharts } from '../../charts/render-charts.js';
import {
  checkOut,
  discardOut,
  holdsAlready,
  type OutOptions,
  placeOut,
  type StagedOut,
  stageOut,
} from '../write-out.js';

/** What `--out` wrote: the report, and each chart beside it. */
export interface WrittenReport {
  report: string;
  charts: string[];
  /**
   * Charts already beside it as drawn, left as they were: `report --out weekly.md` then `export
   * --out weekly.json` of the same week draw the same `weekly-revenue.png`.
   */
  kept: string[];
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
 * written, so a refused one writes nothing, and a write that fails (a full disk) leaves none.
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
  const pngs = await renderCharts(charts);
  // A chart already there as drawn is neither written again nor refused: the report's Markdown
  // and its JSON export share their charts' names. Any other file there is refused, unless --force.
  const files = charts.map((chart, i) => {
    const path = chartPath(out, chart);
    const png = pngs[i] ?? new Uint8Array();
    return { path, png, same: !options.force && holdsAlready(path, options, png) };
  });
  for (const f of files) if (!f.same) checkOut(f.path, options, chartNamed(out, f.path));
  // Every file is written under a temporary name first, and renamed into place only once all
  // were: a disk that fills halfway leaves no charts without their report, which would make the
  // same command, run again, refuse them as files that exist.
  const staged: StagedOut[] = [];
  try {
    for (const f of files)
      if (!f.same) staged.push(stageOut(f.path, f.png, options, chartNamed(out, f.path)));
    const images = charts.map((chart) => `![${chart.alt}](${basename(chartPath(out, chart))})`);
    const markdown = reportMarkdown(report).trimEnd();
    const body =
      format === 'markdown'
        ? `${images.length ? `${markdown}\n\n## Charts\n\n${images.join('\n\n')}` : markdown}\n`
        : `${JSON.stringify({ ...report, charts: charts.map((c) => ({ name: c.name, title: c.title, alt: c.alt, file: basename(chartPath(out, c)) })) }, null, 2)}\n`;
    staged.push(stageOut(out, body, options));
  } catch (error) {
    discardOut(staged);
    throw error;
  }
  // The report last, as before: whoever waits for it finds its charts there.
  const placed = placeOut(staged);
  const kept = files.flatMap((f) => (f.same ? [resolve(options.cwd, f.path)] : []));
  return { report: placed.at(-1) ?? '', charts: placed.slice(0, -1), kept };
}
