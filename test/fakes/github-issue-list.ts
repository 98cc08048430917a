import { type GitHubAnswer, githubError, validationFailed } from './github-http.js';
import { echoedFilters, pageNumber, pageSize, urlWith } from './github-pages.js';
import type { FakeGitHubIssue, FakeGitHubRepo, IssueIndex } from './github-state.js';

/** Where GitHub's 422s on this listing point (not the route's own anchor, as measured on it). */
const LIST_DOCS = 'https://docs.github.com/v3/issues/#list-issues';

/** Query parameters GitHub takes on this listing that the fake does not model: refused loudly. */
const UNMODELLED = ['milestone', 'assignee', 'type', 'creator', 'mentioned'];
const PAGING = ['page', 'per_page', 'after', 'before'];

/**
 * Past this many rows, GitHub refuses `page` on a repository's issues and asks for its cursors
 * (`after`/`before`, which its `Link` header carries): page 11 at 100 a page is a 422.
 */
const PAGE_DEPTH_LIMIT = 1000;

/** A position in a listing: the sort key and number of the row a cursor stands after or before. */
type Key = [time: number, number: number];

/** An opaque cursor; GitHub's decode to `cursor:v2:` and a key too. */
const encodeCursor = (key: Key): string => Buffer.from(`cursor:v2:${JSON.stringify(key)}`).toString('base64');

function decodeCursor(raw: string): Key | null {
  const text = Buffer.from(raw, 'base64').toString('utf8');
  const match = /^cursor:v2:(\[\d+,\d+\])$/.exec(text);
  return match?.[1] ? (JSON.parse(match[1]) as Key) : null;
}

/** ISO 8601 as GitHub reads `since`: a date, or a date and time with an optional zone. */
const ISO_8601 = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

function parseSince(raw: string): number | null {
  if (!ISO_8601.test(raw)) return null;
  const zoned = raw.includes('T') && !/(Z|[+-]\d{2}:?\d{2})$/.test(raw) ? `${raw}Z` : raw;
  const ms = Date.parse(zoned);
  return Number.isNaN(ms) ? null : ms;
}

interface Plan {
  index: IssueIndex;
  descending: boolean;
  keep: (issue: FakeGitHubIssue) => boolean;
  /** For `sort=updated`: nothing earlier than this can match, so a walk may stop there. */
  floor: number | null;
}

const invalid = (field: string, value: string) =>
  validationFailed([{ value, resource: 'Issue', field, code: 'invalid' }], LIST_DOCS);

/**
 * How the query orders and filters: `state` and `since` refused when GitHub refuses them (422),
 * an unknown `sort` or `direction` read as the default order (newest created first), as GitHub
 * does. `comments` sorts by a count that is 0 for every fake issue, and ties keep the default order.
 */
function plan(r: FakeGitHubRepo, q: URLSearchParams): Plan | GitHubAnswer {
  const unmodelled = UNMODELLED.find((name) => q.has(name));
  if (unmodelled) return githubError(501, `fake GitHub does not model the \`${unmodelled}\` filter`);
  const state = q.get('state') ?? 'open';
  if (!['open', 'closed', 'all'].includes(state)) return invalid('state', state);
  const sinceRaw = q.get('since');
  const since = sinceRaw === null ? null : parseSince(sinceRaw);
  if (sinceRaw !== null && since === null) return invalid('since', sinceRaw);
  const labels = (q.get('labels') ?? '')
    .split(',')
    .map((l) => l.trim().toLowerCase())
    .filter(Boolean);
  const sort = q.get('sort') ?? 'created';
  const direction = q.get('direction') ?? 'desc';
  const known = ['created', 'updated', 'comments'].includes(sort) && ['asc', 'desc'].includes(direction);
  const byUpdated = known && sort === 'updated';
  const keep = (i: FakeGitHubIssue) =>
    (state === 'all' || i.state === state) &&
    (since === null || i.updatedAt >= since) &&
    labels.every((name) => i.labels.some((l) => l.toLowerCase() === name));
  return {
    index: byUpdated ? r.byUpdated : r.byCreated,
    descending: !known || sort === 'comments' || direction === 'desc',
    keep,
    floor: byUpdated ? since : null,
  };
}

/**
 * The matching rows after `key` in listing order, or before it going back (`back`), nearest
 * first; from the start (or the end, going back) when there is no key.
 */
function* rowsFrom(p: Plan, key: Key | null, back: boolean): Generator<FakeGitHubIssue> {
  const { items, timeOf, lowerBound } = p.index;
  const up = p.descending === back;
  let i: number;
  if (key !== null) i = up ? lowerBound(key[0], key[1] + 1) : lowerBound(key[0], key[1]) - 1;
  else if (!up) i = items.length - 1;
  else i = p.floor === null ? 0 : lowerBound(p.floor, 0);
  for (; i >= 0 && i < items.length; i += up ? 1 : -1) {
    const issue = items[i] as FakeGitHubIssue;
    if (p.floor !== null && timeOf(issue) < p.floor) {
      if (up) continue;
      return;
    }
    if (p.keep(issue)) yield issue;
  }
}

function take(rows: Iterator<FakeGitHubIssue>, count: number, skip = 0): FakeGitHubIssue[] {
  const out: FakeGitHubIssue[] = [];
  for (let next = rows.next(); !next.done && out.length < count + skip; next = rows.next())
    out.push(next.value);
  return out.slice(skip);
}

export interface IssuePage {
  rows: FakeGitHubIssue[];
  link: string | null;
}

/**
 * One page of `GET /repos/{owner}/{repo}/issues`, paged as api.github.com pages this listing
 * today: by cursor. Its `Link` carries `rel="next"` (with `after`) and `rel="prev"` (with
 * `before`) only, never `first` or `last`; `per_page` is written as applied, `page` only when the
 * caller asserted one of 2 or more; a cursor overrides `page`; an empty page carries no `Link`.
 * Work is one binary search and a walk of the page (plus any rows the filters skip).
 */
export function issuePage(r: FakeGitHubRepo, q: URLSearchParams, base: string): IssuePage | GitHubAnswer {
  const p = plan(r, q);
  if ('status' in p) return p;
  const perPage = pageSize(q.get('per_page') ?? undefined);
  const after = q.get('after');
  const before = q.get('before');
  const cursor = after ?? before;
  const key = cursor === null ? null : decodeCursor(cursor);
  // GitHub does not document its answer to a cursor it did not issue; this one names the parameter.
  if (cursor !== null && key === null)
    return githubError(422, `\`${after !== null ? 'after' : 'before'}\` is not a valid cursor`, LIST_DOCS);
  const page = pageNumber(q.get('page') ?? undefined);
  const skip = cursor === null ? (page - 1) * perPage : 0;
  if (skip >= PAGE_DEPTH_LIMIT)
    return githubError(
      422,
      'Pagination with the page parameter is not supported for large datasets, please use cursor based pagination (after/before)',
      LIST_DOCS,
    );
  const back = after === null && before !== null;
  const rows = back
    ? take(rowsFrom(p, key, true), perPage).reverse()
    : take(rowsFrom(p, key, false), perPage, skip);
  return { rows, link: rows.length === 0 ? null : issueLinks(p, q, base, rows, perPage) };
}

function issueLinks(p: Plan, q: URLSearchParams, base: string, rows: FakeGitHubIssue[], perPage: number) {
  const keyOf = (i: FakeGitHubIssue): Key => [p.index.timeOf(i), i.number];
  const first = rows[0] as FakeGitHubIssue;
  const last = rows[rows.length - 1] as FakeGitHubIssue;
  const hasNext = !rowsFrom(p, keyOf(last), false).next().done;
  const hasPrev = !rowsFrom(p, keyOf(first), true).next().done;
  const asserted = q.has('page') ? pageNumber(q.get('page') ?? undefined) : 0;
  const filters = echoedFilters(q, PAGING);
  const link = (step: number, cursor: [string, string], rel: string) => {
    const page: Array<[string, number]> = asserted >= 2 ? [['page', asserted + step]] : [];
    return `<${urlWith(base, [...filters, ['per_page', perPage], ...page, cursor])}>; rel="${rel}"`;
  };
  const parts: string[] = [];
  if (hasNext) parts.push(link(1, ['after', encodeCursor(keyOf(last))], 'next'));
  if (hasPrev) parts.push(link(-1, ['before', encodeCursor(keyOf(first))], 'prev'));
  return parts.length > 0 ? parts.join(', ') : null;
}
