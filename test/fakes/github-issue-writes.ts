import {
  type GitHubAnswer,
  githubError,
  invalidRequest,
  ROUTE_DOCS,
  validationFailed,
} from './github-http.js';
import type {
  FakeGitHubIssue,
  FakeGitHubIssueInput,
  FakeGitHubIssuePatch,
  FakeGitHubRepo,
} from './github-state.js';

type Json = Record<string, unknown>;
type Fields = Omit<FakeGitHubIssuePatch, 'closedBy'>;

const STATE_REASONS = ['completed', 'not_planned', 'reopened', 'duplicate'];

/** GitHub's JSON-schema refusal names the property and the value it could not take. */
const schema = (property: string, value: unknown, expected: string, docs: string) =>
  invalidRequest(`For 'properties/${property}', ${JSON.stringify(value)} is not ${expected}.`, docs);

/**
 * The fields of an issue body that GitHub checks, read and refused as GitHub refuses them: the
 * wrong JSON type is "Invalid request" (the schema), a blank title or an unknown milestone is
 * "Validation Failed" naming the field.
 */
function readFields(r: FakeGitHubRepo, body: Json, docs: string): Fields | GitHubAnswer {
  const out: Fields = {};
  const { title, body: text, labels, assignees, milestone, state, state_reason: reason } = body;
  if (title !== undefined) {
    if (typeof title !== 'string' && typeof title !== 'number')
      return schema('title', title, 'a string or integer', docs);
    if (String(title).trim() === '')
      return validationFailed([{ resource: 'Issue', code: 'missing_field', field: 'title' }], docs);
    out.title = String(title);
  }
  if (text !== undefined) {
    if (text !== null && typeof text !== 'string') return schema('body', text, 'a string or null', docs);
    out.body = text;
  }
  if (labels !== undefined) {
    const names = Array.isArray(labels) ? labels.map(labelName) : null;
    if (names === null || names.some((n) => n === null))
      return schema('labels', labels, 'an array of labels', docs);
    out.labels = names as string[];
  }
  if (assignees !== undefined) {
    if (!Array.isArray(assignees) || assignees.some((a) => typeof a !== 'string'))
      return schema('assignees', assignees, 'an array of strings', docs);
    out.assignees = assignees as string[];
  }
  if (milestone !== undefined) {
    const number = milestone === null ? null : Number(milestone);
    if (number !== null && !r.milestones.has(number))
      return validationFailed(
        [{ value: milestone, resource: 'Issue', field: 'milestone', code: 'invalid' }],
        docs,
      );
    out.milestone = number;
  }
  if (state !== undefined) {
    if (state !== 'open' && state !== 'closed')
      return schema('state', state, 'one of ["open", "closed"]', docs);
    out.state = state;
  }
  if (reason !== undefined) {
    if (reason !== null && !STATE_REASONS.includes(String(reason)))
      return schema('state_reason', reason, `one of ${JSON.stringify([...STATE_REASONS, null])}`, docs);
    out.stateReason = reason as Fields['stateReason'];
  }
  return out;
}

/** A label given by name or as `{ name }`, as GitHub takes both; null for anything else. */
function labelName(label: unknown): string | null {
  if (typeof label === 'string') return label;
  const name = (label as Json | null)?.name;
  return typeof label === 'object' && typeof name === 'string' ? name : null;
}

const isObject = (body: unknown): body is Json =>
  typeof body === 'object' && body !== null && !Array.isArray(body);

const notAnObject = (docs: string) => githubError(400, 'Body should be a JSON object', docs);

/** The issue a `POST …/issues` body asks for; a missing title is refused before anything else. */
export function issueDraft(
  r: FakeGitHubRepo,
  body: unknown,
): Omit<FakeGitHubIssueInput, 'user'> | GitHubAnswer {
  const docs = ROUTE_DOCS.createIssue;
  if (!isObject(body)) return notAnObject(docs);
  if (body.title === undefined) return invalidRequest('"title" wasn\'t supplied.', docs);
  // A new issue is open: GitHub's create endpoint takes no state.
  const fields = readFields(r, { ...body, state: undefined, state_reason: undefined }, docs);
  if ('status' in fields) return fields;
  return { ...fields, title: fields.title ?? '' };
}

/**
 * The change a `PATCH …/issues/{number}` body asks for, keeping only fields that differ, so a
 * body that changes nothing leaves `updated_at` alone.
 */
export function issueUpdate(r: FakeGitHubRepo, issue: FakeGitHubIssue, body: unknown): Fields | GitHubAnswer {
  const docs = ROUTE_DOCS.updateIssue;
  if (!isObject(body)) return notAnObject(docs);
  const fields = readFields(r, body, docs);
  if ('status' in fields) return fields;
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  const current: Fields = {
    ...{ title: issue.title, body: issue.body, labels: issue.labels, assignees: issue.assignees },
    ...{ milestone: issue.milestone, state: issue.state, stateReason: issue.stateReason },
  };
  const changed = Object.entries(fields).filter(([key, value]) => !same(current[key as keyof Fields], value));
  return Object.fromEntries(changed) as Fields;
}
