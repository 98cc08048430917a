import { invoiceJson, subscriptionJson } from './stripe-billing-shapes.js';
import type { Collection } from './stripe-collection.js';
import { noSuch, type StripeAnswer } from './stripe-http.js';
import type { ParamSpec, Query } from './stripe-query.js';
import type { FakeStripeRecord, FakeStripeSubscription } from './stripe-records.js';
import { couponJson, customerJson, type Json, priceJson, productJson } from './stripe-shapes.js';
import type { StripeState } from './stripe-state.js';

/** One kind of object the API lists and retrieves, with what guards it and how its list filters. */
export interface Resource<T extends FakeStripeRecord> {
  /** `/v1/<path>` and `/v1/<path>/:id`. */
  path: string;
  object: string;
  /** The restricted-key permission that reads it. */
  permission: string;
  /** The `param` Stripe names when an id in the path does not exist. */
  idParam: string;
  collection: Collection<T>;
  json(item: T): Json;
  filters: ParamSpec;
  /** The filter a query asks for, or Stripe's refusal of it (a customer that does not exist). */
  keep(query: Query, livemode: boolean): ((item: T) => boolean) | StripeAnswer;
}

const SUBSCRIPTION_STATUSES = [
  ...['active', 'all', 'canceled', 'ended', 'incomplete', 'incomplete_expired'],
  ...['past_due', 'paused', 'trialing', 'unpaid'],
];

/** Stripe's `status` filter: no value lists all but canceled ones; `ended` is canceled or expired. */
function statusIs(wanted: string | undefined): (s: FakeStripeSubscription) => boolean {
  if (wanted === undefined) return (s) => s.status !== 'canceled';
  if (wanted === 'all') return () => true;
  if (wanted === 'ended') return (s) => s.status === 'canceled' || s.status === 'incomplete_expired';
  return (s) => s.status === wanted;
}

/** A filter on another object's id, which must exist in the caller's mode (else 400, as Stripe answers). */
function exists(
  collection: Collection<FakeStripeRecord>,
  object: string,
  query: Query,
  param: string,
  livemode: boolean,
): StripeAnswer | null {
  const id = query.strings.get(param);
  if (id === undefined) return null;
  const found = collection.get(id);
  return found && found.livemode === livemode ? null : noSuch(object, id, param);
}

const same = (query: Query, param: string, value: unknown) =>
  !query.strings.has(param) || query.strings.get(param) === String(value);

/** A `type` filter: an event name, or a group with `*` (`customer.subscription.*`). */
const typeMatches = (pattern: string, type: string) =>
  new RegExp(`^${pattern.replaceAll('.', '\\.').replaceAll('*', '[^]*')}$`).test(type);

/** Stripe keeps events for 30 days; older ones are neither listed nor retrievable. */
const EVENT_DAYS = 30;

export function stripeResources(state: StripeState) {
  const { catalog, billing, events, shapes, clock } = state;
  const subscriptions: Resource<FakeStripeSubscription> = {
    ...{ path: 'subscriptions', object: 'subscription', permission: 'rak_subscription_read' },
    ...{ idParam: 'subscription_exposed_id', collection: billing.subscriptions },
    json: (s) => subscriptionJson(s, shapes),
    filters: {
      ...{ customer: 'string', price: 'string', status: { enum: SUBSCRIPTION_STATUSES }, created: 'range' },
      ...{ automatic_tax: 'unmodelled', collection_method: 'unmodelled', current_period_end: 'unmodelled' },
      ...{ current_period_start: 'unmodelled', customer_account: 'unmodelled', test_clock: 'unmodelled' },
    },
    keep(query, livemode) {
      const missing =
        exists(catalog.customers, 'customer', query, 'customer', livemode) ??
        exists(catalog.prices, 'price', query, 'price', livemode);
      if (missing) return missing;
      const status = statusIs(query.strings.get('status'));
      const price = query.strings.get('price');
      return (s) =>
        status(s) &&
        same(query, 'customer', s.customer) &&
        (!price || s.items.some((i) => i.price === price));
    },
  };
  return {
    subscriptions,
    invoices: {
      ...{ path: 'invoices', object: 'invoice', permission: 'rak_invoice_read', idParam: 'id' },
      ...{ collection: billing.invoices, json: (i) => invoiceJson(i, shapes) },
      filters: {
        ...{ customer: 'string', subscription: 'string', created: 'range' },
        status: { enum: ['draft', 'open', 'paid', 'uncollectible', 'void'] },
        ...{ collection_method: 'unmodelled', due_date: 'unmodelled', customer_account: 'unmodelled' },
      },
      keep: (query, livemode) =>
        exists(catalog.customers, 'customer', query, 'customer', livemode) ??
        exists(billing.subscriptions, 'subscription', query, 'subscription', livemode) ??
        ((i) =>
          same(query, 'customer', i.customer) &&
          same(query, 'subscription', i.subscription) &&
          same(query, 'status', i.status)),
    } satisfies Resource<(typeof billing.invoices.items)[number]>,
    products: {
      ...{ path: 'products', object: 'product', permission: 'rak_product_read', idParam: 'id' },
      ...{ collection: catalog.products, json: productJson },
      filters: {
        active: 'boolean',
        ids: 'array',
        created: 'range',
        shippable: 'unmodelled',
        url: 'unmodelled',
      },
      keep: (query) => (p) =>
        same(query, 'active', p.active) &&
        (!query.arrays.has('ids') || query.arrays.get('ids')?.includes(p.id) === true),
    } satisfies Resource<(typeof catalog.products.items)[number]>,
    prices: {
      ...{ path: 'prices', object: 'price', permission: 'rak_plan_read', idParam: 'id' },
      ...{ collection: catalog.prices, json: priceJson },
      filters: {
        ...{ active: 'boolean', currency: 'string', product: 'string', created: 'range' },
        ...{ type: { enum: ['one_time', 'recurring'] }, lookup_keys: 'unmodelled', recurring: 'unmodelled' },
      },
      keep: (query) => (p) =>
        same(query, 'active', p.active) &&
        same(query, 'currency', p.currency) &&
        same(query, 'product', p.product) &&
        same(query, 'type', p.recurring ? 'recurring' : 'one_time'),
    } satisfies Resource<(typeof catalog.prices.items)[number]>,
    customers: {
      ...{ path: 'customers', object: 'customer', permission: 'rak_customer_read', idParam: 'id' },
      ...{ collection: catalog.customers, json: customerJson },
      filters: { email: 'string', created: 'range', test_clock: 'unmodelled' },
      keep: (query) => (c) => same(query, 'email', c.email),
    } satisfies Resource<(typeof catalog.customers.items)[number]>,
    coupons: {
      ...{ path: 'coupons', object: 'coupon', permission: 'rak_coupon_read', idParam: 'id' },
      ...{ collection: catalog.coupons, json: couponJson, filters: { created: 'range' } },
      keep: () => () => true,
    } satisfies Resource<(typeof catalog.coupons.items)[number]>,
    events: {
      ...{ path: 'events', object: 'event', permission: 'rak_event_read', idParam: 'id' },
      // A copy: `expand[]` works in place, and the log must keep what was sent.
      ...{ collection: events, json: (e) => structuredClone(e.json) },
      filters: { type: 'string', types: 'array', created: 'range', delivery_success: 'unmodelled' },
      keep: (query) => {
        const patterns = query.arrays.get('types') ?? [query.strings.get('type') ?? '*'];
        return (e) =>
          e.created >= clock.now() - EVENT_DAYS * 86_400 && patterns.some((p) => typeMatches(p, e.type));
      },
    } satisfies Resource<(typeof events.items)[number]>,
  };
}
