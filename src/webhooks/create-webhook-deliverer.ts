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
  /** Deliveries sent at once. Default 20. */
  batchSize?: number;
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
  /** Stops polling and resolves once the delivery in flight (if any) has finished. */
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
  const post = options.post ?? createWebhookPost({ allowPrivate: options.allowPrivate ?? false });
  const setTimer =
    options.setTimer ??
    ((fn: () => void, ms: number) => {
      const handle = setTimeout(fn, ms);
      handle.unref();
      return handle;
    });
  const clearTimer = options.clearTimer ?? ((h: unknown) => clearTimeout(h as ReturnType<typeof setTimeout>));

  async function attempt(d: DueDelivery): Promise<keyof DeliveryCounts> {
    const sent = await sendDelivery(post, d, clock.now().getTime(), timeoutMs);
    const now = clock.now();
    const attempts = d.attempts + 1;
    const at = { delivery: d.deliveryId, webhook: d.webhookId, event: d.event, attempt: attempts };
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

  async function pass(): Promise<DeliveryCounts> {
    const counts: DeliveryCounts = { delivered: 0, retried: 0, failed: 0 };
    for (;;) {
      const now = clock.now();
      const leaseUntil = new Date(now.getTime() + timeoutMs + 60_000).toISOString();
      const due = store.transaction(() => store.webhooks.claimDue(now.toISOString(), leaseUntil, batchSize));
      for (const kind of await Promise.all(due.map(attempt))) counts[kind] += 1;
      if (due.length < batchSize) return counts;
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
      await chain;
    },
    nudge() {
      if (!started) return;
      if (busy) again = true;
      else schedule(0);
    },
  };
}
