// The thread that draws charts: drawing is CPU work that should not hold up the thread that
// answers. It runs the build's bundle of render-chart.ts (dist/charts/charts.cjs, Vega inside)
// with a code cache the build saved beside it, as the CLI runs its own (bin/load-cli.js): the one
// written for V8 as this process set it, when there is one (see bundleCharts in scripts/build.mjs).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { cachedDataVersionTag } from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import type { ChartView } from '../../src/index.js';
import type { chartPng } from './render-chart.js';

const bundle = fileURLToPath(new URL('../../charts/charts.cjs', import.meta.url));
const { loadBundle } = createRequire(import.meta.url)('../../../bin/load-cli.js') as {
  loadBundle(path: string, cachedData?: Buffer): { exports: { chartPng: typeof chartPng } };
};
let cachedData: Buffer | undefined;
try {
  cachedData = readFileSync(`${bundle}.${cachedDataVersionTag()}.cache`);
} catch {
  // None for this V8 and its flags: V8 compiles the bundle as usual.
}
const { exports } = loadBundle(bundle, cachedData);
cachedData = undefined;
// Answered, or thrown: a rejection ends the thread with it, which renderCharts reports.
void Promise.all((workerData as ChartView[]).map((chart) => exports.chartPng(chart))).then((pngs) =>
  parentPort?.postMessage(pngs),
);
