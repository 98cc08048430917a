import type { EventSource, Task, TaskEvent, TaskStatus } from '../domain/task.js';
import type { Db } from './open-database.js';

interface EventRow {
  id: number;
  task_id: number;
  type: string;
  from_status: TaskStatus | null;
  to_status: TaskStatus;
  actor: string;
  source: EventSource;
  note: string | null;
  data: string;
  created_at: string;
}

export interface NewEvent {
  workspaceId: string;
  taskId: number;
  type: string;
  fromStatus: TaskStatus | null;
  toStatus: TaskStatus;
  actor: string;
  source: EventSource;
  note: string | null;
  data?: unknown;
}

/** An event of the whole log, with its workspace and its task's ref and title. */
export interface WorkspaceEvent extends TaskEvent {
  workspaceId: string;
  ref: string;
  title: string;
}

/** An event of the log with enough of its task to report it. */
export interface LoggedEvent extends TaskEvent {
  ref: string;
  title: string;
  category: Task['category'];
  playbookKey: string | null;
}

/** The task event log (`task_events`): append-only, one row per step a task took. */
export interface EventRepository {
  append(event: NewEvent, now: string): void;
  /** A task's events, oldest first. */
  forTask(taskId: number): TaskEvent[];
  /** Every event of a workspace since `since`, oldest first, with its task's ref, title and category. */
  since(workspaceId: string, since: string): LoggedEvent[];
  /** Events of every workspace after event id `afterId`, oldest first, at most `limit`. */
  after(afterId: number, limit: number): WorkspaceEvent[];
  /** Time of the task's most recent event of one of these types, or null. */
  lastAt(taskId: number, types: readonly string[]): string | null;
  /** How many events of `type` the task has. */
  count(taskId: number, type: string): number;
  /** The id of the newest event of the log (0 when it is empty). */
  lastId(): number;
  /**
   * The tasks of a workspace given an event of `type` after event `afterId` whose `data.<field>`
   * is one of `values` (the dependents a prerequisite released: see releaseDependents), each once,
   * in the order of its first such event. Reads the workspace's log from `afterId` on.
   */
  tasksWith(
    workspaceId: string,
    type: string,
    afterId: number,
    field: string,
    values: readonly string[],
  ): number[];
}

const toEvent = (r: EventRow): TaskEvent => ({
  id: r.id,
  taskId: r.task_id,
  type: r.type,
  fromStatus: r.from_status,
  toStatus: r.to_status,
  actor: r.actor,
  source: r.source,
  note: r.note,
  data: parseData(r.data),
  createdAt: r.created_at,
});

/** An event's data column: a JSON object by its CHECK; anything else reads as empty. */
function parseData(text: string): Record<string, unknown> {
  const value: unknown = JSON.parse(text);
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

export function createEventRepository(db: Db): EventRepository {
  const append = db.prepare(
    `INSERT INTO task_events (workspace_id, task_id, type, from_status, to_status, actor, source, note, data,
       created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const forTask = db.prepare<[number], EventRow>('SELECT * FROM task_events WHERE task_id = ? ORDER BY id');
  const since = db.prepare<
    [string, string],
    EventRow & { seq: number; title: string; category: Task['category']; playbook_key: string | null }
  >(
    `SELECT e.*, t.seq, t.title, t.category, t.playbook_key FROM task_events e JOIN tasks t ON t.id = e.task_id
     WHERE e.workspace_id = ? AND e.created_at >= ? ORDER BY e.id`,
  );
  const after = db.prepare<[number, number], EventRow & { workspace_id: string; seq: number; title: string }>(
    `SELECT e.*, t.seq, t.title FROM task_events e JOIN tasks t ON t.id = e.task_id
     WHERE e.id > ? ORDER BY e.id LIMIT ?`,
  );
  const lastAt = db
    .prepare<[number, string], string>(
      `SELECT created_at FROM task_events WHERE task_id = ? AND type IN (SELECT value FROM json_each(?))
       ORDER BY id DESC LIMIT 1`,
    )
    .pluck();
  const count = db
    .prepare<[number, string], number>('SELECT count(*) FROM task_events WHERE task_id = ? AND type = ?')
    .pluck();
  const lastId = db.prepare<[], number>('SELECT coalesce(max(id), 0) FROM task_events').pluck();
  const tasksWith = db
    .prepare<[string, number, string, string, string], number>(
      `SELECT task_id FROM task_events
       WHERE workspace_id = ? AND id > ? AND type = ?
         AND json_extract(data, '$.' || ?) IN (SELECT value FROM json_each(?))
       GROUP BY task_id ORDER BY min(id)`,
    )
    .pluck();
  return {
    append: (e, now) => {
      // Bound by position: every decision appends, and naming ten parameters cost a microsecond.
      append.run(
        e.workspaceId,
        e.taskId,
        e.type,
        e.fromStatus,
        e.toStatus,
        e.actor,
        e.source,
        e.note,
        JSON.stringify(e.data ?? {}),
        now,
      );
    },
    forTask: (taskId) => forTask.all(taskId).map(toEvent),
    since: (ws, from) =>
      since.all(ws, from).map((r) => ({
        ...toEvent(r),
        ref: `T-${r.seq}`,
        title: r.title,
        category: r.category,
        playbookKey: r.playbook_key,
      })),
    after: (afterId, limit) =>
      after.all(afterId, limit).map((r) => ({
        ...toEvent(r),
        workspaceId: r.workspace_id,
        ref: `T-${r.seq}`,
        title: r.title,
      })),
    lastAt: (taskId, types) => lastAt.get(taskId, JSON.stringify(types)) ?? null,
    count: (taskId, type) => count.get(taskId, type) ?? 0,
    lastId: () => lastId.get() ?? 0,
    tasksWith: (ws, type, afterId, field, values) =>
      tasksWith.all(ws, afterId, type, field, JSON.stringify(values)),
  };
}
