import * as z from 'zod';
import { generateOptions, visionFields } from '../../src/index.js';
import { withAliases } from './aliases.js';
import { ok, type Route, route } from './router.js';

/** The batch options, also under the names the seed's Python scripts send (`max_tasks`, `dry_run`). */
const generateBody = withAliases(generateOptions().shape, { dry_run: 'dryRun', max_tasks: 'maxTasks' });

/**
 * A vision change: the fields `vision set` takes (snake_case), or what GET answered (camelCase),
 * so a script can fetch the vision, edit it and send it back. GET's read-only fields may come back
 * too: `version` then says which version the edit started from.
 */
const visionBody = withAliases(
  {
    ...visionFields().shape,
    version: z
      .number()
      .int()
      .positive()
      .optional()
      .describe('the version your edit started from (GET gives it): if the vision changed since, 409'),
    workspaceId: z.string().optional().describe('read-only, as GET gives it; ignored'),
    createdBy: z.string().optional().describe('read-only, as GET gives it; ignored'),
    createdAt: z.string().optional().describe('read-only, as GET gives it; ignored'),
  },
  {
    primaryGoal: 'primary_goal',
    focusAreas: 'focus_areas',
    revenueTargets: 'revenue_targets',
    successMetrics: 'success_metrics',
  },
);

/** The seed's `/api/goal-engine/*` routes, with auth and real status codes. */
export const engineRoutes: Route[] = [
  route({
    method: 'POST',
    path: '/api/goal-engine/generate',
    role: 'approver',
    what: 'generating a batch',
    body: generateBody,
    responds: {
      200: 'the batch: `batch` (its number in the workspace, as texts name it; `batchId` its id across the database; null in a dry run), `generated` candidates, `proposed` under the cap `maxTasks` (the one asked, or the free slots of the team when fewer: `capacity` then says so, with `slots`, `busy`, `waiting` (approved work nobody holds that someone at work takes), `untaken` (approved work nobody at work takes, which holds no slot), `free`, `awaiting` (of the free slots, those the proposals awaiting a decision take: each holds one once approved), `beyond` (the critical tasks that came with no free slot for them), `empty` (the free slots the work left out does not fill, whatever the cap: none of it fits them, or what fits waits for other work first) and a `note`; else null; critical work comes beyond it), `cut` (how many candidates the batch left out: by the cap, for want of room, or as nobody with a free slot takes them), `cutBy` (`{cap, room, noTaker}`, summing to `cut`: those a higher cap would propose, those waiting for a slot of someone who takes them (in a batch the cap filled, with what scores 0), those no free slot takes or that wait for work none takes (or come only with it); null with no assignees or `ignoreCapacity`, where the cap cut them all) and `cutByCap` (the best 50 of them), `outscoringBugs` (of those, the medium bugs scoring above work the batch holds, at most three, each with its `bugId`: a batch gives one medium bug, at most, the place of the weakest work it outscores that the team has not committed to (its card says so), the rest come after the real work whatever they score, and `bug severity <id> high` says one is more pressing), `unvalued` (how many it left out with room for them, as they score 0) and `unvaluedWork` (the first 50, with their projects), `queued` (saved; 0 in a dry run), `skipped`, and the tasks with their reasoning',
    },
    handle: async ({ jobs, ctx, body }) => ok(await jobs.generate(ctx, body)),
  }),
  route({
    method: 'GET',
    path: '/api/goal-engine/vision',
    role: 'member',
    what: 'reading the vision',
    responds: { 200: 'the active vision (camelCase; PUT takes it back as it is)' },
    handle: ({ app, ctx }) => ok(app.vision.show(ctx)),
  }),
  route({
    method: 'PUT',
    path: '/api/goal-engine/vision',
    role: 'admin',
    what: 'changing the vision',
    body: visionBody,
    responds: {
      200: 'the new version, with `strandedProjects`: projects on focus areas it no longer has, and `awaitingDecision`: tasks proposed under an earlier version that still await a decision (`{ref, version}`)',
    },
    handle: ({ app, ctx, body }) => {
      const { version, workspaceId: _w, createdBy: _by, createdAt: _at, ...fields } = body;
      return ok(app.vision.update(ctx, fields, version));
    },
  }),
  route({
    method: 'GET',
    path: '/api/goal-engine/state',
    role: 'member',
    what: 'reading the state',
    responds: {
      200: 'where the team stands: revenue against the milestone, projects, blockers, opportunities, `strandedProjects`',
    },
    handle: ({ app, ctx }) => ok(app.engine.state(ctx)),
  }),
  route({
    method: 'GET',
    path: '/api/goal-engine/revenue',
    role: 'member',
    what: 'reading revenue',
    responds: { 200: 'revenue against the milestone, and the revenue `records`' },
    handle: ({ app, ctx }) => ok({ ...app.engine.state(ctx).revenue, records: app.revenue.list(ctx) }),
  }),
  route({
    method: 'POST',
    path: '/api/goal-engine/learn',
    role: 'approver',
    what: 'rebuilding the routing statistics',
    responds: { 200: 'the routing table per category, with evidence' },
    handle: async ({ jobs, ctx }) => ok(await jobs.learn(ctx)),
  }),
];
