import type {
  DecidedTask,
  DecisionMemory,
  PlaybookOutcomes,
  RememberedTask,
  TaskHistory,
} from '../domain/history.js';
import { REJECTION_WINDOW } from '../domain/history.js';
import {
  type EventSource,
  TASK_CATEGORIES,
  type Task,
  type TaskEvent,
  type TaskFacts,
  type TaskStatus,
} from '../domain/task.js';
import { isStringArray, jsonColumn } from './json-column.js';
import type { Db } from './open-database.js';

interface TaskRow {
  id: number;
  workspace_id: string;
  seq: number;
  batch_id: number | null;
  title: string;
  category: Task['category'];
  project_id: number | null;
  project_name: string | null;
  playbook_key: string | null;
  signal: string | null;
  subject: string | null;
  goal_id: number | null;
  feature_id: number | null;
  bug_id: number | null;
  memory_key: string | null;
  facts: string;
  focus_area: string | null;
  priority: number;
  revenue_impact: number;
  alignment: number;
  confidence: number;
  effort_hours: number;
  score: number;
  reasoning: string;
  assignee: string | null;
  status: TaskStatus;
  claimed_by: string | null;
  lease_expires_at: string | null;
  attempts: number;
  fingerprint: string;
  depends_on: string;
  created_at: string;
  updated_at: string;
}

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

export type NewTask = Omit<
  Task,
  | 'id'
  | 'ref'
  | 'status'
  | 'dependsOn'
  | 'projectName'
  | 'claimedBy'
  | 'leaseExpiresAt'
  | 'attempts'
  | 'createdAt'
  | 'updatedAt'
>;

/** Which decided work the engine remembers: of these pieces of work, done ever, rejected since `rejectedSince`. */
export interface MemoryWindow {
  keys: readonly string[];
  rejectedSince: string;
}

export interface NewBatch {
  workspaceId: string;
  generated: number;
  unique: number;
  queued: number;
  skipped: number;
  revenueImpact: number;
  maxTasks: number | null;
  summary: unknown;
  actor: string;
  source: EventSource;
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

/** Which closed tasks a history summarises. */
export interface HistoryWindow {
  /** Tasks closed at or after this instant count. */
  since: string;
  /** A focus area is recent when a task in it closed at or after this instant. */
  focusSince: string;
  /** The focus areas to check (the vision's). */
  focusAreas: readonly string[];
}

/** A done task that served a goal. */
export interface GoalAction {
  goalId: number;
  ref: string;
  title: string;
  doneAt: string;
}

export interface TaskFilter {
  status?: TaskStatus[];
  limit?: number;
}

export interface TaskRepository {
  nextSeq(workspaceId: string): number;
  insertBatch(batch: NewBatch, now: string): number;
  insert(task: NewTask, seq: number, now: string): number;
  addDependency(taskId: number, dependsOnId: number): void;
  appendEvent(event: NewEvent, now: string): void;
  /** Compare-and-set: moves the task only if it is still in `from`; false when it was not. */
  setStatus(id: number, from: TaskStatus, to: TaskStatus, now: string): boolean;
  /**
   * Compare-and-set for an outcome: moves the task from `from` to `to` (done or failed), records who
   * did it and ends any claim, in one statement; false when the task was no longer in `from`.
   */
  finish(id: number, from: TaskStatus, to: TaskStatus, assignee: string | null, now: string): boolean;
  findByRef(workspaceId: string, ref: string): Task | null;
  findById(id: number): Task | null;
  list(workspaceId: string, filter?: TaskFilter): Task[];
  /** Tasks in a closed state whose last change is at or after `since`. */
  closedSince(workspaceId: string, since: string): Task[];
  /**
   * The engine's summary of the tasks closed in a window, aggregated in SQL over indexes: the same
   * as `summariseHistory(closedSince(…))` restricted to `focusAreas`, without reading every row.
   */
  history(workspaceId: string, window: HistoryWindow): TaskHistory;
  /**
   * Of the given pieces of work (memory keys): the latest done task of each, and the latest
   * rejection and failure since `rejectedSince`.
   */
  memory(workspaceId: string, window: MemoryWindow): DecisionMemory;
  /**
   * A token that changes whenever the set of open tasks changes (one added, one closed): the
   * count and the highest id of the open tasks.
   */
  openVersion(workspaceId: string): string;
  /** Done tasks that served a goal, oldest first. */
  goalActions(workspaceId: string): GoalAction[];
  events(taskId: number): TaskEvent[];
  setAssignee(id: number, assignee: string | null, now: string): void;
  /** The highest-priority approved task this assignee may claim: routed to it or to nobody, prerequisites done. */
  nextClaimable(workspaceId: string, assignee: string): Task | null;
  /** Moves an approved task to in progress under a lease; false if it was no longer approved. */
  claim(id: number, assignee: string, leaseExpiresAt: string, now: string): boolean;
  /** Ends a claim (done, failed, released): clears the holder and the lease. */
  clearClaim(id: number): void;
  /** Extends the lease of a claim `assignee` still holds; false when it no longer does. */
  renewClaim(id: number, assignee: string, leaseExpiresAt: string): boolean;
  /** In-progress claims whose lease ran out before `now`. */
  expiredClaims(workspaceId: string, now: string): Task[];
  /** Open tasks (approved or in progress) per assignee. */
  openCountByAssignee(workspaceId: string): Map<string, number>;
  /** Claims held now, oldest first. */
  claims(workspaceId: string): Task[];
  /** Every event since `since`, oldest first, with its task's ref, title and category. */
  eventsSince(workspaceId: string, since: string): LoggedEvent[];
  /** Time of the task's most recent event of one of these types, or null. */
  lastEventAt(taskId: number, types: readonly string[]): string | null;
  /** How many events of `type` the task has. */
  countEvents(taskId: number, type: string): number;
  /** Events of every workspace after event id `afterId`, oldest first, at most `limit`. */
  eventsAfter(afterId: number, limit: number): WorkspaceEvent[];
  /** The id of the newest event of the log (0 when it is empty). */
  lastEventId(): number;
}

const SELECT_TASK = `SELECT t.*, p.name AS project_name,
  (SELECT json_group_array('T-' || d.seq) FROM task_dependencies td JOIN tasks d ON d.id = td.depends_on_id
    WHERE td.task_id = t.id) AS depends_on
  FROM tasks t LEFT JOIN projects p ON p.id = t.project_id`;

function toTask(r: TaskRow): Task {
  const where = `tasks(T-${r.seq})`;
  return {
    id: r.id,
    workspaceId: r.workspace_id,
    ref: `T-${r.seq}`,
    batchId: r.batch_id,
    title: r.title,
    category: r.category,
    projectId: r.project_id,
    projectName: r.project_name,
    playbookKey: r.playbook_key,
    signal: r.signal,
    subject: r.subject,
    goalId: r.goal_id,
    item:
      r.feature_id !== null
        ? { kind: 'feature', id: r.feature_id }
        : r.bug_id !== null
          ? { kind: 'bug', id: r.bug_id }
          : null,
    memoryKey: r.memory_key,
    facts: jsonColumn(r.facts, isFacts, `${where}.facts`),
    focusArea: r.focus_area,
    priority: r.priority,
    revenueImpact: r.revenue_impact,
    alignment: r.alignment,
    confidence: r.confidence,
    effortHours: r.effort_hours,
    score: r.score,
    reasoning: jsonColumn(r.reasoning, isStringArray, `${where}.reasoning`),
    dependsOn: jsonColumn(r.depends_on, isStringArray, `${where}.depends_on`),
    assignee: r.assignee,
    status: r.status,
    claimedBy: r.claimed_by,
    leaseExpiresAt: r.lease_expires_at,
    attempts: r.attempts,
    fingerprint: r.fingerprint,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

const isFacts = (v: unknown): v is TaskFacts => typeof v === 'object' && v !== null && !Array.isArray(v);

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

export function refToSeq(ref: string): number {
  return Number(ref.replace(/^T-/i, ''));
}

export function createTaskRepository(db: Db): TaskRepository {
  const nextSeq = db
    .prepare<[string], number>('SELECT COALESCE(MAX(seq), 0) + 1 FROM tasks WHERE workspace_id = ?')
    .pluck();
  const insertBatch = db.prepare(
    `INSERT INTO batches (workspace_id, generated, unique_count, queued, skipped, revenue_impact, max_tasks,
       summary, actor, source, created_at)
     VALUES (@workspaceId, @generated, @unique, @queued, @skipped, @revenueImpact, @maxTasks, @summary, @actor,
       @source, @now)`,
  );
  const insert = db.prepare(
    `INSERT INTO tasks (workspace_id, seq, batch_id, title, category, project_id, playbook_key, signal, subject, goal_id,
       feature_id, bug_id, memory_key, facts, focus_area, priority, revenue_impact, alignment, confidence, effort_hours,
       score, reasoning, suggested_assignee, assignee, fingerprint, created_at, updated_at)
     VALUES (@workspaceId, @seq, @batchId, @title, @category, @projectId, @playbookKey, @signal, @subject, @goalId,
       @featureId, @bugId, @memoryKey, @facts, @focusArea, @priority, @revenueImpact, @alignment, @confidence,
       @effortHours, @score, @reasoning, @assignee, @assignee, @fingerprint, @now, @now)`,
  );
  const addDependency = db.prepare(
    'INSERT OR IGNORE INTO task_dependencies (task_id, depends_on_id) VALUES (?, ?)',
  );
  const appendEvent = db.prepare(
    `INSERT INTO task_events (workspace_id, task_id, type, from_status, to_status, actor, source, note, data,
       created_at)
     VALUES (@workspaceId, @taskId, @type, @fromStatus, @toStatus, @actor, @source, @note, @data, @now)`,
  );
  const setStatus = db.prepare('UPDATE tasks SET status = ?, updated_at = ? WHERE id = ? AND status = ?');
  const finish = db.prepare(
    `UPDATE tasks SET status = ?, assignee = ?, claimed_by = NULL, lease_expires_at = NULL, updated_at = ?
     WHERE id = ? AND status = ?`,
  );
  const byRef = db.prepare<[string, number], TaskRow>(
    `${SELECT_TASK} WHERE t.workspace_id = ? AND t.seq = ?`,
  );
  const byId = db.prepare<[number], TaskRow>(`${SELECT_TASK} WHERE t.id = ?`);
  const listAll = db.prepare<[string, number], TaskRow>(
    `${SELECT_TASK} WHERE t.workspace_id = ? ORDER BY t.seq DESC LIMIT ?`,
  );
  const listByStatus = db.prepare<[string, string, number], TaskRow>(
    `${SELECT_TASK} WHERE t.workspace_id = ? AND t.status IN (SELECT value FROM json_each(?))
     ORDER BY t.priority DESC, t.seq LIMIT ?`,
  );
  const closedSince = db.prepare<[string, string], TaskRow>(
    `${SELECT_TASK} WHERE t.workspace_id = ? AND t.updated_at >= ?
       AND t.status IN ('done', 'failed', 'rejected', 'cancelled') ORDER BY t.seq`,
  );
  const CLOSED = `('done', 'failed', 'rejected', 'cancelled')`;
  const lastClosedAt = db
    .prepare<[string, string], [number, string]>(
      `SELECT project_id, max(updated_at) FROM tasks
       WHERE workspace_id = ? AND project_id IS NOT NULL AND status IN ${CLOSED} AND updated_at >= ?
       GROUP BY project_id`,
    )
    .raw();
  const focusClosed = db
    .prepare<[string, string, string], number>(
      `SELECT EXISTS (SELECT 1 FROM tasks
       WHERE workspace_id = ? AND focus_area = ? AND status IN ${CLOSED} AND updated_at >= ?)`,
    )
    .pluck();
  // Done and failed tasks per (category, playbook) in one scan of a covering index: the engine sums
  // them per category (a backlog task's confidence) and per playbook (a playbook task's).
  const finishedCounts = db
    .prepare<[string, string], [Task['category'], string | null, 'done' | 'failed', number]>(
      `SELECT category, playbook_key, status, count(*) FROM tasks INDEXED BY tasks_outcome_history
       WHERE workspace_id = ? AND status IN ('done', 'failed') AND updated_at >= ?
       GROUP BY status, category, playbook_key`,
    )
    .raw();
  // Looked up key by key on the index (CROSS JOIN keeps the keys the outer loop): a workspace may
  // have closed far more work than it plans now.
  const lastDone = db
    .prepare<[string, string], [string, number, string]>(
      `SELECT t.memory_key, t.seq, max(t.updated_at) FROM json_each(?) k
       CROSS JOIN tasks t INDEXED BY tasks_memory
         ON t.workspace_id = ? AND t.status = 'done' AND t.memory_key = k.value
       GROUP BY t.memory_key`,
    )
    .raw();
  // Rejected or failed since a time, with the reason its last step gave (the event's note).
  const recentlyEnded = db
    .prepare<[string, string, string, string, string], [string, number, string, string, string | null]>(
      `SELECT t.memory_key, t.seq, t.updated_at, t.facts,
         (SELECT e.note FROM task_events e WHERE e.task_id = t.id AND e.type = ? ORDER BY e.id DESC LIMIT 1)
       FROM json_each(?) k
       CROSS JOIN tasks t INDEXED BY tasks_memory
         ON t.workspace_id = ? AND t.status = ? AND t.memory_key = k.value AND t.updated_at >= ?
       ORDER BY t.updated_at, t.id`,
    )
    .raw();
  const latestDecided = db.prepare<
    [string, string, string, number],
    { id: number; category: Task['category']; status: TaskStatus; updatedAt: string }
  >(
    `SELECT id, category, status, updated_at AS updatedAt FROM tasks INDEXED BY tasks_category_history
     WHERE workspace_id = ? AND category = ? AND updated_at >= ? AND status IN ('done', 'failed', 'rejected')
     ORDER BY updated_at DESC, id DESC LIMIT ?`,
  );
  const goalActions = db
    .prepare<[string], [number, number, string, string]>(
      `SELECT goal_id, seq, title, updated_at FROM tasks INDEXED BY tasks_goal
       WHERE workspace_id = ? AND goal_id IS NOT NULL AND status = 'done' ORDER BY updated_at, seq`,
    )
    .raw();
  const openVersion = db
    .prepare<[string], string>(
      `SELECT count(*) || ':' || coalesce(max(id), 0) FROM tasks INDEXED BY tasks_status
       WHERE workspace_id = ? AND status IN ('proposed', 'approved', 'in_progress')`,
    )
    .pluck();
  const events = db.prepare<[number], EventRow>('SELECT * FROM task_events WHERE task_id = ? ORDER BY id');
  const setAssignee = db.prepare('UPDATE tasks SET assignee = ?, updated_at = ? WHERE id = ?');
  const nextClaimable = db.prepare<[string, string], TaskRow>(
    `${SELECT_TASK} WHERE t.workspace_id = ? AND t.status = 'approved' AND (t.assignee IS NULL OR t.assignee = ?)
       AND NOT EXISTS (SELECT 1 FROM task_dependencies d JOIN tasks p ON p.id = d.depends_on_id
                       WHERE d.task_id = t.id AND p.status <> 'done')
     ORDER BY t.priority DESC, t.seq LIMIT 1`,
  );
  const claim = db.prepare(
    `UPDATE tasks SET status = 'in_progress', assignee = @assignee, claimed_by = @assignee,
       lease_expires_at = @lease, attempts = attempts + 1, updated_at = @now
     WHERE id = @id AND status = 'approved'`,
  );
  const clearClaim = db.prepare('UPDATE tasks SET claimed_by = NULL, lease_expires_at = NULL WHERE id = ?');
  const renewClaim = db.prepare(
    `UPDATE tasks SET lease_expires_at = ? WHERE id = ? AND status = 'in_progress' AND claimed_by = ?`,
  );
  const expired = db.prepare<[string, string], TaskRow>(
    `${SELECT_TASK} WHERE t.workspace_id = ? AND t.status = 'in_progress' AND t.lease_expires_at IS NOT NULL
       AND t.lease_expires_at < ? ORDER BY t.seq`,
  );
  const openCounts = db.prepare<[string], { assignee: string; n: number }>(
    `SELECT assignee, count(*) AS n FROM tasks INDEXED BY tasks_status
     WHERE workspace_id = ? AND status IN ('approved', 'in_progress') AND assignee IS NOT NULL GROUP BY assignee`,
  );
  const claims = db.prepare<[string], TaskRow>(
    `${SELECT_TASK} WHERE t.workspace_id = ? AND t.status = 'in_progress' AND t.claimed_by IS NOT NULL
     ORDER BY t.updated_at, t.seq`,
  );
  const lastEventAt = db
    .prepare<[number, string], string>(
      `SELECT created_at FROM task_events WHERE task_id = ? AND type IN (SELECT value FROM json_each(?))
       ORDER BY id DESC LIMIT 1`,
    )
    .pluck();
  const eventsSince = db.prepare<
    [string, string],
    EventRow & { seq: number; title: string; category: Task['category']; playbook_key: string | null }
  >(
    `SELECT e.*, t.seq, t.title, t.category, t.playbook_key FROM task_events e JOIN tasks t ON t.id = e.task_id
     WHERE e.workspace_id = ? AND e.created_at >= ? ORDER BY e.id`,
  );
  const eventsAfter = db.prepare<
    [number, number],
    EventRow & { workspace_id: string; seq: number; title: string }
  >(
    `SELECT e.*, t.seq, t.title FROM task_events e JOIN tasks t ON t.id = e.task_id
     WHERE e.id > ? ORDER BY e.id LIMIT ?`,
  );
  const countEvents = db
    .prepare<[number, string], number>('SELECT count(*) FROM task_events WHERE task_id = ? AND type = ?')
    .pluck();
  const lastEventId = db.prepare<[], number>('SELECT coalesce(max(id), 0) FROM task_events').pluck();
  return {
    eventsAfter: (afterId, limit) =>
      eventsAfter.all(afterId, limit).map((r) => ({
        ...toEvent(r),
        workspaceId: r.workspace_id,
        ref: `T-${r.seq}`,
        title: r.title,
      })),
    lastEventId: () => lastEventId.get() ?? 0,
    countEvents: (taskId, type) => countEvents.get(taskId, type) ?? 0,
    eventsSince: (ws, since) =>
      eventsSince.all(ws, since).map((r) => ({
        ...toEvent(r),
        ref: `T-${r.seq}`,
        title: r.title,
        category: r.category,
        playbookKey: r.playbook_key,
      })),
    setAssignee: (id, assignee, now) => {
      setAssignee.run(assignee, now, id);
    },
    nextClaimable: (ws, assignee) => {
      const row = nextClaimable.get(ws, assignee);
      return row ? toTask(row) : null;
    },
    claim: (id, assignee, lease, now) => claim.run({ id, assignee, lease, now }).changes === 1,
    clearClaim: (id) => {
      clearClaim.run(id);
    },
    renewClaim: (id, assignee, lease) => renewClaim.run(lease, id, assignee).changes === 1,
    expiredClaims: (ws, now) => expired.all(ws, now).map(toTask),
    openCountByAssignee: (ws) => new Map(openCounts.all(ws).map((r) => [r.assignee, r.n])),
    claims: (ws) => claims.all(ws).map(toTask),
    lastEventAt: (taskId, types) => lastEventAt.get(taskId, JSON.stringify(types)) ?? null,
    nextSeq: (ws) => nextSeq.get(ws) ?? 1,
    insertBatch: (b, now) =>
      Number(
        insertBatch.run({ ...b, summary: JSON.stringify(b.summary), maxTasks: b.maxTasks, now })
          .lastInsertRowid,
      ),
    insert: ({ item, ...t }, seq, now) =>
      Number(
        insert.run({
          ...t,
          featureId: item?.kind === 'feature' ? item.id : null,
          bugId: item?.kind === 'bug' ? item.id : null,
          facts: JSON.stringify(t.facts),
          seq,
          reasoning: JSON.stringify(t.reasoning),
          now,
        }).lastInsertRowid,
      ),
    addDependency: (taskId, dependsOnId) => {
      addDependency.run(taskId, dependsOnId);
    },
    appendEvent: (e, now) => {
      appendEvent.run({ ...e, data: JSON.stringify(e.data ?? {}), now });
    },
    setStatus: (id, from, to, now) => setStatus.run(to, now, id, from).changes === 1,
    finish: (id, from, to, assignee, now) => finish.run(to, assignee, now, id, from).changes === 1,
    findByRef: (ws, ref) => {
      const row = byRef.get(ws, refToSeq(ref));
      return row ? toTask(row) : null;
    },
    findById: (id) => {
      const row = byId.get(id);
      return row ? toTask(row) : null;
    },
    list: (ws, filter = {}) => {
      const limit = filter.limit ?? 1000;
      const rows = filter.status?.length
        ? listByStatus.all(ws, JSON.stringify(filter.status), limit)
        : listAll.all(ws, limit);
      return rows.map(toTask);
    },
    closedSince: (ws, since) => closedSince.all(ws, since).map(toTask),
    history: (ws, { since, focusSince, focusAreas }) => {
      const outcomes = new Map<string, PlaybookOutcomes>();
      const byCategory = new Map<Task['category'], PlaybookOutcomes>();
      const add = <K>(map: Map<K, PlaybookOutcomes>, key: K, status: 'done' | 'failed', n: number): void => {
        const entry = map.get(key) ?? { done: 0, failed: 0 };
        entry[status] += n;
        map.set(key, entry);
      };
      for (const [category, playbook, status, n] of finishedCounts.all(ws, since)) {
        add(byCategory, category, status, n);
        if (playbook !== null) add(outcomes, playbook, status, n);
      }
      const focusFrom = focusSince > since ? focusSince : since;
      const decided: DecidedTask[] = TASK_CATEGORIES.flatMap((c) =>
        latestDecided.all(ws, c, since, REJECTION_WINDOW),
      );
      return {
        lastClosedAt: new Map(lastClosedAt.all(ws, since)),
        recentFocusAreas: new Set(focusAreas.filter((a) => focusClosed.get(ws, a, focusFrom) === 1)),
        outcomes,
        categoryOutcomes: byCategory,
        latestDecided: decided,
      };
    },
    memory: (ws, { keys, rejectedSince }) => {
      const wanted = JSON.stringify([...new Set(keys)]);
      const done = new Map<string, RememberedTask>();
      for (const [key, seq, at] of lastDone.all(wanted, ws)) {
        done.set(key, { ref: `T-${seq}`, at, facts: {}, reason: null });
      }
      const ended = (status: 'rejected' | 'failed'): Map<string, RememberedTask> => {
        const out = new Map<string, RememberedTask>();
        // Oldest first, so the latest of each piece of work is the one kept.
        for (const [key, seq, at, facts, reason] of recentlyEnded.all(
          status,
          wanted,
          ws,
          status,
          rejectedSince,
        )) {
          out.set(key, {
            ref: `T-${seq}`,
            at,
            facts: jsonColumn(facts, isFacts, `tasks(T-${seq}).facts`),
            reason,
          });
        }
        return out;
      };
      return { done, rejected: ended('rejected'), failed: ended('failed') };
    },
    openVersion: (ws) => openVersion.get(ws) ?? '0:0',
    goalActions: (ws) =>
      goalActions.all(ws).map(([goalId, seq, title, doneAt]) => ({ goalId, ref: `T-${seq}`, title, doneAt })),
    events: (taskId) => events.all(taskId).map(toEvent),
  };
}
