import { type Caller, canRead, canWrite, writeRefusal } from './github-access.js';
import { type GitHubAnswer, githubError, notFound, ROUTE_DOCS, validationFailed } from './github-http.js';
import { issuePage } from './github-issue-list.js';
import { issueDraft, issueUpdate } from './github-issue-writes.js';
import type { RateLimits } from './github-limits.js';
import { pageLinks, pageNumber, pageSize } from './github-pages.js';
import type { RestRateLimit } from './github-schema.js';
import { issueJson, milestoneJson, repoJson } from './github-shapes.js';
import type { FakeGitHubMilestone, FakeGitHubRepo, GitHubState } from './github-state.js';

type Params = Record<string, string | undefined>;

/** Where GitHub's 301 bodies point. */
const MOVED_DOCS =
  'https://docs.github.com/rest/guides/best-practices-for-using-the-rest-api#follow-redirects';

export interface RouteRequest {
  caller: Caller;
  params: Params;
  query: URLSearchParams;
  body: unknown;
}

export type Handler = (request: RouteRequest) => GitHubAnswer;

export interface RouteDeps {
  state: GitHubState;
  /** The fake's base URL: what `url` fields and `Link` headers are built on. */
  api: string;
  limits: RateLimits;
}

const ok = (body: unknown, headers?: Record<string, string>): GitHubAnswer => ({
  status: 200,
  body,
  headers,
});

/** `GET`/`POST`/`PATCH` and a path with `:named` segments, and what answers it. */
export type Route = [method: string, path: string, handler: Handler];

/**
 * The endpoints the fake serves. Repositories are found by `owner/name` in any case, or by id
 * under `/repositories/{id}`, the form GitHub's own `Link` headers use; a private one the caller
 * may not read is 404, exactly like one that does not exist.
 */
export function githubRoutes({ state, api, limits }: RouteDeps): Route[] {
  function visible(p: Params, caller: Caller): FakeGitHubRepo | null {
    const r =
      p.id !== undefined
        ? state.findRepoById(Number(p.id))
        : state.findRepo(`${p.owner ?? ''}/${p.repo ?? ''}`);
    return r && canRead(caller, r) ? r : null;
  }

  const getRepo: Handler = ({ caller, params }) => {
    const r = visible(params, caller);
    return r ? ok(repoJson(api, r, caller.grant ? canWrite(caller, r) : null)) : notFound(ROUTE_DOCS.getRepo);
  };

  const listIssues: Handler = ({ caller, params, query }) => {
    const r = visible(params, caller);
    if (!r) return notFound(ROUTE_DOCS.listIssues);
    const page = issuePage(r, query, `${api}/repositories/${r.id}/issues`);
    if ('status' in page) return page;
    const body = page.rows.map((i) => issueJson(api, r, i));
    return ok(body, page.link ? { link: page.link } : {});
  };

  /**
   * One issue; one deleted is 410 Gone, and one transferred 301 to where it is now (404 when the
   * caller may not read that repository), as GitHub documents "Get an issue".
   */
  const getIssue: Handler = ({ caller, params }) => {
    const r = visible(params, caller);
    const number = Number(params.number);
    const gone = r?.gone.get(number);
    if (gone?.to === null) return githubError(410, 'This issue was deleted', ROUTE_DOCS.getIssue);
    if (gone?.to) {
      if (!canRead(caller, gone.to.repo)) return notFound(ROUTE_DOCS.getIssue);
      const url = `${api}/repositories/${gone.to.repo.id}/issues/${gone.to.number}`;
      const body = { message: 'Moved Permanently', url, documentation_url: MOVED_DOCS };
      return { status: 301, body, headers: { location: url } };
    }
    const issue = r?.issues.get(number);
    return r && issue ? ok(issueJson(api, r, issue, true)) : notFound(ROUTE_DOCS.getIssue);
  };

  const createIssue: Handler = ({ caller, params, body }) => {
    const r = visible(params, caller);
    if (!r) return notFound(ROUTE_DOCS.createIssue);
    if (!canWrite(caller, r)) return writeRefusal(caller, ROUTE_DOCS.createIssue);
    const draft = issueDraft(r, body);
    if ('status' in draft) return draft;
    const issue = state.addIssue(r.fullName, { ...draft, user: caller.login ?? 'ghost' });
    const json = issueJson(api, r, issue, true);
    return { status: 201, body: json, headers: { location: String(json.url) } };
  };

  const updateIssue: Handler = ({ caller, params, body }) => {
    const r = visible(params, caller);
    const issue = r?.issues.get(Number(params.number));
    if (!r || !issue) return notFound(ROUTE_DOCS.updateIssue);
    if (!canWrite(caller, r)) return writeRefusal(caller, ROUTE_DOCS.updateIssue);
    const patch = issueUpdate(r, issue, body);
    if ('status' in patch) return patch;
    const changed = Object.keys(patch).length > 0;
    const after = changed
      ? state.updateIssue(r.fullName, issue.number, { ...patch, closedBy: caller.login ?? undefined })
      : issue;
    return ok(issueJson(api, r, after, true));
  };

  const listMilestones: Handler = ({ caller, params, query }) => {
    const r = visible(params, caller);
    if (!r) return notFound(ROUTE_DOCS.listMilestones);
    const rows = milestonesIn(r, query);
    if ('status' in rows) return rows;
    const size = pageSize(query.get('per_page') ?? undefined);
    const page = pageNumber(query.get('page') ?? undefined);
    const body = rows.slice((page - 1) * size, page * size).map((m) => milestoneJson(api, r, m));
    const link = pageLinks(`${api}/repositories/${r.id}/milestones`, query, page, rows.length);
    return ok(body, link ? { link } : {});
  };

  /** The issues blocking one, of any repository, paged by number as the milestones are. */
  const listBlockedBy: Handler = ({ caller, params, query }) => {
    const r = visible(params, caller);
    const issue = r?.issues.get(Number(params.number));
    if (!r || !issue || issue.pullRequest) return notFound(ROUTE_DOCS.listBlockedBy);
    const size = pageSize(query.get('per_page') ?? undefined);
    const page = pageNumber(query.get('page') ?? undefined);
    const rows = issue.blockedBy.slice((page - 1) * size, page * size);
    const body = rows.map((b) => issueJson(api, b.repo, b.issue));
    const base = `${api}/repositories/${r.id}/issues/${issue.number}/dependencies/blocked_by`;
    const link = pageLinks(base, query, page, issue.blockedBy.length);
    return ok(body, link ? { link } : {});
  };

  const rateLimit: Handler = ({ caller }) => {
    const core = limits.status(caller.token);
    return ok({ resources: { core }, rate: core } satisfies RestRateLimit);
  };

  return [
    ['GET', '/rate_limit', rateLimit],
    ['GET', '/repos/:owner/:repo', getRepo],
    ['GET', '/repositories/:id', getRepo],
    ['GET', '/repos/:owner/:repo/issues', listIssues],
    ['GET', '/repositories/:id/issues', listIssues],
    ['POST', '/repos/:owner/:repo/issues', createIssue],
    ['GET', '/repos/:owner/:repo/issues/:number', getIssue],
    ['GET', '/repositories/:id/issues/:number', getIssue],
    ['PATCH', '/repos/:owner/:repo/issues/:number', updateIssue],
    ['GET', '/repos/:owner/:repo/issues/:number/dependencies/blocked_by', listBlockedBy],
    ['GET', '/repositories/:id/issues/:number/dependencies/blocked_by', listBlockedBy],
    ['GET', '/repos/:owner/:repo/milestones', listMilestones],
    ['GET', '/repositories/:id/milestones', listMilestones],
  ];
}

const MILESTONE_STATES = ['open', 'closed', 'all'];

/**
 * A repository's milestones filtered and ordered as GitHub's list does: `state` open by default,
 * `sort` by `due_on` (undated last) or `completeness`, ascending unless `direction=desc`. An
 * unknown `state` is refused as the issue list refuses one (GitHub's answer here is unmeasured).
 */
function milestonesIn(r: FakeGitHubRepo, q: URLSearchParams): FakeGitHubMilestone[] | GitHubAnswer {
  const state = q.get('state') ?? 'open';
  if (!MILESTONE_STATES.includes(state))
    return validationFailed(
      [{ value: state, resource: 'Milestone', field: 'state', code: 'invalid' }],
      ROUTE_DOCS.listMilestones,
    );
  const rows = [...r.milestones.values()].filter((m) => state === 'all' || m.state === state);
  const completeness = (m: FakeGitHubMilestone) => {
    const json = milestoneJson('', r, m);
    const total = Number(json.open_issues) + Number(json.closed_issues);
    return total === 0 ? 0 : Number(json.closed_issues) / total;
  };
  const key =
    q.get('sort') === 'completeness'
      ? completeness
      : (m: FakeGitHubMilestone) => m.dueOn ?? Number.POSITIVE_INFINITY;
  const sign = q.get('direction') === 'desc' ? -1 : 1;
  return rows.sort((a, b) => sign * (key(a) - key(b) || a.number - b.number));
}
