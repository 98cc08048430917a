import { createHash } from 'node:crypto';
import type { ServerResponse } from 'node:http';

/** A route's answer: status, JSON body (none for 304) and extra headers. */
export interface GitHubAnswer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** A problem in a request body or query, as GitHub lists it under `errors` in a 422. */
export interface GitHubFieldError {
  resource: string;
  field: string;
  code: 'missing' | 'missing_field' | 'invalid' | 'already_exists' | 'unprocessable' | 'custom';
  value?: unknown;
}

const DOCS = 'https://docs.github.com/rest';

/** Each route's `documentation_url`, the anchor GitHub's errors on that route name. */
export const ROUTE_DOCS = {
  getRepo: `${DOCS}/repos/repos#get-a-repository`,
  listIssues: `${DOCS}/issues/issues#list-repository-issues`,
  getIssue: `${DOCS}/issues/issues#get-an-issue`,
  createIssue: `${DOCS}/issues/issues#create-an-issue`,
  updateIssue: `${DOCS}/issues/issues#update-an-issue`,
  listMilestones: `${DOCS}/issues/milestones#list-milestones`,
  listBlockedBy: `${DOCS}/issues/issue-dependencies#list-dependencies-an-issue-is-blocked-by`,
} as const;

/**
 * GitHub's error envelope: `message`, `documentation_url`, and `status` as a string, as
 * api.github.com's error bodies carry it today.
 */
export function githubError(status: number, message: string, docs: string = DOCS, extra = {}): GitHubAnswer {
  return { status, body: { message, ...extra, documentation_url: docs, status: String(status) } };
}

export const notFound = (docs: string = DOCS): GitHubAnswer => githubError(404, 'Not Found', docs);

/** 422 "Validation Failed" with the fields at fault, the shape of GitHub's model validations. */
export const validationFailed = (errors: GitHubFieldError[], docs: string): GitHubAnswer =>
  githubError(422, 'Validation Failed', docs, { errors });

/**
 * 422 "Invalid request", GitHub's answer when a body does not match the endpoint's JSON schema
 * (`"title" wasn't supplied.`): one sentence, no `errors` array.
 */
export const invalidRequest = (detail: string, docs: string): GitHubAnswer =>
  githubError(422, `Invalid request.\n\n${detail}`, docs);

/** `W/"…"`: weak, like GitHub's, and derived from the body so an unchanged page keeps its tag. */
export const weakEtag = (json: string): string =>
  `W/"${createHash('sha256').update(json).digest('hex').slice(0, 40)}"`;

/** Whether `If-None-Match` names `etag`, compared weakly (RFC 9110 §13.1.2) as GitHub does. */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some((tag) => tag.trim() === '*' || opaque(tag) === opaque(etag));
}

/** Headers api.github.com sends on every JSON answer. */
const BASE_HEADERS = {
  'content-type': 'application/json; charset=utf-8',
  'x-github-media-type': 'github.v3; format=json',
  vary: 'Accept, Authorization, Cookie, X-GitHub-OTP',
};

/** Writes an answer: JSON with GitHub's headers, or no body at all for a 304. */
export function send(res: ServerResponse, answer: GitHubAnswer): void {
  const headers = { ...BASE_HEADERS, ...answer.headers };
  if (answer.status === 304 || answer.body === undefined) {
    res.writeHead(answer.status, headers).end();
    return;
  }
  res.writeHead(answer.status, headers).end(JSON.stringify(answer.body));
}

/** Seconds as GitHub writes timestamps: ISO 8601 in UTC, no fraction (`2011-04-22T13:33:48Z`). */
export const isoSeconds = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
