import { VISION_FIELDS } from '../../src/index.js';
import { ok, onlyFields, type Route } from './router.js';

/** The seed's `/api/goal-engine/*` routes, with auth and real status codes. */
export const engineRoutes: Route[] = [
  {
    method: 'POST',
    path: '/api/goal-engine/generate',
    role: 'approver',
    what: 'generating a batch',
    handle: ({ app, ctx, body }) => {
      const b = onlyFields(body, ['dryRun', 'maxTasks']);
      return ok(app.engine.generate(ctx, { dryRun: b.dryRun ?? false, maxTasks: b.maxTasks }));
    },
  },
  {
    method: 'GET',
    path: '/api/goal-engine/vision',
    role: 'member',
    what: 'reading the vision',
    handle: ({ app, ctx }) => ok(app.vision.show(ctx)),
  },
  {
    method: 'PUT',
    path: '/api/goal-engine/vision',
    role: 'admin',
    what: 'changing the vision',
    handle: ({ app, ctx, body }) => ok(app.vision.update(ctx, onlyFields(body, VISION_FIELDS))),
  },
  {
    method: 'GET',
    path: '/api/goal-engine/state',
    role: 'member',
    what: 'reading the state',
    handle: ({ app, ctx }) => ok(app.engine.state(ctx)),
  },
  {
    method: 'GET',
    path: '/api/goal-engine/revenue',
    role: 'member',
    what: 'reading revenue',
    handle: ({ app, ctx }) => ok({ ...app.engine.state(ctx).revenue, records: app.revenue.list(ctx) }),
  },
  {
    method: 'POST',
    path: '/api/goal-engine/learn',
    role: 'approver',
    what: 'rebuilding the routing statistics',
    handle: ({ app, ctx, body }) => {
      onlyFields(body, []);
      return ok(app.learning.learn(ctx));
    },
  },
];
