import { spawnSync } from 'node:child_process';
import { closeSync, copyFileSync, fsyncSync, openSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { packageRoot } from '../src/paths.js';
import { buildOutcomeLog, NOW } from './dataset.js';
import { figure } from './stats.js';
import { type Limit, ORIGINAL, type Original, type Row, withinLimit } from './table.js';

/** One run of the bin: wall time from spawn to exit, its peak memory, and what it printed. */
interface Run {
  ms: number;
  peakMb: number;
  stdout: string;
}

/**
 * One run of the `goalpost` bin as a person runs it (`bin/goalpost.js`, its own process): wall
 * time, and peak resident memory as the OS counted it (the preload prints it at exit, so no
 * `/usr/bin/time` is needed). A run that fails stops the bench: an error is never timed.
 */
export function runBin(args: readonly string[], env: Record<string, string> = {}): Run {
  return runNode([join(packageRoot(), 'bin/goalpost.js'), ...args], `goalpost ${args.join(' ')}`, env);
}

/** One Node process with `args`, timed and measured as `runBin` does; `what` names it in an error. */
function runNode(args: readonly string[], what: string, env: Record<string, string> = {}): Run {
  return runMeasured(
    process.execPath,
    ['--require', join(packageRoot(), 'bench/peak-rss.cjs'), ...args],
    what,
    { LOG_LEVEL: 'silent', ...env },
  );
}

/**
 * One process, timed from spawn to exit, with the peak memory it printed on stderr at exit
 * (`peak-rss-kb N`: bench/peak-rss.cjs for Node, runPython's script for Python). A run that fails
 * stops the bench.
 */
function runMeasured(
  command: string,
  args: readonly string[],
  what: string,
  env: Record<string, string>,
): Run {
  const started = performance.now();
  const run = spawnSync(command, args, {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
  const ms = performance.now() - started;
  if (run.status !== 0) throw new Error(`${what} exited ${run.status}: ${run.stderr}`);
  const kb = Number(/peak-rss-kb (\d+)/.exec(run.stderr)?.[1] ?? Number.NaN);
  return { ms, peakMb: kb / 1024, stdout: run.stdout };
}

/**
 * The floor under every command, measured the same way: Node running nothing, and Node opening
 * the workspace's file with better-sqlite3 for one read. No target: no command can go below them.
 */
export function runtimeFloor(db: string, runs: number): Row[] {
  const sqlite = createRequire(import.meta.url).resolve('better-sqlite3');
  const read = `const D = require(${JSON.stringify(sqlite)}); new D(${JSON.stringify(db)}, { readonly: true }).prepare('SELECT count(*) FROM projects').get();`;
  const floor = (name: string, args: string[]): Row => {
    const samples = Array.from({ length: runs }, () => runNode(args, name));
    return {
      section: 'process',
      name,
      unit: 'ms',
      figure: figure(samples.map((r) => r.ms)),
      peakMb: Math.max(...samples.map((r) => r.peakMb)),
      note: 'the floor under every command, not a target',
    };
  };
  const rows = [
    floor('node, running nothing', ['-e', '0']),
    floor('node, opening the file with better-sqlite3', ['-e', read]),
  ];
  const python = pythonInterpreter();
  if (python !== null) {
    const samples = Array.from({ length: runs }, () => runPython(python, db));
    rows.push({
      section: 'process',
      name: 'python3, opening the file with sqlite3',
      unit: 'ms',
      figure: figure(samples.map((r) => r.ms)),
      peakMb: Math.max(...samples.map((r) => r.peakMb)),
      note: "the original's floor in this run: its figures were measured on another day",
    });
  }
  return rows;
}

/**
 * The Python interpreter `python3` on the PATH runs, resolved once: a version manager's `python3`
 * is often a shell script that starts the real one (pyenv's took 100 ms more), and the original
 * engine's figures are the interpreter's. Null, and the row left out, where there is no python3.
 */
function pythonInterpreter(): string | null {
  const found = spawnSync('python3', ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' });
  const path = found.status === 0 ? found.stdout.trim() : '';
  return path === '' ? null : path;
}

/**
 * Python 3 doing what the second Node floor does: opening the workspace's file with its own
 * sqlite3 module (as the original engine does) for one read, then printing its peak resident
 * memory as peak-rss.cjs does for Node (VmHWM; maxRSS where /proc is not there).
 */
function runPython(python: string, db: string): Run {
  const script = [
    'import sqlite3, sys',
    `sqlite3.connect(${JSON.stringify(`${pathToFileURL(db).href}?mode=ro`)}, uri=True).execute('SELECT count(*) FROM projects').fetchone()`,
    'try:',
    "    kb = next(l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM:'))",
    'except OSError:',
    '    import resource; kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss',
    "sys.stderr.write(f'\\npeak-rss-kb {kb}\\n')",
  ].join('\n');
  return runMeasured(python, ['-c', script], `python3 opening ${db}`, {});
}

/** `runs` runs of the bin; `before` runs ahead of each, outside the timed region. */
function sample(args: readonly string[], runs: number, before?: () => void): Run[] {
  return Array.from({ length: runs }, () => {
    before?.();
    return runBin(args);
  });
}

/** A whole-process row: the runs' median and max time, their highest peak, and the target. */
function processRow(name: string, runs: readonly Run[], original: Original, limit: Limit): Row {
  const f = figure(runs.map((r) => r.ms));
  const peakMb = Math.max(...runs.map((r) => r.peakMb));
  return {
    section: 'process',
    name,
    unit: 'ms',
    figure: f,
    peakMb,
    original,
    target: withinLimit(f, peakMb, limit),
  };
}

/**
 * A copy of the database at `source`, made again by `refresh` (outside any timed region) so a run
 * that writes always starts from the file as it was built. The copy is flushed to disk as it is
 * made: a workspace in use was written long before a command runs on it, while a copy just made is
 * all in the page cache, and the first checkpoint's fsync of the file flushed every page of it
 * inside the timed run (49 ms of a saved generate on 10,000 projects, against 3 ms on a flushed
 * copy, 2026-11-24).
 */
function freshCopy(source: string): { path: string; refresh(): void; remove(): void } {
  const path = `${source}.copy`;
  const remove = () => {
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
  };
  return {
    path,
    refresh: () => {
      remove();
      copyFileSync(source, path);
      const fd = openSync(path, 'r+');
      try {
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
    },
    remove,
  };
}

/** `--db`, `--workspace` and a fixed `--now`, so every run sees the same day. */
const on = (db: string, workspace: string) => ['--db', db, '--workspace', workspace, '--now', NOW];

const count = (n: number) => n.toLocaleString('en-US');

/** `1 project`, `1,000 projects`. */
export const projectCount = (n: number) => `${count(n)} project${n === 1 ? '' : 's'}`;

/** `goalpost vision show`: what any trivial command costs (start-up, open, one read). */
export function visionShow(db: string, workspace: string, runs: number): Row {
  return processRow(
    'goalpost vision show',
    sample(['vision', 'show', ...on(db, workspace)], runs),
    ORIGINAL.visionShow,
    { ms: 120, mb: 50 },
  );
}

/** The issue's limits for a dry run: the original's time, tighter at 10,000 projects and in memory. */
const DRY_RUN_LIMITS: Record<keyof typeof ORIGINAL.dryRun, Limit> = {
  1: { ms: 82 },
  1000: { ms: 107 },
  10000: { ms: 170, mb: 90 },
  100000: { ms: 3080, mb: 300 },
};

/**
 * `goalpost generate --dry-run` (cap 5, the default) on a workspace of `projects` projects. One
 * untimed run with `--json` first checks that it proposes tasks, so the row never times a run
 * that found nothing to do.
 */
export function dryRun(
  db: string,
  workspace: string,
  projects: keyof typeof ORIGINAL.dryRun,
  runs: number,
): Row {
  const args = ['generate', '--dry-run', ...on(db, workspace)];
  const proposed = (JSON.parse(runBin([...args, '--json']).stdout) as { proposed: number }).proposed;
  if (!(proposed > 0)) throw new Error(`the dry run on ${projectCount(projects)} proposed nothing`);
  return processRow(
    `goalpost generate --dry-run, ${projectCount(projects)}`,
    sample(args, runs),
    ORIGINAL.dryRun[projects],
    DRY_RUN_LIMITS[projects],
  );
}

/**
 * `goalpost generate --max-tasks 50` (saved) on 10,000 projects. Each run gets a fresh copy of the
 * workspace, made outside the timed region, so every run persists the same batch.
 */
export function generatePersist(db: string, workspace: string, runs: number): Row {
  const copy = freshCopy(db);
  const args = ['generate', '--max-tasks', '50', ...on(copy.path, workspace)];
  copy.refresh();
  const queued = (JSON.parse(runBin([...args, '--json']).stdout) as { queued: number }).queued;
  if (!(queued > 0)) throw new Error('generate on 10,000 projects saved no task');
  const row = processRow(
    'goalpost generate --max-tasks 50, 10,000 projects',
    sample(args, runs, copy.refresh),
    ORIGINAL.generate10000,
    // At 10,000 projects the issue asks for twice the original's speed.
    { ms: (ORIGINAL.generate10000.seconds * 1000) / 2 },
  );
  copy.remove();
  return { ...row, note: `saves ${queued} tasks, each run on a fresh copy of the workspace` };
}

/** The issue's limits for `learn`: 0.3 s over 100,000 outcomes and 2 s over 1,000,000. */
const LEARN_LIMITS: Record<keyof typeof ORIGINAL.learn, Limit> = {
  100000: { ms: 300 },
  1000000: { ms: 2000 },
};

/**
 * `goalpost learn` over a log of `size` outcomes. Cold: the first run after the log was written,
 * which writes the outcome projection's changes and the statistics; each cold sample runs on a
 * fresh copy of the just-written log. Warm: runs on a log `learn` has already folded.
 */
export function learnRows(
  dir: string,
  size: keyof typeof ORIGINAL.learn,
  runs: { cold: number; warm: number },
): Row[] {
  const built = buildOutcomeLog(dir, size);
  const copy = freshCopy(built);
  const cold = sample(['learn', ...on(copy.path, 'bench')], runs.cold, copy.refresh);
  const warm = sample(['learn', ...on(copy.path, 'bench')], runs.warm);
  copy.remove();
  rmSync(built, { force: true });
  const label = `goalpost learn, ${count(size)} outcomes`;
  return [
    {
      ...processRow(`${label}, cold`, cold, ORIGINAL.learn[size], LEARN_LIMITS[size]),
      note: 'the first run on a freshly written log: it writes the statistics',
    },
    {
      ...processRow(`${label}, warm`, warm, ORIGINAL.learn[size], LEARN_LIMITS[size]),
      note: 'the runs after it, on the same log',
    },
  ];
}

/**
 * How a stage grows from `from` to `to` (two rows of one kind): the ratio of their medians
 * against n log n's ratio for the sizes, and whether it stays within it.
 */
export function growthRow(
  stage: string,
  of: string,
  from: { size: number; row: Row },
  to: { size: number; row: Row },
): Row {
  const measured = to.row.figure.median / from.row.figure.median;
  const nLogN = (to.size * Math.log(to.size)) / (from.size * Math.log(from.size));
  return {
    section: 'growth',
    name: `${stage}, ${count(from.size)} → ${count(to.size)} ${of}`,
    unit: 'ratio',
    // n: the samples behind the smaller of the two medians.
    figure: { median: measured, p99: measured, n: Math.min(from.row.figure.n, to.row.figure.n) },
    target: { text: `≤ ×${nLogN.toFixed(2)} (n log n)`, met: measured <= nLogN },
    note: 'ratio of the medians above',
  };
}
