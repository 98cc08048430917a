import type { Clock } from '../domain/clock.js';
import type { Logger } from '../domain/logger.js';
import type { DueDelivery } from '../domain/webhook.js';
import type { Store } from '../store/create-store.js';
import type { AttemptResult } from '../store/webhook-repository.js';
import { createWebhookPost, type PostLike } from './post-webhook.js';
import { sendDelivery } from './send-delivery.js';

/** What the deliverer needs; every option after `logger` has a production default. */
export interface WebhookDelivererOptions {
  store: Store;
  clock: Clock;
  logger: Logger;
  /** Whether receivers may be private addresses (GOALPOST_WEBHOOK_ALLOW_PRIVATE). Default no. */
  allowPrivate?: boolean;
  /** How a delivery is sent; default node's http/https with the private-address check. */
  post?: PostLike;
  /** How often `start()` looks for due deliveries. Default 5 s. */
  intervalMs?: number;
  /** Per request. Default 10 s. */
  timeoutMs?: number;
  /** Attempts before a delivery is marked failed. Default 8. */
  maxAttempts?: number;
  /** The first retry waits this long, doubling each time up to `maxDelayMs`. Default 30 s and 1 h. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /**
   * Deliveries sent at once, shared round-robin over the webhooks with deliveries due. Default 20.
   * A webhook with none in flight has one sent even when these places are all taken.
   */
  batchSize?: number;
  /** Deliveries to one webhook sent at once, so a hanging receiver cannot take every place. Default 4. */
  perWebhook?: number;
  /** Timer functions; default setTimeout/clearTimeout (unref'd, so they never keep a process alive). */
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

/** What one `deliverDue()` did. */
export interface DeliveryCounts {
  delivered: number;
  /** Attempts that failed and are scheduled again. */
  retried: number;
  /** Deliveries that failed their last attempt and will not be tried again. */
  failed: number;
}

/** The deliverer: one pass on demand, or polling between `start()` and `stop()`. */
export interface WebhookDeliverer {
  /** Sends every delivery due now and records the results. Network errors never reject it. */
  deliverDue(): Promise<DeliveryCounts>;
  /** Polls for due deliveries every `intervalMs` until `stop()`. */
  start(): void;
  /**
   * Stops polling and claiming, aborts the deliveries in flight (a receiver that hangs would hold
   * the stop until its timeout) and resolves once each is given back: not an attempt, its
   * attempts unchanged, due again for the next start or `webhook deliver`, as is what was not sent.
   */
  stop(): Promise<void>;
  /** Looks for due deliveries now instead of at the next tick (after a change was committed). */
  nudge(): void;
}

/**
 * The webhook deliverer: reads the outbox (`webhook_deliveries`), POSTs each due delivery as
 * signed JSON (see `signWebhook` for the `X-Goalpost-Signature` scheme), marks 2xx answers
 * delivered, and retries anything else with exponential backoff (30 s × 2^attempt, at most 1 h)
 * until `maxAttempts`, then marks it failed with the last status and error. Callers never wait for
 * it: use cases only insert outbox rows. Due rows are leased while they are sent, so two deliverers
 * (the bot and `goalpost webhook deliver`) do not send the same delivery at once.
 */
export function createWebhookDeliverer(options: WebhookDelivererOptions): WebhookDeliverer {
  const { store, clock, logger } = options;
  const intervalMs = options.intervalMs ?? 5_000;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const maxAttempts = options.maxAttempts ?? 8;
  const baseDelayMs = options.baseDelayMs ?? 30_000;
  const maxDelayMs = options.maxDelayMs ?? 3_600_000;
  const batchSize = options.batchSize ?? 20;
  const perWebhook = options.perWebhook ?? 4;
  const post = options.post ?? createWebhookPost({ allowPrivate: options.allowPrivate ?? false });
  const setTimer =
    options.setTimer ??
    ((fn: () => void, ms: number) => {
      const handle = setTimeout(fn, ms);
      handle.unref();
      return handle;
    });
  const clearTimer = options.clearTimer ?? ((h: unknown) => clearTimeout(h as ReturnType<typeof setTimeout>));

  /**
   * Aborted by `stop()`: the deliveries in flight then. A new one for each stop, so a deliverer
   * started again sends as before.
   */
  let halt = new AbortController();

  /**
   * Sends one claimed delivery and records the attempt; `null` when the stop aborted it, which is
   * no attempt: its lease is given back, so the next start or `webhook deliver` sends it again
   * (the receiver may have had it: it dedupes on the delivery id, as for any retry).
   */
  async function attempt(d: DueDelivery, leaseUntil: string): Promise<keyof DeliveryCounts | null> {
    const sent = await sendDelivery(post, d, clock.now().getTime(), timeoutMs, halt.signal);
    const now = clock.now();
    const attempts = d.attempts + 1;
    const at = { delivery: d.deliveryId, webhook: d.webhookId, event: d.event, attempt: attempts };
    if ('stopped' in sent) {
      store.transaction(() => store.webhooks.release(d.id, leaseUntil, now.toISOString()));
      logger.info({ ...at, attempt: d.attempts }, 'webhook delivery stopped; due again at the next start');
      return null;
    }
    let result: AttemptResult;
    if (sent.ok) {
      result = { status: 'delivered', httpStatus: sent.status };
      logger.debug({ ...at, status: sent.status }, 'webhook delivered');
    } else {
      const delay = Math.min(baseDelayMs * 2 ** (attempts - 1), maxDelayMs);
      const last = attempts >= maxAttempts;
      const nextAttemptAt = new Date(now.getTime() + (last ? 0 : delay)).toISOString();
      result = {
        status: last ? 'failed' : 'pending',
        httpStatus: sent.status,
        error: sent.error,
        nextAttemptAt,
      };
      const fields = { ...at, status: sent.status, error: sent.error };
      if (last) logger.error(fields, 'webhook delivery failed for good');
      else logger.warn({ ...fields, nextAttemptAt }, 'webhook delivery failed; will retry');
    }
    store.transaction(() => store.webhooks.recordAttempt(d.id, attempts, result, now.toISOString()));
    return result.status === 'delivered' ? 'delivered' : result.status === 'failed' ? 'failed' : 'retried';
  }

  /** Wakes the pass waiting for a place to free up (a send finished) or for new work (a nudge). */
  let wake: (() => void) | null = null;
  /**
   * Set by `stop()`: a pass claims nothing more (what it sent now would be aborted at once), only
   * waits for what it sent to be aborted and given back.
   */
  let stopping = false;

  /**
   * Sends what is due until nothing is due or in flight. Each delivery is claimed as a place frees
   * up (or at once, the first to a webhook with none in flight) and waits for its own answer or
   * timeout only: receivers that hang hold their own lanes (`perWebhook`), never the other
   * webhooks' deliveries, nor those written while they hang, however many they are. A
   * retry is sent only if it was due when the pass began, so a hanging receiver's retries (due
   * 30 s on) cannot keep a pass going: each delivery is tried once a pass, and counted once.
   */
  async function pass(): Promise<DeliveryCounts> {
    const retriesDueBy = clock.now().toISOString();
    const counts: DeliveryCounts = { delivered: 0, retried: 0, failed: 0 };
    const inFlight = new Map<number, number>();
    let running = 0;
    // What made recording an attempt throw (the database): no more is claimed, and the pass rejects.
    const failures: unknown[] = [];
    const settle = (webhookId: number) => {
      running -= 1;
      const left = (inFlight.get(webhookId) ?? 1) - 1;
      if (left === 0) inFlight.delete(webhookId);
      else inFlight.set(webhookId, left);
      wake?.();
    };
    for (;;) {
      if (failures.length === 0 && !stopping) {
        const now = clock.now();
        const leaseUntil = new Date(now.getTime() + timeoutMs + 60_000).toISOString();
        const lanes = { perWebhook, inFlight };
        const due = store.transaction(() =>
          store.webhooks.claimDue(now.toISOString(), leaseUntil, batchSize - running, lanes, retriesDueBy),
        );
        for (const d of due) {
          running += 1;
          inFlight.set(d.webhookId, (inFlight.get(d.webhookId) ?? 0) + 1);
          attempt(d, leaseUntil).then(
            (kind) => {
              if (kind) counts[kind] += 1;
              settle(d.webhookId);
            },
            (error: unknown) => {
              failures.push(error);
              settle(d.webhookId);
            },
          );
        }
      }
      if (running === 0) {
        if (failures.length > 0) throw failures[0];
        return counts;
      }
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
      wake = null;
    }
  }

  // Passes run one after another, never overlapping.
  let chain: Promise<unknown> = Promise.resolve();
  function deliverDue(): Promise<DeliveryCounts> {
    const next = chain.then(pass);
    chain = next.catch(() => undefined);
    return next;
  }

  let started = false;
  let timer: unknown = null;
  let busy = false;
  let again = false;

  function schedule(ms: number): void {
    if (!started) return;
    if (timer !== null) clearTimer(timer);
    timer = setTimer(tick, ms);
  }

  function tick(): void {
    timer = null;
    if (busy) {
      again = true;
      return;
    }
    busy = true;
    deliverDue()
      .catch((error: unknown) => logger.error({ err: error }, 'webhook delivery pass failed'))
      .finally(() => {
        busy = false;
        const soon = again;
        again = false;
        schedule(soon ? 0 : intervalMs);
      });
  }

  return {
    deliverDue,
    start() {
      if (started) return;
      started = true;
      schedule(0);
    },
    async stop() {
      started = false;
      if (timer !== null) clearTimer(timer);
      timer = null;
      stopping = true;
      halt.abort();
      try {
        await chain;
      } finally {
        stopping = false;
        halt = new AbortController();
      }
    },
    nudge() {
      if (!started) return;
      if (busy) {
        again = true;
        wake?.();
      } else schedule(0);
    },
  };
}
