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

export const NOW = '2026-11-21T09:00:00Z';
export const ADMIN = {
  workspaceId: 'bench',
  actor: 'cli:bench',
  source: 'cli' as const,
  role: 'admin' as const,
};
/**
 * A workspace with `projects` projects (features and bugs on each), `history` closed tasks from
 * the past 60 days, and the EDU vision; generated from a fixed seed, written in one transaction.
 */
export function buildWorkspace(
  dir: string,
  projects: number,
  history: number,
  workspaceId = ADMIN.workspaceId,
): OpenedGoalpost {
  const opened = openGoalpost({
    dbPath: join(dir, `ws-${workspaceId}-${projects}-${history}.db`),
    clock: fixedClock(NOW),
    logger: silentLogger,
  });
  const { app, db } = opened;
  app.demo.load(app.context({ ...ADMIN, workspaceId }));
  const rng = createRng(`bench-${projects}`);
  const focus = ['payment_integration', 'automation', 'self_healing'];
  db.transaction(() => {
    const addProject = db.prepare(
      `INSERT INTO projects (workspace_id, name, description, revenue_bearing, focus_areas, status, created_at, updated_at)
       VALUES (@ws, @name, '', @revenue, @focus, 'active', @at, @at)`,
    );
    const addFeature = db.prepare(
      'INSERT INTO features (project_id, title, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?)',
    );
    const addBug = db.prepare(
      'INSERT INTO bugs (project_id, title, severity, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
    );
    const projectIds: number[] = [];
    for (let p = 0; p < projects; p++) {
      const at = new Date(Date.parse(NOW) - Math.floor(rng.next() * 60) * 86_400_000).toISOString();
      const id = Number(
        addProject.run({
          ws: workspaceId,
          name: `Project ${p}`,
          revenue: rng.next() < 0.3 ? 1 : 0,
          focus: JSON.stringify([focus[p % 3]]),
          at,
        }).lastInsertRowid,
      );
      projectIds.push(id);
      const features = 2 + Math.floor(rng.next() * 6);
      for (let f = 0; f < features; f++) {
        addFeature.run(id, `Feature ${f} of project ${p}`, rng.next() < 0.6 ? 'done' : 'planned', at, at);
      }
      if (rng.next() < 0.2)
        addBug.run(id, `Bug in project ${p}`, rng.next() < 0.2 ? 'critical' : 'high', 'open', at, at);
    }
    // History as a team leaves it: on projects, from playbooks, in focus areas, by 50 workers.
    const addTask = db.prepare(
      `INSERT INTO tasks (workspace_id, seq, title, category, project_id, playbook_key, memory_key, focus_area,
         priority, status, fingerprint, assignee, created_at, updated_at)
       VALUES (@ws, @seq, @title, @category, @projectId, @playbook,
         'pb:' || @playbook || '@' || coalesce(@projectId, '-') || '#', @focus, 5, @status, @fingerprint, @assignee,
         @at, @at)`,
    );
    for (let t = 1; t <= history; t++) {
      const at = new Date(Date.parse(NOW) - Math.floor(rng.next() * 60 * 86_400_000)).toISOString();
      const status = rng.next() < 0.7 ? 'done' : rng.next() < 0.5 ? 'failed' : 'rejected';
      addTask.run({
        ws: workspaceId,
        seq: t,
        title: `Historical task ${t}`,
        category: TASK_CATEGORIES[t % TASK_CATEGORIES.length],
        projectId: projectIds[Math.floor(rng.next() * projectIds.length)] ?? null,
        playbook: DEFAULT_PLAYBOOKS[t % DEFAULT_PLAYBOOKS.length]?.key ?? null,
        focus: focus[t % focus.length],
        status,
        fingerprint: `hist-${t}`,
        assignee: `worker${t % 50}`,
        at,
      });
    }
  })();
  return opened;
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
