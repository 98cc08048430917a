import type { Goalpost } from '../app.js';
import { inChatSyntax } from '../commands/chat-syntax.js';
import type { ChatPort } from '../delivery/chat-port.js';
import { deliver } from '../delivery/deliver.js';
import type { Clock } from '../domain/clock.js';
import { latestOccurrence } from '../domain/due.js';
import type { Logger } from '../domain/logger.js';
import type { Platform, Reply, View } from '../domain/reply.js';
import { asGoalpostError, ChatRefusedError, type ErrorCode, isShown } from '../errors.js';
import { type HeavyJobs, inlineJobs } from '../jobs/heavy-jobs.js';
import { MAX_RUN_ATTEMPTS, type Subscription } from '../store/subscription-repository.js';
import { digestLayout } from '../views/digest.js';

/** What happened to one subscription in a run. */
export type RunStatus =
  | 'posted'
  | 'already_posted'
  | 'missed'
  | 'no_port'
  | 'failed'
  /** The platform refused the post for a reason a retry will not cure (see ChatRefusedError). */
  | 'refused'
  /** A digest held back: every approver of the channel's platform is away or off that day. */
  | 'held'
  | 'not_due';

export interface RunResult {
  subscriptionId: number;
  workspaceId: string;
  kind: Subscription['kind'];
  platform: Platform;
  channelId: string;
  status: RunStatus;
  /** The local date the run belongs to (the key that keeps it from posting twice); null when not due. */
  localDate: string | null;
  /** When it was due (ISO); null when not due. */
  scheduledFor: string | null;
  /** Minutes between when it was due and now. */
  lateMinutes: number | null;
  /** The digest's batch, when one was posted: its id, and its number in the workspace ("batch 1"). */
  batchId: number | null;
  batch: number | null;
  /** Messages posted. */
  messages: number;
  /** Why it failed, or what the run found (a missed digest's lateness, the claim already held). */
  reason: string | null;
  /**
   * What kind of failure a `failed` or `refused` run met (`E_DB_BUSY`, `E_DB_FULL`,
   * `E_CHAT_REFUSED`…: see ERRORS), so a cron job's exit says it; null otherwise, and for a run
   * given up after its attempts.
   */
  error: ErrorCode | null;
}

export interface RunDueDeps {
  app: Goalpost;
  /** The chat connections this process has; a subscription on another platform is left unclaimed. */
  ports: Partial<Record<Platform, ChatPort>>;
  clock: Clock;
  logger: Logger;
  /** How late a digest may still be posted (minutes after its time). */
  graceMinutes: number;
  /**
   * Whether a failure to read the subscriptions throws (the CLI: a locked database is not "nothing
   * scheduled") instead of being logged as none (the bot's scheduler, which never rejects).
   */
  rethrow?: boolean;
  /** Where digests and reports are built (the bot's job thread); default: this thread. */
  jobs?: HeavyJobs;
}

export interface RunDueFilter {
  subscriptionId?: number;
  /** Only this workspace's subscriptions (`schedule run-due --workspace`). */
  workspaceId?: string;
}

const describe = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** What gives the bot a connection to each platform, for a warning that it has none. */
const CONNECTED_BY: Record<Platform, string> = {
  slack: 'SLACK_BOT_TOKEN (or Slack OAuth)',
  discord: 'DISCORD_TOKEN',
  console: 'the console chat (GOALPOST_CONSOLE=on)',
};

/**
 * The warning for a subscription on a platform this process has no connection for: a bot started
 * without SLACK_BOT_TOKEN (a `.env` mistake) logged only "subscription armed", and never posted.
 */
export const noConnection = (platform: Platform): string =>
  `no ${platform} connection in this process: this subscription is not posted (set ${CONNECTED_BY[platform]}, or run a bot that has one)`;

/**
 * Posts what is due at the clock's now: for each subscription (of every workspace) its latest
 * occurrence, if not yet posted for that local date, still within the grace window, and a port
 * for its platform is at hand. Claiming (subscription, local date) first means two processes, or
 * a job and a catch-up, never post the same digest twice. Never rejects; a failing subscription
 * does not stop the others.
 */
export async function runDue(deps: RunDueDeps, filter: RunDueFilter = {}): Promise<RunResult[]> {
  const { app, logger } = deps;
  let subscriptions: Subscription[];
  try {
    subscriptions = app.subscriptions.runs.all();
  } catch (error) {
    if (deps.rethrow === true) throw error;
    logger.error({ err: error }, 'cannot read subscriptions');
    return [];
  }
  const results: RunResult[] = [];
  for (const s of subscriptions) {
    if (filter.subscriptionId !== undefined && s.id !== filter.subscriptionId) continue;
    if (filter.workspaceId !== undefined && s.workspaceId !== filter.workspaceId) continue;
    results.push(await runOne(deps, s));
  }
  return results;
}

async function runOne(deps: RunDueDeps, s: Subscription): Promise<RunResult> {
  const { app, logger } = deps;
  const log = logger.child({ subscription: s.id, workspace: s.workspaceId, kind: s.kind });
  const now = deps.clock.now();
  const base = {
    subscriptionId: s.id,
    workspaceId: s.workspaceId,
    kind: s.kind,
    platform: s.platform,
    channelId: s.channelId,
    batchId: null,
    batch: null,
    messages: 0,
    error: null,
  };
  const due = latestOccurrence(s, now);
  // An occurrence from before the subscription existed is not owed: the first post is the next one.
  if (!due || due.at.getTime() < Date.parse(s.createdAt)) {
    return {
      ...base,
      status: 'not_due',
      localDate: null,
      scheduledFor: null,
      lateMinutes: null,
      reason: null,
    };
  }
  const at = {
    localDate: due.localDate,
    scheduledFor: due.at.toISOString(),
    lateMinutes: Math.floor((now.getTime() - due.at.getTime()) / 60_000),
  };
  const result = (status: RunStatus, reason: string | null = null, extra: object = {}): RunResult => ({
    ...base,
    ...at,
    status,
    reason,
    ...extra,
  });
  let runId: number | null = null;
  try {
    const prior = app.subscriptions.runs.find(s.id, due.localDate);
    // A digest held earlier that day was not posted: every later run of the day says so, and why.
    if (prior?.status === 'skipped') return result('held', prior.error);
    if (prior && prior.status !== 'failed') {
      return result('already_posted', `${prior.status} at ${prior.finishedAt ?? prior.startedAt}`, {
        batchId: prior.batchId,
        batch: prior.batch,
      });
    }
    if (prior && prior.attempts >= MAX_RUN_ATTEMPTS) {
      return result('failed', `gave up after ${prior.attempts} attempts: ${prior.error ?? 'unknown error'}`);
    }
    if (now.getTime() - due.at.getTime() > deps.graceMinutes * 60_000) {
      log.warn(
        { localDate: due.localDate, lateMinutes: at.lateMinutes },
        'digest missed: past the grace window',
      );
      return result('missed', `${at.lateMinutes} min late; the grace window is ${deps.graceMinutes} min`);
    }
    const port = deps.ports[s.platform];
    if (!port) {
      log.warn(
        { localDate: due.localDate, platform: s.platform, channel: s.channelId },
        `${s.kind} due, not posted: no ${s.platform} connection in this process`,
      );
      return result('no_port', `no ${s.platform} connection in this process`);
    }
    runId = app.subscriptions.runs.claim(s.id, due.localDate, at.scheduledFor);
    if (runId === null) return result('already_posted', 'claimed by another run');

    const ctx = app.context({
      workspaceId: s.workspaceId,
      actor: 'scheduler',
      source: 'scheduler',
      role: 'admin',
    });
    if (s.kind === 'digest') {
      const { all, away } = app.people.approversAway(s.workspaceId, s.platform, due.localDate);
      if (all) {
        const why = `every approver is away or off today (${away.join(', ')}): held until one of them works`;
        app.subscriptions.runs.held(runId, s.id, due.localDate, why);
        log.info({ localDate: due.localDate, away }, 'digest held');
        return result('held', why);
      }
    }
    const jobs = deps.jobs ?? inlineJobs(app);
    // Posted in chat: the hints in it are in chat syntax, as a person's `/goalpost digest` gets them.
    const built: Reply =
      s.kind === 'digest'
        ? await jobs.digest(ctx, {
            date: due.localDate,
            ...(s.maxTasks === null ? {} : { maxTasks: s.maxTasks }),
            layout: digestLayout(s, now),
          })
        : await jobs.report(ctx);
    const reply = inChatSyntax(s.heldSince === null ? built : withHeldNote(built, s.heldSince));
    const header = reply.messages.find((m) => m.kind === 'digest_header');
    const batchId = header?.kind === 'digest_header' ? header.batch.id : null;
    const batch = header?.kind === 'digest_header' ? (header.batch.number ?? null) : null;
    await deliver(
      { app, port, logger: log },
      { workspaceId: s.workspaceId, origin: 'schedule', channelId: s.channelId, batchId },
      reply,
    );
    app.subscriptions.runs.posted(runId, batchId);
    if (s.heldSince !== null) app.subscriptions.runs.released(s.id);
    log.info(
      { localDate: due.localDate, batch: batchId, messages: reply.messages.length },
      `${s.kind} posted`,
    );
    return result('posted', null, { batchId, batch, messages: reply.messages.length });
  } catch (error) {
    // A database's refusal said as the CLI and the API say it ("the database is busy: … nothing
    // was written, try again"), not SQLite's "database is locked"; a failure of ours as it came.
    const failure = asGoalpostError(error);
    const reason = isShown(failure) ? failure.message : describe(error);
    if (runId !== null) {
      try {
        app.subscriptions.runs.failed(runId, reason, error instanceof ChatRefusedError);
      } catch (markError) {
        log.error({ err: markError, run: runId }, 'cannot mark the run failed');
      }
    }
    log.error({ err: error, localDate: due.localDate }, `${s.kind} failed`);
    return result(error instanceof ChatRefusedError ? 'refused' : 'failed', reason, { error: failure.code });
  }
}

/** A held digest, when it is finally posted, says since when it waited and why. */
function withHeldNote(reply: Reply, since: string): Reply {
  const note: View = {
    kind: 'text',
    text: `This digest waited since ${since}: every approver was away or off. The tasks below were proposed today.`,
    tone: 'info',
  };
  const [header, ...rest] = reply.messages;
  return { ...reply, messages: header ? [header, note, ...rest] : [note] };
}
