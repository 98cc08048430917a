import { type Job, scheduleJob } from 'node-schedule';
import type { Goalpost } from '../app.js';
import type { ChatPort } from '../delivery/chat-port.js';
import { digestChannels, postLeaveNews } from '../delivery/post-leave.js';
import type { Clock } from '../domain/clock.js';
import type { Ctx } from '../domain/ctx.js';
import type { Logger } from '../domain/logger.js';
import type { Platform } from '../domain/reply.js';
import type { GoalStatus } from '../feedback/analyse-goal.js';
import { type HeavyJobs, inlineJobs } from '../jobs/heavy-jobs.js';
import type { Store } from '../store/create-store.js';
import { leaveHandOnText } from '../views/leave.js';
import { sendReminders } from './remind.js';

/** The background jobs besides digests. */
export const MAINTENANCE_JOBS = ['learning', 'leases', 'prune', 'goals', 'reminders', 'leave'] as const;
export type MaintenanceJob = (typeof MAINTENANCE_JOBS)[number];

/**
 * When each maintenance job runs by default (cron): learning and pruning nightly, leases every 5
 * minutes, goals hourly, reminders and leave every 10 minutes.
 */
export const DEFAULT_MAINTENANCE: Record<MaintenanceJob, string> = {
  learning: '17 3 * * *',
  leases: '*/5 * * * *',
  prune: '43 3 * * *',
  goals: '7 * * * *',
  reminders: '*/10 * * * *',
  leave: '*/10 * * * *',
};

/** A goal whose status changed since the goal watch last looked (or needs attention on its first look). */
export interface GoalStatusChange {
  workspaceId: string;
  metric: string;
  from: GoalStatus | null;
  to: GoalStatus;
  why: string;
}

/** What one maintenance run did, per workspace where it did something. */
export interface MaintenanceResult {
  job: MaintenanceJob;
  at: string;
  /**
   * learning: workspaces whose statistics changed; leases: task refs requeued; prune: events
   * dropped; reminders: where one was posted, for which tasks.
   */
  details: Array<Record<string, unknown>>;
  /** goals only: the status changes seen. */
  changes: GoalStatusChange[];
  errors: number;
}

export interface MaintenanceDeps {
  app: Goalpost;
  store: Store;
  clock: Clock;
  logger: Logger;
  /** processed_events older than this many days are dropped (default 30). */
  pruneAfterDays?: number;
  /** Called for each goal status change the goal watch sees. */
  onGoalStatusChange?: (change: GoalStatusChange) => void;
  /** Where the learning rebuild runs (the bot's job thread); default: this thread. */
  jobs?: HeavyJobs;
  /** The chat connections reminders are posted through; none: reminders wait for a process that has them. */
  ports?: Partial<Record<Platform, ChatPort>>;
}

const NEEDS_ATTENTION: readonly GoalStatus[] = ['at_risk', 'off_track'];

/**
 * The maintenance jobs, each over every workspace; one failing workspace is logged and skipped.
 * - `learning`: rebuilds routing statistics from the event log (`learn`, on the job thread: a
 *   million outcomes take seconds), logging where they changed.
 * - `leases`: returns expired queue claims to the queue (or fails them after the last attempt).
 * - `prune`: drops handled platform event ids older than `pruneAfterDays`.
 * - `goals`: analyses every goal and reports status changes (on its first look: goals at risk or
 *   off track), so a goal sliding off track is logged within the hour, not at the next digest.
 * - `reminders`: the one reminder of each digest task still undecided after its channel's
 *   remind-after (see `sendReminders`).
 * - `leave`: offers again the open work of assignees whose time off has begun (see
 *   `handOnLeave`), saying what moved in the workspace's digest channels.
 */
export function createMaintenance(deps: MaintenanceDeps) {
  const { app, store, logger } = deps;
  const heavy = deps.jobs ?? inlineJobs(app);
  const seen = new Map<string, GoalStatus>();

  async function eachWorkspace(
    job: MaintenanceJob,
    fn: (ctx: Ctx) => Record<string, unknown> | null | Promise<Record<string, unknown> | null>,
  ): Promise<MaintenanceResult> {
    const result: MaintenanceResult = {
      job,
      at: deps.clock.now().toISOString(),
      details: [],
      changes: [],
      errors: 0,
    };
    for (const workspaceId of store.workspaces.list()) {
      try {
        const detail = await fn(
          app.context({ workspaceId, actor: 'scheduler', source: 'scheduler', role: 'admin' }),
        );
        if (detail) result.details.push({ workspace: workspaceId, ...detail });
      } catch (error) {
        result.errors += 1;
        logger.error({ err: error, job, workspace: workspaceId }, 'maintenance job failed for a workspace');
      }
    }
    return result;
  }

  const jobs: Record<MaintenanceJob, () => Promise<MaintenanceResult>> = {
    learning: () =>
      eachWorkspace('learning', async (ctx) => {
        const r = await heavy.learn(ctx);
        logger.info(
          { workspace: ctx.workspaceId, outcomes: r.outcomes, pairs: r.pairs, changed: !r.unchanged },
          r.unchanged ? 'learning refreshed: statistics unchanged' : 'learning refreshed: statistics changed',
        );
        return r.unchanged ? null : { outcomes: r.outcomes, pairs: r.pairs };
      }),
    leases: () =>
      eachWorkspace('leases', (ctx) => {
        const { requeued, expiredFailed } = app.queue.view(ctx);
        if (requeued.length === 0 && expiredFailed.length === 0) return null;
        logger.info({ workspace: ctx.workspaceId, requeued, expiredFailed }, 'expired queue claims returned');
        return expiredFailed.length === 0 ? { requeued } : { requeued, failed: expiredFailed };
      }),
    prune: async () => {
      const now = deps.clock.now();
      const before = new Date(now.getTime() - (deps.pruneAfterDays ?? 30) * 86_400_000).toISOString();
      const result: MaintenanceResult = {
        job: 'prune',
        at: now.toISOString(),
        details: [],
        changes: [],
        errors: 0,
      };
      try {
        const dropped = store.transaction(() => store.processed.prune(before));
        logger.info({ dropped, before }, 'processed event ids pruned');
        result.details.push({ dropped, before });
      } catch (error) {
        result.errors += 1;
        logger.error({ err: error }, 'pruning processed event ids failed');
      }
      return result;
    },
    reminders: async () => {
      const result: MaintenanceResult = {
        job: 'reminders',
        at: deps.clock.now().toISOString(),
        details: [],
        changes: [],
        errors: 0,
      };
      try {
        const { sent, errors } = await sendReminders({ app, ports: deps.ports ?? {}, logger });
        result.details.push(...sent.map((r) => ({ ...r })));
        result.errors = errors;
      } catch (error) {
        result.errors += 1;
        logger.error({ err: error }, 'sending reminders failed');
      }
      return result;
    },
    leave: () =>
      eachWorkspace('leave', async (ctx) => {
        const handed = app.people.handOnLeave(ctx);
        if (handed.length === 0) return null;
        const posted = await postLeave(deps, ctx.workspaceId, handed.map(leaveHandOnText));
        const refs = handed.flatMap((h) => h.handedOn.map((t) => t.ref));
        logger.info({ workspace: ctx.workspaceId, refs, posted }, 'work of people on leave offered again');
        return { handedOn: handed, posted };
      }),
    goals: async () => {
      const changes: GoalStatusChange[] = [];
      const result = await eachWorkspace('goals', (ctx) => {
        for (const g of app.goals.list(ctx)) {
          const key = `${ctx.workspaceId}\u0000${g.goal.metric}`;
          const from = seen.get(key) ?? null;
          seen.set(key, g.status);
          if (from === g.status || (from === null && !NEEDS_ATTENTION.includes(g.status))) continue;
          const change = {
            workspaceId: ctx.workspaceId,
            metric: g.goal.metric,
            from,
            to: g.status,
            why: g.why,
          };
          changes.push(change);
          const level = NEEDS_ATTENTION.includes(g.status) ? 'warn' : 'info';
          logger[level](
            { workspace: ctx.workspaceId, goal: g.goal.metric, from, to: g.status, why: g.why },
            'goal status',
          );
          deps.onGoalStatusChange?.(change);
        }
        return null;
      });
      return { ...result, changes };
    },
  };
  return jobs;
}

/**
 * Posts what a leave moved in each digest channel of the workspace this process has a connection
 * for; the channels it was posted in (none: only the log and each task's history say it).
 */
async function postLeave(deps: MaintenanceDeps, workspaceId: string, lines: string[]): Promise<string[]> {
  const channels = digestChannels(workspaceId, deps.store.subscriptions.list(workspaceId));
  return (await postLeaveNews(deps, channels, lines)).posted;
}

/**
 * Arms each maintenance job on its cron expression (`false` leaves one off) into `armed`; a job
 * that fails is logged, never thrown into node-schedule. `track` is handed each run in progress.
 */
export function armMaintenance(
  jobs: ReturnType<typeof createMaintenance>,
  options: { maintenance?: Partial<Record<MaintenanceJob, string | false>>; maintenanceTimeZone?: string },
  logger: Logger,
  armed: Map<MaintenanceJob, Job>,
  track: (run: Promise<unknown>) => void,
): void {
  for (const name of MAINTENANCE_JOBS) {
    const cron = options.maintenance?.[name] ?? DEFAULT_MAINTENANCE[name];
    if (cron === false) continue;
    const tz = options.maintenanceTimeZone;
    const job = scheduleJob(tz ? { rule: cron, tz } : cron, () => {
      track(
        jobs[name]().catch((error: unknown) => {
          logger.error({ err: error, job: name }, 'maintenance job failed');
        }),
      );
    });
    if (job) armed.set(name, job);
    else logger.error({ job: name, cron }, 'cannot schedule maintenance job: not a cron expression');
  }
}
