import type { ItemSource } from '../domain/project.js';
import type { BacklogRef, Task, TaskFacts, TaskStatus } from '../domain/task.js';
import { isStringArray, jsonColumn } from './json-column.js';

/** A row of `tasks` as SQLite returns it, with its project's name and its prerequisites' refs. */
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

/** Selects tasks with what `toTask` needs: the project's name and the refs the task waits on. */
export const SELECT_TASK = `SELECT t.*, p.name AS project_name,
  (SELECT json_group_array('T-' || d.seq) FROM task_dependencies td JOIN tasks d ON d.id = td.depends_on_id
    WHERE td.task_id = t.id) AS depends_on,
  CASE WHEN t.feature_id IS NOT NULL OR t.bug_id IS NOT NULL THEN
    (SELECT json_object('ref', r.full_name || '#' || gi.number, 'url', gi.html_url)
     FROM github_issues gi JOIN github_repos r ON r.id = gi.repo_id
     WHERE gi.feature_id = t.feature_id OR gi.bug_id = t.bug_id) END AS item_source,
  (SELECT json_object('ref', r.full_name || '#' || x.number, 'url', x.html_url)
   FROM github_task_issues x JOIN github_repos r ON r.id = x.repo_id WHERE x.task_id = t.id) AS issue_source
  FROM tasks t LEFT JOIN projects p ON p.id = t.project_id`;

const isSource = (v: unknown): v is ItemSource =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as ItemSource).ref === 'string' &&
  typeof (v as ItemSource).url === 'string';

/** The backlog item a task was made from, with the GitHub issue it comes from when synced. */
function itemOf(r: TaskRow): BacklogRef | null {
  const ref: BacklogRef | null =
    r.feature_id !== null
      ? { kind: 'feature', id: r.feature_id }
      : r.bug_id !== null
        ? { kind: 'bug', id: r.bug_id }
        : null;
  if (ref === null || r.item_source === null) return ref;
  return { ...ref, source: jsonColumn(r.item_source, isSource, `tasks(T-${r.seq}).item_source`) };
}

export function toTask(r: TaskRow): Task {
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
    item: itemOf(r),
    ...(r.issue_source === null
      ? {}
      : { issue: jsonColumn(r.issue_source, isSource, `tasks(T-${r.seq}).issue_source`) }),
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

export const isFacts = (v: unknown): v is TaskFacts =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** `T-12` → 12. */
export function refToSeq(ref: string): number {
  return Number(ref.replace(/^T-/i, ''));
}
