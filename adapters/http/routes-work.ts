import { z } from 'zod';
import { accepts, ValidationError, validate } from '../../src/index.js';
import { created, ok, onlyFields, type Route } from './router.js';

const assignee = z
  .string({ error: 'an assignee name like dev_worker1' })
  .trim()
  .min(1, { error: 'must not be empty' });
const leaseMinutes = z
  .number({ error: 'minutes like 30' })
  .int({ error: 'whole minutes like 30' })
  .min(1, { error: 'at least 1 minute' })
  .max(1440, { error: 'at most 1440 minutes (a day)' });
const ref = z.string({ error: 'a task ref like T-12' }).trim().min(1);
const claimBody = z.object({
  assignee,
  leaseMinutes: leaseMinutes.optional(),
  worker: z.string({ error: 'the worker, like host:pid' }).trim().min(1).max(200).optional(),
});
/** The run `claim` answered with: names the claim, so a stale worker cannot act on a later one. */
const runId = z
  .number({ error: 'the runId the claim answered with' })
  .int({ error: 'a whole number' })
  .positive({ error: 'a positive run id' })
  .nullable()
  .optional();
const renewBody = z.object({ ref, assignee, runId, leaseMinutes: leaseMinutes.optional() });
const releaseBody = z.object({
  ref,
  assignee,
  runId,
  reason: z.string({ error: 'why, as text' }).trim().min(1).max(1000),
  output: z.string({ error: 'the output, as text' }).max(1_000_000).default(''),
});
const finishBody = z.object({
  ref,
  assignee,
  runId,
  run: z.object({
    success: z.boolean({ error: 'true or false' }),
    exitCode: z.number().int().nullable(),
    signal: z.string().max(20).nullable(),
    timedOut: z.boolean({ error: 'true or false' }),
    minutes: z.number().min(0).max(525_600),
    reason: z.string().max(10_000).nullable(),
    output: z.string().max(1_000_000),
  }),
});

/** A metric's context tags: an object, or the `key=value` list the CLI's `--context` gives. */
const metricContext = z.union(
  [z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])), z.array(z.string())],
  { error: accepts('tags as an object like {"campaign": "launch"}, or a list like ["campaign=launch"]') },
);

/** `{ campaign: "launch" }` or `["campaign=launch"]` → the `key=value` list the use case takes. */
function contextPairs(context: unknown): string[] | undefined {
  const tags = validate(z.object({ context: metricContext.optional() }), { context }).context;
  if (tags === undefined || Array.isArray(tags)) return tags;
  return Object.entries(tags).map(([k, v]) => `${k}=${v}`);
}

/** The worker queue, goals and metric observations. */
export const workRoutes: Route[] = [
  {
    method: 'POST',
    path: '/api/queue/claim',
    role: 'member',
    what: 'claiming a task',
    handle: ({ app, ctx, body }) => {
      const b = validate(claimBody, onlyFields(body, ['assignee', 'leaseMinutes', 'worker']));
      return ok(app.queue.claim(ctx, b.assignee, b.leaseMinutes, b.worker));
    },
  },
  {
    method: 'POST',
    path: '/api/queue/renew',
    role: 'member',
    what: 'renewing a lease',
    handle: ({ app, ctx, body }) => {
      const b = validate(renewBody, onlyFields(body, ['ref', 'assignee', 'runId', 'leaseMinutes']));
      return ok({ task: app.queue.renew(ctx, b, b.leaseMinutes) });
    },
  },
  {
    method: 'POST',
    path: '/api/queue/release',
    role: 'member',
    what: 'releasing a claim',
    handle: ({ app, ctx, body }) => {
      const b = validate(releaseBody, onlyFields(body, ['ref', 'assignee', 'runId', 'reason', 'output']));
      return ok({ task: app.queue.release(ctx, b, b.reason, b.output) });
    },
  },
  {
    method: 'POST',
    path: '/api/queue/finish',
    role: 'member',
    what: 'recording a run',
    handle: ({ app, ctx, body }) => {
      const b = validate(finishBody, onlyFields(body, ['ref', 'assignee', 'runId', 'run']));
      return ok(app.queue.finish(ctx, b, b.run));
    },
  },
  {
    method: 'GET',
    path: '/api/assignees',
    role: 'member',
    what: 'listing assignees',
    handle: ({ app, ctx }) => ok({ assignees: app.assignees.list(ctx) }),
  },
  {
    method: 'GET',
    path: '/api/assignees/:name',
    role: 'member',
    what: 'reading an assignee',
    handle: ({ app, ctx, params }) => ok({ assignee: app.assignees.require(ctx, params.name ?? '') }),
  },
  {
    method: 'GET',
    path: '/api/queue',
    role: 'member',
    what: 'reading the queue',
    handle: ({ app, ctx }) => ok(app.queue.view(ctx)),
  },
  {
    method: 'GET',
    path: '/api/goals',
    role: 'member',
    what: 'reading goals',
    handle: ({ app, ctx }) => ok({ goals: app.goals.list(ctx) }),
  },
  {
    method: 'POST',
    path: '/api/goals',
    role: 'admin',
    what: 'setting goals',
    handle: ({ app, ctx, body }) =>
      created(
        app.goals.add(
          ctx,
          onlyFields(body, ['metric', 'target', 'unit', 'by', 'direction', 'baseline', 'owner']),
        ),
      ),
  },
  {
    method: 'POST',
    path: '/api/metrics',
    role: 'approver',
    what: 'recording metrics',
    handle: ({ app, ctx, body }) => {
      const b = onlyFields(body, ['name', 'value', 'at', 'context']);
      try {
        return created(
          app.goals.observe(ctx, {
            metric: b.name,
            value: b.value,
            at: b.at,
            context: contextPairs(b.context),
          }),
        );
      } catch (error) {
        // The use case calls it `metric`; this body calls it `name`.
        if (error instanceof ValidationError && error.field === 'metric') {
          throw new ValidationError(error.message.replace(/^metric:/, 'name:'), 'name');
        }
        throw error;
      }
    },
  },
  {
    method: 'GET',
    path: '/api/goals/suggestions',
    role: 'member',
    what: 'reading suggestions',
    handle: ({ app, ctx }) => ok(app.report.suggest(ctx)),
  },
];
