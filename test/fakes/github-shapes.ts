import { createHash } from 'node:crypto';
import { isoSeconds } from './github-http.js';
import type { RestIssue, RestLabel, RestMilestone, RestRepo, RestUser } from './github-schema.js';
import type { FakeGitHubIssue, FakeGitHubMilestone, FakeGitHubRepo } from './github-state.js';

/** Where GitHub's web pages live; `html_url`s point here whatever API the fake stands in for. */
export const GITHUB_WEB = 'https://github.com';

/** A legacy global node id (`MDU6SXNzdWUx` is `05:Issue1`), stable for the same object. */
export const nodeId = (type: string, id: number): string =>
  Buffer.from(`0${type.length}:${type}${id}`).toString('base64');

/** A stable number for some words: a login's id, a label's, the same every run. */
export const stableId = (words: string): number =>
  Number.parseInt(createHash('sha1').update(words.toLowerCase()).digest('hex').slice(0, 7), 16);

/** GitHub's "simple user": what `user`, `assignees`, `sender` and `merged_by` carry. */
export function userJson(api: string, login: string, type: 'User' | 'Organization' = 'User') {
  const id = stableId(login);
  return {
    login,
    id,
    node_id: nodeId('User', id),
    avatar_url: `https://avatars.githubusercontent.com/u/${id}?v=4`,
    gravatar_id: '',
    url: `${api}/users/${login}`,
    html_url: `${GITHUB_WEB}/${login}`,
    repos_url: `${api}/users/${login}/repos`,
    type,
    user_view_type: 'public',
    site_admin: false,
  } satisfies RestUser;
}

export const repoApiUrl = (api: string, r: FakeGitHubRepo) => `${api}/repos/${r.owner}/${r.name}`;

interface Counts {
  version: number;
  open: Map<number | null, number>;
  closed: Map<number | null, number>;
}
const counted = new WeakMap<FakeGitHubRepo, Counts>();

/**
 * Open and closed issues per milestone (`null`: none), counted once per change to the repository
 * so a page of issues that all carry a milestone costs no more than one without.
 */
function countsOf(r: FakeGitHubRepo): Counts {
  const cached = counted.get(r);
  if (cached?.version === r.version) return cached;
  const counts: Counts = { version: r.version, open: new Map(), closed: new Map() };
  for (const { milestone, state } of r.issues.values()) {
    const bucket = state === 'open' ? counts.open : counts.closed;
    bucket.set(milestone, (bucket.get(milestone) ?? 0) + 1);
  }
  counted.set(r, counts);
  return counts;
}

/** `GET /repos/{owner}/{repo}`; `canPush` fills `permissions` as GitHub does for a token. */
export function repoJson(api: string, r: FakeGitHubRepo, canPush: boolean | null) {
  const url = repoApiUrl(api, r);
  let open = 0;
  for (const n of countsOf(r).open.values()) open += n;
  const created = isoSeconds(r.createdAt);
  const permissions =
    canPush === null
      ? undefined
      : { admin: false, maintain: false, push: canPush, triage: canPush, pull: true };
  return {
    id: r.id,
    node_id: nodeId('Repository', r.id),
    name: r.name,
    full_name: r.fullName,
    private: r.isPrivate,
    owner: userJson(api, r.owner),
    html_url: `${GITHUB_WEB}/${r.fullName}`,
    description: null,
    fork: false,
    url,
    issues_url: `${url}/issues{/number}`,
    milestones_url: `${url}/milestones{/number}`,
    labels_url: `${url}/labels{/name}`,
    created_at: created,
    updated_at: created,
    pushed_at: created,
    has_issues: true,
    archived: false,
    disabled: false,
    visibility: r.isPrivate ? 'private' : 'public',
    open_issues_count: open,
    open_issues: open,
    default_branch: 'main',
    permissions,
  } satisfies RestRepo;
}

function labelJson(api: string, r: FakeGitHubRepo, name: string) {
  const id = r.labels.get(name.toLowerCase())?.id ?? 0;
  return {
    id,
    node_id: nodeId('Label', id),
    url: `${repoApiUrl(api, r)}/labels/${encodeURIComponent(name)}`,
    name,
    color: 'ededed',
    default: false,
    description: null,
  } satisfies RestLabel;
}

const nullableTime = (ms: number | null) => (ms === null ? null : isoSeconds(ms));

/** A milestone; its issue counts are read from the repository, as GitHub's are. */
export function milestoneJson(api: string, r: FakeGitHubRepo, m: FakeGitHubMilestone) {
  const url = `${repoApiUrl(api, r)}/milestones/${m.number}`;
  const counts = countsOf(r);
  return {
    url,
    html_url: `${GITHUB_WEB}/${r.fullName}/milestone/${m.number}`,
    labels_url: `${url}/labels`,
    id: m.id,
    node_id: nodeId('Milestone', m.id),
    number: m.number,
    title: m.title,
    description: m.description,
    creator: userJson(api, r.owner),
    open_issues: counts.open.get(m.number) ?? 0,
    closed_issues: counts.closed.get(m.number) ?? 0,
    state: m.state,
    created_at: isoSeconds(m.createdAt),
    updated_at: isoSeconds(m.updatedAt),
    due_on: nullableTime(m.dueOn),
    closed_at: nullableTime(m.closedAt),
  } satisfies RestMilestone;
}

/**
 * An issue as the issues endpoints serve it. A pull request is an issue with a `pull_request`
 * key and a `/pull/` web address. `closed_by` is on single-issue answers only, as on GitHub.
 * `issue_dependencies_summary` counts what blocks it and what it blocks (`blocked_by`, `blocking`:
 * the open ones; `total_…`: all).
 */
export function issueJson(api: string, r: FakeGitHubRepo, i: FakeGitHubIssue, single = false) {
  const url = `${repoApiUrl(api, r)}/issues/${i.number}`;
  const web = `${GITHUB_WEB}/${r.fullName}/${i.pullRequest ? 'pull' : 'issues'}/${i.number}`;
  const milestone = i.milestone === null ? undefined : r.milestones.get(i.milestone);
  const assignees = i.assignees.map((login) => userJson(api, login));
  const pullRequest = i.pullRequest && {
    url: `${repoApiUrl(api, r)}/pulls/${i.number}`,
    html_url: web,
    diff_url: `${web}.diff`,
    patch_url: `${web}.patch`,
    merged_at: nullableTime(i.pullRequest.mergedAt),
  };
  const closedBy = i.closedBy ? userJson(api, i.closedBy) : null;
  return {
    url,
    repository_url: repoApiUrl(api, r),
    labels_url: `${url}/labels{/name}`,
    comments_url: `${url}/comments`,
    events_url: `${url}/events`,
    html_url: web,
    id: i.id,
    node_id: nodeId('Issue', i.id),
    number: i.number,
    title: i.title,
    user: userJson(api, i.user),
    labels: i.labels.map((name) => labelJson(api, r, name)),
    state: i.state,
    locked: false,
    assignee: assignees[0] ?? null,
    assignees,
    milestone: milestone ? milestoneJson(api, r, milestone) : null,
    comments: 0,
    created_at: isoSeconds(i.createdAt),
    updated_at: isoSeconds(i.updatedAt),
    closed_at: nullableTime(i.closedAt),
    author_association: 'MEMBER',
    active_lock_reason: null,
    draft: pullRequest ? false : undefined,
    pull_request: pullRequest || undefined,
    body: i.body,
    state_reason: i.stateReason,
    closed_by: single ? closedBy : undefined,
    issue_dependencies_summary: {
      blocked_by: i.blockedBy.filter((b) => b.issue.state === 'open').length,
      blocking: i.blocking.filter((b) => b.issue.state === 'open').length,
      total_blocked_by: i.blockedBy.length,
      total_blocking: i.blocking.length,
    },
  } satisfies RestIssue;
}
