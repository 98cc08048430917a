import * as z from 'zod';
import {
  type BacklogIssue,
  type ClosedPullRequest,
  type GitHubMilestone,
  lazySchema,
} from '../../src/index.js';

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
  milestone?: RawMilestone | null;
  updated_at: string;
  /** A pull request's: GitHub's issues list holds them too, with `merged_at` once merged. */
  pull_request?: { merged_at?: string | null } | null;
  /** Its text, its author, and when it was opened and closed (a pull request's, in a sync: see mergedPullRequestOf). */
  body?: string | null;
  user?: { login: string } | null;
  created_at?: string;
  closed_at?: string | null;
  /** The REST API's own address of its repository (`…/repos/owner/name`). */
  repository_url?: string;
  /** How many issues block it; absent where GitHub has no issue dependencies (older Enterprise). */
  issue_dependencies_summary?: { total_blocked_by?: number } | null;
}

/** The fields of a milestone the connector reads, as the REST API and webhook payloads both carry them. */
export interface RawMilestone {
  number: number;
  title: string;
  due_on?: string | null;
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

const login = () => z.object({ login: z.string() });
const time = () =>
  z.string().refine((s) => !Number.isNaN(Date.parse(s)), { error: 'a time like 2026-11-21T08:00:00Z' });

/**
 * The fields of a webhook delivery the handler reads, checked before any is used: a signed
 * delivery is GitHub's, but a payload without its issue (or with one a field short) must be
 * refused with what is wrong, not fail half-way. Unknown fields pass (GitHub sends many).
 */
export const deliverySchema = lazySchema(() =>
  z.object({
    action: z.string().optional(),
    repository: z.object({ full_name: z.string().regex(/^[^/\s]+\/[^/\s]+$/, 'owner/name') }),
    sender: login().nullish(),
  }),
);

const milestoneSchema = () =>
  z.object({ number: z.number().int().min(1), title: z.string(), due_on: time().nullish() });

/** A `milestone` delivery's milestone (RawMilestone), and what an `edited` one changed. */
export const milestoneDeliverySchema = lazySchema(() =>
  z.object({
    milestone: milestoneSchema(),
    changes: z.object({ title: z.object({ from: z.string() }).optional() }).optional(),
  }),
);

/**
 * A `label` delivery's label, and what an `edited` one changed (`name.from`: its name before a
 * rename; a new colour or description changes no issue's meaning).
 */
export const labelDeliverySchema = lazySchema(() =>
  z.object({
    label: z.object({ name: z.string() }),
    changes: z.object({ name: z.object({ from: z.string() }).optional() }).optional(),
  }),
);

/** An `issues` delivery's issue (RawIssue). */
export const issueDeliverySchema = lazySchema(() =>
  z.object({
    issue: z.object({
      number: z.number().int().min(1),
      title: z.string().trim().min(1),
      state: z.enum(['open', 'closed']).optional(),
      state_reason: z.string().nullish(),
      labels: z.array(z.union([z.string(), z.object({ name: z.string().nullish() })])).optional(),
      html_url: z.string(),
      assignee: login().nullish(),
      assignees: z.array(login()).nullish(),
      milestone: milestoneSchema().nullish(),
      updated_at: time(),
      pull_request: z.object({ merged_at: z.string().nullish() }).nullish(),
    }),
  }),
);

/** A `pull_request` delivery's pull request (RawPullRequest). */
export const pullRequestDeliverySchema = lazySchema(() =>
  z.object({
    pull_request: z.object({
      number: z.number().int().min(1),
      title: z.string(),
      body: z.string().nullish(),
      html_url: z.string(),
      user: login().nullish(),
      merged: z.boolean().nullish(),
      merged_at: time().nullish(),
      merged_by: login().nullish(),
      closed_at: time().nullish(),
      created_at: time(),
    }),
  }),
);

/**
 * How many issues block `raw`, open or closed, in any repository, as its summary says; null when
 * GitHub sent no summary: it did not say.
 */
export const blockerTotal = (raw: RawIssue): number | null =>
  raw.issue_dependencies_summary?.total_blocked_by ?? null;

/** The repository an issue is of, `owner/name`, by its `repository_url`; null when it says none. */
export const repoNameOf = (raw: Pick<RawIssue, 'repository_url'>): string | null =>
  /\/repos\/([^/]+\/[^/]+)$/.exec(raw.repository_url ?? '')?.[1] ?? null;

/** Whether an issue is of the repository `fullName`, by its `repository_url` (any API host). */
export const isOfRepo = (raw: Pick<RawIssue, 'repository_url'>, fullName: string): boolean =>
  (raw.repository_url ?? '').toLowerCase().endsWith(`/repos/${fullName.toLowerCase()}`);

/** The fields of an `issue_dependencies` delivery's issue the handler reads. */
export interface RawDependencyIssue {
  number: number;
  html_url: string;
  repository_url: string;
}

/**
 * An `issue_dependencies` delivery's two issues: `blocked_issue` is blocked by `blocking_issue`,
 * whichever of them the delivery is about (`blocked_by_added` or `blocking_added`); each says its
 * repository, as one may be of another.
 */
export const dependencyDeliverySchema = lazySchema(() => {
  const issue = () =>
    z.object({ number: z.number().int().min(1), html_url: z.string(), repository_url: z.string() });
  return z.object({ blocked_issue: issue(), blocking_issue: issue() });
});

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
    milestone: raw.milestone ? toMilestone(raw.milestone) : null,
    updatedAt: raw.updated_at,
  };
}

/** A milestone as the core takes it. */
export function toMilestone(raw: RawMilestone): GitHubMilestone {
  return { number: raw.number, title: raw.title, dueOn: raw.due_on ?? null };
}

/**
 * A pull request of an issues listing (a sync's) that was merged, as the core takes it, as a
 * `pull_request` delivery's would be (its merger aside: the listing does not say who); null for an
 * issue or a pull request not merged.
 */
export function mergedPullRequestOf(raw: RawIssue): ClosedPullRequest | null {
  const mergedAt = raw.pull_request?.merged_at ?? null;
  if (mergedAt === null || raw.state !== 'closed') return null;
  return toClosedPullRequest({
    number: raw.number,
    title: raw.title,
    body: raw.body ?? null,
    html_url: raw.html_url,
    user: raw.user ?? null,
    merged_at: mergedAt,
    closed_at: raw.closed_at ?? mergedAt,
    created_at: raw.created_at ?? mergedAt,
  });
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
