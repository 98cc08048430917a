import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { packageRoot } from '../src/paths.js';
import type { Row } from './core.js';
import { buildOutcomeLog } from './dataset.js';
import { figure } from './stats.js';

/** One run of the `goalpost` bin as a person runs it: wall time, and peak memory from the OS. */
function runBin(args: string[]): { ms: number; peakMb: number } {
  const root = packageRoot();
  const started = performance.now();
  const run = spawnSync(
    process.execPath,
    ['--require', join(root, 'bench/peak-rss.cjs'), join(root, 'bin/goalpost.js'), ...args],
    { encoding: 'utf8', env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'silent' } },
  );
  const ms = performance.now() - started;
  if (run.status !== 0) throw new Error(`goalpost ${args.join(' ')} exited ${run.status}: ${run.stderr}`);
  const kb = Number(/peak-rss-kb (\d+)/.exec(run.stderr)?.[1] ?? Number.NaN);
  return { ms, peakMb: kb / 1024 };
}

/**
 * `goalpost learn` as a whole process over logs of `sizes` outcomes: the first run after the log
 * was written (it writes the statistics), then `runs` more (a nightly learn with nothing to repair).
 */
export function learnProcess(dir: string, sizes: readonly number[], runs: number): Row[] {
  const rows: Row[] = [];
  for (const size of sizes) {
    const db = buildOutcomeLog(dir, size);
    const args = ['learn', '--db', db, '--workspace', 'bench'];
    const first = runBin(args);
    const again = Array.from({ length: runs }, () => runBin(args));
    const label = `${size.toLocaleString('en-US')} outcomes`;
    rows.push(
      { section: 'learn', name: `goalpost learn, ${label}, first run`, figure: figure([first.ms]) },
      { section: 'learn', name: `goalpost learn, ${label}, again`, figure: figure(again.map((r) => r.ms)) },
      {
        section: 'learn',
        name: `goalpost learn, ${label}, peak memory (MB)`,
        figure: figure([first, ...again].map((r) => r.peakMb)),
      },
    );
  }
  return rows;
}
