import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FAKE_STRIPE_API_VERSION } from './stripe-events.js';
import {
  createInjections,
  createRateWindow,
  type FakeStripeFault,
  type FakeStripeRateLimit,
  rateLimited,
  serverError,
} from './stripe-faults.js';
import { cutShort, isAnswer, type StripeAnswer, send, stripeError, unmodelled } from './stripe-http.js';
import { createKeys, type FakeStripeKey, keyOf, type StripeCaller } from './stripe-keys.js';
import type {
  FakeStripeAccount,
  FakeStripeCoupon,
  FakeStripeCouponInput,
  FakeStripeCustomer,
  FakeStripeCustomerInput,
  FakeStripeInvoice,
  FakeStripeInvoiceInput,
  FakeStripePrice,
  FakeStripePriceInput,
  FakeStripeProduct,
  FakeStripeProductInput,
  FakeStripeSubscription,
  FakeStripeSubscriptionInput,
} from './stripe-records.js';
import { stripeRoutes } from './stripe-routes.js';
import type { Json } from './stripe-shapes.js';
import {
  createStripeState,
  type FakeStripeAccountInput,
  type FakeStripeCancelOptions,
} from './stripe-state.js';
import type { FakeStripeSubscriptionPatch } from './stripe-subscriptions.js';
import type { FakeStripeClock, FakeStripeTime } from './stripe-time.js';

export { FAKE_STRIPE_API_VERSION } from './stripe-events.js';
export type { FakeStripeFault, FakeStripeLimitReason, FakeStripeRateLimit } from './stripe-faults.js';
export type { FakeStripeKey } from './stripe-keys.js';
export type * from './stripe-records.js';
export type { FakeStripeAccountInput, FakeStripeCancelOptions } from './stripe-state.js';
export type { FakeStripeSubscriptionPatch } from './stripe-subscriptions.js';

/** The secret key a fake accepts when its options name no keys. */
export const FAKE_STRIPE_SECRET_KEY = 'sk_test_51GoalpostFakeSecretKey000000000000000000000000000000000';

/** One request the fake received, and what it answered. */
export interface FakeStripeCall {
  method: string;
  /** Without the query. */
  path: string;
  /** The query as sent (`expand[0]`, `created[gte]` as their own keys). */
  query: Record<string, string>;
  /** Request headers, names in lower case. */
  headers: Record<string, string>;
  /** The API key the request carried, known or not; null without one. */
  key: string | null;
  /** The `Stripe-Version` the request pinned; null when it named none. */
  stripeVersion: string | null;
  status: number;
  /** True when the connection was cut mid-body (an injected fault). */
  destroyed?: true;
}

export interface FakeStripeOptions {
  /** Keys the fake accepts and what each may read (default: FAKE_STRIPE_SECRET_KEY, a secret key). */
  keys?: Record<string, FakeStripeKey>;
  account?: FakeStripeAccountInput;
  /** Where the fake's clock starts (default 2026-01-05T09:00:00Z). */
  now?: FakeStripeTime;
  /** Requests served in any one second before a 429 (default: no limit; Stripe's test mode allows 25). */
  requestsPerSecond?: number;
}

/**
 * A local stand-in for api.stripe.com, on 127.0.0.1, serving the shapes of the API version
 * stripe 23.1.0 pins. It refuses what Stripe refuses: unknown keys (401, the key masked), a
 * restricted key without the permission (403, naming it), unknown parameters, a `limit` outside
 * 1–100, cursors and filters naming nothing, expansions Stripe does not allow (400), and ids
 * that do not exist or belong to the other mode (404). It pages newest first with `has_more`,
 * and records every request. Changes a test plays return the Event Stripe would send.
 */
export interface FakeStripe {
  /** What `new Stripe(key, { host, port, protocol })` takes. */
  readonly host: string;
  readonly port: number;
  readonly protocol: 'http';
  /** `http://127.0.0.1:PORT`. */
  readonly url: string;
  readonly calls: FakeStripeCall[];
  /** The time objects are created and changed at; set or advance it between calls. */
  readonly clock: FakeStripeClock;
  readonly account: FakeStripeAccount;
  addKey(key: string, grant: FakeStripeKey): void;
  addProduct(input: FakeStripeProductInput): FakeStripeProduct;
  addPrice(input: FakeStripePriceInput): FakeStripePrice;
  addCustomer(input?: FakeStripeCustomerInput): FakeStripeCustomer;
  addCoupon(input: FakeStripeCouponInput): FakeStripeCoupon;
  /** Adds history: a subscription as it stands, with no event (see `announceSubscription`). */
  addSubscription(input: FakeStripeSubscriptionInput): FakeStripeSubscription;
  /**
   * Adds history: an invoice billing the subscription's items (or the lines given: prorations,
   * one-off items) for its period at `created`, less the subscription's coupons in force then.
   */
  addInvoice(input: FakeStripeInvoiceInput): FakeStripeInvoice;
  subscription(id: string): FakeStripeSubscription;
  invoice(id: string): FakeStripeInvoice;
  /** Any object's JSON as `GET` shows it, unexpanded. */
  retrieve(id: string): Json;
  /** Records and returns `customer.subscription.created` for a subscription added before. */
  announceSubscription(id: string): Json;
  /** Changes a subscription; returns the `customer.subscription.updated` event, with `previous_attributes`. */
  updateSubscription(id: string, patch: FakeStripeSubscriptionPatch): Json;
  /** Cancels now (`customer.subscription.deleted`) or at period end (`customer.subscription.updated`). */
  cancelSubscription(id: string, options?: FakeStripeCancelOptions): Json;
  /** Pays an open invoice in full now; returns `invoice.paid`. */
  payInvoice(id: string): Json;
  /** A failed payment attempt on an open invoice; returns `invoice.payment_failed`. */
  failInvoicePayment(id: string): Json;
  /** Every recorded event, oldest first. */
  events(): Json[];
  /** The next matching request(s) get a 429: `rate_limit` by default, or `lock_timeout`. */
  rateLimitNext(limit?: FakeStripeRateLimit): void;
  /** The next matching request(s) fail: a 5xx (default 500) or, with `destroy`, a cut connection. */
  failNext(fault?: FakeStripeFault): void;
  callsTo(method: string, path: RegExp): FakeStripeCall[];
  close(): Promise<void>;
}

const unrecognized = (method: string, path: string): StripeAnswer =>
  stripeError(
    404,
    `Unrecognized request URL (${method}: ${path}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`,
  );

/** Starts the fake on 127.0.0.1 on a free port. */
export async function startFakeStripe(options: FakeStripeOptions = {}): Promise<FakeStripe> {
  const state = createStripeState({ now: options.now, account: options.account });
  const keys = createKeys(options.keys ?? { [FAKE_STRIPE_SECRET_KEY]: 'secret' });
  const injections = createInjections();
  const limiter = createRateWindow(options.requestsPerSecond);
  /** Null when the caller may read what `permission` guards, else Stripe's 403 naming it. */
  const check = (caller: StripeCaller, permission: string) =>
    keys.allows(caller, permission) ? null : keys.refusal(caller, permission, state.account.id);
  const routes = stripeRoutes(state, check);
  const calls: FakeStripeCall[] = [];
  let requests = 0;

  /** What Stripe checks, in its order: the key, the limiter, the route, the key's permission. */
  function respond(req: IncomingMessage, url: URL, call: FakeStripeCall): StripeAnswer {
    const caller = keys.authenticate(req.headers.authorization);
    if (isAnswer(caller)) return caller;
    if (!limiter.admit()) return rateLimited({ code: 'rate_limit', reason: 'global-rate' }, caller.livemode);
    const limit = injections.take('limit', call.method, call.path);
    if (limit) return rateLimited(limit.spec, caller.livemode);
    const route = routes.find((r) => r.pattern.test(url.pathname));
    if (!route) return unrecognized(call.method, url.pathname);
    if (call.method !== 'GET') return unmodelled(`${call.method} ${url.pathname}`);
    const refused = check(caller, route.permission);
    if (refused) return refused;
    const id = route.pattern.exec(url.pathname)?.[1];
    return route.handle({
      caller,
      id: id === undefined ? undefined : decodeURIComponent(id),
      params: url.searchParams,
    });
  }

  function handle(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests += 1;
    const version = typeof req.headers['stripe-version'] === 'string' ? req.headers['stripe-version'] : null;
    const call: FakeStripeCall = {
      ...{ method: req.method ?? 'GET', path: url.pathname, query: Object.fromEntries(url.searchParams) },
      headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)])),
      ...{ key: keyOf(req.headers.authorization), stripeVersion: version, status: 0 },
    };
    calls.push(call);
    const fault = injections.take('fault', call.method, call.path);
    const spec = fault?.kind === 'fault' ? fault.spec : null;
    const answer = spec && !spec.destroy ? serverError(spec.status ?? 500) : respond(req, url, call);
    call.status = answer.status;
    const common = {
      'request-id': `req_${requests.toString(36).padStart(14, '0')}`,
      'stripe-version': version ?? FAKE_STRIPE_API_VERSION,
    };
    if (spec?.destroy) {
      call.destroyed = true;
      cutShort(res, answer, common);
    } else send(res, answer, common);
  }

  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => handle(req, res));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const { catalog, billing } = state;

  return {
    ...{ host: '127.0.0.1', port, protocol: 'http', url: `http://127.0.0.1:${port}`, calls },
    ...{ clock: state.clock, account: state.account, addKey: keys.add },
    ...{ addProduct: catalog.addProduct, addPrice: catalog.addPrice, addCustomer: catalog.addCustomer },
    addCoupon: catalog.addCoupon,
    addSubscription: billing.addSubscription,
    addInvoice: billing.addInvoice,
    ...{ subscription: billing.subscription, invoice: billing.invoice, retrieve: state.retrieve },
    ...{ announceSubscription: state.announceSubscription, updateSubscription: state.updateSubscription },
    ...{ cancelSubscription: state.cancelSubscription, payInvoice: state.payInvoice },
    failInvoicePayment: state.failInvoicePayment,
    events: () => state.events.items.map((e) => e.json),
    rateLimitNext: (limit = {}) => injections.add({ kind: 'limit', spec: limit, left: limit.times ?? 1 }),
    failNext: (fault = {}) => injections.add({ kind: 'fault', spec: fault, left: fault.times ?? 1 }),
    callsTo: (method, path) => calls.filter((c) => c.method === method && path.test(c.path)),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
