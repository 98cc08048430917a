import { z } from 'zod';
import { ValidationError, validate } from '../../src/index.js';
import { created, ok, onlyFields, type Route } from './router.js';

const claimBody = z.object({
  assignee: z
    .string({ error: 'an assignee name like dev_worker1' })
    .trim()
    .min(1, { error: 'must not be empty' }),
});

/** `{ campaign: "launch" }` or `["campaign=launch"]` → the `key=value` list the use case takes. */
function contextPairs(context: unknown): unknown {
  if (typeof context !== 'object' || context === null || Array.isArray(context)) return context;
  return Object.entries(context).map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`);
}

/** The worker queue, goals and metric observations. */
export const workRoutes: Route[] = [
  {
    method: 'POST',
    path: '/api/queue/claim',
    role: 'member',
    what: 'claiming a task',
    handle: ({ app, ctx, body }) => {
      const b = validate(claimBody, onlyFields(body, ['assignee']));
      return ok(app.queue.claim(ctx, b.assignee));
    },
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
