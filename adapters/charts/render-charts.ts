import { join } from 'node:path';
import type * as WorkerThreads from 'node:worker_threads';
import { type ChartView, lazyBuiltin, packageRoot } from '../../src/index.js';

// Loaded with the first chart: `report` and the bots load this module, few of their runs draw.
const threads = lazyBuiltin<typeof WorkerThreads>('node:worker_threads');

/**
 * Draws charts as PNGs on a thread of their own (see chart-thread.ts), in order. The thread runs
 * the compiled module in dist/, as the job thread does, which runs the build's bundle of Vega.
 */
export function renderCharts(charts: readonly ChartView[]): Promise<Uint8Array[]> {
  if (charts.length === 0) return Promise.resolve([]);
  const thread = new (threads().Worker)(join(packageRoot(), 'dist/adapters/charts/chart-thread.js'), {
    workerData: charts,
  });
  return new Promise((resolve, reject) => {
    thread.once('message', (pngs: Uint8Array[]) => resolve(pngs));
    thread.once('error', reject);
    thread.once('exit', (code) => {
      if (code !== 0) reject(new Error(`the chart thread exited with code ${code}`));
    });
  });
}
