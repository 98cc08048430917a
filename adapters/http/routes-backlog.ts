import { bugInput, featureInput, projectInput } from '../../src/index.js';
import { created, ok, type Route, route } from './router.js';

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
    responds: { 201: 'the project' },
    handle: ({ app, ctx, body }) => created(app.projects.add(ctx, body)),
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
    body: featureInput().strict(),
    responds: {
      201: 'the feature, with `projectName`, `after` (the feature it waits for, or null) and `alike` (an open feature of the project whose title reads like it, or null)',
    },
    handle: ({ app, ctx, params, body }) => created(app.projects.addFeature(ctx, params.name ?? '', body)),
  }),
  route({
    method: 'POST',
    path: '/api/projects/:name/bugs',
    role: 'approver',
    what: 'recording bugs',
    body: bugInput().strict(),
    responds: { 201: 'the bug, with `projectName`' },
    handle: ({ app, ctx, params, body }) => created(app.projects.addBug(ctx, params.name ?? '', body)),
  }),
];
