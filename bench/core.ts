import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { fixedClock, openGoalpost, silentLogger, TASK_CATEGORIES } from '../src/index.js';
import { createRng } from '../src/learning/random.js';
import { chooseAssignee } from '../src/learning/route.js';
import type { Outcome, PairStats } from '../src/learning/types.js';
import { applyOutcome, rebuildStats } from '../src/learning/update-stats.js';
import { ADMIN, buildWorkspace, NOW } from './dataset.js';
import { type Figure, figure, timeRuns } from './stats.js';

export interface Row {
  section: string;
  name: string;
  figure: Figure;
  /** A ratio against a baseline measured in the same run, with what it divides. */
  ratio?: { value: number; against: string };
  note?: string;
}

/** Engine scaling: a dry-run `generate` on 100, 1,000 and 10,000 projects with 100,000 closed tasks. */
export async function engineScaling(dir: string, history: number): Promise<Row[]> {
  const rows: Row[] = [];
  let previous: { size: number; median: number } | null = null;
  for (const size of [100, 1_000, 10_000]) {
    const opened = buildWorkspace(dir, size, history);
    const ctx = { ...ADMIN };
    opened.app.engine.generate(ctx, { dryRun: true });
    const f = figure(
      await timeRuns(size >= 10_000 ? 5 : 15, () => opened.app.engine.generate(ctx, { dryRun: true })),
    );
    const growth = previous ? f.median / previous.median : null;
    rows.push({
      section: 'engine',
      name: `generate, ${size.toLocaleString('en-US')} projects + ${history.toLocaleString('en-US')} tasks`,
      figure: f,
      ...(growth !== null && previous
        ? {
            ratio: { value: growth, against: `${previous.size.toLocaleString('en-US')} projects` },
            note: `n log n would be ×${((size * Math.log(size)) / (previous.size * Math.log(previous.size))).toFixed(1)}`,
          }
        : {}),
    });
    previous = { size, median: f.median };
    opened.close();
  }
  return rows;
}

/** Recording: outcomes per second through `decide` against raw inserts of the same rows. */
export async function recording(dir: string, count: number): Promise<Row[]> {
  const opened = openGoalpost({
    dbPath: join(dir, 'record.db'),
    clock: fixedClock(NOW),
    logger: silentLogger,
  });
  const { app, db } = opened;
  app.demo.load(ADMIN);
  app.assignees.add(ADMIN, { name: 'worker1', kind: 'worker', capacity: 100 });
  db.transaction(() => {
    const add = db.prepare(
      `INSERT INTO tasks (workspace_id, seq, title, category, priority, status, fingerprint, created_at, updated_at)
       VALUES ('bench', ?, ?, 'feature', 5, 'approved', ?, ?, ?)`,
    );
    for (let i = 1; i <= count; i++) add.run(i, `Task ${i}`, `rec-${i}`, NOW, NOW);
  })();
  const start = performance.now();
  for (let i = 1; i <= count; i++) {
    app.decisions.decide(ADMIN, { ref: `T-${i}`, action: 'done', assignee: 'worker1', minutes: 30 });
  }
  const goalpostMs = performance.now() - start;
  opened.close();

  const raw = new Database(join(dir, 'raw.db'));
  raw.pragma('journal_mode = WAL');
  raw.exec(`CREATE TABLE tasks (id INTEGER PRIMARY KEY, status TEXT, updated_at TEXT);
    CREATE TABLE task_events (id INTEGER PRIMARY KEY, task_id INTEGER, type TEXT, from_status TEXT, to_status TEXT, actor TEXT, data TEXT, created_at TEXT);
    CREATE TABLE task_outcomes (task_id INTEGER PRIMARY KEY, assignee TEXT, success INTEGER, minutes REAL, at TEXT)`);
  const seed = raw.prepare("INSERT INTO tasks (id, status, updated_at) VALUES (?, 'approved', ?)");
  raw.transaction(() => {
    for (let i = 1; i <= count; i++) seed.run(i, NOW);
  })();
  const update = raw.prepare(
    "UPDATE tasks SET status = 'done', updated_at = ? WHERE id = ? AND status = 'approved'",
  );
  const event = raw.prepare(
    "INSERT INTO task_events (task_id, type, from_status, to_status, actor, data, created_at) VALUES (?, 'done', 'approved', 'done', 'cli:bench', '{}', ?)",
  );
  const outcome = raw.prepare("INSERT INTO task_outcomes VALUES (?, 'worker1', 1, 30, ?)");
  const one = raw.transaction((i: number) => {
    update.run(NOW, i);
    event.run(i, NOW);
    outcome.run(i, NOW);
  });
  const rawStart = performance.now();
  for (let i = 1; i <= count; i++) one(i);
  const rawMs = performance.now() - rawStart;
  raw.close();
  const perSecond = (count / goalpostMs) * 1000;
  const rawPerSecond = (count / rawMs) * 1000;
  return [
    {
      section: 'recording',
      name: `outcomes recorded through decide (${count.toLocaleString('en-US')})`,
      figure: figure([goalpostMs / count]),
      ratio: { value: perSecond / rawPerSecond, against: 'raw inserts of the same rows' },
      note: `${Math.round(perSecond).toLocaleString('en-US')}/s vs ${Math.round(rawPerSecond).toLocaleString('en-US')}/s`,
    },
  ];
}

/** Learning: full rebuild over many outcomes, one routing decision among 50, one incremental update. */
export async function learning(outcomes: number): Promise<Row[]> {
  const rng = createRng('bench-learning');
  const base = Date.parse(NOW) - 365 * 86_400_000;
  const log: Outcome[] = Array.from({ length: outcomes }, (_, i) => ({
    category: TASK_CATEGORIES[i % TASK_CATEGORIES.length] ?? 'feature',
    assignee: `worker${Math.floor(rng.next() * 50)}`,
    success: rng.next() < 0.7,
    minutes: 10 + Math.floor(rng.next() * 200),
    at: new Date(base + Math.floor((i / outcomes) * 365 * 86_400_000)).toISOString(),
  }));
  const rebuild = figure(await timeRuns(3, () => rebuildStats(log, 30)));
  const stats: PairStats[] = rebuildStats(log.slice(0, 100_000), 30);
  const candidates = Array.from({ length: 50 }, (_, i) => ({
    name: `worker${i}`,
    capacity: 10,
    openTasks: i % 5,
  }));
  const options = { halfLifeDays: 30, priorStrength: 2, defaultMinutes: 60 };
  const routeRng = createRng('route');
  const route = figure(
    await timeRuns(2_000, () =>
      chooseAssignee({
        category: 'feature',
        candidates,
        stats,
        now: NOW,
        policy: 'thompson',
        rng: routeRng,
        options,
      }),
    ),
  );
  const pair = stats[0] ?? null;
  const next: Outcome = {
    category: pair?.category ?? 'feature',
    assignee: pair?.assignee ?? 'worker0',
    success: true,
    minutes: 30,
    at: NOW,
  };
  const update = figure(await timeRuns(20_000, () => applyOutcome(pair, next, 30)));
  return [
    {
      section: 'learning',
      name: `full rebuild over ${outcomes.toLocaleString('en-US')} outcomes`,
      figure: rebuild,
    },
    { section: 'learning', name: 'one routing decision among 50 assignees', figure: route },
    { section: 'learning', name: 'incremental update per outcome', figure: update },
  ];
}

/** A scratch folder removed afterwards. */
export function scratch(): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'goalpost-bench-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
