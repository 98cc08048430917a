import * as z from 'zod';
import {
  accepts,
  goalChangeInput,
  goalInput,
  isOneCleanLine,
  MAX_LEASE_MINUTES,
  measure,
  observationInput,
  ownKeysOnly,
  reasonText,
  shown,
} from '../../src/index.js';
import { created, ok, type Route, route } from './router.js';

const assignee = z
  .string({ error: 'an assignee name like dev_worker1' })
  .trim()
  .min(1, { error: 'must not be empty' });
// Each refusal quotes what came, as every other field's does; a number sent as text is told so.
const got = (i: { input?: unknown }): string =>
  `${typeof i.input === 'string' ? ', a JSON number, not text' : ''} (got ${shown(i.input)})`;
const leaseMinutes = z
  .number({ error: (i) => `minutes like 30${got(i)}` })
  .int({ error: (i) => `whole minutes like 30${got(i)}` })
  .min(1, { error: (i) => `at least 1 minute${got(i)}` })
  .max(MAX_LEASE_MINUTES, { error: (i) => `at most ${MAX_LEASE_MINUTES} minutes (a week)${got(i)}` });
const ref = z.string({ error: 'a task ref like T-12' }).trim().min(1);
const claimBody = z.strictObject({
  assignee,
  leaseMinutes: leaseMinutes.optional(),
  worker: z
    .string({ error: 'the worker, like host:pid' })
    .trim()
    .min(1)
    .max(200)
    .refine(isOneCleanLine, {
      error: 'one line without control characters or tabs, like host:pid',
    })
    .optional(),
});
/** The run `claim` answered with: names the claim, so a stale worker cannot act on a later one. */
const runId = z
  .number({ error: (i) => `the runId the claim answered with${got(i)}` })
  .int({ error: (i) => `a whole number${got(i)}` })
  .positive({ error: (i) => `a positive run id${got(i)}` })
  .nullable()
  .optional();
const renewBody = z.strictObject({ ref, assignee, runId, leaseMinutes: leaseMinutes.optional() });
const releaseBody = z.strictObject({
  ref,
  assignee,
  runId,
  reason: reasonText().min(1, { error: 'say why, as text' }),
  output: z.string({ error: 'the output, as text' }).max(1_000_000).default(''),
});
/**
 * The signals a command can be ended by, on Linux, macOS and Windows (where Node names SIGBREAK):
 * a review's finish naming SIGFOO was recorded as `exit SIGFOO`.
 */
const SIGNALS = [
  'SIGABRT',
  'SIGALRM',
  'SIGBREAK',
  'SIGBUS',
  'SIGCHLD',
  'SIGCONT',
  'SIGEMT',
  'SIGFPE',
  'SIGHUP',
  'SIGILL',
  'SIGINFO',
  'SIGINT',
  'SIGIO',
  'SIGIOT',
  'SIGKILL',
  'SIGLOST',
  'SIGPIPE',
  'SIGPOLL',
  'SIGPROF',
  'SIGPWR',
  'SIGQUIT',
  'SIGSEGV',
  'SIGSTKFLT',
  'SIGSTOP',
  'SIGSYS',
  'SIGTERM',
  'SIGTRAP',
  'SIGTSTP',
  'SIGTTIN',
  'SIGTTOU',
  'SIGUNUSED',
  'SIGURG',
  'SIGUSR1',
  'SIGUSR2',
  'SIGVTALRM',
  'SIGWINCH',
  'SIGXCPU',
  'SIGXFSZ',
] as const;

const finishBody = z.strictObject({
  ref,
  assignee,
  runId,
  run: z.strictObject({
    success: z.boolean({ error: 'true or false' }),
    // What a process can exit with: its status's low 8 bits; a run a signal ended says so in `signal`.
    exitCode: z
      .number()
      .int()
      .min(0)
      .max(255)
      .nullable()
      .describe('the command’s exit status, 0 to 255; null when a signal ended it (named in signal)'),
    signal: z
      .enum(SIGNALS, { error: accepts('a signal that ended the command, like SIGTERM, or null') })
      .nullable(),
    timedOut: z.boolean({ error: 'true or false' }),
    minutes: z.number().min(0).max(525_600),
    reason: z.string().max(10_000).nullable(),
    output: z.string().max(1_000_000),
  }),
});

/**
 * The body limit of a run's report (release, finish): its output's tail, up to 65,536 characters,
 * is some 400 KB as JSON at worst (every character an escaped control character), past the 64 KiB
 * every other route takes. A report refused for its size left the task claimed until its lease ran out.
 */
const REPORT_BODY_BYTES = 1024 * 1024;

/** A metric's context tags: an object, or the `key=value` list the CLI's `--context` gives. */
const metricContext = ownKeysOnly(
  z.union([z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])), z.array(z.string())], {
    error: accepts('tags as an object like {"campaign": "launch"}, or a list like ["campaign=launch"]'),
  }),
);

/** An observation as the API names it: `name` is the metric. */
const metricBody = z.strictObject({
  name: observationInput().shape.metric.describe('the metric, like active_teachers'),
  // A JSON number, as the metrics webhook takes it: the command line's text ("12") is its own.
  value: measure('a number like 420'),
  at: observationInput().shape.at,
  context: metricContext.optional(),
});

/** `{ campaign: "launch" }` or `["campaign=launch"]` → the `key=value` list the use case takes. */
function contextPairs(context: z.output<typeof metricContext> | undefined): string[] | undefined {
  if (context === undefined || Array.isArray(context)) return context;
  return Object.entries(context).map(([k, v]) => `${k}=${v}`);
}

/** The worker queue, goals and metric observations. */
export const workRoutes: Route[] = [
  route({
    method: 'POST',
    path: '/api/queue/claim',
    role: 'member',
    what: 'claiming a task',
    body: claimBody,
    responds: {
      200: '`{task, reason, requeued, expiredFailed, runId}`; with no task, `reason` says why (what the approved tasks wait for); `requeued` and `expiredFailed`: tasks whose lease had run out, returned to the queue or (the last time allowed) failed first',
    },
    handle: ({ app, ctx, body: b }) => ok(app.queue.claim(ctx, b.assignee, b.leaseMinutes, b.worker)),
  }),
  route({
    method: 'POST',
    path: '/api/queue/renew',
    role: 'member',
    what: 'renewing a lease',
    body: renewBody,
    responds: { 200: '`{task}` with its new lease' },
    handle: ({ app, ctx, body: b }) => ok({ task: app.queue.renew(ctx, b, b.leaseMinutes) }),
  }),
  route({
    method: 'POST',
    path: '/api/queue/release',
    role: 'member',
    what: 'releasing a claim',
    body: releaseBody,
    maxBodyBytes: REPORT_BODY_BYTES,
    responds: { 200: '`{task}`, back in the queue' },
    handle: ({ app, ctx, body: b }) => ok({ task: app.queue.release(ctx, b, b.reason, b.output) }),
  }),
  route({
    method: 'POST',
    path: '/api/queue/finish',
    role: 'member',
    what: 'recording a run',
    body: finishBody,
    maxBodyBytes: REPORT_BODY_BYTES,
    responds: { 200: '`{task, recorded, why}`: `why` says why a late report left the task alone' },
    handle: ({ app, ctx, body: b }) => ok(app.queue.finish(ctx, b, b.run)),
  }),
  route({
    method: 'GET',
    path: '/api/assignees',
    role: 'member',
    what: 'listing assignees',
    responds: { 200: '`{assignees}`' },
    handle: ({ app, ctx }) => ok({ assignees: app.assignees.list(ctx) }),
  }),
  route({
    method: 'GET',
    path: '/api/assignees/:name',
    role: 'member',
    what: 'reading an assignee',
    responds: { 200: '`{assignee}`' },
    handle: ({ app, ctx, params }) => ok({ assignee: app.assignees.require(ctx, params.name ?? '') }),
  }),
  route({
    method: 'GET',
    path: '/api/queue',
    role: 'member',
    what: 'reading the queue',
    responds: {
      200: '`{claims, started, waiting, blocked, requeued, expiredFailed}`: who holds what (leases, and tasks started without one), the approved tasks, and what each blocked one waits for',
    },
    handle: ({ app, ctx }) => ok(app.queue.view(ctx)),
  }),
  route({
    method: 'GET',
    path: '/api/goals',
    role: 'member',
    what: 'reading goals',
    responds: { 200: '`{goals}` with their analytics' },
    handle: ({ app, ctx }) => ok({ goals: app.goals.list(ctx) }),
  }),
  route({
    method: 'POST',
    path: '/api/goals',
    role: 'admin',
    what: 'setting goals',
    body: goalInput().strict(),
    responds: { 201: 'the goal' },
    handle: ({ app, ctx, body }) => created(app.goals.add(ctx, body)),
  }),
  route({
    method: 'POST',
    path: '/api/goals/:metric',
    role: 'admin',
    what: 'changing goals',
    body: goalChangeInput().omit({ metric: true }).strict(),
    responds: { 200: 'the goal, with `changes`: what changed in words (none: nothing did)' },
    handle: ({ app, ctx, params, body }) => ok(app.goals.change(ctx, { ...body, metric: params.metric })),
  }),
  route({
    method: 'POST',
    path: '/api/goals/:metric/archive',
    role: 'admin',
    what: 'archiving goals',
    responds: { 200: 'the goal, archived, with `openTasks`: its tasks still open' },
    handle: ({ app, ctx, params }) => ok(app.goals.archive(ctx, params.metric)),
  }),
  route({
    method: 'POST',
    path: '/api/metrics',
    role: 'approver',
    what: 'recording metrics',
    body: metricBody,
    responds: { 201: 'the observation' },
    handle: ({ app, ctx, body: b }) =>
      created(
        app.goals.observe(ctx, {
          metric: b.name,
          value: b.value,
          at: b.at,
          context: contextPairs(b.context),
        }),
      ),
  }),
  route({
    method: 'GET',
    path: '/api/goals/suggestions',
    role: 'member',
    what: 'reading suggestions',
    responds: { 200: 'the next nudge per goal, and continue / modify / retire per playbook' },
    handle: ({ app, ctx }) => ok(app.report.suggest(ctx)),
  }),
];
