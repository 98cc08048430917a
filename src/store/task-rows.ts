import type { ItemSource } from '../domain/project.js';
import {
  type BacklogRef,
  TASK_CATEGORIES,
  type Task,
  type TaskFacts,
  type TaskStatus,
} from '../domain/task.js';
import { isStringArray, jsonColumn } from './json-column.js';

/**
 * SQL: the stored outcome `o` of a workspace is a failure for a block outside the work (see
 * TransitionResult.blocked): it names nobody, and its task's failed step says so. A seek of the
 * learning index per category (a workspace's outcomes nearly all name someone), then the step.
 */
export const BLOCKED_OUTCOME = `o.category IN (${TASK_CATEGORIES.map((c) => `'${c}'`).join(', ')})
  AND o.assignee IS NULL AND o.success = 0
  AND EXISTS (SELECT 1 FROM task_events e WHERE e.task_id = o.task_id AND e.type = 'failed'
    AND json_extract(e.data, '$.blocked') = 1)`;

/** The fields of a task's row: its `tasks` columns, its project's name and its prerequisites' refs. */
export interface TaskRow {
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
  /** `{"ref": "acme/app#12", "url": …}` when its item was synced from GitHub. */
  item_source: string | null;
  /** Likewise, the issue the task was exported to. */
  issue_source: string | null;
  memory_key: string | null;
  facts: string;
  focus_area: string | null;
  priority: number;
  revenue_impact: number;
  goal_value: number;
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

/**
 * What each field of a task row is selected as: the task's own columns, its project's name, the
 * refs it waits on, and the GitHub issues its item and itself come from. Every field is named here
 * (the type says so), so a column added to `tasks` reaches a task only through this list.
 */
const SELECTED: Readonly<Record<keyof TaskRow, string>> = {
  id: 't.id',
  workspace_id: 't.workspace_id',
  seq: 't.seq',
  batch_id: 't.batch_id',
  title: 't.title',
  category: 't.category',
  project_id: 't.project_id',
  project_name: 'p.name',
  playbook_key: 't.playbook_key',
  signal: 't.signal',
  subject: 't.subject',
  goal_id: 't.goal_id',
  feature_id: 't.feature_id',
  bug_id: 't.bug_id',
  item_source: `CASE WHEN t.feature_id IS NOT NULL OR t.bug_id IS NOT NULL THEN
    (SELECT json_object('ref', r.full_name || '#' || gi.number, 'url', gi.html_url)
     FROM github_issues gi JOIN github_repos r ON r.id = gi.repo_id
     WHERE gi.feature_id = t.feature_id OR gi.bug_id = t.bug_id) END`,
  issue_source: `(SELECT json_object('ref', r.full_name || '#' || x.number, 'url', x.html_url)
   FROM github_task_issues x JOIN github_repos r ON r.id = x.repo_id WHERE x.task_id = t.id)`,
  memory_key: 't.memory_key',
  facts: 't.facts',
  focus_area: 't.focus_area',
  priority: 't.priority',
  revenue_impact: 't.revenue_impact',
  goal_value: 't.goal_value',
  alignment: 't.alignment',
  confidence: 't.confidence',
  effort_hours: 't.effort_hours',
  score: 't.score',
  reasoning: 't.reasoning',
  assignee: 't.assignee',
  status: 't.status',
  claimed_by: 't.claimed_by',
  lease_expires_at: 't.lease_expires_at',
  attempts: 't.attempts',
  fingerprint: 't.fingerprint',
  depends_on: `(SELECT json_group_array('T-' || d.seq) FROM task_dependencies td JOIN tasks d ON d.id = td.depends_on_id
    WHERE td.task_id = t.id)`,
  created_at: 't.created_at',
  updated_at: 't.updated_at',
};

const FIELDS = Object.keys(SELECTED) as (keyof TaskRow)[];

/** Where each field sits in a row's values. */
const AT = Object.fromEntries(FIELDS.map((field, i) => [field, i])) as Readonly<
  Record<keyof TaskRow, number>
>;

/**
 * A task row as SQLite returns it in raw mode: the values of SELECT_TASK's fields, in order.
 * Statements that select tasks run `.raw()`: better-sqlite3 builds a 36-key object per row at
 * about twice the cost of reading the row, and a decision reads one on every request.
 */
export type TaskValues = readonly unknown[];

/** One field of a row's values. */
export const field = <K extends keyof TaskRow>(values: TaskValues, key: K): TaskRow[K] =>
  values[AT[key]] as TaskRow[K];

/**
 * Selects tasks (in raw mode: see TaskValues) with their project's name and the refs they wait on;
 * read through `index` when one is named.
 */
export const selectTask = (index?: string) => `SELECT ${FIELDS.map((f) => SELECTED[f]).join(', ')}
  FROM tasks t${index === undefined ? '' : ` INDEXED BY ${index}`} LEFT JOIN projects p ON p.id = t.project_id`;

/** Selects tasks (see selectTask). */
export const SELECT_TASK = selectTask();

/**
 * Open work in the order it is to be done: by priority, a critical bug first among equals, then
 * by ref. A plan puts a critical bug above any real work (it blocks its product), but at P10 it
 * may tie with work no plan has put on a scale since (one saved before the bug was filed, whose
 * smaller ref would list it, and hand it to a worker, first). SQLite reads the priority from the index and sorts only each tie.
 */
export const IN_ORDER = `t.priority DESC, (t.category = 'bugfix' AND json_extract(t.facts, '$.severity') = 'critical') DESC, t.seq`;

const isSource = (v: unknown): v is ItemSource =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as ItemSource).ref === 'string' &&
  typeof (v as ItemSource).url === 'string';

/** The backlog item a task was made from, with the GitHub issue it comes from when synced. */
function itemOf(v: TaskValues, seq: number): BacklogRef | null {
  const featureId = field(v, 'feature_id');
  const bugId = field(v, 'bug_id');
  const ref: BacklogRef | null =
    featureId !== null
      ? { kind: 'feature', id: featureId }
      : bugId !== null
        ? { kind: 'bug', id: bugId }
        : null;
  const source = field(v, 'item_source');
  if (ref === null || source === null) return ref;
  return { ...ref, source: jsonColumn(source, isSource, `tasks(T-${seq}).item_source`) };
}

/** A task from its row's values (see TaskValues). */
export function toTask(v: TaskValues): Task {
  const seq = field(v, 'seq');
  const where = `tasks(T-${seq})`;
  const issue = field(v, 'issue_source');
  return {
    id: field(v, 'id'),
    workspaceId: field(v, 'workspace_id'),
    ref: `T-${seq}`,
    batchId: field(v, 'batch_id'),
    title: field(v, 'title'),
    category: field(v, 'category'),
    projectId: field(v, 'project_id'),
    projectName: field(v, 'project_name'),
    playbookKey: field(v, 'playbook_key'),
    signal: field(v, 'signal'),
    subject: field(v, 'subject'),
    goalId: field(v, 'goal_id'),
    item: itemOf(v, seq),
    ...(issue === null ? {} : { issue: jsonColumn(issue, isSource, `${where}.issue_source`) }),
    memoryKey: field(v, 'memory_key'),
    facts: jsonColumn(field(v, 'facts'), isFacts, `${where}.facts`),
    focusArea: field(v, 'focus_area'),
    priority: field(v, 'priority'),
    revenueImpact: field(v, 'revenue_impact'),
    goalValue: field(v, 'goal_value'),
    alignment: field(v, 'alignment'),
    confidence: field(v, 'confidence'),
    effortHours: field(v, 'effort_hours'),
    score: field(v, 'score'),
    reasoning: jsonColumn(field(v, 'reasoning'), isStringArray, `${where}.reasoning`),
    dependsOn: jsonColumn(field(v, 'depends_on'), isStringArray, `${where}.depends_on`),
    assignee: field(v, 'assignee'),
    status: field(v, 'status'),
    claimedBy: field(v, 'claimed_by'),
    leaseExpiresAt: field(v, 'lease_expires_at'),
    attempts: field(v, 'attempts'),
    fingerprint: field(v, 'fingerprint'),
    createdAt: field(v, 'created_at'),
    updatedAt: field(v, 'updated_at'),
  };
}

export const isFacts = (v: unknown): v is TaskFacts =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** `T-12` → 12. */
export function refToSeq(ref: string): number {
  return Number(ref.replace(/^T-/i, ''));
}
