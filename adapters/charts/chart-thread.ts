// The thread that draws charts: Vega needs an ES module loader (its optional canvas is
// loaded with a top-level await), which the CLI bundle does not have, and drawing is CPU work
// that should not hold up the thread that answers.
import { parentPort, workerData } from 'node:worker_threads';
import type { ChartView } from '../../src/index.js';
import { chartPng } from './render-chart.js';

const pngs = await Promise.all((workerData as ChartView[]).map((chart) => chartPng(chart)));
parentPort?.postMessage(pngs);
