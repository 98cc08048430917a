import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { type ChartView, packageRoot } from '../../src/index.js';

/**
 * Draws charts as PNGs on a worker thread (see chart-worker.ts), in order. The worker runs the
 * compiled module in dist/, as the job thread does.
 */
export function renderCharts(charts: readonly ChartView[]): Promise<Uint8Array[]> {
  if (charts.length === 0) return Promise.resolve([]);
  const worker = new Worker(join(packageRoot(), 'dist/adapters/charts/chart-worker.js'), {
    workerData: charts,
  });
  return new Promise((resolve, reject) => {
    worker.once('message', (pngs: Uint8Array[]) => resolve(pngs));
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`the chart worker exited with code ${code}`));
    });
  });
}
