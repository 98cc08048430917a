import {
  type EventSource,
  OPEN_STATUSES,
  type RejectedWork,
  type ShownValue,
  TASK_STATUSES,
  type Task,
  type TaskCategory,
  type TaskFacts,
  type TaskStatus,
  type TaskSummary,
  type TaskTally,
  type TaskValuation,
} from '../domain/task.js';
import type { Db } from './open-database.js';
import { field, IN_ORDER, refToSeq, SELECT_TASK, selectTask, type TaskValues, toTask } from './task-rows.js';

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

/** SQL: a task `t` is closed, as the partial index tasks_closed holds it (a statement on it says so). */
const CLOSED = `t.status IN (${TASK_STATUSES.filter((s) => !OPEN_STATUSES.includes(s))
  .map((s) => `'${s}'`)
  .join(', ')})`;

/** The statuses finished_daily does not count (it counts done and failed tasks). */
const UNFINISHED = TASK_STATUSES.filter((status) => status !== 'done' && status !== 'failed');

/** A summary's columns as SQLite returns them in raw mode, its last change last. */
type SummaryValues = [
  number,
  number,
  TaskStatus,
  string,
  string | null,
  number,
  number,
  string | null,
  string,
];

// By index, not destructured, as toProjects reads its rows.
const toSummary = (v: SummaryValues): TaskSummary => ({
  ref: `T-${v[0]}`,
  priority: v[1],
  status: v[2],
  title: v[3],
  assignee: v[4],
  revenueImpact: v[5],
  goalValue: v[6],
  projectName: v[7],
});

/** What a task moved to another backlog item takes of it (see TaskRepository.moveToItem). */
export interface ItemMove {
  item: { kind: 'feature' | 'bug'; id: number };
  category: TaskCategory;
  title: string;
  /** The item's key (`bug:4`): the task's memory key and subject, and its fingerprint's. */
  key: string;
  fingerprint: string;
  facts: TaskFacts;
  reasoning: readonly string[];
}

export interface TaskFilter {
  status?: TaskStatus[];
  limit?: number;
}

/** Tasks and the batches they were proposed in; the log, the queue and history have their own repositories. */
export interface TaskRepository {
  nextSeq(workspaceId: string): number;
  /** The batch's row id, and its number in its workspace (1 for its first: "batch 1"). */
  insertBatch(batch: NewBatch, now: string): { id: number; number: number };
  insert(task: NewTask, seq: number, now: string): number;
  addDependency(taskId: number, dependsOnId: number): void;
  /** Compare-and-set: moves the task only if it is still in `from`; false when it was not. */
  setStatus(id: number, from: TaskStatus, to: TaskStatus, now: string): boolean;
  /**
   * Compare-and-set for an outcome: moves the task from `from` to `to` (done or failed), records who
   * did it and ends any claim, in one statement; false when the task was no longer in `from`.
   */
  finish(id: number, from: TaskStatus, to: TaskStatus, assignee: string | null, now: string): boolean;
  setAssignee(id: number, assignee: string | null, now: string): void;
  /**
   * A task routed again (by a plan, or to nobody as its assignee leaves its project): its assignee
   * (and suggested assignee) and the reasoning that says why. Not its updated_at: as with revalue,
   * no decision changed the task. The caller checks its status under the same write lock.
   */
  reroute(id: number, assignee: string | null, reasoning: readonly string[]): void;
  /**
   * An approved or started task's bug severity (its facts', which the queue and a plan's tiers
   * read) and reasoning, once its bug's changed; false when the task is no longer open so.
   */
  setSeverity(id: number, severity: string, reasoning: readonly string[]): boolean;
  /**
   * An approved or started task made the work of another backlog item (its issue's kind changed on
   * GitHub: the old item went, a new one of the other kind came), with what that item's work is
   * known and shown by; false when the task is no longer open so.
   */
  moveToItem(id: number, move: ItemMove): boolean;
  /**
   * A proposal's value as a plan made today puts it (its dollars, score, priority, the reasoning
   * that says them and a title that names them), if it is still proposed: its id and what it
   * showed before, read under the same write lock (another plan may have valued it meanwhile), or
   * null when it is no longer proposed (decided meanwhile).
   */
  revalue(
    workspaceId: string,
    ref: string,
    value: TaskValuation & Pick<Task, 'title'>,
  ): { id: number; was: ShownValue } | null;
  /**
   * An open task's priority on a plan's scale and the reasoning that says it, its value left as it
   * was decided; the caller checks it is open under the same write lock. Not its updated_at (see
   * revalue).
   */
  rescale(id: number, priority: number, reasoning: readonly string[]): void;
  findByRef(workspaceId: string, ref: string): Task | null;
  findById(id: number): Task | null;
  /**
   * A workspace's tasks of the statuses the filter names (every status when it names none): the
   * open ones highest priority first, then the closed ones (done, failed, rejected, cancelled) the
   * latest decided first, as a reader of what happened looks for it: a done task's priority was
   * set on the morning it was proposed, against that morning's batch, and says nothing of today.
   */
  list(workspaceId: string, filter?: TaskFilter): Task[];
  /** The open tasks (proposed, approved, in progress) made from one backlog item, oldest first. */
  openOnItem(workspaceId: string, item: { kind: 'feature' | 'bug'; id: number }): Task[];
  /** An open task (proposed, approved, in progress) doing the work `memoryKey` names, other than task `exceptId`. */
  openWithMemoryKey(
    workspaceId: string,
    memoryKey: string,
    exceptId: number,
  ): { ref: string; status: TaskStatus } | null;
  /**
   * The open task (proposed, approved, in progress) with this fingerprint: what the work is as a
   * plan dedups it, of which the workspace may hold one open (a task of no backlog item has no
   * memory key to find it by).
   */
  openWithFingerprint(workspaceId: string, fingerprint: string): { ref: string; status: TaskStatus } | null;
  /**
   * The task done (or rejected) last doing the work `memoryKey` names, other than task `exceptId`:
   * its ref and when.
   */
  lastWithMemoryKey(
    workspaceId: string,
    memoryKey: string,
    status: 'done' | 'rejected',
    exceptId: number,
  ): { ref: string; updatedAt: string } | null;
  /**
   * The GitHub login a synced item's issue is assigned to today, or null (none, or typed here): a
   * task's row carries where its item lives, not who holds the issue.
   */
  issueAssignee(item: { kind: 'feature' | 'bug'; id: number }): string | null;
  /** The task made from a feature or bug that was done last, or null. */
  lastDoneOnItem(workspaceId: string, item: { kind: 'feature' | 'bug'; id: number }): Task | null;
  /** What `list` gives, in the same order, as summaries: a few columns instead of the whole task. */
  summaries(workspaceId: string, filter?: TaskFilter): TaskSummary[];
  /** A project's open tasks (proposed, approved, in progress) as summaries, highest priority first. */
  openOfProject(workspaceId: string, projectId: number): TaskSummary[];
  /** The open tasks (proposed, approved, in progress) serving a goal, as openOfProject gives them. */
  openOfGoal(workspaceId: string, goalId: number): TaskSummary[];
  /**
   * The tasks of a goal's own playbooks (`goal.…`) still proposed: what it was answered with while
   * nothing in the backlog served it.
   */
  goalPlaybookProposals(workspaceId: string, goalId: number): Task[];
  /** Sets the goal of an item's open tasks (null: none); how many changed. */
  setGoalOfItemTasks(
    workspaceId: string,
    item: { kind: 'feature' | 'bug'; id: number },
    goalId: number | null,
  ): number;
  /** Every task of the workspace counted by category, playbook and status (see TaskTally). */
  tallies(workspaceId: string): TaskTally[];
  /** Every rejected task of the workspace: the work it is, when, and the reason its rejection gave. */
  rejected(workspaceId: string): RejectedWork[];
  /**
   * A token that changes whenever the set of open tasks changes (one added, one closed): the
   * count and the highest id of the open tasks.
   */
  openVersion(workspaceId: string): string;
}

/** What issueAssignee reads, by the kind of item. */
function prepareIssueAssignee(db: Db) {
  return {
    feature: db
      .prepare<[number], string | null>('SELECT assignee_login FROM github_issues WHERE feature_id = ?')
      .pluck(),
    bug: db
      .prepare<[number], string | null>('SELECT assignee_login FROM github_issues WHERE bug_id = ?')
      .pluck(),
  };
}

export function createTaskRepository(db: Db): TaskRepository {
  const nextSeq = db
    .prepare<[string], number>('SELECT COALESCE(MAX(seq), 0) + 1 FROM tasks WHERE workspace_id = ?')
    .pluck();
  const insertBatch = db.prepare(
    `INSERT INTO batches (workspace_id, generated, unique_count, queued, skipped, revenue_impact, max_tasks,
       summary, actor, source, created_at, number)
     VALUES (@workspaceId, @generated, @unique, @queued, @skipped, @revenueImpact, @maxTasks, @summary, @actor,
       @source, @now,
       (SELECT coalesce(max(number), 0) + 1 FROM batches WHERE workspace_id = @workspaceId))
     RETURNING id, number`,
  );
  const insert = db.prepare(
    `INSERT INTO tasks (workspace_id, seq, batch_id, title, category, project_id, playbook_key, signal, subject, goal_id,
       feature_id, bug_id, memory_key, facts, focus_area, priority, revenue_impact, goal_value, alignment, confidence,
       effort_hours, score, reasoning, suggested_assignee, assignee, fingerprint, created_at, updated_at)
     VALUES (@workspaceId, @seq, @batchId, @title, @category, @projectId, @playbookKey, @signal, @subject, @goalId,
       @featureId, @bugId, @memoryKey, @facts, @focusArea, @priority, @revenueImpact, @goalValue, @alignment,
       @confidence, @effortHours, @score, @reasoning, @assignee, @assignee, @fingerprint, @now, @now)`,
  );
  const addDependency = db.prepare(
    'INSERT OR IGNORE INTO task_dependencies (task_id, depends_on_id) VALUES (?, ?)',
  );
  const setStatus = db.prepare('UPDATE tasks SET status = ?, updated_at = ? WHERE id = ? AND status = ?');
  const finish = db.prepare(
    `UPDATE tasks SET status = ?, assignee = ?, claimed_by = NULL, lease_expires_at = NULL, updated_at = ?
     WHERE id = ? AND status = ?`,
  );
  const byRef = db
    .prepare<[string, number], TaskValues>(`${SELECT_TASK} WHERE t.workspace_id = ? AND t.seq = ?`)
    .raw();
  const byId = db.prepare<[number], TaskValues>(`${SELECT_TASK} WHERE t.id = ?`).raw();
  const openOn = (column: 'feature_id' | 'bug_id', index: string) =>
    db
      .prepare<[number, string], TaskValues>(
        `${selectTask(index)} WHERE t.${column} = ? AND t.workspace_id = ?
         AND t.status IN (${OPEN_STATUSES.map((status) => `'${status}'`).join(', ')}) ORDER BY t.seq`,
      )
      .raw();
  const openOnFeature = openOn('feature_id', 'tasks_feature');
  const openOnBug = openOn('bug_id', 'tasks_bug');
  const lastDoneOn = (column: 'feature_id' | 'bug_id', index: string) =>
    db
      .prepare<[number, string], TaskValues>(
        `${selectTask(index)} WHERE t.${column} = ? AND t.workspace_id = ? AND t.status = 'done'
         ORDER BY t.updated_at DESC, t.seq DESC LIMIT 1`,
      )
      .raw();
  const lastDoneOnFeature = lastDoneOn('feature_id', 'tasks_feature');
  const lastDoneOnBug = lastDoneOn('bug_id', 'tasks_bug');
  /**
   * A workspace's tasks of the statuses a filter names (every status when it names none) in `list`'s
   * order, as `select` (a SELECT of tasks aliased `t`, read through the index it is given) reads
   * them in raw mode (`changed` reads a row's last change and ref): the whole task and its summary
   * are listed by one filter and one order. Open ones from tasks_queue, by status first (SQLite would
   * otherwise walk every task in priority order to skip sorting the few asked for); closed ones of
   * each status from tasks_closed, the latest first, so that no statement sorts every task the team
   * ever closed: of each status at most the room left is read, and those few are merged here.
   */
  const listing = <V>(select: (index: string) => string, changed: (v: V) => [string, number]) => {
    const open = db
      .prepare<[string, string, number], V>(
        `${select('tasks_queue')} WHERE t.workspace_id = ? AND t.status IN (SELECT value FROM json_each(?))
         ORDER BY ${IN_ORDER} LIMIT ?`,
      )
      .raw();
    const closed = db
      .prepare<[string, TaskStatus, number], V>(
        `${select('tasks_closed')} WHERE t.workspace_id = ? AND t.status = ? AND ${CLOSED}
         ORDER BY t.updated_at DESC, t.seq DESC LIMIT ?`,
      )
      .raw();
    const latestFirst = (a: V, b: V): number => {
      const [atA, seqA] = changed(a);
      const [atB, seqB] = changed(b);
      return atA === atB ? seqB - seqA : atA < atB ? 1 : -1;
    };
    return (ws: string, filter: TaskFilter): V[] => {
      const limit = filter.limit ?? 1000;
      const statuses = new Set(filter.status?.length ? filter.status : TASK_STATUSES);
      const openOnes = [...statuses].filter((s) => OPEN_STATUSES.includes(s));
      const closedOnes = [...statuses].filter((s) => !OPEN_STATUSES.includes(s));
      const first = openOnes.length ? open.all(ws, JSON.stringify(openOnes), limit) : [];
      const room = limit - first.length;
      if (room <= 0) return first;
      const decided = closedOnes.flatMap((status) => closed.all(ws, status, room));
      return [...first, ...decided.sort(latestFirst).slice(0, room)];
    };
  };
  const listTasks = listing<TaskValues>(selectTask, (v) => [field(v, 'updated_at'), field(v, 'seq')]);
  // The columns a summary shows (see TaskSummary), and when it last changed.
  const SUMMARY = `t.seq, t.priority, t.status, t.title, t.assignee, t.revenue_impact, t.goal_value,
    (SELECT p.name FROM projects p WHERE p.id = t.project_id), t.updated_at`;
  const listSummaries = listing<SummaryValues>(
    (index) => `SELECT ${SUMMARY} FROM tasks t INDEXED BY ${index}`,
    (v) => [v[8], v[0]],
  );
  // The open tasks of one project, or one goal, on the index that leads with its column.
  const openOf = (column: 'project_id' | 'goal_id', index: 'tasks_project_history' | 'tasks_goal') =>
    db
      .prepare<[string, number], SummaryValues>(
        `SELECT ${SUMMARY} FROM tasks t INDEXED BY ${index}
         WHERE t.workspace_id = ? AND t.${column} = ? AND t.status IN ('proposed', 'approved', 'in_progress')
         ORDER BY ${IN_ORDER}`,
      )
      .raw();
  const openOfProject = openOf('project_id', 'tasks_project_history');
  const openOfGoal = openOf('goal_id', 'tasks_goal');
  const goalPlaybookProposals = db
    .prepare<[string, number], TaskValues>(
      `${selectTask('tasks_goal')} WHERE t.workspace_id = ? AND t.goal_id = ? AND t.status = 'proposed'
         AND t.playbook_key LIKE 'goal.%' ORDER BY t.seq`,
    )
    .raw();
  const goalOfItemTasks = (column: 'feature_id' | 'bug_id', index: string) =>
    db.prepare<[number | null, number, string, number | null]>(
      `UPDATE tasks INDEXED BY ${index} SET goal_id = ? WHERE ${column} = ? AND workspace_id = ?
         AND status IN (${OPEN_STATUSES.map((status) => `'${status}'`).join(', ')}) AND goal_id IS NOT ?`,
    );
  const goalOfFeatureTasks = goalOfItemTasks('feature_id', 'tasks_feature');
  const goalOfBugTasks = goalOfItemTasks('bug_id', 'tasks_bug');
  const openVersion = db
    .prepare<[string], string>(
      `SELECT count(*) || ':' || coalesce(max(id), 0) FROM tasks INDEXED BY tasks_queue
       WHERE workspace_id = ? AND status IN ('proposed', 'approved', 'in_progress')`,
    )
    .pluck();
  const setAssignee = db.prepare('UPDATE tasks SET assignee = ?, updated_at = ? WHERE id = ?');
  const openWithMemoryKey = db
    .prepare<[string, string, number], [number, TaskStatus]>(
      `SELECT seq, status FROM tasks WHERE workspace_id = ? AND memory_key = ?
         AND status IN (${OPEN_STATUSES.map((status) => `'${status}'`).join(', ')}) AND id <> ?
       ORDER BY id LIMIT 1`,
    )
    .raw();
  const openWithFingerprint = db
    .prepare<[string, string], [number, TaskStatus]>(
      `SELECT seq, status FROM tasks INDEXED BY tasks_open_fingerprint WHERE workspace_id = ? AND fingerprint = ?
         AND status IN (${OPEN_STATUSES.map((status) => `'${status}'`).join(', ')})`,
    )
    .raw();
  // Prepared on first use: only a plan routing again a synced proposal nobody holds reads them.
  let issueStatements: ReturnType<typeof prepareIssueAssignee> | undefined;
  const issueAssignee = () => {
    issueStatements ??= prepareIssueAssignee(db);
    return issueStatements;
  };
  const lastWithMemoryKey = db
    .prepare<[string, string, string, number], [number, string]>(
      `SELECT seq, updated_at FROM tasks INDEXED BY tasks_decided_memory
       WHERE workspace_id = ? AND memory_key = ? AND status = ? AND id <> ?
         AND memory_key IS NOT NULL AND status IN ('done', 'rejected', 'failed')
       ORDER BY updated_at DESC LIMIT 1`,
    )
    .raw();
  const reroute = db.prepare(
    'UPDATE tasks SET assignee = ?, suggested_assignee = coalesce(?, suggested_assignee), reasoning = ? WHERE id = ?',
  );
  // Not updated_at either: the item changed, not the task (see reroute).
  const setSeverity = db.prepare(
    `UPDATE tasks SET facts = json_set(facts, '$.severity', ?), reasoning = ?
     WHERE id = ? AND status IN ('approved', 'in_progress')`,
  );
  // Not updated_at either (see setSeverity).
  const moveToItem = db.prepare(
    `UPDATE tasks SET feature_id = ?, bug_id = ?, category = ?, title = ?, memory_key = ?, subject = ?,
       fingerprint = ?, facts = ?, reasoning = ?
     WHERE id = ? AND status IN ('approved', 'in_progress')`,
  );
  // Not updated_at: nobody changed the task, and what reads it (a decision's race, the queue's
  // lease, a digest's 'new since') means a person's or a worker's change.
  const shownBefore = db
    .prepare<[string, number], [number, string, number, number, number, number]>(
      `SELECT id, title, priority, revenue_impact, goal_value, score FROM tasks
       WHERE workspace_id = ? AND seq = ? AND status = 'proposed'`,
    )
    .raw();
  const revalue = db
    .prepare<Record<string, unknown>, number>(
      `UPDATE tasks SET title = @title, priority = @priority, score = @score, revenue_impact = @revenueImpact,
       goal_value = @goalValue, alignment = @alignment, confidence = @confidence, effort_hours = @effortHours,
       focus_area = @focusArea, reasoning = @reasoning, facts = @facts
     WHERE workspace_id = @ws AND seq = @seq AND status = 'proposed' RETURNING id`,
    )
    .pluck();
  const setPriority = db.prepare<[number, string, number]>(
    'UPDATE tasks SET priority = ?, reasoning = ? WHERE id = ?',
  );
  // Counted, not read: a workspace's history is mostly closed tasks (100,000 in the bench's), and
  // reading each whole to count it took a digest 1.6 s of its 3. Done and failed tasks are summed
  // from the rollup the triggers on tasks keep (finished_daily, 0011), every other status counted
  // from tasks_queue: 2 ms there, where counting every task's row took 380 ms.
  const rejected = db.prepare<[string], RejectedWork>(
    `SELECT category, nullif(playbook_key, '') AS playbookKey, memory_key AS memoryKey, updated_at AS updatedAt,
       (SELECT e.note FROM task_events e WHERE e.task_id = t.id AND e.to_status = 'rejected'
        ORDER BY e.id DESC LIMIT 1) AS reason
     FROM tasks t INDEXED BY tasks_queue WHERE workspace_id = ? AND status = 'rejected'`,
  );
  const tallies = db.prepare<{ ws: string }, TaskTally>(
    `SELECT category, nullif(playbook_key, '') AS playbookKey, status, sum(tasks) AS tasks
     FROM finished_daily WHERE workspace_id = @ws GROUP BY status, category, playbook_key
     UNION ALL
     SELECT category, playbook_key, status, count(*) FROM tasks INDEXED BY tasks_queue
     WHERE workspace_id = @ws AND status IN (${UNFINISHED.map((status) => `'${status}'`).join(', ')})
     GROUP BY status, category, playbook_key`,
  );
  return {
    nextSeq: (ws) => nextSeq.get(ws) ?? 1,
    insertBatch: (b, now) =>
      insertBatch.get({ ...b, summary: JSON.stringify(b.summary), maxTasks: b.maxTasks, now }) as {
        id: number;
        number: number;
      },
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
    setStatus: (id, from, to, now) => setStatus.run(to, now, id, from).changes === 1,
    finish: (id, from, to, assignee, now) => finish.run(to, assignee, now, id, from).changes === 1,
    setAssignee: (id, assignee, now) => {
      setAssignee.run(assignee, now, id);
    },
    reroute: (id, assignee, reasoning) => {
      reroute.run(assignee, assignee, JSON.stringify(reasoning), id);
    },
    setSeverity: (id, severity, reasoning) =>
      setSeverity.run(severity, JSON.stringify(reasoning), id).changes === 1,
    moveToItem: (id, m) =>
      moveToItem.run(
        m.item.kind === 'feature' ? m.item.id : null,
        m.item.kind === 'bug' ? m.item.id : null,
        m.category,
        m.title,
        m.key,
        m.key,
        m.fingerprint,
        JSON.stringify(m.facts),
        JSON.stringify(m.reasoning),
        id,
      ).changes === 1,
    revalue: (ws, ref, v) => {
      const seq = refToSeq(ref);
      const before = shownBefore.get(ws, seq);
      if (before === undefined) return null;
      const [id, title, priority, revenueImpact, goalValue, score] = before;
      revalue.run({ ...v, ws, seq, reasoning: JSON.stringify(v.reasoning), facts: JSON.stringify(v.facts) });
      return { id, was: { title, priority, revenueImpact, goalValue, score } };
    },
    rescale: (id, priority, reasoning) => {
      setPriority.run(priority, JSON.stringify(reasoning), id);
    },
    findByRef: (ws, ref) => {
      const row = byRef.get(ws, refToSeq(ref));
      return row ? toTask(row) : null;
    },
    findById: (id) => {
      const row = byId.get(id);
      return row ? toTask(row) : null;
    },
    list: (ws, filter = {}) => listTasks(ws, filter).map(toTask),
    openOnItem: (ws, item) =>
      (item.kind === 'feature' ? openOnFeature : openOnBug).all(item.id, ws).map(toTask),
    openWithMemoryKey: (ws, key, exceptId) => {
      const row = openWithMemoryKey.get(ws, key, exceptId);
      return row === undefined ? null : { ref: `T-${row[0]}`, status: row[1] };
    },
    openWithFingerprint: (ws, fingerprint) => {
      const row = openWithFingerprint.get(ws, fingerprint);
      return row === undefined ? null : { ref: `T-${row[0]}`, status: row[1] };
    },
    issueAssignee: (item) => issueAssignee()[item.kind].get(item.id) ?? null,
    lastWithMemoryKey: (ws, key, status, exceptId) => {
      const row = lastWithMemoryKey.get(ws, key, status, exceptId);
      return row === undefined ? null : { ref: `T-${row[0]}`, updatedAt: row[1] };
    },
    lastDoneOnItem: (ws, item) => {
      const row = (item.kind === 'feature' ? lastDoneOnFeature : lastDoneOnBug).get(item.id, ws);
      return row ? toTask(row) : null;
    },
    tallies: (ws) => tallies.all({ ws }),
    rejected: (ws) => rejected.all(ws),
    summaries: (ws, filter = {}) => listSummaries(ws, filter).map(toSummary),
    openOfProject: (ws, projectId) => openOfProject.all(ws, projectId).map(toSummary),
    openOfGoal: (ws, goalId) => openOfGoal.all(ws, goalId).map(toSummary),
    goalPlaybookProposals: (ws, goalId) => goalPlaybookProposals.all(ws, goalId).map(toTask),
    setGoalOfItemTasks: (ws, item, goalId) =>
      (item.kind === 'feature' ? goalOfFeatureTasks : goalOfBugTasks).run(goalId, item.id, ws, goalId)
        .changes,
    openVersion: (ws) => openVersion.get(ws) ?? '0:0',
  };
}
