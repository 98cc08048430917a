import { join } from 'node:path';
import { DEFAULT_PLAYBOOKS } from '../src/engine/default-playbooks.js';
import {
  fixedClock,
  type OpenedGoalpost,
  openGoalpost,
  silentLogger,
  TASK_CATEGORIES,
} from '../src/index.js';
import { createRng } from '../src/learning/random.js';
import type { Rng } from '../src/learning/types.js';

type Db = OpenedGoalpost['db'];

export const NOW = '2026-11-21T09:00:00Z';
export const ADMIN = {
  workspaceId: 'bench',
  actor: 'cli:bench',
  source: 'cli' as const,
  role: 'admin' as const,
};

/** The shape issue 19 measured the original engine on; the bench and its test read it from here. */
export const SHAPE = {
  revenueShare: 0.3,
  features: { min: 2, max: 7 },
  bugs: { min: 0, max: 2 },
  revenueMonths: 3,
  closedTasks: 100_000,
  closedOverDays: 30,
  assignees: 50,
  successShare: 0.7,
} as const;

const DAY_MS = 86_400_000;
const FOCUS = ['payment_integration', 'automation', 'self_healing'] as const;

/**
 * The workspace, written as the app writes it: the EDU vision, `projects` active projects
 * (30 % revenue-bearing, 2–7 features and 0–2 bugs each, three monthly revenue rows per earning
 * project), 50 assignees, and `closedTasks` tasks closed over the past 30 days across 7 categories
 * (70 % done, the rest failed), each with the outcome event `decide` logs; `goalpost learn` then
 * derives the outcome projection and the routing statistics from that log, as it would for a team.
 * Rows go in through prepared statements in one transaction from a fixed seed, so every run
 * measures the same data. Returns the database file's path, closed.
 */
export function buildWorkspace(
  dir: string,
  projects: number,
  options: { closedTasks?: number; workspaceId?: string } = {},
): string {
  const closedTasks = options.closedTasks ?? SHAPE.closedTasks;
  const workspaceId = options.workspaceId ?? ADMIN.workspaceId;
  const dbPath = join(dir, `ws-${workspaceId}-${projects}-${closedTasks}.db`);
  const opened = openGoalpost({ dbPath, clock: fixedClock(NOW), logger: silentLogger });
  const { app, db } = opened;
  const ctx = app.context({ ...ADMIN, workspaceId });
  // The demo brings the EDU vision; its three sample projects go, so the workspace holds exactly
  // `projects`.
  app.demo.load(ctx);
  for (let a = 0; a < SHAPE.assignees; a++) app.assignees.add(ctx, { name: `worker${a}`, capacity: 5 });
  const rng = createRng(`bench-workspace-${projects}`);
  db.transaction(() => {
    db.prepare('DELETE FROM projects WHERE workspace_id = ?').run(workspaceId);
    withIndexesRebuilt(
      db,
      ['projects', 'features', 'bugs', 'revenue_records', 'tasks', 'task_events'],
      () => {
        const projectIds = writeProjects(db, rng, workspaceId, projects);
        writeClosedTasks(db, rng, workspaceId, projectIds, closedTasks);
      },
    );
  })();
  app.learning.learn(ctx);
  opened.close();
  return dbPath;
}

/**
 * Indexes a trigger reads on every row the bulk load writes: without them each row's trigger would
 * scan the table (task_events_outcome_repeat, migration 0027, looks up the task's other events).
 */
const READ_BY_TRIGGERS = new Set(['task_events_task']);

/**
 * Runs `write` with the tables' indexes dropped (but those triggers read: READ_BY_TRIGGERS), then
 * creates them again from their own SQL: the same schema as before, and a bulk load that builds
 * each index once, sorted, instead of inserting into a dozen B-trees row by row.
 */
function withIndexesRebuilt(db: Db, tables: readonly string[], write: () => void): void {
  const indexes = (
    db
      .prepare(
        `SELECT name, sql FROM sqlite_master
         WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (SELECT value FROM json_each(?))`,
      )
      .all(JSON.stringify(tables)) as Array<{ name: string; sql: string }>
  ).filter((index) => !READ_BY_TRIGGERS.has(index.name));
  for (const index of indexes) db.exec(`DROP INDEX "${index.name}"`);
  write();
  for (const index of indexes) db.exec(index.sql);
}

/** Projects with their features, bugs and revenue; returns their ids. */
function writeProjects(db: Db, rng: Rng, workspaceId: string, projects: number): number[] {
  const addProject = db.prepare(
    `INSERT INTO projects (workspace_id, name, description, revenue_bearing, focus_areas, status, created_at, updated_at)
     VALUES (?, ?, '', ?, ?, 'active', ?, ?)`,
  );
  const addFeature = db.prepare(
    'INSERT INTO features (project_id, title, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?)',
  );
  const addBug = db.prepare(
    'INSERT INTO bugs (project_id, title, severity, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const addRevenue = db.prepare(
    `INSERT INTO revenue_records (workspace_id, project_id, period_start, period_end, actual, projected,
       subscriptions, churn_rate, notes, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, '', ?)`,
  );
  const months = pastMonths(NOW, SHAPE.revenueMonths);
  const ids: number[] = [];
  for (let p = 0; p < projects; p++) {
    const at = new Date(Date.parse(NOW) - (30 + Math.floor(rng.next() * 335)) * DAY_MS).toISOString();
    const earning = rng.next() < SHAPE.revenueShare;
    const focus = JSON.stringify([FOCUS[p % FOCUS.length]]);
    const id = Number(
      addProject.run(workspaceId, `Project ${p}`, earning ? 1 : 0, focus, at, at).lastInsertRowid,
    );
    ids.push(id);
    const features = between(rng, SHAPE.features.min, SHAPE.features.max);
    for (let f = 0; f < features; f++) {
      const roll = rng.next();
      const status = roll < 0.5 ? 'done' : roll < 0.7 ? 'in_progress' : 'planned';
      addFeature.run(id, `Feature ${f} of project ${p}`, status, at, at);
    }
    const bugs = between(rng, SHAPE.bugs.min, SHAPE.bugs.max);
    for (let b = 0; b < bugs; b++) {
      const roll = rng.next();
      const severity = roll < 0.1 ? 'critical' : roll < 0.4 ? 'high' : roll < 0.8 ? 'medium' : 'low';
      addBug.run(id, `Bug ${b} in project ${p}`, severity, 'open', at, at);
    }
    if (!earning) continue;
    let mrr = 100 + Math.floor(rng.next() * 900);
    for (const [start, end] of months) {
      const subscriptions = Math.round(mrr / 10);
      const churn = Math.round(rng.next() * 80) / 1000;
      addRevenue.run(workspaceId, id, start, end, mrr, Math.round(mrr * 1.1), subscriptions, churn, end);
      mrr = Math.round(mrr * (0.95 + rng.next() * 0.2));
    }
  }
  return ids;
}

/**
 * Tasks closed over the past 30 days as the app leaves them: each was proposed from a playbook for
 * a project and focus area, then done or failed by one of 50 assignees, with the event `decide`
 * logs (assignee and minutes in its data) that the history queries and `goalpost learn` read.
 */
function writeClosedTasks(
  db: Db,
  rng: Rng,
  workspaceId: string,
  projectIds: readonly number[],
  count: number,
): void {
  const addTask = db.prepare(
    `INSERT INTO tasks (workspace_id, seq, title, category, project_id, playbook_key, memory_key, focus_area,
       priority, status, fingerprint, assignee, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, 5, ?, ?, ?, ?, ?)`,
  );
  const addEvent = db.prepare(
    `INSERT INTO task_events (workspace_id, task_id, type, from_status, to_status, actor, source, note, data, created_at)
     VALUES (?, ?, ?, 'in_progress', ?, ?, 'cli', ?, ?, ?)`,
  );
  const window = SHAPE.closedOverDays * DAY_MS;
  for (let t = 1; t <= count; t++) {
    const closedAt = Date.parse(NOW) - Math.floor(rng.next() * window);
    const created = new Date(closedAt - DAY_MS).toISOString();
    const at = new Date(closedAt).toISOString();
    const status = rng.next() < SHAPE.successShare ? 'done' : 'failed';
    const assignee = `worker${Math.floor(rng.next() * SHAPE.assignees)}`;
    const minutes = 10 + Math.floor(rng.next() * 200);
    const projectId = projectIds[Math.floor(rng.next() * projectIds.length)] ?? null;
    const playbook = DEFAULT_PLAYBOOKS[t % DEFAULT_PLAYBOOKS.length]?.key ?? null;
    const taskId = Number(
      addTask.run(
        workspaceId,
        t,
        `Closed task ${t}`,
        TASK_CATEGORIES[t % TASK_CATEGORIES.length],
        projectId,
        playbook,
        `pb:${playbook}@${projectId}#`,
        FOCUS[t % FOCUS.length],
        status,
        `closed-${t}`,
        assignee,
        created,
        at,
      ).lastInsertRowid,
    );
    const data = JSON.stringify({ assignee, minutes, success: status === 'done' });
    const note = status === 'failed' ? 'the build failed' : null;
    addEvent.run(workspaceId, taskId, status, status, `cli:${assignee}`, note, data, at);
  }
}

/** The `count` whole calendar months before `now`'s, oldest first, as [first day, last day]. */
function pastMonths(now: string, count: number): Array<[string, string]> {
  const d = new Date(now);
  return Array.from({ length: count }, (_, i) => {
    const offset = i - count;
    const start = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + offset, 1));
    const end = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + offset + 1, 0));
    return [start.toISOString().slice(0, 10), end.toISOString().slice(0, 10)];
  });
}

/** A whole number from `min` to `max`, both included. */
function between(rng: Rng, min: number, max: number): number {
  return min + Math.floor(rng.next() * (max - min + 1));
}

/**
 * A workspace whose event log holds `outcomes` done/failed tasks (7 categories × 50 assignees, 70 %
 * successes, minutes 10–209, spread over the past year), with the outcome projection the live path
 * keeps: what `goalpost learn` reads and rebuilds. Generated inside SQLite from a fixed formula
 * (a million rows in seconds), so every run measures the same log.
 */
export function buildOutcomeLog(dir: string, outcomes: number, workspaceId = ADMIN.workspaceId): string {
  const dbPath = join(dir, `log-${workspaceId}-${outcomes}.db`);
  const opened = openGoalpost({ dbPath, clock: fixedClock(NOW), logger: silentLogger });
  const { app, db } = opened;
  app.demo.load(app.context({ ...ADMIN, workspaceId }));
  const categories = JSON.stringify(TASK_CATEGORIES);
  const params = { ws: workspaceId, n: outcomes, start: Date.parse(NOW) / 1000 - 365 * 86_400 };
  db.transaction(() => {
    // Knuth's multiplicative hash of the row number stands in for a seeded random number.
    db.exec(`CREATE TEMP TABLE bench_log AS
      WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ${outcomes - 1})
      SELECT i,
        json_extract('${categories}', '$[' || (i % ${TASK_CATEGORIES.length}) || ']') AS category,
        'worker' || ((i * 2654435761) % 4294967296 % 50) AS assignee,
        ((i * 2246822519) % 4294967296 % 100) < 70 AS success,
        10 + (i * 3266489917) % 4294967296 % 200 AS minutes,
        strftime('%Y-%m-%dT%H:%M:%fZ', ${params.start} + i * (365 * 86400.0 / ${outcomes}), 'unixepoch') AS at
      FROM n`);
    const firstTask = Number(
      db.prepare('SELECT coalesce(max(id), 0) + 1 FROM tasks').pluck().get() as number,
    );
    db.prepare(
      `INSERT INTO tasks (id, workspace_id, seq, title, category, priority, status, fingerprint, assignee,
         memory_key, created_at, updated_at)
       SELECT @first + i, @ws, 1000 + i, 'Logged task ' || i, category, 5,
         CASE success WHEN 1 THEN 'done' ELSE 'failed' END, 'log-' || i, assignee, 'log:' || i, at, at
       FROM temp.bench_log`,
    ).run({ first: firstTask, ws: params.ws });
    db.prepare(
      `INSERT INTO task_events (workspace_id, task_id, type, from_status, to_status, actor, source, note, data, created_at)
       SELECT @ws, @first + i, CASE success WHEN 1 THEN 'done' ELSE 'failed' END, 'in_progress',
         CASE success WHEN 1 THEN 'done' ELSE 'failed' END, 'worker:bench', 'worker',
         CASE success WHEN 1 THEN NULL ELSE 'the build failed' END,
         json_object('assignee', assignee, 'minutes', minutes), at
       FROM temp.bench_log`,
    ).run({ first: firstTask, ws: params.ws });
    db.prepare(
      `INSERT INTO task_outcomes (task_id, workspace_id, category, assignee, success, minutes, note, recorded_at)
       SELECT @first + i, @ws, category, assignee, success, minutes,
         CASE success WHEN 1 THEN NULL ELSE 'the build failed' END, at
       FROM temp.bench_log`,
    ).run({ first: firstTask, ws: params.ws });
    db.exec('DROP TABLE temp.bench_log');
  })();
  opened.close();
  return dbPath;
}
