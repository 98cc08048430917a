import type { IncomingMessage, ServerResponse } from 'node:http';
import Stripe from 'stripe';
import * as z from 'zod';
import {
  type Ctx,
  type Goalpost,
  type InvoicePayment,
  keyMode,
  type Logger,
  lazySchema,
  ValidationError,
  validate,
} from '../../src/index.js';
import { answerFailure, answerJson, answerRefusal, readRawBody } from '../http/raw-body.js';
import { refusalWarning } from '../http/refusal-log.js';
import { historyOf, tieredPrices } from './backfill.js';
import { iso } from './billing-terms.js';
import { readInvoicePayment } from './payment-failures.js';
import { createStripeClient } from './stripe-client.js';

/** Stripe caps an event's payload well under this. */
const MAX_EVENT_BYTES = 1024 * 1024;
/** How old a signed event may be, in seconds, before it is taken for a replay. */
const TOLERANCE_SECONDS = 300;

export interface StripeWebhookOptions {
  app: Goalpost;
  /** STRIPE_WEBHOOK_SECRET: the endpoint's signing secret (whsec_…). */
  secret: string;
  /** STRIPE_API_BASE, to re-read subscriptions. */
  apiBase: string | undefined;
  logger: Logger;
}

/** The subscription an event is about: the object itself, or an invoice's subscription. */
function subscriptionOf(event: Stripe.Event): string | null {
  const object = event.data.object as {
    object?: string;
    id?: string;
    subscription?: unknown;
    parent?: unknown;
  };
  if (object.object === 'subscription') return object.id ?? null;
  if (object.object === 'invoice') {
    if (typeof object.subscription === 'string') return object.subscription;
    const parent = object.parent as { subscription_details?: { subscription?: unknown } } | null | undefined;
    const sub = parent?.subscription_details?.subscription;
    return typeof sub === 'string' ? sub : null;
  }
  return null;
}

/**
 * For an invoice event, its invoice as Stripe has it now, a failed attempt at the event's time when
 * the event is `invoice.payment_failed`; undefined for other events.
 */
async function invoiceOf(stripe: Stripe, event: Stripe.Event): Promise<InvoicePayment | undefined> {
  const object = event.data.object as { object?: string; id?: string };
  if (object.object !== 'invoice' || object.id === undefined) return undefined;
  const failed = event.type === 'invoice.payment_failed';
  return (await readInvoicePayment(stripe, object.id, failed, event.created)) ?? undefined;
}

/**
 * The fields of an event the handler reads, checked once its signature is: an event that lacks
 * one is refused with what is wrong (400), not failed half-way (500) or taken for nothing (200).
 * Its id is what makes a redelivery change nothing, so it must be Stripe's (`evt_…`).
 */
const eventSchema = lazySchema(() =>
  z.object({
    id: z.string().regex(/^evt_\w+$/, 'an event id like evt_1Nv…'),
    type: z.string().min(1),
    created: z.number().int().min(0),
    data: z.object({ object: z.record(z.string(), z.unknown()) }),
  }),
);

const USED = new Set([
  'customer.subscription.created',
  'customer.subscription.updated',
  'customer.subscription.deleted',
  'invoice.paid',
  'invoice.payment_failed',
]);

/**
 * `POST /stripe/webhook`: Stripe's events for connected accounts. `Stripe-Signature` is checked
 * over the raw body, with a 5-minute tolerance, before the body is read (a bad or stale one: 401,
 * nothing written). Subscription and invoice events re-read their subscription from Stripe, with
 * the key of the account that has it, so events arriving out of order still leave it as Stripe
 * has it now; its month's figures are worked out at once. Invoice events re-read their invoice too:
 * a failed payment is kept, and marked recovered once paid. An event id is handled once. An event
 * about a subscription no connected account can read: 404, naming it.
 */
export function createStripeWebhookHandler(
  options: StripeWebhookOptions,
): (req: IncomingMessage, res: ServerResponse) => void {
  const { app } = options;
  const log = options.logger.child({ component: 'stripe-webhook' });
  const refused = refusalWarning(
    log,
    'webhook delivery refused for its signature (at most one line a minute)',
  );
  // Verification needs no account: the library's signature check alone.
  const verifier = new Stripe('sk_verify_only', { telemetry: false });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'POST') {
      answerRefusal(res, 405, 'E_METHOD_NOT_ALLOWED', 'Stripe delivers with POST', {
        headers: { allow: 'POST' },
      });
      req.resume();
      return;
    }
    const raw = await readRawBody(req, res, MAX_EVENT_BYTES, 'an event');
    if (raw === null) return;
    const signature = req.headers['stripe-signature'];
    if (typeof signature !== 'string' || signature === '') {
      const why = 'missing Stripe-Signature: the endpoint’s signing secret goes in STRIPE_WEBHOOK_SECRET';
      refused(why, req.socket.remoteAddress);
      answerRefusal(res, 401, 'E_UNAUTHORIZED', why);
      return;
    }
    let parsed: unknown;
    try {
      // The signature over the raw bytes, then the JSON: only a verified body is parsed.
      parsed = verifier.webhooks.constructEvent(raw, signature, options.secret, TOLERANCE_SECONDS);
    } catch (error) {
      const message = (error as Error).message;
      if (error instanceof Stripe.errors.StripeSignatureVerificationError) {
        // The library's words, not its error: that holds the header and the payload.
        refused(`Stripe-Signature does not verify (${message})`, req.socket.remoteAddress);
        answerRefusal(res, 401, 'E_UNAUTHORIZED', `Stripe-Signature does not verify (${message})`);
      } else
        answerRefusal(
          res,
          400,
          'E_VALIDATION',
          `the body is not a Stripe event (not JSON: ${message}); nothing was written`,
          { field: 'body' },
        );
      return;
    }
    // stripe-node bounds how old a signature may be, not how far ahead: one dated later than the
    // tolerance is a replay prepared in advance or a clock far off, either way not taken.
    const signedAt = Number(/(?:^|,)t=(\d+)/.exec(signature)?.[1]);
    if (signedAt > Date.now() / 1000 + TOLERANCE_SECONDS) {
      const why = `Stripe-Signature is dated ${Math.round(signedAt - Date.now() / 1000)} s ahead of this machine's clock (more than ${TOLERANCE_SECONDS} s): check the clock; nothing was written`;
      refused(why, req.socket.remoteAddress);
      answerRefusal(res, 401, 'E_UNAUTHORIZED', why);
      return;
    }
    let event: Stripe.Event;
    try {
      event = validate(eventSchema(), parsed) as unknown as Stripe.Event;
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      answerRefusal(
        res,
        400,
        'E_VALIDATION',
        `the body is not a Stripe event (${error.message}); nothing was written`,
        { field: error.field },
      );
      return;
    }
    if (!USED.has(event.type)) {
      answerJson(res, 200, { ok: true, ignored: event.type });
      return;
    }
    const subscriptionId = subscriptionOf(event);
    if (subscriptionId === null) {
      answerJson(res, 200, { ok: true, ignored: `${event.type} without a subscription` });
      return;
    }
    const read = await readSubscription(subscriptionId, event);
    if (read !== null) {
      // A subscription is one account's, in one mode: every workspace that connected that account
      // with a key of that mode takes the event (each maps its own products), once each, as each
      // one's sync reads it; a workspace on the account's test keys never sees a live subscription.
      const applied = app.stripe
        .candidatesFor(subscriptionId)
        .filter((candidate) => candidate.accountId === read.accountId && keyMode(candidate.key) === read.mode)
        .map((candidate) => {
          const ctx: Ctx = app.context({
            workspaceId: candidate.workspaceId,
            actor: `stripe:${candidate.accountId}`,
            source: 'api',
            role: 'admin',
          });
          // Dated when Stripe says it happened: a retry may come days after the change.
          const ran = app.stripe.updateOnce(
            ctx,
            event.id,
            candidate.accountId,
            read.history,
            read.invoice,
            iso(event.created),
          );
          log.info(
            {
              ...{ event: event.id, type: event.type, subscription: subscriptionId },
              ...{ workspace: candidate.workspaceId, duplicate: ran.duplicate },
            },
            'Stripe event applied',
          );
          return {
            workspace: candidate.workspaceId,
            duplicate: ran.duplicate,
            ...(ran.duplicate ? {} : { mrrNow: ran.sync.mrrNow }),
          };
        });
      // The first workspace's answer at the top, as it was before one account fed several; every
      // workspace's in `workspaces`.
      const [{ workspace: _first, ...first } = { duplicate: true }] = applied;
      answerJson(res, 200, { ok: true, event: event.id, ...first, workspaces: applied });
      return;
    }
    answerRefusal(
      res,
      404,
      'E_NOT_FOUND',
      `no connected Stripe account can read ${subscriptionId} (event ${event.id}); connect the account with \`goalpost stripe connect --key rk_… --project "Name"\``,
    );
  }

  /**
   * The subscription an event names, as the first connected account that can read it reads it now
   * (with its tiers, and the invoice the event names), and that account; null when none can.
   */
  async function readSubscription(subscriptionId: string, event: Stripe.Event) {
    for (const candidate of app.stripe.candidatesFor(subscriptionId)) {
      const stripe = createStripeClient(candidate.key, options.apiBase);
      let sub: Stripe.Subscription;
      try {
        sub = await stripe.subscriptions.retrieve(subscriptionId, { expand: ['discounts.source.coupon'] });
      } catch (error) {
        if (error instanceof Stripe.errors.StripeInvalidRequestError && error.statusCode === 404) continue;
        throw error;
      }
      const invoice = await invoiceOf(stripe, event);
      const history = historyOf(sub, await tieredPrices(stripe, [sub]));
      return { accountId: candidate.accountId, mode: keyMode(candidate.key), history, invoice };
    }
    return null;
  }

  return (req, res) => {
    handle(req, res).catch((error: unknown) => answerFailure(res, log, error, 'Stripe event'));
  };
}
