import { spawn } from 'node:child_process';
import { copyFileSync, readFileSync, rmSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { packageRoot } from '../src/paths.js';
import { ackLatency, HEAVY, TEAM } from './ack.js';
import { learning, recording, scratch } from './core.js';
import { ADMIN, buildWorkspace } from './dataset.js';
import { githubRows } from './github.js';
import {
  dryRun,
  generatePersist,
  growthRow,
  learnRows,
  projectCount,
  runBin,
  runtimeFloor,
  visionShow,
} from './processes.js';
import { figure } from './stats.js';
import { stripeRows } from './stripe.js';
import { jsonRows, type Row, textTable } from './table.js';

const json = process.argv.includes('--json');
const began = performance.now();
const log = (line: string) => {
  if (!json) process.stderr.write(`[${((performance.now() - began) / 1000).toFixed(0)} s] ${line}\n`);
};

/** Starts the bot on `dbPath`; resolves to the time until it serves HTTP and its resident memory then. */
function startOnce(dbPath: string, workspace: string): Promise<{ readyMs: number; rssMb: number }> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(process.execPath, [join(packageRoot(), 'dist/src/main.js')], {
      env: {
        PATH: process.env.PATH ?? '',
        GOALPOST_DB: dbPath,
        GOALPOST_WORKSPACE: workspace,
        PORT: '0',
        GOALPOST_CONSOLE: 'off',
        LOG_LEVEL: 'silent',
      },
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (/HTTP API on/.test(out) && !out.includes('\u0000')) {
        out += '\u0000';
        const readyMs = performance.now() - start;
        setTimeout(() => {
          const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
          const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
          child.kill('SIGTERM');
          resolve({ readyMs, rssMb: rssKb / 1024 });
        }, 1000);
      }
    });
    child.on('error', reject);
  });
}

/**
 * The whole-process rows: the workspaces of 1, 1,000, 10,000 and 100,000 projects (each
 * built once, then removed), the trivial command, dry runs, a saved generate, and `learn` over
 * logs of 100,000 and 1,000,000 outcomes, with the growth between sizes.
 */
function wholeProcesses(dir: string): Row[] {
  const ws = ADMIN.workspaceId;
  const rows: Row[] = [];
  const dry: Array<{ size: number; row: Row }> = [];
  for (const size of [1, 1_000, 10_000, 100_000] as const) {
    log(`building the workspace of ${projectCount(size)}…`);
    const db = buildWorkspace(dir, size);
    if (size === 1) {
      log('goalpost vision show…');
      rows.push(...runtimeFloor(db, 20), visionShow(db, ws, 20));
    }
    log(`goalpost generate --dry-run, ${projectCount(size)}…`);
    const row = dryRun(db, ws, size, size === 100_000 ? 3 : 10);
    rows.push(row);
    dry.push({ size, row });
    if (size === 10_000) {
      log('goalpost generate --max-tasks 50, 10,000 projects…');
      rows.push(generatePersist(db, ws, 10));
    }
    rmSync(db, { force: true });
  }
  log('goalpost learn (building logs of 100,000 and 1,000,000 outcomes)…');
  const learn100k = learnRows(dir, 100_000, { cold: 10, warm: 10 });
  const learn1m = learnRows(dir, 1_000_000, { cold: 3, warm: 3 });
  rows.push(...learn100k, ...learn1m);

  const [d1k, d10k, d100k] = dry.slice(1);
  if (d1k && d10k && d100k) {
    rows.push(growthRow('dry run', 'projects', d1k, d10k), growthRow('dry run', 'projects', d10k, d100k));
  }
  for (const [i, mode] of ['cold', 'warm'].entries()) {
    const from = learn100k[i];
    const to = learn1m[i];
    if (from && to) {
      rows.push(
        growthRow(`learn ${mode}`, 'outcomes', { size: 100_000, row: from }, { size: 1_000_000, row: to }),
      );
    }
  }
  return rows;
}

/** A workspace with the project a GitHub repository or Stripe account feeds, copied fresh for each run. */
async function bigBacklogWorkspace(dir: string): Promise<{ fresh(): string; remove(): void }> {
  const base = join(dir, 'github-base.db');
  const { openGoalpost, fixedClock, silentLogger } = await import('../src/index.js');
  const o = openGoalpost({ dbPath: base, clock: fixedClock('2026-11-21T09:00:00Z'), logger: silentLogger });
  o.app.projects.add(o.app.context({ ...ADMIN, workspaceId: 'default' }), { name: 'Big backlog' });
  o.close();
  let n = 0;
  const made: string[] = [base];
  return {
    fresh() {
      const path = join(dir, `github-${++n}.db`);
      copyFileSync(base, path);
      made.push(path);
      return path;
    },
    remove() {
      for (const path of made)
        for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
    },
  };
}

/** Ack latency against a bare Bolt app measured in the same run; the target is on the p99. */
async function ackRows(dir: string): Promise<Row[]> {
  log('ack latency (building a workspace of 10,000 projects)…');
  const ack = await ackLatency(buildWorkspace(dir, 10_000, { workspaceId: TEAM }));
  const limit = 1.5 * ack.bare[50].p99;
  const withinP99 = (p99: number) => ({
    text: `p99 ≤ 1.5× bare Bolt's (${limit.toFixed(0)})`,
    met: p99 <= limit,
  });
  return [
    { section: 'ack', name: 'bare Bolt app, concurrency 1', unit: 'ms', figure: ack.bare[1] },
    { section: 'ack', name: 'bare Bolt app, concurrency 50', unit: 'ms', figure: ack.bare[50] },
    { section: 'ack', name: 'Goalpost, concurrency 1', unit: 'ms', figure: ack.goalpost[1] },
    {
      section: 'ack',
      name: 'Goalpost, concurrency 50',
      unit: 'ms',
      figure: ack.goalpost[50],
      target: withinP99(ack.goalpost[50].p99),
    },
    {
      section: 'ack',
      name: `Goalpost, concurrency 50, during ${HEAVY.digests} digests + learn`,
      unit: 'ms',
      figure: ack.duringHeavy,
      target: withinP99(ack.duringHeavy.p99),
      note: `${ack.digests} of ${HEAVY.digests} digests of 10,000 projects and a learn over ${ack.learned.toLocaleString('en-US')} outcomes finished meanwhile`,
    },
  ];
}

/** Start-up of the bot (`npm start`) to serving HTTP, and its resident memory then. */
async function footprintRows(dir: string): Promise<Row[]> {
  log('footprint…');
  const demo = join(dir, 'demo.db');
  {
    const { openGoalpost, fixedClock, silentLogger } = await import('../src/index.js');
    const o = openGoalpost({ dbPath: demo, clock: fixedClock('2026-11-21T09:00:00Z'), logger: silentLogger });
    o.app.demo.load(
      o.app.context({ workspaceId: 'default', actor: 'cli:bench', source: 'cli', role: 'admin' }),
    );
    o.close();
  }
  const starts = [];
  for (let i = 0; i < 5; i++) starts.push(await startOnce(demo, 'default'));
  return [
    {
      section: 'footprint',
      name: 'bot start-up to serving HTTP (demo)',
      unit: 'ms',
      figure: figure(starts.map((s) => s.readyMs)),
    },
    {
      section: 'footprint',
      name: 'bot resident memory idle, demo (MB)',
      unit: 'MB',
      figure: figure(starts.map((s) => s.rssMb)),
    },
  ];
}

async function main(): Promise<void> {
  const { dir, remove } = scratch();
  const rows: Row[] = [];
  try {
    rows.push(...wholeProcesses(dir));
    log('recording and routing, in this process…');
    rows.push(...(await recording(dir, 5_000)));
    rows.push(...(await learning(100_000)));
    log('goalpost github connect and sync, 10,000 issues against the fake GitHub…');
    const workspace = await bigBacklogWorkspace(dir);
    rows.push(...(await githubRows(workspace, runBin, { connect: 3, unchanged: 5 })));
    log('goalpost stripe connect, 50,000 subscriptions against the fake Stripe…');
    rows.push(...(await stripeRows(workspace, runBin, 2)));
    workspace.remove();
    rows.push(...(await ackRows(dir)));
    rows.push(...(await footprintRows(dir)));
  } finally {
    remove();
  }

  const when = new Date().toISOString();
  const machine = `${cpus().length} cores, Node ${process.version}`;
  if (json) {
    process.stdout.write(
      `${JSON.stringify({ when, cpus: cpus().length, node: process.version, rows: jsonRows(rows) }, null, 2)}\n`,
    );
    return;
  }
  process.stdout.write(textTable(rows, `Goalpost bench, ${when}, ${machine}`));
}

await main();
