import * as z from 'zod';
import {
  outcomeInput,
  reasonText,
  TASK_STATUSES,
  type TaskAction,
  type TaskStatus,
  taskListInput,
  ValidationError,
} from '../../src/index.js';
import {
  type ApiReply,
  type ApiRequest,
  created,
  idempotencyKeyOf,
  ok,
  type Route,
  route,
} from './router.js';

const decisionBody = z.strictObject({
  decision: z.enum(['approve', 'reject'], {
    error: (i) => `"approve" or "reject" (got ${JSON.stringify(i.input)})`,
  }),
  reason: reasonText().optional().describe('why (at most 1,000 characters); a rejection needs one'),
  expectedStatus: z
    .enum(TASK_STATUSES)
    .optional()
    .describe('the status you saw: if the task moved since, 409 saying who moved it, and nothing changes'),
});

const retryBody = z.strictObject({
  note: reasonText().optional().describe('why it is tried again (at most 1,000 characters)'),
});

const outcomeBody = z.strictObject({
  success: z.boolean({ error: (i) => `true or false (got ${JSON.stringify(i.input)})` }),
  note: reasonText().optional().describe('what happened (at most 1,000 characters); a failure needs one'),
  ...outcomeInput().shape,
});

/** `?status=open,proposed` or `?status=open&status=proposed`: one list either way. */
const commaList = (value: unknown): unknown =>
  typeof value === 'string' || Array.isArray(value)
    ? [value]
        .flat()
        .flatMap((s) => String(s).split(','))
        .filter((s) => s.trim() !== '')
    : value;

const listQuery = z.strictObject({
  status: z
    .preprocess(commaList, taskListInput().shape.status)
    .optional()
    .describe('statuses, comma-separated or repeated; `open` is every open one, `all` every status'),
  limit: taskListInput().shape.limit.describe('at most this many (default 100)'),
});

/** Every step goes through `decide`, with the `Idempotency-Key` header as its event id. */
function decide<B, Q>(
  req: ApiRequest<B, Q>,
  action: TaskAction,
  extra: {
    note?: string | undefined;
    minutes?: unknown;
    assignee?: unknown;
    expectedStatus?: TaskStatus | undefined;
  },
): ApiReply {
  const eventId = idempotencyKeyOf(req);
  const result = req.app.decisions.decide(req.ctx, {
    ref: req.params.ref,
    action,
    ...extra,
    ...(eventId === undefined ? {} : { eventId }),
  });
  return ok(result);
}

const STEP_REPLY = {
  200: 'the task, the `action`, whether it `changed`, whether it was a `duplicate` (same Idempotency-Key), who took it there `already`, and the tasks `released` from waiting for it; a rejected task approved after all adds the rejection it `overturned` and what it set right (`setRight`: `holds back T-2 again until it is done`); a rejection adds how long plans hold its work back (`held`: `until`, the rejections counted `times`, the hold in `days`; with `waitsOn`, the open task its reason waits for, `until T-11 ships`: held while that task is open), and what its reason calls for instead (`splitSuggested`, `doneSuggested`, `moveSuggested`, `affectsSuggested`, `waitsSuggested`); a failure adds when plans propose its work again (`proposedAgainFrom`, with `proposedAgainBy` when its reason set it: `{judged: true, rememberedDays}` for work its users judged); a cancel of a task made from a backlog item still open names the item (`itemLeftOpen`: `feature #5`), which a later plan may propose again',
};

/** Tasks: list, show, decide, start, record the outcome. */
export const taskRoutes: Route[] = [
  route({
    method: 'GET',
    path: '/api/tasks',
    role: 'member',
    what: 'listing tasks',
    query: listQuery,
    responds: { 200: '`{tasks}`: open ones highest priority first, then closed ones the latest first' },
    handle: ({ app, ctx, query }) => ok({ tasks: app.tasks.list(ctx, query) }),
  }),
  route({
    method: 'GET',
    path: '/api/tasks/:ref',
    role: 'member',
    what: 'reading a task',
    responds: { 200: '`{task, events, runs}`: the task, its event log, and its worker runs' },
    handle: ({ app, ctx, params }) => ok(app.tasks.show(ctx, params.ref)),
  }),
  route({
    method: 'POST',
    path: '/api/tasks/:ref/decision',
    role: 'approver',
    what: 'deciding on a task',
    body: decisionBody,
    idempotent: true,
    responds: STEP_REPLY,
    handle: (req) => {
      const b = req.body;
      if (b.decision === 'reject' && (b.reason ?? '').trim() === '') {
        throw new ValidationError('reason: say why the task is rejected, e.g. "not this quarter"', 'reason');
      }
      // The task lifecycle decides what is legal, as in chat and the CLI; a caller that says what it
      // saw (as a chat button does) is refused if the task moved since.
      return decide(req, b.decision, { note: b.reason, expectedStatus: b.expectedStatus });
    },
  }),
  route({
    method: 'POST',
    path: '/api/tasks/:ref/retry',
    role: 'approver',
    what: 'retrying a task',
    body: retryBody,
    responds: {
      201: '`{failed, task, changed: true, said}`: the failed task, the new approved task doing its work, and what the new task does differently (`waits for T-3, as T-2 did`)',
      200: '`{failed, task, changed: false, said}`: the task was retried already; `task` is that retry, and nothing was written',
    },
    handle: ({ app, ctx, params, body }) => {
      const result = app.decisions.retry(ctx, params.ref, body.note);
      return result.changed ? created(result) : ok(result);
    },
  }),
  route({
    method: 'POST',
    path: '/api/tasks/:ref/start',
    role: 'member',
    what: 'starting a task',
    idempotent: true,
    responds: STEP_REPLY,
    handle: (req) => decide(req, 'start', {}),
  }),
  route({
    method: 'POST',
    path: '/api/tasks/:ref/outcome',
    role: 'member',
    what: 'recording an outcome',
    body: outcomeBody,
    idempotent: true,
    responds: STEP_REPLY,
    handle: (req) => {
      const b = req.body;
      if (!b.success && (b.note ?? '').trim() === '') {
        throw new ValidationError('note: say why the task failed, e.g. "the API rejects our key"', 'note');
      }
      return decide(req, b.success ? 'done' : 'fail', {
        note: b.note,
        minutes: b.minutes,
        assignee: b.assignee,
      });
    },
  }),
];
