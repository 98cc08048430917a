import { type StripeAnswer, stripeError } from './stripe-http.js';

/** Which requests an injected failure applies to; every request when both are left out. */
export interface FakeStripeMatch {
  method?: string;
  /** The path without the query: equal to a string, or matching a RegExp. */
  path?: string | RegExp;
  /** How many matching requests it answers (default 1). */
  times?: number;
}

/**
 * A failure on Stripe's side: a 5xx before the request is handled, or, with `destroy`, the
 * connection cut halfway through the body of the real answer.
 */
export interface FakeStripeFault extends FakeStripeMatch {
  status?: 500 | 502 | 503 | 504;
  destroy?: boolean;
}

/** Why Stripe's limiter refused, as its `Stripe-Rate-Limited-Reason` header says. */
export type FakeStripeLimitReason =
  | 'global-rate'
  | 'global-concurrency'
  | 'endpoint-rate'
  | 'endpoint-concurrency'
  | 'resource-specific';

/**
 * A 429. `rate_limit` is the limiter: Stripe does not ask for a retry, and stripe-node does not
 * retry it whatever `maxNetworkRetries` says. `lock_timeout` is another request holding the
 * object: Stripe sends `Stripe-Should-Retry: true`, and stripe-node retries it.
 */
export interface FakeStripeRateLimit extends FakeStripeMatch {
  code?: 'rate_limit' | 'lock_timeout';
  reason?: FakeStripeLimitReason;
}

export type Injection =
  | { kind: 'fault'; spec: FakeStripeFault; left: number }
  | { kind: 'limit'; spec: FakeStripeRateLimit; left: number };

const matches = (spec: FakeStripeMatch, method: string, path: string) =>
  (spec.method === undefined || spec.method.toUpperCase() === method) &&
  (spec.path === undefined || (typeof spec.path === 'string' ? spec.path === path : spec.path.test(path)));

/** Injected failures, taken in the order they were added by the requests they match. */
export function createInjections() {
  const queue: Injection[] = [];
  return {
    add(injection: Injection) {
      queue.push(injection);
    },
    take(kind: Injection['kind'], method: string, path: string): Injection | undefined {
      const at = queue.findIndex((i) => i.kind === kind && matches(i.spec, method, path));
      const found = queue[at];
      if (!found) return undefined;
      found.left -= 1;
      if (found.left <= 0) queue.splice(at, 1);
      return found;
    },
  };
}

const LOCKED =
  'This object cannot be accessed right now because another API request or Stripe process is currently accessing it. If you see this error intermittently, retry the request. If you see this error frequently and are making multiple concurrent requests to a single object, make your requests serially or at a lower rate.';

const LIMITED = (livemode: boolean) =>
  livemode
    ? 'Request rate limit exceeded. You can learn more about rate limits here https://stripe.com/docs/rate-limits.'
    : 'Testmode request rate limit exceeded, the rate limits in testmode are lower than livemode. You can learn more about rate limits here https://stripe.com/docs/rate-limits.';

/** Stripe's 429, worded for the mode of the key that hit it. */
export function rateLimited(spec: FakeStripeRateLimit, livemode: boolean): StripeAnswer {
  if (spec.code === 'lock_timeout')
    return {
      ...stripeError(429, LOCKED, { code: 'lock_timeout' }),
      headers: { 'stripe-should-retry': 'true' },
    };
  const answer = stripeError(429, LIMITED(livemode), { code: 'rate_limit' });
  return { ...answer, headers: { 'stripe-rate-limited-reason': spec.reason ?? 'global-rate' } };
}

/** A 5xx, as Stripe's servers answer when something broke on their side. */
export const serverError = (status: number): StripeAnswer =>
  stripeError(status, 'An unknown error occurred', { type: 'api_error' });

/**
 * A steady limit of `perSecond` requests in any second of real time (Stripe's test mode allows
 * 25 reads a second), so a backfill that does not pace itself meets the limiter as it would.
 */
export function createRateWindow(perSecond: number | undefined) {
  const recent: number[] = [];
  return {
    /** Counts a request; false when it is over the limit (and then it is not counted). */
    admit(): boolean {
      if (perSecond === undefined) return true;
      const now = Date.now();
      while (recent.length > 0 && (recent[0] as number) <= now - 1000) recent.shift();
      if (recent.length >= perSecond) return false;
      recent.push(now);
      return true;
    },
  };
}
