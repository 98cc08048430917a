import { type Logger, silentLogger } from '../../domain/logger.js';

/** A subscriber: may be async; a throw or a rejection is logged and never reaches the publisher. */
export type FeedbackHandler<Payload> = (payload: Payload) => void | Promise<void>;

/** How one `publish` went: handlers that finished, handlers that threw or rejected. */
export interface PublishResult {
  ok: number;
  failed: number;
}

/**
 * Typed in-process publish/subscribe. Each event's handlers run in subscription order; a handler
 * that throws (or rejects) is logged with the event name and the others still run.
 */
export class FeedbackEventBus<Events extends Record<string, unknown>> {
  readonly #handlers = new Map<keyof Events, Set<FeedbackHandler<never>>>();
  readonly #logger: Logger;

  constructor(deps: { logger?: Logger } = {}) {
    this.#logger = deps.logger ?? silentLogger;
  }

  /** Registers `handler` for `event`; returns a function that unsubscribes it. */
  subscribe<K extends keyof Events>(event: K, handler: FeedbackHandler<Events[K]>): () => void {
    const handlers = this.#handlers.get(event) ?? new Set();
    this.#handlers.set(event, handlers);
    // A fresh wrapper per subscription, so subscribing the same function twice runs it twice.
    const entry: FeedbackHandler<Events[K]> = (payload) => handler(payload);
    handlers.add(entry);
    return () => {
      handlers.delete(entry);
    };
  }

  /**
   * Runs every handler subscribed to `event` (as subscribed when publish starts) with `payload`,
   * and waits for the async ones.
   */
  async publish<K extends keyof Events>(event: K, payload: Events[K]): Promise<PublishResult> {
    const handlers = [...(this.#handlers.get(event) ?? [])] as Array<FeedbackHandler<Events[K]>>;
    const runs = handlers.map(async (handler) => handler(payload));
    const settled = await Promise.allSettled(runs);
    let failed = 0;
    for (const outcome of settled) {
      if (outcome.status === 'fulfilled') continue;
      failed += 1;
      this.#logger.error({ err: outcome.reason, event: String(event) }, 'feedback event handler failed');
    }
    return { ok: settled.length - failed, failed };
  }
}
