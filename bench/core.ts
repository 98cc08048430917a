import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Outcome, PairStats } from '../src/domain/outcome.js';
import {
  fixedClock,
  type OpenedGoalpost,
  openGoalpost,
  silentLogger,
  TASK_CATEGORIES,
} from '../src/index.js';
import { createRng } from '../src/learning/random.js';
import { chooseAssignee } from '../src/learning/route.js';
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
    const ctx = opened.app.context(ADMIN);
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

/**
 * Recording: outcomes per second through `decide` (validation, the task's state machine, the event
 * log, the outcome, the learning statistics, webhooks) against raw better-sqlite3 statements
 * writing the same rows (task update, event, outcome, statistics upsert) into an identically
 * migrated database, one transaction per outcome on both sides.
 */
export async function recording(dir: string, count: number): Promise<Row[]> {
  const goalpost = recordingWorkspace(join(dir, 'record.db'), count);
  const ctx = goalpost.app.context(ADMIN);
  const start = performance.now();
  for (let i = 1; i <= count; i++) {
    goalpost.app.decisions.decide(ctx, { ref: `T-${i}`, action: 'done', assignee: 'worker1', minutes: 30 });
  }
  const goalpostMs = performance.now() - start;
  goalpost.close();

  const raw = recordingWorkspace(join(dir, 'raw.db'), count);
  const db = raw.db;
  const update = db.prepare(
    "UPDATE tasks SET status = 'done', assignee = 'worker1', updated_at = ? WHERE workspace_id = 'bench' AND seq = ? AND status = 'approved' RETURNING id",
  );
  const event = db.prepare(
    `INSERT INTO task_events (workspace_id, task_id, type, from_status, to_status, actor, source, note, data, created_at)
     VALUES ('bench', ?, 'done', 'approved', 'done', 'cli:bench', 'cli', NULL, '{"assignee":"worker1","minutes":30,"success":true}', ?)`,
  );
  const outcome = db.prepare(
    "INSERT INTO task_outcomes VALUES (?, 'bench', 'feature', 'worker1', 1, 30, NULL, ?)",
  );
  const stats = db.prepare(
    `INSERT INTO task_stats VALUES ('bench', 'feature', 'worker1', 1, 0, 1, 0, ?, 30, 1, ?)
     ON CONFLICT DO UPDATE SET successes = successes + 1, decayed_successes = decayed_successes + 1,
       decay_at = excluded.decay_at, minutes_sum = minutes_sum + 30, minutes_count = minutes_count + 1,
       last_at = excluded.last_at`,
  );
  const one = db.transaction((seq: number) => {
    const row = update.get(NOW, seq) as { id: number };
    event.run(row.id, NOW);
    outcome.run(row.id, NOW);
    stats.run(NOW, NOW);
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
      ratio: { value: perSecond / rawPerSecond, against: 'raw statements writing the same rows' },
      note: `${Math.round(perSecond).toLocaleString('en-US')}/s vs ${Math.round(rawPerSecond).toLocaleString('en-US')}/s`,
    },
  ];
}

/** The demo workspace, a worker, and `count` approved tasks T-1…T-count to record outcomes for. */
function recordingWorkspace(dbPath: string, count: number): OpenedGoalpost {
  const opened = openGoalpost({ dbPath, clock: fixedClock(NOW), logger: silentLogger });
  const ctx = opened.app.context(ADMIN);
  opened.app.demo.load(ctx);
  opened.app.assignees.add(ctx, { name: 'worker1', kind: 'worker', capacity: 100 });
  const add = opened.db.prepare(
    `INSERT INTO tasks (workspace_id, seq, title, category, priority, status, fingerprint, created_at, updated_at)
     VALUES ('bench', ?, ?, 'feature', 5, 'approved', ?, ?, ?)`,
  );
  opened.db.transaction(() => {
    for (let i = 1; i <= count; i++) add.run(i, `Task ${i}`, `rec-${i}`, NOW, NOW);
  })();
  return opened;
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
      // The fold alone, in memory: what the live path's applyOutcome does per outcome. The learn
      // command as people run it is measured as a whole process (section "learn").
      name: `in-memory fold of ${outcomes.toLocaleString('en-US')} outcomes (not the learn command)`,
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
