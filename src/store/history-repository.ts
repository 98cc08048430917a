import type {
  AreaWork,
  DecidedTask,
  DecisionMemory,
  DoneWork,
  PlaybookOutcomes,
  RejectedItem,
  RememberedTask,
  TaskHistory,
} from '../domain/history.js';
import { REJECTION_WINDOW } from '../domain/history.js';
import { featureUnits } from '../domain/project.js';
import { TASK_CATEGORIES, type Task, type TaskCategory, type TaskStatus } from '../domain/task.js';
import { isStringArray, jsonColumn } from './json-column.js';
import { parseRows } from './json-rows.js';
import type { Db } from './open-database.js';
import { BLOCKED_OUTCOME, isFacts } from './task-rows.js';

/** A decided task as the history reads it (see TaskHistory.latestDecided). */
type DecidedRow = {
  id: number;
  category: Task['category'];
  status: TaskStatus;
  updatedAt: string;
  memoryKey: string | null;
  projectId: number | null;
  reason: string | null;
};

/** Which closed tasks a history summarises. */
export interface HistoryWindow {
  /** Tasks closed at or after this instant count. */
  since: string;
  /** A focus area is recent when a task in it closed at or after this instant. */
  focusSince: string;
  /** The focus areas to check (the vision's). */
  focusAreas: readonly string[];
}

/**
 * Which decided work the engine remembers: of these pieces of work, done ever, rejected since
 * `rejectedSince`, failed since `failedSince`.
 */
export interface MemoryWindow {
  keys: readonly string[];
  rejectedSince: string;
  failedSince: string;
  /** A rejection's count: the rejections of its work within this many days before it. */
  rejectionsWithinDays: number;
}

/** A done task that served a goal. */
export interface GoalAction {
  goalId: number;
  ref: string;
  title: string;
  doneAt: string;
  /** Null for the goal's own playbook tasks (its diagnosis, an experiment): a goal is the workspace's. */
  projectId: number | null;
  category: TaskCategory;
  /**
   * The feature-sizes of backlog work it did (see featureUnits: its feature's, a bug 1); null for
   * a task made from no item (a playbook's).
   */
  units: number | null;
}

/** What the engine learns from closed work, aggregated in SQL over indexes. */
export interface HistoryRepository {
  /**
   * The summary of the tasks closed in a window: the same as `summariseHistory` over every closed
   * task, restricted to `focusAreas`, without reading every row.
   */
  summary(workspaceId: string, window: HistoryWindow): TaskHistory;
  /**
   * Of the given pieces of work (memory keys): the latest done task of each, the latest rejection
   * since `rejectedSince` and the latest failure since `failedSince`, each with how many times the
   * work was rejected (within `rejectionsWithinDays` before it) or failed (since `failedSince`)
   * since it was last done.
   */
  memory(workspaceId: string, window: MemoryWindow): DecisionMemory;
  /**
   * The pieces of work (memory keys starting with `prefix`, any when it is empty) the workspace has
   * a done, rejected or failed task of, when there are no more such tasks than `limit`; null when
   * there are more. Planning asks memory only about these of its candidates when they are few
   * beside them.
   */
  decidedKeys(workspaceId: string, limit: number, prefix?: string): Set<string> | null;
  /** Done tasks that served a goal, oldest first. */
  goalActions(workspaceId: string): GoalAction[];
  /**
   * What these projects have finished: their done features (named by the task that did each, if
   * one did), newest first. Planning asks only of projects a playbook proposes work for, to hold
   * back what repeats finished work.
   */
  doneWork(workspaceId: string, projectIds: readonly number[]): DoneWork[];
  /**
   * The workspace's growth features (not upkeep) done since `since`, by when each became done
   * (named by the task that did each, if one did), oldest first: read when a goal calls for work,
   * to tell work on what it measures shipped lately (see worksOnGoal).
   */
  doneFeaturesSince(workspaceId: string, since: string): DoneWork[];
  /**
   * The workspace's playbook tasks on a product's customers leaving (answering a churn rise or a
   * revenue fall: an interview, a survey) done since `since`, oldest first: read when a goal calls
   * for work, as a churn goal's research waits for them (see lastGoalWork).
   */
  doneChurnWorkSince(workspaceId: string, since: string): DoneWork[];
  /**
   * The fixed bugs of these projects (named by the task that fixed each, if one did), newest
   * first: what tells a bug filed again after its fix.
   */
  fixedBugs(workspaceId: string, projectIds: readonly number[]): DoneWork[];
  /** The memory keys of the playbook tasks rejected since `since` (a few: see BacklogSource.rejectedPlaybookKeys). */
  rejectedPlaybookKeys(workspaceId: string, since: string): string[];
  /** The backlog items whose tasks were rejected since `since`, each once (a few: see BacklogSource.rejectedItems). */
  rejectedItems(workspaceId: string, since: string): RejectedItem[];
  /**
   * Of these refs (`T-5`), those of failed tasks whose work is still to do: no task of the same
   * work (memory key) done, rejected or cancelled since it failed (see BacklogSource.failedWork).
   */
  failedWork(workspaceId: string, refs: readonly string[]): Set<string>;
}

/** Above every memory key: a blob, which SQLite sorts after any text. */
const NO_KEY_ABOVE = new Uint8Array(0);

/** The first text past every one starting with `prefix` (its last character's successor). */
function keysAbove(prefix: string): string {
  return prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
}

/** Finished tasks of one category, playbook and status: how many. */
type FinishedCount = [Task['category'], string | null, 'done' | 'failed', number];

export function createHistoryRepository(db: Db): HistoryRepository {
  // Kept by triggers (migrations 0011, 0046): one row per project that ever finished or failed a task, read as one
  // JSON document (see parseRows): a large workspace has one for nearly every project.
  const lastClosedAt = db
    .prepare<[string, string], string>(
      `SELECT json_group_array(json_array(project_id, closed_at)) FROM project_last_closed
       WHERE workspace_id = ? AND closed_at >= ?`,
    )
    .pluck();
  const focusClosed = db
    .prepare<[string, string, string], number>(
      // Work done or tried on the area (see summariseHistory): a proposal rejected, withdrawn or
      // cancelled was no work on it.
      `SELECT EXISTS (SELECT 1 FROM tasks t
       WHERE t.workspace_id = ? AND t.focus_area = ? AND t.status IN ('done', 'failed') AND t.updated_at >= ?)`,
    )
    .pluck();
  // Work done or tried on the projects of an area of several, counted for another of their areas:
  // the engine reads whether its title names that area (see TaskHistory.otherAreaWork). Read only
  // for an area no task was counted for, on its projects, by the project's history index.
  const otherAreaWork = db
    .prepare<{ ws: string; area: string; since: string }, [string, string, string]>(
      `SELECT t.title, t.category, p.focus_areas
       FROM projects p JOIN tasks t INDEXED BY tasks_project_history
         ON t.workspace_id = p.workspace_id AND t.project_id = p.id
       WHERE p.workspace_id = :ws AND json_array_length(p.focus_areas) >= 2
         AND EXISTS (SELECT 1 FROM json_each(p.focus_areas) j WHERE j.value = :area)
         AND t.status IN ('done', 'failed') AND t.updated_at >= :since
         AND t.focus_area IS NOT NULL AND t.focus_area <> :area
         AND (t.feature_id IS NOT NULL OR t.bug_id IS NOT NULL)
       ORDER BY t.updated_at DESC LIMIT 100`,
    )
    .raw();
  // Growth features in progress on the active projects of an area no task was counted for: work
  // under way by the team's own word (see TaskHistory.featuresUnderWay), by each project's status
  // index.
  const featuresUnderWay = db
    .prepare<{ ws: string; area: string }, [string, string]>(
      `SELECT f.title, p.focus_areas
       FROM projects p JOIN features f INDEXED BY features_progress
         ON f.project_id = p.id AND f.status = 'in_progress'
       WHERE p.workspace_id = :ws AND p.status = 'active' AND f.upkeep = 0
         AND EXISTS (SELECT 1 FROM json_each(p.focus_areas) j WHERE j.value = :area)
       LIMIT 100`,
    )
    .raw();
  // Done and failed tasks per (category, playbook): the engine sums them per category (a backlog
  // task's confidence) and per playbook (a playbook task's). The whole days of the window come from
  // the daily rollup (kept by triggers, migration 0011), keyed by these groups then the day
  // (0024), so they are read grouped, with no sort; its first, partial day from the tasks.
  const finishedDays = db
    .prepare<[string, string], FinishedCount>(
      `SELECT category, nullif(playbook_key, ''), status, sum(tasks) FROM finished_daily
       WHERE workspace_id = ? AND day > substr(?, 1, 10)
       GROUP BY status, category, playbook_key`,
    )
    .raw();
  const finishedFirstDay = db
    .prepare<[string, string, string], FinishedCount>(
      `SELECT category, playbook_key, status, count(*) FROM tasks INDEXED BY tasks_updated
       WHERE workspace_id = ? AND updated_at >= ? AND updated_at < date(substr(?, 1, 10), '+1 day')
         AND status IN ('done', 'failed')
       GROUP BY status, category, playbook_key`,
    )
    .raw();
  // Failures for a block outside the work since the window began, a few at most.
  const blockedSince = db
    .prepare<[string, string], [Task['category'], string | null, number]>(
      `SELECT t.category, nullif(t.playbook_key, ''), count(*)
       FROM task_outcomes o JOIN tasks t ON t.id = o.task_id
       WHERE o.workspace_id = ? AND ${BLOCKED_OUTCOME} AND t.status = 'failed' AND t.updated_at >= ?
       GROUP BY t.category, t.playbook_key`,
    )
    .raw();
  // A decided task, a rejection with the reason its step gave (one seek of the task's log each, of a
  // few tasks).
  const decidedColumns = `SELECT id, category, status, updated_at AS updatedAt, memory_key AS memoryKey, project_id AS projectId,
       CASE WHEN status = 'rejected' THEN (SELECT e.note FROM task_events e
         WHERE e.task_id = t.id AND e.to_status = 'rejected' ORDER BY e.id DESC LIMIT 1) END AS reason
     FROM tasks t`;
  const latestDecided = db.prepare<[string, string, string, number], DecidedRow>(
    `${decidedColumns} INDEXED BY tasks_category_history
     WHERE workspace_id = ? AND category = ? AND updated_at >= ? AND status IN ('done', 'failed', 'rejected')
     ORDER BY updated_at DESC, id DESC LIMIT ?`,
  );
  // The projects and categories of work on backlog items rejected in the window (a team rejects a
  // few tasks a week: read by status, on the queue's index), then each one's newest decided tasks on
  // its items, by the index on a project's tasks by status and time (see TaskHistory.projectsDecided).
  const itemWork = `(memory_key LIKE 'feature:%' OR memory_key LIKE 'bug:%')`;
  const rejectedItemWork = db
    .prepare<[string, string], [number, Task['category']]>(
      `SELECT DISTINCT project_id, category FROM tasks INDEXED BY tasks_queue
       WHERE workspace_id = ? AND status = 'rejected' AND updated_at >= ? AND project_id IS NOT NULL
         AND ${itemWork}
       ORDER BY project_id, category`,
    )
    .raw();
  const projectDecided = db.prepare<[string, number, string, Task['category'], number], DecidedRow>(
    `${decidedColumns} INDEXED BY tasks_project_history
     WHERE workspace_id = ? AND project_id = ? AND status IN ('done', 'failed', 'rejected') AND updated_at >= ?
       AND category = ? AND ${itemWork}
     ORDER BY updated_at DESC, id DESC LIMIT ?`,
  );
  // Per key and kind, only the latest task: its time is a max() on the index, keyed by the work
  // first (migration 0011), and its row one more seek, so a piece of work done thousands of times
  // (a recurring playbook) costs what work done once does. Among tasks of the same time, done work
  // is remembered by the first, a rejection or failure by the last (as the log would replay them).
  // A rejection counts only since `rejectedSince`, a failure since `failedSince`, and each comes
  // with the reason its last step gave (the event's note) and how many times the work was rejected
  // (within `rejectionsWithinDays` before that rejection) or failed (since `failedSince`), since it
  // was last done. Counted back from the rejection, not from now, the count (and so its hold)
  // stays what it was when the team rejected it. A failure says too whether its step recorded it
  // as a block outside the work, and how many of the failures counted were so recorded (a block
  // and then a real failure are one setback, not two). `latest` is MATERIALIZED: flattened into the query below, each
  // max() ran once per mention of its time (three), and the query took ×1.5 as long.
  const latestOf = (status: 'done' | 'rejected' | 'failed') =>
    `SELECT key, '${status}' AS status, (
       SELECT max(updated_at) FROM tasks INDEXED BY tasks_decided_memory
       WHERE workspace_id = @ws AND memory_key = k.key AND status = '${status}'
         AND status IN ('done', 'rejected', 'failed')) AS at
     FROM k`;
  const decided = db
    .prepare<
      [{ keys: string; ws: string; since: string; failedSince: string; span: string }],
      [
        string,
        'done' | 'rejected' | 'failed',
        number,
        string,
        string,
        string | null,
        number | null,
        number | null,
        number | null,
      ]
    >(
      `WITH k(key) AS (SELECT value FROM json_each(@keys)),
       latest AS MATERIALIZED (${latestOf('done')} UNION ALL ${latestOf('rejected')} UNION ALL ${latestOf('failed')})
       SELECT l.key, l.status, t.seq, t.updated_at, t.facts,
         CASE WHEN l.status <> 'done' THEN
           (SELECT e.note FROM task_events e WHERE e.task_id = t.id AND e.type = t.status ORDER BY e.id DESC LIMIT 1)
         END,
         CASE WHEN l.status <> 'done' THEN (
           SELECT count(*) FROM tasks f INDEXED BY tasks_decided_memory
           WHERE f.workspace_id = @ws AND f.memory_key = l.key AND f.status = l.status
             AND f.status IN ('done', 'rejected', 'failed')
             AND f.updated_at >= CASE l.status WHEN 'failed' THEN @failedSince
               ELSE strftime('%Y-%m-%dT%H:%M:%fZ', l.at, @span) END
             AND f.updated_at > coalesce((SELECT d.at FROM latest d WHERE d.key = l.key AND d.status = 'done'), ''))
         END,
         CASE WHEN l.status = 'failed' THEN (SELECT json_extract(e.data, '$.blocked') FROM task_events e
           WHERE e.task_id = t.id AND e.type = 'failed' ORDER BY e.id DESC LIMIT 1) END,
         CASE WHEN l.status = 'failed' THEN (
           SELECT count(*) FROM tasks f INDEXED BY tasks_decided_memory
           WHERE f.workspace_id = @ws AND f.memory_key = l.key AND f.status = 'failed'
             AND f.status IN ('done', 'rejected', 'failed') AND f.updated_at >= @failedSince
             AND f.updated_at > coalesce((SELECT d.at FROM latest d WHERE d.key = l.key AND d.status = 'done'), '')
             AND (SELECT json_extract(e.data, '$.blocked') FROM task_events e
               WHERE e.task_id = f.id AND e.type = 'failed' ORDER BY e.id DESC LIMIT 1) = 1)
         END
       FROM latest l
       JOIN tasks t ON t.rowid = (
         SELECT CASE WHEN l.status = 'done' THEN min(d.rowid) ELSE max(d.rowid) END
         FROM tasks d INDEXED BY tasks_decided_memory
         WHERE d.workspace_id = @ws AND d.memory_key = l.key AND d.status = l.status
           AND d.status IN ('done', 'rejected', 'failed') AND d.updated_at = l.at)
       WHERE l.at IS NOT NULL
         AND (l.status = 'done' OR l.at >= CASE l.status WHEN 'failed' THEN @failedSince ELSE @since END)`,
    )
    .raw();
  // Most work a plan considers was never decided: one seek per key finds what was, and only those
  // pay for the three lookups above (on 30,000 keys, a third of the time).
  const everDecided = db
    .prepare<[{ keys: string; ws: string }], string>(
      `SELECT value FROM json_each(@keys) WHERE EXISTS (
         SELECT 1 FROM tasks INDEXED BY tasks_decided_memory
         WHERE workspace_id = @ws AND memory_key = value AND status IN ('done', 'rejected', 'failed'))`,
    )
    .pluck();
  // The decided keys of a namespace (those starting with a prefix) are a range of the index; with
  // no prefix, the whole of it. Text sorts below any blob in SQLite, so x'' bounds every key.
  const DECIDED = `FROM tasks INDEXED BY tasks_decided_memory
    WHERE workspace_id = ? AND memory_key >= ? AND memory_key < ?
      AND memory_key IS NOT NULL AND status IN ('done', 'rejected', 'failed')`;
  // Counted only as far as it matters (one past the limit): a long history's index is not read to
  // the end, nor brought into the page cache, for a plan of a few candidates.
  const decidedCount = db
    .prepare<[string, string, string | Uint8Array, number], number>(
      `SELECT count(*) FROM (SELECT 1 ${DECIDED} LIMIT ?)`,
    )
    .pluck();
  const decidedKeys = db
    .prepare<[string, string, string | Uint8Array], string>(
      `SELECT json_group_array(memory_key) FROM (SELECT DISTINCT memory_key ${DECIDED})`,
    )
    .pluck();
  const goalActions = db
    .prepare<
      [string],
      [number, number, string, string, number | null, TaskCategory, number, number | null, number | null]
    >(
      // What a task made from an item did, in feature-sizes: its feature's estimate (and the size it
      // was started at), or a bug's one.
      `SELECT t.goal_id, t.seq, t.title, t.updated_at, t.project_id, t.category,
         CASE WHEN t.feature_id IS NOT NULL THEN 1 WHEN t.bug_id IS NOT NULL THEN 2 ELSE 0 END,
         f.estimate_hours, f.size_hours
       FROM tasks t INDEXED BY tasks_goal LEFT JOIN features f ON f.id = t.feature_id
       WHERE t.workspace_id = ? AND t.goal_id IS NOT NULL AND t.status = 'done' ORDER BY t.updated_at, t.seq`,
    )
    .raw();

  // Done features (and fixed bugs), named by the task that did one when there is one: a task made
  // from a feature marks it done, so the features alone are the finished backlog work, a few per
  // project, where a project's done tasks may be tens of thousands (a playbook's own repeats are
  // memory's, by key). But an item synced from GitHub stays open until its issue closes: one whose
  // task is done is finished work too, from when the task was (a review found the churn interview
  // proposed beside the cancellation survey done that day, its issue still open). Those are found
  // from the workspace's repositories (most have none) to their issues' items.
  const finished = (item: 'feature' | 'bug') => {
    const [table, status] = item === 'feature' ? ['features', 'done'] : ['bugs', 'fixed'];
    const statement = db
      .prepare<{ ws: string; ids: string }, [number, string, string, string, number]>(
        `SELECT i.project_id,
                coalesce((SELECT 'T-' || t.seq FROM tasks t INDEXED BY tasks_${item}
                          WHERE t.${item}_id = i.id AND t.status = 'done' ORDER BY t.updated_at DESC LIMIT 1),
                         '${item} #' || i.id),
                i.title, i.updated_at, i.id
         FROM ${table} i JOIN projects p ON p.id = i.project_id AND p.workspace_id = :ws
         WHERE i.status = '${status}' AND i.project_id IN (SELECT value FROM json_each(:ids))
         UNION ALL
         SELECT i.project_id, 'T-' || t.seq, i.title, t.updated_at, i.id
         FROM github_repos gr JOIN github_issues gi ON gi.repo_id = gr.id
         CROSS JOIN ${table} i ON i.id = gi.${item}_id
         CROSS JOIN tasks t INDEXED BY tasks_${item} ON t.${item}_id = i.id
         WHERE gr.workspace_id = :ws AND gi.${item}_id IS NOT NULL AND i.status <> '${status}'
           AND t.status = 'done' AND i.project_id IN (SELECT value FROM json_each(:ids))
         ORDER BY 4 DESC, 5 DESC`,
      )
      .raw();
    return (ws: string, ids: readonly number[]): DoneWork[] =>
      ids.length === 0
        ? []
        : statement
            .all({ ws, ids: JSON.stringify([...new Set(ids)]) })
            // By index, not destructured: see toProjects.
            .map((row) => ({ projectId: row[0], ref: row[1], title: row[2], at: row[3] }));
  };
  const doneWork = finished('feature');
  const fixedBugs = finished('bug');
  // The rejected tasks' part of the index by status (a workspace rejects a few tasks where it
  // finishes thousands), each row read for its playbook, time and key, each key once.
  const rejectedPlaybookKeys = db
    .prepare<[string, string], string>(
      `SELECT DISTINCT memory_key FROM tasks INDEXED BY tasks_queue
       WHERE workspace_id = ? AND status = 'rejected' AND playbook_key IS NOT NULL AND updated_at >= ?
         AND memory_key >= 'pb:' AND memory_key < 'pb;'
       ORDER BY memory_key`,
    )
    .pluck();
  // The same part of the index, for the backlog items' tasks: which products a reason put off.
  const rejectedItems = db
    .prepare<[string, string], [string, number]>(
      `SELECT DISTINCT memory_key, project_id FROM tasks INDEXED BY tasks_queue
       WHERE workspace_id = ? AND status = 'rejected' AND project_id IS NOT NULL AND updated_at >= ?
         AND (memory_key GLOB 'feature:*' OR memory_key GLOB 'bug:*')
       ORDER BY memory_key`,
    )
    .raw();
  // A reason's tasks (a few refs) by their workspace and number; a later task of the same work
  // that was done, rejected or cancelled ends the failure's wait (a retry done, the work turned down),
  // as does its backlog item done, fixed or dropped by hand: nothing is left to ship (as `retry` says).
  const failedWork = db
    .prepare<[{ ws: string; refs: string }], string>(
      `SELECT 'T-' || t.seq FROM tasks t
       WHERE t.workspace_id = @ws AND t.status = 'failed'
         AND t.seq IN (SELECT CAST(substr(value, 3) AS INTEGER) FROM json_each(@refs) WHERE value GLOB 'T-[0-9]*')
         AND CASE
           WHEN t.memory_key GLOB 'feature:*'
             THEN EXISTS (SELECT 1 FROM features f WHERE f.id = t.feature_id AND f.status <> 'done')
           WHEN t.memory_key GLOB 'bug:*'
             THEN EXISTS (SELECT 1 FROM bugs b WHERE b.id = t.bug_id AND b.status = 'open')
           ELSE 1
         END
         AND NOT EXISTS (SELECT 1 FROM tasks l WHERE l.workspace_id = t.workspace_id AND l.memory_key = t.memory_key
           AND l.id <> t.id AND l.status IN ('done', 'rejected', 'cancelled') AND l.updated_at >= t.updated_at)`,
    )
    .pluck();
  // On migration 0045's partial index of when growth features became done: a few a day.
  const doneSince = db
    .prepare<{ ws: string; since: string }, [number, string, string, string]>(
      `SELECT f.project_id,
              coalesce((SELECT 'T-' || t.seq FROM tasks t INDEXED BY tasks_feature
                        WHERE t.feature_id = f.id AND t.status = 'done' ORDER BY t.updated_at DESC LIMIT 1),
                       'feature #' || f.id),
              f.title, f.done_at
       FROM features f INDEXED BY features_shipped CROSS JOIN projects p ON p.id = f.project_id
       WHERE f.done_at IS NOT NULL AND f.upkeep = 0 AND f.done_at >= :since AND f.status = 'done'
         AND p.workspace_id = :ws
       ORDER BY f.done_at, f.id`,
    )
    .raw();

  // By the index on work of a category by when it changed: a workspace's tasks of the categories
  // that may work on a goal (see isGoalWork) changed lately, then the done playbook tasks among
  // them on the signals of customers leaving.
  const doneChurnSince = db
    .prepare<{ ws: string; since: string }, [number, number, string, string, string]>(
      `SELECT project_id, seq, title, updated_at, category FROM tasks INDEXED BY tasks_category_history
       WHERE workspace_id = :ws AND status = 'done' AND category IN ('revenue', 'feature', 'growth', 'research')
         AND playbook_key IS NOT NULL AND updated_at >= :since
         AND signal IN ('churn_rise', 'revenue_fall') AND project_id IS NOT NULL
       ORDER BY updated_at, seq`,
    )
    .raw();

  const summary = (ws: string, { since, focusSince, focusAreas }: HistoryWindow): TaskHistory => {
    const outcomes = new Map<string, PlaybookOutcomes>();
    const byCategory = new Map<Task['category'], PlaybookOutcomes>();
    const add = <K>(map: Map<K, PlaybookOutcomes>, key: K, status: 'done' | 'failed', n: number): void => {
      const entry = map.get(key) ?? { done: 0, failed: 0 };
      entry[status] += n;
      map.set(key, entry);
    };
    for (const counts of [finishedFirstDay.all(ws, since, since), finishedDays.all(ws, since)]) {
      for (const [category, playbook, status, n] of counts) {
        add(byCategory, category, status, n);
        if (playbook !== null) add(outcomes, playbook, status, n);
      }
    }
    // A block outside the work is no failure of its kind (a review's vendor keys, late, read
    // "Confidence 0.33: 0 of 1 earlier feature tasks succeeded" on every other feature).
    const unblock = <K>(map: Map<K, PlaybookOutcomes>, key: K, n: number): void => {
      const entry = map.get(key);
      if (entry !== undefined) entry.failed = Math.max(0, entry.failed - n);
    };
    for (const [category, playbook, n] of blockedSince.all(ws, since)) {
      unblock(byCategory, category, n);
      if (playbook !== null) unblock(outcomes, playbook, n);
    }
    const focusFrom = focusSince > since ? focusSince : since;
    const decided: DecidedTask[] = TASK_CATEGORIES.flatMap((c) =>
      latestDecided.all(ws, c, since, REJECTION_WINDOW),
    );
    const onProjects: DecidedTask[] = rejectedItemWork
      .all(ws, since)
      .flatMap(([project, category]) => projectDecided.all(ws, project, since, category, REJECTION_WINDOW));
    const recentFocusAreas = new Set(focusAreas.filter((a) => focusClosed.get(ws, a, focusFrom) === 1));
    const areaWork: AreaWork[] = [];
    const underWay: AreaWork[] = [];
    for (const area of focusAreas) {
      if (recentFocusAreas.has(area)) continue;
      for (const [title, category, areas] of otherAreaWork.all({ ws, area, since: focusFrom }))
        areaWork.push({
          title,
          category: category as Task['category'],
          projectAreas: jsonColumn(areas, isStringArray, 'projects.focus_areas'),
        });
      for (const [title, areas] of featuresUnderWay.all({ ws, area }))
        underWay.push({
          title,
          category: 'feature',
          projectAreas: jsonColumn(areas, isStringArray, 'projects.focus_areas'),
        });
    }
    return {
      lastClosedAt: new Map(parseRows<[number, string]>(lastClosedAt.get(ws, since))),
      recentFocusAreas,
      otherAreaWork: areaWork,
      featuresUnderWay: underWay,
      outcomes,
      categoryOutcomes: byCategory,
      latestDecided: decided,
      projectsDecided: onProjects,
    };
  };

  const memory = (
    ws: string,
    { keys, rejectedSince, failedSince, rejectionsWithinDays }: MemoryWindow,
  ): DecisionMemory => {
    const found = {
      done: new Map<string, RememberedTask>(),
      rejected: new Map<string, RememberedTask>(),
      failed: new Map<string, RememberedTask>(),
    };
    const some = everDecided.all({ keys: JSON.stringify([...new Set(keys)]), ws });
    if (some.length === 0) return found;
    const span = `-${rejectionsWithinDays} days`;
    const rows = decided.iterate({ keys: JSON.stringify(some), ws, since: rejectedSince, failedSince, span });
    for (const [key, status, seq, at, facts, reason, failures, blocked, blocks] of rows) {
      found[status].set(
        key,
        status === 'done'
          ? { ref: `T-${seq}`, at, facts: {}, reason: null }
          : {
              ref: `T-${seq}`,
              at,
              facts: jsonColumn(facts, isFacts, `tasks(T-${seq}).facts`),
              reason,
              ...(failures === null ? {} : { times: failures }),
              ...(blocked === 1 ? { blocked: true as const } : {}),
              ...(blocks ? { blocks } : {}),
            },
      );
    }
    return found;
  };

  return {
    summary,
    memory,
    decidedKeys: (ws, limit, prefix = '') => {
      const to = prefix === '' ? NO_KEY_ABOVE : keysAbove(prefix);
      return (decidedCount.get(ws, prefix, to, limit + 1) ?? 0) > limit
        ? null
        : new Set(parseRows<string>(decidedKeys.get(ws, prefix, to)));
    },
    doneWork,
    doneFeaturesSince: (ws, since) =>
      doneSince
        .all({ ws, since })
        .map((row) => ({ projectId: row[0], ref: row[1], title: row[2], at: row[3] })),
    doneChurnWorkSince: (ws, since) =>
      doneChurnSince.all({ ws, since }).map(([projectId, seq, title, at, category]) => ({
        projectId,
        ref: `T-${seq}`,
        title,
        at,
        ...(category === 'research' ? { research: true as const } : {}),
      })),
    fixedBugs,
    rejectedPlaybookKeys: (ws, since) => rejectedPlaybookKeys.all(ws, since),
    rejectedItems: (ws, since) =>
      rejectedItems.all(ws, since).map(([key, projectId]) => ({ key, projectId })),
    failedWork: (ws, refs) =>
      refs.length === 0 ? new Set() : new Set(failedWork.all({ ws, refs: JSON.stringify(refs) })),
    goalActions: (ws) =>
      goalActions.all(ws).map(([goalId, seq, title, doneAt, projectId, category, item, estimate, size]) => ({
        goalId,
        ref: `T-${seq}`,
        title,
        doneAt,
        projectId,
        category,
        units:
          item === 1
            ? featureUnits({
                status: 'done',
                estimateHours: estimate,
                ...(size === null ? {} : { sizeHours: size }),
              })
            : item === 2
              ? 1
              : null,
      })),
  };
}
