import { z } from 'zod';
import {
  TASK_STATUSES,
  type TaskAction,
  type TaskStatus,
  ValidationError,
  validate,
} from '../../src/index.js';
import { type ApiReply, type ApiRequest, ok, onlyFields, type Route } from './router.js';

const idempotencyKey = z
  .string()
  .regex(/^[\x21-\x7e]{1,128}$/, { error: 'up to 128 visible ASCII characters, like a UUID' })
  .optional();

const decisionBody = z.object({
  decision: z.enum(['approve', 'reject'], {
    error: (i) => `"approve" or "reject" (got ${JSON.stringify(i.input)})`,
  }),
  reason: z.string({ error: 'text saying why' }).optional(),
  /** The status the caller saw: if the task moved since, nothing changes and the 409 says who moved it. */
  expectedStatus: z.enum(TASK_STATUSES).optional(),
});

const outcomeBody = z.object({
  success: z.boolean({ error: (i) => `true or false (got ${JSON.stringify(i.input)})` }),
  note: z.string({ error: 'text' }).optional(),
  minutes: z.unknown().optional(),
  assignee: z.unknown().optional(),
});

const listQuery = z.object({
  status: z.array(z.string()),
  limit: z.string().optional(),
});

/** Every step goes through `decide`, with the `Idempotency-Key` header as its event id. */
function decide(
  req: ApiRequest,
  action: TaskAction,
  extra: {
    note?: string | undefined;
    minutes?: unknown;
    assignee?: unknown;
    expectedStatus?: TaskStatus | undefined;
  },
): ApiReply {
  const header = req.headers['idempotency-key'];
  const key = validate(z.object({ 'Idempotency-Key': idempotencyKey }), {
    'Idempotency-Key': Array.isArray(header) ? header[0] : header,
  })['Idempotency-Key'];
  const result = req.app.decisions.decide(req.ctx, {
    ref: req.params.ref,
    action,
    ...extra,
    // Keys are per token: another client's key never makes this request a "duplicate".
    ...(key === undefined ? {} : { eventId: `${req.client}:${key}` }),
  });
  return ok(result);
}

/** Tasks: list, show, decide, start, record the outcome. */
export const taskRoutes: Route[] = [
  {
    method: 'GET',
    path: '/api/tasks',
    role: 'member',
    what: 'listing tasks',
    handle: ({ app, ctx, query }) => {
      const q = validate(listQuery, {
        status: query.getAll('status').flatMap((s) => s.split(',').filter((x) => x.trim() !== '')),
        limit: query.get('limit') ?? undefined,
      });
      return ok({ tasks: app.tasks.list(ctx, { status: q.status, limit: q.limit }) });
    },
  },
  {
    method: 'GET',
    path: '/api/tasks/:ref',
    role: 'member',
    what: 'reading a task',
    handle: ({ app, ctx, params }) => ok(app.tasks.show(ctx, params.ref)),
  },
  {
    method: 'POST',
    path: '/api/tasks/:ref/decision',
    role: 'approver',
    what: 'deciding on a task',
    handle: (req) => {
      const b = validate(decisionBody, onlyFields(req.body, ['decision', 'reason', 'expectedStatus']));
      if (b.decision === 'reject' && (b.reason ?? '').trim() === '') {
        throw new ValidationError('reason: say why the task is rejected, e.g. "not this quarter"', 'reason');
      }
      // The task lifecycle decides what is legal, as in chat and the CLI; a caller that says what it
      // saw (as a chat button does) is refused if the task moved since.
      return decide(req, b.decision, { note: b.reason, expectedStatus: b.expectedStatus });
    },
  },
  {
    method: 'POST',
    path: '/api/tasks/:ref/start',
    role: 'member',
    what: 'starting a task',
    handle: (req) => {
      onlyFields(req.body, []);
      return decide(req, 'start', {});
    },
  },
  {
    method: 'POST',
    path: '/api/tasks/:ref/outcome',
    role: 'member',
    what: 'recording an outcome',
    handle: (req) => {
      const b = validate(outcomeBody, onlyFields(req.body, ['success', 'note', 'minutes', 'assignee']));
      if (!b.success && (b.note ?? '').trim() === '') {
        throw new ValidationError('note: say why the task failed, e.g. "the API rejects our key"', 'note');
      }
      return decide(req, b.success ? 'done' : 'fail', {
        note: b.note,
        minutes: b.minutes,
        assignee: b.assignee,
      });
    },
  },
];
