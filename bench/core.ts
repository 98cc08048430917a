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
 * migrated database, one transaction per outcome on both sides. The two take turns, `rounds` rounds
 * of `count / rounds` outcomes each (who goes first alternating), and the ratio is the median of
 * the rounds' ratios: a commit's cost drifts with the disk, and one long run of each side measured
 * the drift as much as the code.
 */
export async function recording(dir: string, count: number, rounds = 20): Promise<Row[]> {
  const goalpost = recordingWorkspace(join(dir, 'record.db'), count);
  const ctx = goalpost.app.context(ADMIN);
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
  // The same rows to the byte: Goalpost writes its clock's time as Date#toISOString does
  // (2026-11-21T09:00:00.000Z), four characters longer than NOW as written, in five columns and
  // the indexes on them.
  const at = new Date(NOW).toISOString();
  const one = db.transaction((seq: number) => {
    const row = update.get(at, seq) as { id: number };
    event.run(row.id, at);
    outcome.run(row.id, at);
    stats.run(at, at);
  });
  const perRound = Math.floor(count / rounds);
  /** Milliseconds per outcome of one side's round over tasks first…first + perRound - 1. */
  const time = (record: (seq: number) => void, first: number): number => {
    const start = performance.now();
    for (let seq = first; seq < first + perRound; seq++) record(seq);
    return (performance.now() - start) / perRound;
  };
  const decide = (seq: number) => {
    goalpost.app.decisions.decide(ctx, { ref: `T-${seq}`, action: 'done', assignee: 'worker1', minutes: 30 });
  };
  const ours: number[] = [];
  const theirs: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const first = 1 + round * perRound;
    if (round % 2 === 0) {
      ours.push(time(decide, first));
      theirs.push(time(one, first));
    } else {
      theirs.push(time(one, first));
      ours.push(time(decide, first));
    }
  }
  goalpost.close();
  raw.close();
  // A rate's ratio is the inverse of the times': raw's time per outcome over ours.
  const ratio = figure(ours.map((ms, i) => (theirs[i] ?? Number.NaN) / ms)).median;
  const perSecond = 1000 / figure(ours).median;
  const rawPerSecond = 1000 / figure(theirs).median;
  return [
    {
      section: 'in-process',
      name: `outcome recorded through decide (${rounds} rounds of ${perRound.toLocaleString('en-US')})`,
      unit: 'ms',
      figure: figure(ours),
      target: { text: '≥ 0.8× raw better-sqlite3', met: ratio >= 0.8 },
      note: `×${ratio.toFixed(2)} of raw statements writing the same rows, the median of the rounds' ratios (${Math.round(perSecond).toLocaleString('en-US')}/s vs ${Math.round(rawPerSecond).toLocaleString('en-US')}/s)`,
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
