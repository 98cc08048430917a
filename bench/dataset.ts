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
 * successes, minutes 10–210, spread over the past year), with the outcome and statistics
 * projections the live path keeps: what `goalpost learn` reads and rebuilds.
 */
export function buildOutcomeLog(dir: string, outcomes: number, workspaceId = ADMIN.workspaceId): string {
  const dbPath = join(dir, `log-${workspaceId}-${outcomes}.db`);
  const opened = openGoalpost({ dbPath, clock: fixedClock(NOW), logger: silentLogger });
  const { app, db } = opened;
  app.demo.load(app.context({ ...ADMIN, workspaceId }));
  const rng = createRng(`bench-log-${outcomes}`);
  const base = Date.parse(NOW) - 365 * 86_400_000;
  db.transaction(() => {
    const addTask = db.prepare(
      `INSERT INTO tasks (workspace_id, seq, title, category, priority, status, fingerprint, assignee, memory_key,
         created_at, updated_at)
       VALUES (@ws, @seq, @title, @category, 5, @status, @fingerprint, @assignee, @memory, @at, @at)`,
    );
    const addEvent = db.prepare(
      `INSERT INTO task_events (workspace_id, task_id, type, from_status, to_status, actor, source, note, data, created_at)
       VALUES (@ws, @taskId, @type, 'in_progress', @type, 'worker:bench', 'worker', @note, @data, @at)`,
    );
    const addOutcome = db.prepare(
      `INSERT INTO task_outcomes (task_id, workspace_id, category, assignee, success, minutes, note, recorded_at)
       VALUES (@taskId, @ws, @category, @assignee, @success, @minutes, @note, @at)`,
    );
    for (let i = 0; i < outcomes; i++) {
      const at = new Date(base + Math.floor((i / outcomes) * 365 * 86_400_000)).toISOString();
      const category = TASK_CATEGORIES[i % TASK_CATEGORIES.length] ?? 'feature';
      const assignee = `worker${Math.floor(rng.next() * 50)}`;
      const success = rng.next() < 0.7;
      const minutes = 10 + Math.floor(rng.next() * 200);
      const type = success ? 'done' : 'failed';
      const note = success ? null : 'the build failed';
      const taskId = Number(
        addTask.run({
          ws: workspaceId,
          seq: i + 1000,
          title: `Logged task ${i}`,
          category,
          status: type,
          fingerprint: `log-${i}`,
          assignee,
          memory: `log:${i}`,
          at,
        }).lastInsertRowid,
      );
      addEvent.run({ ws: workspaceId, taskId, type, note, data: JSON.stringify({ assignee, minutes }), at });
      addOutcome.run({
        taskId,
        ws: workspaceId,
        category,
        assignee,
        success: success ? 1 : 0,
        minutes,
        note,
        at,
      });
    }
  })();
  opened.close();
  return dbPath;
}
