import type { Outcome, PairStats } from '../domain/outcome.js';
import type { TaskCategory } from '../domain/task.js';
import type { Db } from './open-database.js';

interface StatsRow {
  category: TaskCategory;
  assignee: string;
  successes: number;
  failures: number;
  decayed_successes: number;
  decayed_failures: number;
  decay_at: string;
  minutes_sum: number;
  minutes_count: number;
  last_at: string;
}

export interface NewOutcome {
  taskId: number;
  workspaceId: string;
  category: TaskCategory;
  assignee: string | null;
  success: boolean;
  minutes: number | null;
  note: string | null;
  at: string;
}

/** An outcome as the event log holds it, in the order it happened. */
export interface LoggedOutcome extends NewOutcome {
  eventId: number;
}

export interface LearningRepository {
  /** Inserts the task's outcome; false (nothing written) when it already has one. */
  insertOutcome(outcome: NewOutcome): boolean;
  stats(workspaceId: string, category?: TaskCategory): PairStats[];
  pair(workspaceId: string, category: TaskCategory, assignee: string): PairStats | null;
  saveStats(workspaceId: string, stats: PairStats): void;
  /** Outcomes read back from the append-only event log (done/failed events), oldest first. */
  loggedOutcomes(workspaceId: string): LoggedOutcome[];
  /** Replaces the workspace's outcome and statistics projections wholesale (inside a transaction). */
  replaceProjections(workspaceId: string, outcomes: NewOutcome[], stats: PairStats[]): void;
  /** Median minutes of the pair's successful outcomes, or null without any. */
  medianMinutes(workspaceId: string, category: TaskCategory, assignee: string): number | null;
  /** Outcomes with an assignee, oldest first, for evaluation. */
  outcomes(workspaceId: string): Outcome[];
}

const toStats = (r: StatsRow): PairStats => ({
  category: r.category,
  assignee: r.assignee,
  successes: r.successes,
  failures: r.failures,
  decayedSuccesses: r.decayed_successes,
  decayedFailures: r.decayed_failures,
  decayAt: r.decay_at,
  minutesSum: r.minutes_sum,
  minutesCount: r.minutes_count,
  lastAt: r.last_at,
});

export function createLearningRepository(db: Db): LearningRepository {
  const insertOutcome = db.prepare(
    `INSERT OR IGNORE INTO task_outcomes (task_id, workspace_id, category, assignee, success, minutes, note, recorded_at)
     VALUES (@taskId, @workspaceId, @category, @assignee, @success, @minutes, @note, @at)`,
  );
  const allStats = db.prepare<[string], StatsRow>(
    'SELECT * FROM task_stats WHERE workspace_id = ? ORDER BY category, assignee',
  );
  const categoryStats = db.prepare<[string, string], StatsRow>(
    'SELECT * FROM task_stats WHERE workspace_id = ? AND category = ? ORDER BY assignee',
  );
  const pair = db.prepare<[string, string, string], StatsRow>(
    'SELECT * FROM task_stats WHERE workspace_id = ? AND category = ? AND assignee = ?',
  );
  const saveStats = db.prepare(
    `INSERT INTO task_stats (workspace_id, category, assignee, successes, failures, decayed_successes,
       decayed_failures, decay_at, minutes_sum, minutes_count, last_at)
     VALUES (@workspaceId, @category, @assignee, @successes, @failures, @decayedSuccesses, @decayedFailures,
       @decayAt, @minutesSum, @minutesCount, @lastAt)
     ON CONFLICT (workspace_id, category, assignee) DO UPDATE SET
       successes = excluded.successes, failures = excluded.failures,
       decayed_successes = excluded.decayed_successes, decayed_failures = excluded.decayed_failures,
       decay_at = excluded.decay_at, minutes_sum = excluded.minutes_sum, minutes_count = excluded.minutes_count,
       last_at = excluded.last_at`,
  );
  const logged = db.prepare<[string], Record<string, unknown>>(
    `SELECT e.id AS eventId, e.task_id AS taskId, e.workspace_id AS workspaceId, t.category AS category,
       json_extract(e.data, '$.assignee') AS assignee, e.type = 'done' AS success,
       json_extract(e.data, '$.minutes') AS minutes, e.note AS note, e.created_at AS at
     FROM task_events e JOIN tasks t ON t.id = e.task_id
     WHERE e.workspace_id = ? AND e.type IN ('done', 'failed')
     ORDER BY e.id`,
  );
  const deleteOutcomes = db.prepare('DELETE FROM task_outcomes WHERE workspace_id = ?');
  const deleteStats = db.prepare('DELETE FROM task_stats WHERE workspace_id = ?');
  const countPair = db
    .prepare<[string, string, string], number>(
      `SELECT count(*) FROM task_outcomes
       WHERE workspace_id = ? AND category = ? AND assignee = ? AND success = 1 AND minutes IS NOT NULL`,
    )
    .pluck();
  const nthMinutes = db
    .prepare<[string, string, string, number], number>(
      `SELECT minutes FROM task_outcomes
       WHERE workspace_id = ? AND category = ? AND assignee = ? AND success = 1 AND minutes IS NOT NULL
       ORDER BY minutes LIMIT 1 OFFSET ?`,
    )
    .pluck();
  const outcomes = db.prepare<
    [string],
    { category: TaskCategory; assignee: string; success: number; minutes: number | null; at: string }
  >(
    `SELECT category, assignee, success, minutes, recorded_at AS at FROM task_outcomes
     WHERE workspace_id = ? AND assignee IS NOT NULL ORDER BY recorded_at, task_id`,
  );

  const save = (ws: string, s: PairStats) => saveStats.run({ workspaceId: ws, ...s });
  return {
    insertOutcome: (o) => insertOutcome.run({ ...o, success: o.success ? 1 : 0 }).changes === 1,
    stats: (ws, category) => (category ? categoryStats.all(ws, category) : allStats.all(ws)).map(toStats),
    pair: (ws, category, assignee) => {
      const row = pair.get(ws, category, assignee);
      return row ? toStats(row) : null;
    },
    saveStats: (ws, s) => {
      save(ws, s);
    },
    loggedOutcomes: (ws) =>
      logged.all(ws).map((r) => ({
        eventId: Number(r.eventId),
        taskId: Number(r.taskId),
        workspaceId: String(r.workspaceId),
        category: r.category as TaskCategory,
        assignee: typeof r.assignee === 'string' ? r.assignee : null,
        success: r.success === 1,
        minutes: typeof r.minutes === 'number' ? r.minutes : null,
        note: typeof r.note === 'string' ? r.note : null,
        at: String(r.at),
      })),
    replaceProjections: (ws, list, stats) => {
      deleteOutcomes.run(ws);
      deleteStats.run(ws);
      for (const o of list) insertOutcome.run({ ...o, success: o.success ? 1 : 0 });
      for (const s of stats) save(ws, s);
    },
    medianMinutes: (ws, category, assignee) => {
      const n = countPair.get(ws, category, assignee) ?? 0;
      if (n === 0) return null;
      const lo = nthMinutes.get(ws, category, assignee, Math.floor((n - 1) / 2)) ?? 0;
      const hi = nthMinutes.get(ws, category, assignee, Math.floor(n / 2)) ?? lo;
      return (lo + hi) / 2;
    },
    outcomes: (ws) =>
      outcomes.all(ws).map((r) => ({
        category: r.category,
        assignee: r.assignee,
        success: r.success === 1,
        minutes: r.minutes,
        at: r.at,
      })),
  };
}
