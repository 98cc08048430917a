import { type Job, scheduleJob } from 'node-schedule';
import type { Goalpost } from '../app.js';
import type { ChatPort } from '../delivery/chat-port.js';
import type { Clock } from '../domain/clock.js';
import type { Logger } from '../domain/logger.js';
import type { Platform } from '../domain/reply.js';
import { systemTimers, type Timers } from '../domain/timers.js';
import type { HeavyJobs } from '../jobs/heavy-jobs.js';
import type { Store } from '../store/create-store.js';
import { MAX_RUN_ATTEMPTS, type Subscription } from '../store/subscription-repository.js';
import { asDate, ruleFor, ruleSignature, skippedByRule } from './job-rule.js';
import {
  armMaintenance,
  createMaintenance,
  type GoalStatusChange,
  type MaintenanceJob,
  type MaintenanceResult,
} from './maintenance.js';
import { noConnection, type RunResult, runDue } from './run-due.js';

export interface SchedulerOptions {
  app: Goalpost;
  /** Needed by the maintenance jobs (workspaces, pruning); without it only digests are scheduled. */
  store?: Store;
  /** The chat connections of this process, read at each run (so ports added later count). */
  ports: Partial<Record<Platform, ChatPort>>;
  clock: Clock;
  logger: Logger;
  /** How late a missed digest may still be posted (GOALPOST_DIGEST_GRACE_MINUTES). */
  graceMinutes: number;
  /** Cron expressions for the maintenance jobs (defaults in DEFAULT_MAINTENANCE); `false` turns one off. */
  maintenance?: Partial<Record<MaintenanceJob, string | false>>;
  /** Time zone of those cron expressions (default: the machine's). */
  maintenanceTimeZone?: string;
  /** Wait before retrying a failed digest while its grace window lasts (default 5 minutes). */
  retryDelayMs?: number;
  /**
   * How often the subscriptions table is read again (default a minute): a schedule added, changed
   * or removed by the CLI or another process is armed by then, without a restart.
   */
  rereadMs?: number;
  /** Timer functions for those retries and re-reads (injected in tests). */
  timers?: Timers;
  pruneAfterDays?: number;
  onGoalStatusChange?: (change: GoalStatusChange) => void;
  /** Where digests and reports are built (the bot's job thread); default: this thread. */
  jobs?: HeavyJobs;
}

/** The running bot's clock work: digest and report jobs from the subscriptions, and maintenance. */
export interface Scheduler {
  /** Arms every job, then posts what was missed while the bot was down (within the grace window). */
  start(): Promise<RunResult[]>;
  /**
   * Re-arms from the subscriptions table: drops removed or changed jobs, adds new ones, leaves the
   * rest as they are. Runs every `rereadMs` while started, and at once when chat changes a schedule.
   */
  sync(): void;
  /** Cancels every job and retry, and waits for runs in progress. `start` works again after. */
  stop(): Promise<void>;
  /** Each subscription's job and its next firing. */
  jobs(): Array<{ subscriptionId: number; next: Date | null }>;
  /** Each maintenance job and its next firing. */
  maintenanceJobs(): Array<{ job: MaintenanceJob; next: Date | null }>;
  /** Runs one maintenance job now (what its timer does). @throws Error without a store. */
  runMaintenance(job: MaintenanceJob): Promise<MaintenanceResult>;
  /** Runs what is due now: every subscription (as on start), or one as its job does (retry included). */
  runDue(subscriptionId?: number): Promise<RunResult[]>;
}

/**
 * Builds the scheduler: one node-schedule job per subscription whose handler runs `runDue` for
 * it (a failed post is retried after `retryDelayMs` while attempts and the grace window last),
 * and the maintenance jobs (learning refresh, lease sweep, pruning, goal watch).
 */
export function createScheduler(options: SchedulerOptions): Scheduler {
  const { app, logger } = options;
  const log = logger.child({ component: 'scheduler' });
  const timers = options.timers ?? systemTimers;
  const digestJobs = new Map<number, { job: Job; signature: string; subscription: Subscription }>();
  const gapJobs = new Map<number, Job>();
  const upkeep = new Map<MaintenanceJob, Job>();
  const retries = new Set<unknown>();
  let reread: unknown = null;
  const inFlight = new Set<Promise<unknown>>();
  const maintenance = options.store
    ? createMaintenance({ ...options, store: options.store, logger: log })
    : null;
  let started = false;

  function track<T>(p: Promise<T>): Promise<T> {
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p));
    return p;
  }

  function run(subscriptionId?: number, graceMinutes = options.graceMinutes): Promise<RunResult[]> {
    const deps = {
      app,
      ports: options.ports,
      clock: options.clock,
      logger: log,
      graceMinutes,
      ...(options.jobs ? { jobs: options.jobs } : {}),
    };
    return track(runDue(deps, subscriptionId === undefined ? {} : { subscriptionId }));
  }

  /** What a subscription's job does: run it, and retry a failed post later while attempts remain. */
  async function fire(subscriptionId: number): Promise<RunResult[]> {
    // A job that fires on time is never "missed" because of the timer's own lateness.
    const results = await run(subscriptionId, Math.max(options.graceMinutes, 1));
    results.forEach(retryLater);
    const armed = digestJobs.get(subscriptionId);
    if (started && armed) coverGap(armed.subscription, armed.job);
    return results;
  }

  /** Adds a one-off job for an occurrence the rule skips (a time lost to spring forward). */
  function coverGap(s: Subscription, job: Job): void {
    gapJobs.get(s.id)?.cancel();
    gapJobs.delete(s.id);
    const at = skippedByRule(s, options.clock.now(), asDate(job.nextInvocation()));
    const extra = at && scheduleJob(at, () => track(fire(s.id)));
    if (extra) gapJobs.set(s.id, extra);
  }

  function retryLater(r: RunResult): void {
    if (!started || r.status !== 'failed' || r.localDate === null) return;
    const attempts = app.subscriptions.runs.find(r.subscriptionId, r.localDate)?.attempts ?? MAX_RUN_ATTEMPTS;
    if (attempts >= MAX_RUN_ATTEMPTS) return;
    const retry = () => {
      retries.delete(handle);
      if (started) void track(fire(r.subscriptionId));
    };
    const handle = timers.setTimeout(retry, options.retryDelayMs ?? 5 * 60_000);
    retries.add(handle);
    log.info({ subscription: r.subscriptionId, attempts }, 'post failed; retrying later');
  }

  /**
   * Reads the subscriptions again in `rereadMs`, and so on until stopped: a `goalpost schedule add`
   * while the bot runs tells it nothing (only chat's commands do), and was never posted.
   */
  function rereadLater(): void {
    reread = timers.setTimeout(() => {
      reread = null;
      if (!started) return;
      sync();
      rereadLater();
    }, options.rereadMs ?? 60_000);
  }

  /** Re-arms from the subscriptions table, then catches up what it armed now (see arm). */
  function sync(): void {
    arm(true);
  }

  /**
   * Arms what the subscriptions table says; `catchUp`: then runs each subscription armed now (new,
   * or changed) for an occurrence already due: one the CLI added seconds before its time, or moved
   * to a minute that passed before this read, is owed today (its job's next firing is tomorrow),
   * and the claim per local date keeps one already posted from posting again. `start` runs every
   * subscription itself.
   */
  function arm(catchUp: boolean): void {
    if (!started) return;
    let current: Subscription[];
    try {
      current = app.subscriptions.runs.all();
    } catch (error) {
      log.error({ err: error }, 'cannot read subscriptions; jobs left as they were');
      return;
    }
    const wanted = new Map(current.map((s) => [s.id, s]));
    let dropped = 0;
    for (const [id, armed] of digestJobs) {
      const s = wanted.get(id);
      if (s && ruleSignature(s) === armed.signature) continue;
      armed.job.cancel();
      gapJobs.get(id)?.cancel();
      gapJobs.delete(id);
      digestJobs.delete(id);
      dropped += 1;
    }
    let armedNow = 0;
    for (const s of current) {
      if (digestJobs.has(s.id)) continue;
      let job: Job | null = null;
      try {
        job = scheduleJob(ruleFor(s), () => track(fire(s.id)));
      } catch (error) {
        log.error({ err: error }, 'node-schedule refused a subscription');
      }
      if (!job) {
        log.error({ subscription: s.id, time: s.time, timeZone: s.timeZone }, 'cannot schedule subscription');
        continue;
      }
      digestJobs.set(s.id, { job, signature: ruleSignature(s), subscription: s });
      coverGap(s, job);
      armedNow += 1;
      log.debug({ subscription: s.id, next: asDate(job.nextInvocation()) }, 'subscription armed');
      if (!options.ports[s.platform]) {
        log.warn(
          { subscription: s.id, platform: s.platform, channel: s.channelId },
          noConnection(s.platform),
        );
      }
      if (catchUp) void track(fire(s.id));
    }
    if (armedNow + dropped > 0) log.info({ armed: armedNow, dropped }, 'subscription jobs re-armed');
  }

  return {
    async start() {
      if (started) return [];
      started = true;
      arm(false);
      rereadLater();
      if (maintenance) armMaintenance(maintenance, options, log, upkeep, track);
      else log.info({}, 'no store given: maintenance jobs are off');
      const results = await run();
      results.forEach(retryLater);
      return results;
    },
    sync,
    async stop() {
      started = false;
      if (reread !== null) timers.clearTimeout(reread);
      reread = null;
      for (const { job } of digestJobs.values()) job.cancel();
      for (const jobs of [gapJobs, upkeep]) for (const job of jobs.values()) job.cancel();
      for (const jobs of [digestJobs, gapJobs, upkeep]) jobs.clear();
      for (const handle of retries) timers.clearTimeout(handle);
      retries.clear();
      await Promise.allSettled([...inFlight]);
    },
    jobs: () =>
      [...digestJobs].map(([subscriptionId, { job }]) => ({
        subscriptionId,
        next: asDate(gapJobs.get(subscriptionId)?.nextInvocation() ?? job.nextInvocation()),
      })),
    maintenanceJobs: () => [...upkeep].map(([job, j]) => ({ job, next: asDate(j.nextInvocation()) })),
    runMaintenance(job) {
      if (!maintenance) throw new Error('maintenance jobs need the store: pass `store` to createScheduler');
      return track(maintenance[job]());
    },
    runDue: (subscriptionId) => (subscriptionId === undefined ? run() : track(fire(subscriptionId))),
  };
}
