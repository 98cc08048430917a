import { isoSeconds } from './github-http.js';
import type { WebhookPayload } from './github-schema.js';
import { GITHUB_WEB, nodeId, stableId, userJson } from './github-shapes.js';
import { parseTime } from './github-state.js';

/** Where payload `url`s point; deliveries come from github.com, so api.github.com by default. */
export const WEBHOOK_API = 'https://api.github.com';
/** The time payloads carry when a test gives none: the fake API's clock default. */
export const WEBHOOK_AT = '2026-01-05T09:00:00Z';

export interface WebhookRepoInput {
  /** `owner/name`. */
  fullName: string;
  id?: number;
  private?: boolean;
}

/** What every event carries besides its own object: who did it, and the App installation, if any. */
export interface WebhookCommon {
  repo: string | WebhookRepoInput;
  /** The login that acted (default `octocat`). */
  sender?: string;
  /** Present when the delivery goes to a GitHub App. */
  installationId?: number;
  /** The API the payload's `url`s name (default https://api.github.com). */
  apiUrl?: string;
}

export interface WebhookIssueInput {
  number: number;
  title: string;
  body?: string | null;
  /** Defaults from the action: `closed` for `closed`, else open. */
  state?: 'open' | 'closed';
  stateReason?: 'completed' | 'not_planned' | 'reopened' | 'duplicate' | null;
  labels?: string[];
  assignees?: string[];
  milestone?: WebhookMilestoneInput | null;
  user?: string;
  createdAt?: string;
  updatedAt?: string;
}

export interface WebhookMilestoneInput {
  number: number;
  title: string;
  dueOn?: string | null;
  /** Default open. */
  state?: 'open' | 'closed';
}

const repoInput = (repo: string | WebhookRepoInput): WebhookRepoInput =>
  typeof repo === 'string' ? { fullName: repo } : repo;

export const fullNameOf = (repo: string | WebhookRepoInput) => repoInput(repo).fullName;

/** `repository` as webhooks carry it: full name, owner, web and API addresses. */
export function webhookRepository(repo: string | WebhookRepoInput, api = WEBHOOK_API) {
  const { fullName, private: isPrivate = false, id = stableId(`repo:${fullName}`) } = repoInput(repo);
  const [owner = '', name = ''] = fullName.split('/');
  const url = `${api}/repos/${fullName}`;
  return {
    id,
    node_id: nodeId('Repository', id),
    name,
    full_name: fullName,
    private: isPrivate,
    owner: userJson(api, owner),
    html_url: `${GITHUB_WEB}/${fullName}`,
    description: null,
    fork: false,
    url,
    issues_url: `${url}/issues{/number}`,
    pulls_url: `${url}/pulls{/number}`,
    created_at: WEBHOOK_AT,
    updated_at: WEBHOOK_AT,
    pushed_at: WEBHOOK_AT,
    default_branch: 'main',
    visibility: isPrivate ? 'private' : 'public',
    archived: false,
    disabled: false,
    has_issues: true,
  } satisfies WebhookPayload<'ping'>['repository'];
}

/** `repository`, `sender` and, for an App, `installation`. */
export function commonFields(o: WebhookCommon) {
  const api = o.apiUrl ?? WEBHOOK_API;
  const id = o.installationId;
  return {
    repository: webhookRepository(o.repo, api),
    sender: userJson(api, o.sender ?? 'octocat'),
    installation: id === undefined ? undefined : { id, node_id: nodeId('Installation', id) },
  } satisfies WebhookPayload<'issues.opened'>;
}

/** Labels as payloads carry them; ids are stable per repository and name. */
export const webhookLabels = (api: string, fullName: string, names: readonly string[]) =>
  names.map(
    (name) =>
      ({
        id: stableId(`label:${fullName}:${name}`),
        node_id: nodeId('Label', stableId(`label:${fullName}:${name}`)),
        url: `${api}/repos/${fullName}/labels/${encodeURIComponent(name)}`,
        name,
        color: 'ededed',
        default: false,
        description: null,
      }) satisfies WebhookPayload<'issues.labeled'>['label'],
  );

const milestoneOf = (api: string, fullName: string, m: WebhookIssueInput['milestone']) =>
  m ? milestoneObject(api, fullName, m) : null;

function milestoneObject(api: string, fullName: string, m: WebhookMilestoneInput) {
  const id = stableId(`milestone:${fullName}:${m.number}`);
  const url = `${api}/repos/${fullName}/milestones/${m.number}`;
  return {
    url,
    html_url: `${GITHUB_WEB}/${fullName}/milestone/${m.number}`,
    labels_url: `${url}/labels`,
    id,
    node_id: nodeId('Milestone', id),
    number: m.number,
    title: m.title,
    description: null,
    creator: userJson(api, fullName.split('/')[0] ?? ''),
    open_issues: 1,
    closed_issues: 0,
    state: m.state ?? 'open',
    created_at: WEBHOOK_AT,
    updated_at: WEBHOOK_AT,
    closed_at: m.state === 'closed' ? WEBHOOK_AT : null,
    due_on: m.dueOn ? isoSeconds(parseTime(m.dueOn)) : null,
  } satisfies NonNullable<WebhookPayload<'issues.opened'>['issue']>['milestone'];
}

export type MilestoneAction = 'created' | 'opened' | 'closed' | 'edited' | 'deleted';

/**
 * A `milestone` delivery: the milestone as it is now (as it was, for `deleted`); `changes` what
 * `edited` changed, each as it was before (a due date `null`: it had none).
 */
export function milestonePayload(
  action: MilestoneAction,
  o: WebhookCommon & {
    milestone: WebhookMilestoneInput;
    changes?: { title?: string; dueOn?: string | null };
  },
) {
  const api = o.apiUrl ?? WEBHOOK_API;
  const before = o.changes ?? {};
  const changes =
    action !== 'edited'
      ? undefined
      : ({
          title: before.title === undefined ? undefined : { from: before.title },
          due_on:
            before.dueOn === undefined
              ? undefined
              : { from: before.dueOn === null ? '' : isoSeconds(parseTime(before.dueOn)) },
        } satisfies WebhookPayload<'milestone.edited'>['changes']);
  // Every action's payload has the same fields, but for `changes`, `edited`'s alone.
  const fields = {
    milestone: milestoneObject(api, fullNameOf(o.repo), o.milestone),
    changes,
    ...commonFields(o),
  } satisfies Omit<WebhookPayload<'milestone.edited'>, 'action'>;
  return { action, ...fields };
}

export type LabelAction = 'created' | 'edited' | 'deleted';

/**
 * A repository's `label` delivery: the label as it is now (as it was, for `deleted`); `changes`
 * what `edited` changed, each as it was before. GitHub sends no `issues` delivery for the issues
 * a renamed or deleted label was on.
 */
export function labelPayload(
  action: LabelAction,
  o: WebhookCommon & { label: string; changes?: { name?: string; color?: string } },
) {
  const api = o.apiUrl ?? WEBHOOK_API;
  const before = o.changes ?? {};
  const changes =
    action !== 'edited'
      ? undefined
      : ({
          name: before.name === undefined ? undefined : { from: before.name },
          color: before.color === undefined ? undefined : { from: before.color },
        } satisfies WebhookPayload<'label.edited'>['changes']);
  const fields = {
    label: webhookLabels(api, fullNameOf(o.repo), [o.label])[0],
    changes,
    ...commonFields(o),
  } satisfies Omit<WebhookPayload<'label.edited'>, 'action'>;
  return { action, ...fields };
}

export function issueObject(api: string, fullName: string, i: WebhookIssueInput, action: string) {
  const url = `${api}/repos/${fullName}/issues/${i.number}`;
  const state = i.state ?? (action === 'closed' ? 'closed' : 'open');
  const updatedAt = i.updatedAt ?? WEBHOOK_AT;
  const assignees = (i.assignees ?? []).map((login) => userJson(api, login));
  const reopened = action === 'reopened' ? 'reopened' : null;
  return {
    url,
    repository_url: `${api}/repos/${fullName}`,
    labels_url: `${url}/labels{/name}`,
    comments_url: `${url}/comments`,
    events_url: `${url}/events`,
    timeline_url: `${url}/timeline`,
    html_url: `${GITHUB_WEB}/${fullName}/issues/${i.number}`,
    id: stableId(`issue:${fullName}:${i.number}`),
    node_id: nodeId('Issue', stableId(`issue:${fullName}:${i.number}`)),
    number: i.number,
    title: i.title,
    user: userJson(api, i.user ?? 'octocat'),
    state,
    locked: false,
    labels: webhookLabels(api, fullName, i.labels ?? []),
    assignee: assignees[0] ?? null,
    assignees,
    milestone: milestoneOf(api, fullName, i.milestone),
    comments: 0,
    created_at: i.createdAt ?? WEBHOOK_AT,
    updated_at: updatedAt,
    closed_at: state === 'closed' ? updatedAt : null,
    author_association: 'MEMBER',
    active_lock_reason: null,
    body: i.body ?? null,
    state_reason: i.stateReason ?? (state === 'closed' ? 'completed' : reopened),
    performed_via_github_app: null,
  } satisfies WebhookPayload<'issues.opened'>['issue'];
}

/** `deleted` carries the issue as it was, as GitHub sends it. */
export type IssuesAction = 'opened' | 'edited' | 'closed' | 'reopened' | 'labeled' | 'unlabeled' | 'deleted';

/** An `issues` delivery; `label` names the label of `labeled`/`unlabeled`, `changes` what `edited` changed. */
export function issuesPayload(
  action: IssuesAction,
  o: WebhookCommon & {
    issue: WebhookIssueInput;
    label?: string;
    changes?: { title?: string; body?: string };
  },
) {
  const api = o.apiUrl ?? WEBHOOK_API;
  const fullName = fullNameOf(o.repo);
  const changes =
    action !== 'edited'
      ? undefined
      : ({
          title: o.changes?.title === undefined ? undefined : { from: o.changes.title },
          body: o.changes?.body === undefined ? undefined : { from: o.changes.body },
        } satisfies WebhookPayload<'issues.edited'>['changes']);
  const label = o.label === undefined ? undefined : webhookLabels(api, fullName, [o.label])[0];
  return { action, issue: issueObject(api, fullName, o.issue, action), changes, label, ...commonFields(o) };
}

/** The `ping` GitHub sends when a webhook is created, naming the events it was set up for. */
export function pingPayload(o: WebhookCommon & { hookId?: number; events?: string[]; url?: string }) {
  const api = o.apiUrl ?? WEBHOOK_API;
  const id = o.hookId ?? 1;
  const hooks = `${api}/repos/${fullNameOf(o.repo)}/hooks/${id}`;
  return {
    zen: 'Keep it logically awesome.',
    hook_id: id,
    hook: {
      type: 'Repository',
      id,
      name: 'web',
      active: true,
      events: o.events ?? ['issues', 'pull_request'],
      config: {
        content_type: 'json',
        insecure_ssl: '0',
        url: o.url ?? 'https://goalpost.example/github/webhook',
      },
      updated_at: WEBHOOK_AT,
      created_at: WEBHOOK_AT,
      url: hooks,
      test_url: `${hooks}/test`,
      ping_url: `${hooks}/pings`,
      deliveries_url: `${hooks}/deliveries`,
      last_response: { code: null, status: 'unused', message: null },
    },
    ...commonFields(o),
  } satisfies WebhookPayload<'ping'>;
}
