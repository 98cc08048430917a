import { createHash } from 'node:crypto';
import type { WebhookPayload } from './github-schema.js';
import { GITHUB_WEB, nodeId, stableId, userJson } from './github-shapes.js';
import {
  commonFields,
  fullNameOf,
  WEBHOOK_API,
  WEBHOOK_AT,
  type WebhookCommon,
  webhookLabels,
  webhookRepository,
} from './github-webhook-payloads.js';

export interface WebhookPullInput {
  number: number;
  title: string;
  body?: string | null;
  /** The author (default `octocat`). */
  user?: string;
  /** For `closed`: merged, or closed without merging (default false). */
  merged?: boolean;
  /** Who merged it (default: the sender). */
  mergedBy?: string;
  /** When it was merged or closed (default 2026-01-05T09:00:00Z). */
  mergedAt?: string;
  createdAt?: string;
  /** Branch names (default `feature-<number>` into `main`). */
  head?: string;
  base?: string;
  labels?: string[];
  draft?: boolean;
}

/** A commit sha, 40 hex digits, the same for the same words. */
const sha = (words: string) => createHash('sha1').update(words).digest('hex');

function branch(api: string, fullName: string, ref: string) {
  const owner = fullName.split('/')[0] ?? '';
  return {
    label: `${owner}:${ref}`,
    ref,
    sha: sha(`${fullName}:${ref}`),
    user: userJson(api, owner),
    repo: webhookRepository(fullName, api),
  } satisfies NonNullable<WebhookPayload<'pull_request.closed'>['pull_request']>['head'];
}

export type PullRequestAction = 'opened' | 'edited' | 'closed' | 'reopened' | 'synchronize';

/** A `pull_request` delivery; `closed` with `pull.merged` is a merge, without it a PR closed unmerged. */
export function pullRequestPayload(action: PullRequestAction, o: WebhookCommon & { pull: WebhookPullInput }) {
  const api = o.apiUrl ?? WEBHOOK_API;
  const fullName = fullNameOf(o.repo);
  const p = o.pull;
  const url = `${api}/repos/${fullName}/pulls/${p.number}`;
  const web = `${GITHUB_WEB}/${fullName}/pull/${p.number}`;
  const closed = action === 'closed';
  const merged = closed && p.merged === true;
  const closedAt = closed ? (p.mergedAt ?? WEBHOOK_AT) : null;
  const id = stableId(`pull:${fullName}:${p.number}`);
  const pull = {
    url,
    id,
    node_id: nodeId('PullRequest', id),
    html_url: web,
    diff_url: `${web}.diff`,
    patch_url: `${web}.patch`,
    issue_url: `${api}/repos/${fullName}/issues/${p.number}`,
    number: p.number,
    state: closed ? 'closed' : 'open',
    locked: false,
    title: p.title,
    user: userJson(api, p.user ?? 'octocat'),
    body: p.body ?? null,
    labels: webhookLabels(api, fullName, p.labels ?? []),
    milestone: null,
    created_at: p.createdAt ?? WEBHOOK_AT,
    updated_at: closedAt ?? WEBHOOK_AT,
    closed_at: closedAt,
    merged_at: merged ? closedAt : null,
    merge_commit_sha: merged ? sha(`merge:${fullName}:${p.number}`) : null,
    assignee: null,
    assignees: [],
    requested_reviewers: [],
    draft: p.draft ?? false,
    head: branch(api, fullName, p.head ?? `feature-${p.number}`),
    base: branch(api, fullName, p.base ?? 'main'),
    author_association: 'MEMBER',
    auto_merge: null,
    merged,
    mergeable: null,
    mergeable_state: 'unknown',
    merged_by: merged ? userJson(api, p.mergedBy ?? o.sender ?? 'octocat') : null,
    comments: 0,
    review_comments: 0,
    maintainer_can_modify: false,
    commits: 1,
    additions: 1,
    deletions: 0,
    changed_files: 1,
  } satisfies WebhookPayload<'pull_request.closed'>['pull_request'];
  return { action, number: p.number, pull_request: pull, ...commonFields(o) };
}
