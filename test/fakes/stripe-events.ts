import { randomBytes } from 'node:crypto';
import type { Json } from './stripe-shapes.js';

/**
 * The API version the fake serves and stamps on events: the one `stripe` 23.1.0 pins. Objects
 * have this version's shapes whatever `Stripe-Version` a request names.
 */
export const FAKE_STRIPE_API_VERSION = '2026-10-28.endive';

export interface StripeEventOptions {
  /** Default: a fresh `evt_…`. Reuse one to play a redelivery. */
  id?: string;
  /** Unix seconds (default: now). */
  created?: number;
  /** Default: the object's own `livemode`. */
  livemode?: boolean;
  apiVersion?: string;
  /** The connected account, only on events from a Connect account (left out otherwise, as Stripe does). */
  account?: string;
  /** For `*.updated`: the changed fields with their old values. */
  previousAttributes?: Json;
  /** The API request that caused it; null (the default) for changes from the Dashboard or from billing. */
  request?: { id: string | null; idempotencyKey?: string | null } | null;
}

const freshId = () => `evt_1${randomBytes(18).toString('base64url').replace(/[-_]/g, '0').slice(0, 23)}`;

/** An Event object as Stripe sends it to a webhook endpoint and lists it under `/v1/events`. */
export function stripeEvent(type: string, object: Json, options: StripeEventOptions = {}): Json {
  const data: Json = { object };
  if (options.previousAttributes) data.previous_attributes = options.previousAttributes;
  const request = options.request ?? { id: null };
  return {
    ...{ id: options.id ?? freshId(), object: 'event' },
    ...(options.account === undefined ? {} : { account: options.account }),
    ...{ api_version: options.apiVersion ?? FAKE_STRIPE_API_VERSION },
    ...{ created: options.created ?? Math.floor(Date.now() / 1000), data },
    ...{ livemode: options.livemode ?? object.livemode === true, pending_webhooks: 1 },
    ...{ request: { id: request.id, idempotency_key: request.idempotencyKey ?? null }, type },
  };
}

export type SubscriptionEventType =
  | 'customer.subscription.created'
  | 'customer.subscription.updated'
  | 'customer.subscription.deleted';

export type InvoiceEventType = 'invoice.paid' | 'invoice.payment_failed';

function expect(ok: boolean, message: string): void {
  if (!ok) throw new Error(`fake Stripe: ${message}`);
}

/**
 * A `customer.subscription.*` event around a subscription's JSON (from the fake's `retrieve`).
 * Refuses what Stripe never sends: an update without `previous_attributes`, a deletion of a
 * subscription that is not canceled.
 */
export function subscriptionEvent(
  type: SubscriptionEventType,
  subscription: Json,
  options: StripeEventOptions = {},
) {
  expect(
    subscription.object === 'subscription',
    `${type} carries a subscription, not a ${String(subscription.object)}`,
  );
  expect(
    type !== 'customer.subscription.updated' || options.previousAttributes !== undefined,
    `${type} needs previousAttributes`,
  );
  expect(
    type !== 'customer.subscription.deleted' || subscription.status === 'canceled',
    `${type} carries a canceled subscription`,
  );
  return stripeEvent(type, subscription, options);
}

/** `invoice.paid` (of a paid invoice) or `invoice.payment_failed` (of an open one that was attempted). */
export function invoiceEvent(type: InvoiceEventType, invoice: Json, options: StripeEventOptions = {}) {
  expect(invoice.object === 'invoice', `${type} carries an invoice, not a ${String(invoice.object)}`);
  expect(type !== 'invoice.paid' || invoice.status === 'paid', 'invoice.paid carries a paid invoice');
  expect(
    type !== 'invoice.payment_failed' || (invoice.status === 'open' && invoice.attempted === true),
    'invoice.payment_failed carries an open invoice that was attempted',
  );
  return stripeEvent(type, invoice, options);
}

/** `previous_attributes` as Stripe writes it: each top-level field that changed, with its old value. */
export function previousAttributes(before: Json, after: Json): Json {
  const changed: Json = {};
  for (const [key, old] of Object.entries(before))
    if (JSON.stringify(old) !== JSON.stringify(after[key])) changed[key] = old;
  return changed;
}
