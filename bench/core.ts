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
import { ADMIN, NOW } from './dataset.js';
import { figure, timeRuns } from './stats.js';
import type { Row } from './table.js';

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
  const ratio = perSecond / rawPerSecond;
  return [
    {
      section: 'in-process',
      name: `outcome recorded through decide (mean of ${count.toLocaleString('en-US')})`,
      unit: 'ms',
      figure: figure([goalpostMs / count]),
      target: { text: '≥ 0.8× raw better-sqlite3', met: ratio >= 0.8 },
      note: `×${ratio.toFixed(2)} of raw statements writing the same rows (${Math.round(perSecond).toLocaleString('en-US')}/s vs ${Math.round(rawPerSecond).toLocaleString('en-US')}/s)`,
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

/**
 * Learning inside this process: one routing decision among 50 assignees with statistics folded
 * from `outcomes` outcomes, and one incremental update (what recording an outcome adds).
 */
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
  const stats: PairStats[] = rebuildStats(log, 30);
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
    { section: 'in-process', name: 'one routing decision among 50 assignees', unit: 'ms', figure: route },
    { section: 'in-process', name: 'incremental statistics update per outcome', unit: 'ms', figure: update },
  ];
}

/** A scratch folder removed afterwards. */
export function scratch(): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'goalpost-bench-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
