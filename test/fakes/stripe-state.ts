import { type BillingShapeDeps, invoiceJson, subscriptionJson } from './stripe-billing-shapes.js';
import { createCatalog, refuse } from './stripe-catalog.js';
import { createCollection } from './stripe-collection.js';
import { invoiceEvent, previousAttributes, subscriptionEvent } from './stripe-events.js';
import { createIds } from './stripe-ids.js';
import { createInvoices } from './stripe-invoices.js';
import type {
  FakeStripeAccount,
  FakeStripePrice,
  FakeStripeRecord,
  FakeStripeSubscription,
} from './stripe-records.js';
import { couponJson, customerJson, type Json, priceJson, productJson } from './stripe-shapes.js';
import { createSubscriptions, type FakeStripeSubscriptionPatch } from './stripe-subscriptions.js';
import { createClock, type FakeStripeTime } from './stripe-time.js';

/** The account the fake is: what `GET /v1/account` shows and what invoices are issued by. */
export interface FakeStripeAccountInput {
  id?: string;
  displayName?: string;
  defaultCurrency?: string;
  country?: string;
  email?: string | null;
}

export interface FakeStripeCancelOptions {
  atPeriodEnd?: boolean;
  reason?: FakeStripeSubscription['cancellationReason'];
}

/** An event as the log keeps it, ordered like every other list. */
export interface FakeStripeEventRecord extends FakeStripeRecord {
  readonly type: string;
  readonly json: Json;
}

/**
 * Everything the fake holds, and the changes a test plays on it. A change someone makes on Stripe
 * (an upgrade, a cancellation, a payment) is recorded as the Event Stripe would send for it, and
 * returned, ready for `deliverStripeEvent`; setting up history (`add…`) records none.
 */
export function createStripeState(options: { now?: FakeStripeTime; account?: FakeStripeAccountInput } = {}) {
  const clock = createClock(options.now);
  const input = options.account ?? {};
  const account: FakeStripeAccount = {
    ...{ id: input.id ?? 'acct_1GoalpostFake000001', displayName: input.displayName ?? 'Goalpost Test' },
    ...{ defaultCurrency: input.defaultCurrency ?? 'usd', country: input.country ?? 'US' },
    ...{ email: input.email ?? null, created: clock.now() - 400 * 86_400 },
  };
  let seq = 0;
  const deps = {
    nextId: createIds(account.id),
    clock,
    nextSeq: () => ++seq,
    defaultCurrency: account.defaultCurrency,
  };
  const catalog = createCatalog(deps);
  const subscriptions = createSubscriptions(deps, catalog);
  const billing = { ...subscriptions, ...createInvoices(deps, catalog, subscriptions) };
  const events = createCollection<FakeStripeEventRecord>();
  const price = (id: string): FakeStripePrice => catalog.prices.get(id) ?? refuse(`no price ${id}`);
  const shapes: BillingShapeDeps = { price, now: clock.now, account };

  /** Any object's JSON as `GET` shows it (no expansion), found by id. */
  function retrieve(id: string): Json {
    const sub = billing.subscriptions.get(id);
    if (sub) return subscriptionJson(sub, shapes);
    const inv = billing.invoices.get(id);
    if (inv) return invoiceJson(inv, shapes);
    const customer = catalog.customers.get(id);
    if (customer) return customerJson(customer);
    const product = catalog.products.get(id);
    if (product) return productJson(product);
    const found = catalog.prices.get(id);
    if (found) return priceJson(found);
    const coupon = catalog.coupons.get(id);
    if (coupon) return couponJson(coupon);
    return events.get(id)?.json ?? refuse(`no object ${id}`);
  }

  /** Adds an event to the log `GET /v1/events` serves, and hands it back. */
  function recordEvent(event: Json): Json {
    const record: FakeStripeEventRecord = {
      ...{ id: String(event.id), created: Number(event.created), seq: deps.nextSeq() },
      ...{ livemode: event.livemode === true, metadata: {}, type: String(event.type), json: event },
    };
    events.add(record);
    return event;
  }

  const stamp = () => ({ id: deps.nextId('evt'), created: clock.now() });

  function updateSubscription(id: string, patch: FakeStripeSubscriptionPatch): Json {
    const before = retrieve(id);
    billing.updateSubscription(id, patch);
    const after = retrieve(id);
    const previous = previousAttributes(before, after);
    if (Object.keys(previous).length === 0)
      refuse(`the change to ${id} changes nothing; Stripe sends no event`);
    return recordEvent(
      subscriptionEvent('customer.subscription.updated', after, { ...stamp(), previousAttributes: previous }),
    );
  }

  /**
   * At period end: `cancel_at_period_end` set (an update); otherwise canceled now (a deletion), for
   * `reason` (default `cancellation_requested`; `payment_failed` is churn nobody chose).
   */
  function cancelSubscription(id: string, options: FakeStripeCancelOptions = {}): Json {
    if (options.atPeriodEnd) return updateSubscription(id, { cancelAtPeriodEnd: true });
    billing.cancelSubscription(id, options.reason);
    return recordEvent(subscriptionEvent('customer.subscription.deleted', retrieve(id), stamp()));
  }

  function payInvoice(id: string): Json {
    billing.attemptPayment(id, true);
    return recordEvent(invoiceEvent('invoice.paid', retrieve(id), stamp()));
  }

  function failInvoicePayment(id: string): Json {
    billing.attemptPayment(id, false);
    return recordEvent(invoiceEvent('invoice.payment_failed', retrieve(id), stamp()));
  }

  return {
    ...{ clock, account, catalog, billing, events, shapes, retrieve, recordEvent },
    ...{ updateSubscription, cancelSubscription, payInvoice, failInvoicePayment },
    /** Records `customer.subscription.created` for a subscription added with `addSubscription`. */
    announceSubscription: (id: string) =>
      recordEvent(subscriptionEvent('customer.subscription.created', retrieve(id), stamp())),
  };
}

export type StripeState = ReturnType<typeof createStripeState>;
