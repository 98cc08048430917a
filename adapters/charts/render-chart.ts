import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { parse, View } from 'vega';
import { compile } from 'vega-lite';
import { type ChartView, packageRoot } from '../../src/index.js';
import { drawableSpec } from './drawable-spec.js';
import { type Covers, fontCoverage } from './font-coverage.js';

/** Pixels per chart unit in the PNG: 2 keeps lines and text sharp on high-density screens. */
const SCALE = 2;

/**
 * The font charts are drawn in, shipped with the package (dejavu-fonts-ttf) rather than taken from
 * the machine: a server image may have no fonts at all, and the same font everywhere draws the same
 * picture everywhere (the golden-image test relies on it).
 */
function fontFiles(): string[] {
  const require = createRequire(join(packageRoot(), 'package.json'));
  const dir = join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
  return [join(dir, 'DejaVuSans.ttf'), join(dir, 'DejaVuSans-Bold.ttf')];
}

let fonts: string[] | null = null;
/** What the fonts draw, read once, with the first chart drawn: loading the bundle reads no font. */
let covers: Covers | null = null;

/**
 * The chart as SVG: Vega-Lite compiled to Vega, laid out headless (no browser, no canvas). Its text
 * is as typed: a browser showing it falls back to fonts that have what ours lack.
 */
export async function chartSvg(chart: ChartView): Promise<string> {
  const view = new View(parse(compile(chart.spec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/**
 * The chart as a PNG, drawn from its SVG by resvg with the shipped font. Characters the font lacks
 * (emoji, CJK) are left out of its text, laid out without them: resvg would draw each as a box.
 */
export async function chartPng(chart: ChartView): Promise<Buffer> {
  fonts ??= fontFiles();
  covers ??= fontCoverage(fonts);
  const resvg = new Resvg(await chartSvg({ ...chart, spec: drawableSpec(chart, covers) }), {
    fitTo: { mode: 'zoom', value: SCALE },
    font: { loadSystemFonts: false, fontFiles: fonts, defaultFontFamily: 'DejaVu Sans' },
  });
  return resvg.render().asPng();
}
