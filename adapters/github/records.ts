import type { BacklogIssue, ClosedPullRequest } from '../../src/index.js';

/** The fields of an issue the connector reads, as the REST API and webhook payloads both carry them. */
export interface RawIssue {
  number: number;
  title: string;
  state?: string;
  state_reason?: string | null;
  labels?: ReadonlyArray<string | { name?: string | null }>;
  html_url: string;
  assignee?: { login: string } | null;
  assignees?: ReadonlyArray<{ login: string }> | null;
  milestone?: { title: string; due_on?: string | null } | null;
  updated_at: string;
  pull_request?: unknown;
}

/** The fields of a pull request the connector reads, as a `pull_request` delivery carries them. */
export interface RawPullRequest {
  number: number;
  title: string;
  body?: string | null;
  html_url: string;
  user?: { login: string } | null;
  merged?: boolean | null;
  merged_at?: string | null;
  merged_by?: { login: string } | null;
  closed_at?: string | null;
  created_at: string;
}

/** GitHub's issues list holds pull requests too; only issues are backlog. */
export const isPullRequest = (raw: RawIssue): boolean => raw.pull_request != null;

/** An issue as the core takes it. */
export function toBacklogIssue(raw: RawIssue): BacklogIssue {
  const labels = (raw.labels ?? [])
    .map((l) => (typeof l === 'string' ? l : (l.name ?? '')))
    .filter((l) => l !== '');
  return {
    number: raw.number,
    title: raw.title,
    state: raw.state === 'closed' ? 'closed' : 'open',
    stateReason: raw.state_reason ?? null,
    labels,
    htmlUrl: raw.html_url,
    assignee: raw.assignee?.login ?? raw.assignees?.[0]?.login ?? null,
    milestone: raw.milestone ? { title: raw.milestone.title, dueOn: raw.milestone.due_on ?? null } : null,
    updatedAt: raw.updated_at,
  };
}

/** A closed pull request as the core takes it. */
export function toClosedPullRequest(raw: RawPullRequest): ClosedPullRequest {
  const merged = raw.merged === true || (raw.merged_at ?? null) !== null;
  return {
    number: raw.number,
    title: raw.title,
    body: raw.body ?? '',
    htmlUrl: raw.html_url,
    author: raw.user?.login ?? 'ghost',
    merged,
    mergedBy: merged ? (raw.merged_by?.login ?? null) : null,
    closedAt: (merged ? raw.merged_at : raw.closed_at) ?? raw.closed_at ?? raw.created_at,
    createdAt: raw.created_at,
  };
}
