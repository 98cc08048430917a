import type { Goalpost } from '../app.js';
import type { ChatPort, ChatTarget } from '../delivery/chat-port.js';
import { deliver } from '../delivery/deliver.js';
import { postingCtx } from '../delivery/remember.js';
import type { Clock } from '../domain/clock.js';
import { formatWorkMinutes } from '../domain/duration.js';
import type { Logger } from '../domain/logger.js';
import { type Platform, type Reply, reply } from '../domain/reply.js';
import { type EventSource, OPEN_STATUSES, RETRY_CANCELLED, WITHDRAWN_BY_PLAN } from '../domain/task.js';
import { asGoalpostError } from '../errors.js';
import type { Store } from '../store/create-store.js';
import type { WorkspaceEvent } from '../store/event-repository.js';
import { SEVERITY_CHANGED } from '../use-cases/github-issues.js';
import { DEPENDENCY_RELEASED, DEPENDENCY_RESTORED } from '../use-cases/release-dependents.js';
import { ROUTED } from '../use-cases/route-batch.js';
import { REVALUED } from '../use-cases/value-change.js';
import { taskCard } from '../views/cards.js';

/** The cursor this reader keeps in `event_cursors`. */
export const CHAT_WATCH_CURSOR = 'chat-watch';

/**
 * Steps taken in a chat already show there (the command's reply edits the card). Everything else
 * — worker agents, the CLI, the API, lease expiry — is shown by the watch.
 */
const CHAT_SOURCES: ReadonlySet<EventSource> = new Set(['console', 'slack', 'discord']);
/**
 * Events a step writes on other tasks than the one it took: the chat reply shows only that task,
 * so these are shown by the watch whatever their source (a prerequisite failed from chat releases
 * its dependents, and each dependent's message must say so, as must each one's a retry holds back
 * again, and a failed task's whose retry was cancelled; a batch asked for in chat routes the
 * proposals of earlier batches that nobody held, and each one's message must say to whom). So is
 * a plan's withdrawal of a proposal whose reason went (a `cancelled` step by WITHDRAWN_BY_PLAN).
 */
const FOLLOW_ON_TYPES: ReadonlySet<string> = new Set([
  DEPENDENCY_RELEASED,
  DEPENDENCY_RESTORED,
  RETRY_CANCELLED,
  ROUTED,
]);
/** Events that are not news on a task's message: its creation, and its being proposed. */
const QUIET_TYPES: ReadonlySet<string> = new Set(['created', 'proposed']);
/**
 * Events shown only on the task's card, edited in place, whatever their source: a plan valuing a
 * proposal again changes its numbers, said on the card, not in its thread or the feeds (a digest
 * would otherwise add a line to every proposal's thread each morning).
 */
const CARD_ONLY_TYPES: ReadonlySet<string> = new Set([REVALUED]);

export interface ChatWatchOptions {
  app: Goalpost;
  store: Store;
  /** The chat connections of this process, read at each poll (so ports added later count). */
  ports: Partial<Record<Platform, ChatPort>>;
  clock: Clock;
  logger: Logger;
  /**
   * Channels told of every change in their workspace, whether or not a message there shows the
   * task (the console: one person, one channel).
   */
  feeds?: ChatTarget[];
  /** How often `start()` reads the log. Default 2 s. */
  intervalMs?: number;
  /** Events read per pass. Default 200. */
  batchSize?: number;
}

export interface ChatWatch {
  /**
   * Reads the log after the cursor and shows each change on the task's messages (the card edited
   * in place, a line in its thread) and in the feeds; resolves to the events shown. The first
   * pass on a database starts at its newest event: nothing older is replayed.
   */
  poll(): Promise<number>;
  /** Polls every `intervalMs` until `stop()`. */
  start(): void;
  /** Reads the log now rather than at the next tick (after a write in this process). */
  nudge(): void;
  /** Stops polling and resolves once the pass in flight (if any) has finished. */
  stop(): Promise<void>;
}

const minutesText = (m: unknown): string =>
  typeof m === 'number' && Number.isFinite(m) ? ` in ${formatWorkMinutes(m)}` : '';

const text = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/** The pull request a step names as its evidence (`data.pr`, from the GitHub connector), if any. */
function pullRequestOf(v: unknown): { number: number; by: string; url: string } | null {
  if (typeof v !== 'object' || v === null) return null;
  const pr = v as Record<string, unknown>;
  // A sync's listing does not say who merged it: its author's, then.
  const merger = text(pr.mergedBy);
  const author = text(pr.author);
  const by = merger !== null ? `merged by @${merger}` : author !== null ? `by @${author} merged` : null;
  const url = text(pr.url);
  if (typeof pr.number !== 'number' || by === null || url === null) return null;
  return { number: pr.number, by, url };
}

/** One line saying what happened to the task, for its thread and the feeds. */
export function describeEvent(e: WorkspaceEvent): string {
  const who = text(e.data.assignee) ?? e.actor;
  const note = e.note ? `: ${e.note}` : '';
  switch (e.type) {
    case 'claimed': {
      const detail = [
        typeof e.data.attempt === 'number' ? `attempt ${e.data.attempt}` : null,
        text(e.data.worker) ? `on ${text(e.data.worker)}` : null,
      ].filter((x) => x !== null);
      return `🤖 ${e.ref} picked up by ${who}${detail.length ? ` (${detail.join(', ')})` : ''} — ${e.title}`;
    }
    case 'done': {
      const pr = pullRequestOf(e.data.pr);
      if (pr !== null) {
        return `🏁 ${e.ref} done: PR #${pr.number} ${pr.by}${minutesText(e.data.minutes)} — ${e.title} (${pr.url})`;
      }
      return `🏁 ${e.ref} done by ${who}${minutesText(e.data.minutes)} — ${e.title}`;
    }
    case 'failed':
      return `⚠️ ${e.ref} failed (${who})${note}`;
    case 'cancelled':
      // A plan's withdrawal says why (`withdrawn with batch 4: … now`), in a chat that asked for no cancel.
      if (e.data.via === WITHDRAWN_BY_PLAN && e.note) return `🚫 ${e.ref} ${e.note} — ${e.title}`;
      return `${e.ref} cancelled by ${e.actor}${note} — ${e.title}`;
    case 'released':
    case 'lease_expired':
      return `↩️ ${e.ref} is back in the queue${note}`;
    case ROUTED:
      return `👤 ${e.ref} ${e.note ?? `routed to ${text(e.data.to) ?? 'someone'}`} — ${e.title}`;
    case RETRY_CANCELLED:
      return `🔁 ${e.ref}: ${e.note ?? 'its retry was cancelled'} — ${e.title}`;
    case DEPENDENCY_RESTORED:
      return `🔒 ${e.note ?? `${e.ref} waits for ${text(e.data.prerequisite) ?? 'a retry'} again`} — ${e.title}`;
    case SEVERITY_CHANGED:
      return `${e.data.to === 'critical' ? '🚨' : '↕️'} ${e.ref} ${e.note ?? 'changed severity on GitHub'} — ${e.title}`;
    case DEPENDENCY_RELEASED:
      return `🔓 ${e.note ?? `${e.ref} no longer waits for ${text(e.data.prerequisite) ?? 'a prerequisite'}`} — ${e.title}`;
    default:
      return `${e.ref} ${e.type.replace('_', ' ')} by ${e.actor}${note} — ${e.title}`;
  }
}

/**
 * The chat watch: follows the task event log (resuming from its cursor after a restart) so that
 * what happens to a task outside the chat — a worker agent picking it up and how its run ended, a
 * lease running out, a step taken from the CLI or the API — shows on the task's messages in Slack
 * and Discord, and in the console. A chat that is down is logged and skipped; the log moves on.
 */
export function createChatWatch(options: ChatWatchOptions): ChatWatch {
  const { app, store, logger } = options;
  const log = logger.child({ component: 'chat-watch' });
  const intervalMs = options.intervalMs ?? 2_000;
  const batchSize = options.batchSize ?? 200;
  let timer: ReturnType<typeof setTimeout> | null = null;
  /** Where a platform's cursor starts when its first start found the database busy (see start). */
  const startsAt = new Map<Platform, number>();
  let running: Promise<number> | null = null;
  let stopped = true;
  let again = false;

  const warn = (error: unknown, ref: string, platform: Platform) =>
    log.warn({ err: error, task: ref, platform }, 'could not show a task change in chat');

  /** Shows one task's changes on one platform: its messages edited and threaded, and its feeds told. */
  async function show(platform: Platform, port: ChatPort, taskId: number, events: WorkspaceEvent[]) {
    const first = events[0];
    const task = store.tasks.findById(taskId);
    if (!first || !task) return;
    const lines = events
      .filter((e) => !CARD_ONLY_TYPES.has(e.type))
      .map(describeEvent)
      .join('\n');
    // Shown as a decision is: the card edited in place, the lines in its thread.
    const change: Reply = {
      ...reply.channel(...(lines === '' ? [] : [reply.text(lines)])),
      updates: [taskCard(task, store.events.forTask(taskId))],
    };
    try {
      const request = { workspaceId: first.workspaceId, origin: 'watch', channelId: null } as const;
      const done = await deliver({ app, port, logger: log }, request, change);
      for (const error of done.refused) warn(error, task.ref, platform);
    } catch (error) {
      warn(error, task.ref, platform);
    }
    for (const e of events) if (e.type === 'retried') await postRetry(platform, port, e);
    for (const feed of options.feeds ?? []) {
      if (lines === '' || feed.platform !== platform || feed.workspaceId !== first.workspaceId) continue;
      try {
        const request = {
          workspaceId: feed.workspaceId,
          origin: 'schedule',
          channelId: feed.channelId,
        } as const;
        await deliver({ app, port, logger: log }, request, reply.channel(reply.text(lines)));
      } catch (error) {
        warn(error, task.ref, platform);
      }
    }
  }

  /**
   * A failed task retried outside the chat (the CLI, the API): the new task's card is posted in
   * the channel of the failed one's latest message on this platform, as a retry asked for in chat
   * posts it, so its buttons and reactions are there to act on. A retry already shown there or no
   * longer open, or a failed task never posted there, posts nothing.
   */
  async function postRetry(platform: Platform, port: ChatPort, e: WorkspaceEvent): Promise<void> {
    const ref = text(e.data.retry);
    const retry = ref === null ? null : store.tasks.findByRef(e.workspaceId, ref);
    // Cancelled (or over) before this pass: nothing to act on, and the failed card says so.
    if (retry === null || !OPEN_STATUSES.includes(retry.status)) return;
    const ctx = postingCtx(app, { workspaceId: e.workspaceId, platform });
    const here = (taskId: number) => app.chat.forTask(ctx, taskId).filter((m) => m.platform === platform);
    const failedAt = here(e.taskId).at(-1);
    if (failedAt === undefined || here(retry.id).length > 0) return;
    try {
      const request = {
        workspaceId: e.workspaceId,
        origin: 'schedule',
        channelId: failedAt.channelId,
      } as const;
      const card = taskCard(retry, store.events.forTask(retry.id));
      await deliver({ app, port, logger: log }, request, reply.channel({ kind: 'task', card }));
    } catch (error) {
      warn(error, retry.ref, platform);
    }
  }

  const now = () => options.clock.now().toISOString();

  /**
   * A platform's cursor (`chat-watch:slack`): each platform reads the log on its own, so a bot for
   * Slack and one for Discord on the same database each show every change once. A platform's
   * first watch starts where the single cursor of earlier versions was, or at the newest event.
   */
  function cursor(platform: Platform): number {
    const name = `${CHAT_WATCH_CURSOR}:${platform}`;
    const kept = store.cursors.get(name);
    if (kept !== null) return kept;
    const start = store.cursors.get(CHAT_WATCH_CURSOR) ?? startsAt.get(platform) ?? store.events.lastId();
    store.transaction(() => store.cursors.start(name, start, now()));
    return store.cursors.get(name) ?? start;
  }

  /** The log after the platform's cursor, claimed (two bots on one database show it once), then shown. */
  async function passFor(platform: Platform, port: ChatPort, shown: Set<number>): Promise<void> {
    for (;;) {
      const from = cursor(platform);
      const batch = store.events.after(from, batchSize);
      const last = batch.at(-1);
      if (!last) return;
      const name = `${CHAT_WATCH_CURSOR}:${platform}`;
      // Claimed before it is shown: moved on even when a chat refuses, so one platform being down
      // never stalls it; another bot that claimed it first shows it instead.
      if (!store.transaction(() => store.cursors.advance(name, from, last.id, now()))) continue;
      const byTask = new Map<number, WorkspaceEvent[]>();
      for (const e of batch) {
        const elsewhere =
          FOLLOW_ON_TYPES.has(e.type) || CARD_ONLY_TYPES.has(e.type) || e.data.via === WITHDRAWN_BY_PLAN;
        if ((CHAT_SOURCES.has(e.source) && !elsewhere) || QUIET_TYPES.has(e.type)) continue;
        byTask.set(e.taskId, [...(byTask.get(e.taskId) ?? []), e]);
        shown.add(e.id);
      }
      for (const [taskId, events] of byTask) await show(platform, port, taskId, events);
      if (batch.length < batchSize) return;
    }
  }

  async function pass(): Promise<number> {
    const shown = new Set<number>();
    for (const [platform, port] of Object.entries(options.ports) as Array<[Platform, ChatPort | undefined]>) {
      if (port) await passFor(platform, port, shown);
    }
    if (shown.size > 0) log.debug({ shown: shown.size }, 'task changes shown in chat');
    return shown.size;
  }

  function poll(): Promise<number> {
    if (running) {
      again = true;
      return running;
    }
    running = pass()
      .catch((error: unknown) => {
        log.error({ err: error }, 'chat watch pass failed');
        return 0;
      })
      .finally(() => {
        running = null;
        if (again) {
          again = false;
          void poll();
        }
      });
    return running;
  }

  function arm(): void {
    if (stopped) return;
    timer = setTimeout(() => {
      timer = null;
      void poll().then(arm);
    }, intervalMs);
    timer.unref();
  }

  return {
    poll,
    start() {
      if (!stopped) return;
      stopped = false;
      // Changes from here on are shown, even those made before the first tick.
      for (const [platform, port] of Object.entries(options.ports) as Array<
        [Platform, ChatPort | undefined]
      >) {
        if (!port) continue;
        try {
          cursor(platform);
        } catch (error) {
          // A platform's first start writes its cursor; another process holding the write lock
          // must not stop the bot: the first pass writes it, from the newest event now.
          if (asGoalpostError(error).code !== 'E_DB_BUSY') throw error;
          startsAt.set(platform, store.events.lastId());
          log.warn({ platform }, 'the database is busy: the chat watch starts its cursor at its first pass');
        }
      }
      arm();
    },
    nudge() {
      if (!stopped) void poll();
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      again = false;
      await running;
    },
  };
}
