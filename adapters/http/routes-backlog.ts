import * as z from 'zod';
import {
  accepts,
  bugInput,
  featureInput,
  MAX_ESTIMATE_HOURS,
  MIN_ESTIMATE_HOURS,
  projectInput,
} from '../../src/index.js';
import { addedOnce, idempotencyKeyOf, ok, type Route, route } from './router.js';

// The API's own words for the fields the command line types as text (`6h`, `5%`): JSON numbers,
// refused as such, where the use cases' refusals would name the command line's forms.
const HOURS = `hours it is expected to take, a JSON number like 6 (from ${MIN_ESTIMATE_HOURS} to ${MAX_ESTIMATE_HOURS})`;
const hours = () =>
  z
    .number({ error: accepts(HOURS) })
    .min(MIN_ESTIMATE_HOURS, { error: accepts(HOURS) })
    .max(MAX_ESTIMATE_HOURS, {
      error: accepts(HOURS),
    });
const SHARE =
  'the share of what its product earns or is to win that it affects, a JSON number from 0 to 1 like 0.05 (5 %), or null';
const share = () =>
  z
    .number({ error: accepts(SHARE) })
    .min(0, { error: accepts(SHARE) })
    .max(1, { error: accepts(SHARE) })
    .nullable();
const featureBody = () => featureInput().extend({ estimate: hours().optional() }).strict();
const bugBody = () =>
  bugInput().extend({ estimate: hours().optional(), affects: share().optional() }).strict();

/**
 * The backlog over HTTP: its projects, and new projects, features and bugs, for a script that
 * keeps the team's work elsewhere (a tracker without a connector, a worker agent that finds a
 * bug). Each writes what the command line's `project add`, `feature add` and `bug add` write,
 * refused alike; a project is named in the path as it is written (`/api/projects/Basic%20EDU%20Apps`,
 * any case).
 */
export const backlogRoutes: Route[] = [
  route({
    method: 'GET',
    path: '/api/projects',
    role: 'member',
    what: 'listing projects',
    responds: { 200: '`{projects}`' },
    handle: ({ app, ctx }) => ok({ projects: app.projects.list(ctx) }),
  }),
  route({
    method: 'POST',
    path: '/api/projects',
    role: 'admin',
    what: 'adding projects',
    body: projectInput().strict(),
    idempotent: true,
    responds: {
      201: 'the project',
      200: 'the project the first request with this `Idempotency-Key` added, `duplicate: true`',
    },
    handle: (req) => addedOnce(req.app.projects.add(req.ctx, req.body, idempotencyKeyOf(req))),
  }),
  route({
    method: 'GET',
    path: '/api/projects/:name',
    role: 'member',
    what: 'reading a project',
    responds: {
      200: '`{project, features, bugs}`: each feature with `after`, the ids of the features it waits for',
    },
    handle: ({ app, ctx, params }) => ok(app.projects.show(ctx, params.name ?? '')),
  }),
  route({
    method: 'POST',
    path: '/api/projects/:name/features',
    role: 'approver',
    what: 'adding features',
    body: featureBody(),
    idempotent: true,
    responds: {
      201: 'the feature, with `projectName`, `after` (the feature it waits for, or null) and `alike` (an open feature of the project whose title reads like it, or null)',
      200: 'the feature the first request with this `Idempotency-Key` added, as it is now, `duplicate: true`',
    },
    handle: (req) =>
      addedOnce(req.app.projects.addFeature(req.ctx, req.params.name ?? '', req.body, idempotencyKeyOf(req))),
  }),
  route({
    method: 'POST',
    path: '/api/projects/:name/bugs',
    role: 'approver',
    what: 'recording bugs',
    body: bugBody(),
    idempotent: true,
    responds: {
      201: 'the bug, with `projectName`',
      200: 'the bug the first request with this `Idempotency-Key` added, as it is now, `duplicate: true`',
    },
    handle: (req) =>
      addedOnce(req.app.projects.addBug(req.ctx, req.params.name ?? '', req.body, idempotencyKeyOf(req))),
  }),
];
