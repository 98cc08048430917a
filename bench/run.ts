import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { packageRoot } from '../src/paths.js';
import { ackLatency, TEAM } from './ack.js';
import { engineScaling, learning, type Row, recording, scratch } from './core.js';
import { buildWorkspace } from './dataset.js';
import { learnProcess } from './processes.js';
import { figure, ms } from './stats.js';

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

async function main(): Promise<void> {
  const { dir, remove } = scratch();
  const rows: Row[] = [];
  try {
    log('engine scaling (building workspaces of 100, 1,000 and 10,000 projects)…');
    rows.push(...(await engineScaling(dir, 100_000)));
    log('recording…');
    rows.push(...(await recording(dir, 5_000)));
    log('learning…');
    rows.push(...(await learning(1_000_000)));
    log('goalpost learn as a whole process (building logs of 100,000 and 1,000,000 outcomes)…');
    rows.push(...learnProcess(dir, [100_000, 1_000_000], 3));

    log('ack latency…');
    const large = buildWorkspace(dir, 10_000, 100_000, TEAM);
    const largePath = large.db.name;
    large.close();
    const ack = await ackLatency(largePath);
    for (const c of [1, 50] as const) {
      rows.push({ section: 'ack', name: `bare Bolt app, concurrency ${c}`, figure: ack.bare[c] });
      rows.push({
        section: 'ack',
        name: `Goalpost, concurrency ${c}`,
        figure: ack.goalpost[c],
        ratio: { value: ack.goalpost[c].median / ack.bare[c].median, against: 'bare Bolt app' },
      });
    }
    rows.push({
      section: 'ack',
      name: 'Goalpost, concurrency 50, during 10,000-project digests',
      figure: ack.duringHeavy,
      ratio: { value: ack.duringHeavy.p99 / ack.goalpost[50].p99, against: 'p99 without the heavy job' },
      note: `${ack.digests} /goalpost digest run${ack.digests === 1 ? '' : 's'} finished meanwhile`,
    });

    log('footprint…');
    const demo = join(dir, 'demo.db');
    {
      const { openGoalpost, fixedClock, silentLogger } = await import('../src/index.js');
      const o = openGoalpost({
        dbPath: demo,
        clock: fixedClock('2026-11-21T09:00:00Z'),
        logger: silentLogger,
      });
      o.app.demo.load(
        o.app.context({ workspaceId: 'default', actor: 'cli:bench', source: 'cli', role: 'admin' }),
      );
      o.close();
    }
    const starts = [];
    for (let i = 0; i < 5; i++) starts.push(await startOnce(demo, 'default'));
    rows.push({
      section: 'footprint',
      name: 'start-up to serving HTTP (demo)',
      figure: figure(starts.map((s) => s.readyMs)),
    });
    rows.push({
      section: 'footprint',
      name: 'resident memory idle, demo (MB)',
      figure: figure(starts.map((s) => s.rssMb)),
    });
    const big = await startOnce(join(dir, 'ws-10000-100000.db'), 'bench');
    rows.push({
      section: 'footprint',
      name: 'resident memory idle, 10,000 projects (MB)',
      figure: figure([big.rssMb]),
    });
  } finally {
    remove();
  }

  const when = new Date().toISOString();
  if (json) {
    process.stdout.write(
      `${JSON.stringify({ when, cpus: cpus().length, node: process.version, rows }, null, 2)}\n`,
    );
    return;
  }
  const lines = [
    `Goalpost bench, ${when}, ${cpus().length} cores, Node ${process.version} (times in ms unless marked;`,
    'p99|max is the 99th percentile of n samples, which under 100 samples is their maximum)',
    '',
    `${'figure'.padEnd(62)} ${'median'.padStart(9)} ${'p99|max'.padStart(9)} ${'n'.padStart(7)}  ratio`,
  ];
  for (const r of rows) {
    const ratio = r.ratio ? `×${r.ratio.value.toFixed(2)} vs ${r.ratio.against}` : '';
    lines.push(
      `${`[${r.section}] ${r.name}`.padEnd(62)} ${ms(r.figure.median).padStart(9)} ${ms(r.figure.p99).padStart(9)} ${String(r.figure.n).padStart(7)}  ${ratio}${r.note ? ` (${r.note})` : ''}`,
    );
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

await main();
