import { createHmac } from 'node:crypto';
import type { Json } from './stripe-shapes.js';

export {
  FAKE_STRIPE_API_VERSION,
  type InvoiceEventType,
  invoiceEvent,
  previousAttributes,
  type StripeEventOptions,
  type SubscriptionEventType,
  stripeEvent,
  subscriptionEvent,
} from './stripe-events.js';

/**
 * The `Stripe-Signature` header for a payload: `t=<unix seconds>` and one `v1=` per secret, each
 * the hex HMAC-SHA256 of `"<t>.<payload>"` keyed by the endpoint's signing secret. Several secrets
 * give several `v1`s, as Stripe signs while an old secret is being rolled. Written here with
 * node:crypto, not taken from the code under test, so a receiver is checked against Stripe's
 * scheme rather than against itself.
 */
export function signStripePayload(
  secret: string | readonly string[],
  payload: string,
  timestamp: number = Math.floor(Date.now() / 1000),
): string {
  const secrets = typeof secret === 'string' ? [secret] : secret;
  const signatures = secrets.map(
    (s) => `v1=${createHmac('sha256', s).update(`${timestamp}.${payload}`).digest('hex')}`,
  );
  return [`t=${timestamp}`, ...signatures].join(',');
}

export interface StripeDelivery {
  event: Json;
  /** The endpoint's signing secret (`whsec_…`), or the secrets while one is being rolled. */
  secret: string | readonly string[];
  /** Unix seconds signed into the header (default: now); an old one plays a replay. */
  timestamp?: number;
  /** Replaces `Stripe-Signature` (a forged one); null leaves the header out. */
  signature?: string | null;
  /** Sent instead of the event's JSON, byte for byte and signed as sent (e.g. a tampered body). */
  rawBody?: string;
}

export interface StripeDeliveryResult {
  status: number;
  body: string;
  /** The headers and body that were sent, for assertions about what the receiver saw. */
  sent: { headers: Record<string, string>; body: string };
}

/** The headers Stripe's webhook sender puts on every delivery. */
const DELIVERY_HEADERS = {
  'User-Agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
  'Content-Type': 'application/json; charset=utf-8',
  Accept: '*/*; q=0.5, application/xml',
  'Cache-Control': 'no-cache',
};

/**
 * POSTs one event to `url` as Stripe delivers it: the event pretty-printed with two spaces (as
 * Stripe sends it, so a receiver that re-serialises before verifying fails here as it would in
 * production), signed over exactly the bytes sent.
 */
export async function deliverStripeEvent(
  url: string,
  delivery: StripeDelivery,
): Promise<StripeDeliveryResult> {
  const body = delivery.rawBody ?? JSON.stringify(delivery.event, null, 2);
  const headers: Record<string, string> = { ...DELIVERY_HEADERS };
  const signature =
    delivery.signature === undefined
      ? signStripePayload(delivery.secret, body, delivery.timestamp)
      : delivery.signature;
  if (signature !== null) headers['Stripe-Signature'] = signature;
  const response = await fetch(url, { method: 'POST', headers, body });
  return { status: response.status, body: await response.text(), sent: { headers, body } };
}
