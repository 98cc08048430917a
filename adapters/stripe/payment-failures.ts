import type Stripe from 'stripe';
import { everFailed, type InvoicePayment, type InvoiceStatus } from '../../src/index.js';
import { listAll, stripeProblem, wait } from './stripe-client.js';

const iso = (unixSeconds: number): string => new Date(unixSeconds * 1000).toISOString();
const unix = (at: string): number => Math.floor(new Date(at).getTime() / 1000);

const STATUSES: ReadonlySet<string> = new Set(['draft', 'open', 'paid', 'uncollectible', 'void']);
const isStatus = (s: string | null): s is InvoiceStatus => s !== null && STATUSES.has(s);

const idOf = (ref: string | { id: string } | null | undefined): string | null =>
  ref === null || ref === undefined ? null : typeof ref === 'string' ? ref : ref.id;

/**
 * The subscription an invoice bills: under `parent.subscription_details` since the 2025 API
 * versions, at the top before them.
 */
export function invoiceSubscription(inv: Stripe.Invoice): string | null {
  const older = (inv as { subscription?: string | { id: string } | null }).subscription;
  return idOf(inv.parent?.subscription_details?.subscription) ?? idOf(older);
}

/**
 * A subscription's invoice as the core reads a payment on it; null for an invoice of no
 * subscription (a one-off charge has no MRR to lose). `failedAt`: when an event says an attempt
 * to pay it failed.
 */
export function invoicePaymentOf(inv: Stripe.Invoice, failedAt: string | null): InvoicePayment | null {
  const subscription = invoiceSubscription(inv);
  const customer = idOf(inv.customer);
  if (subscription === null || customer === null || !isStatus(inv.status)) return null;
  const t = inv.status_transitions;
  const closed = t.voided_at ?? t.marked_uncollectible_at;
  return {
    invoice: inv.id,
    subscription,
    customer,
    currency: inv.currency,
    amountDue: inv.amount_due,
    status: inv.status,
    attempts: inv.attempt_count,
    finalizedAt: iso(t.finalized_at ?? inv.created),
    paidAt: t.paid_at === null ? null : iso(t.paid_at),
    closedAt: closed === null ? null : iso(closed),
    failedAt,
  };
}

/**
 * Every subscription invoice created since `since` whose payment failed (unpaid, paid late, or
 * closed unpaid), newest first as Stripe pages them, every page read before any is used. A page
 * refused for the rate limit is asked again after a wait, as the subscriptions are.
 */
export async function readPaymentFailures(
  stripe: Stripe,
  since: string,
  sleep = wait,
): Promise<InvoicePayment[]> {
  const failed: InvoicePayment[] = [];
  const page = (after: string | undefined) =>
    stripe.invoices.list({
      created: { gte: unix(since) },
      limit: 100,
      ...(after === undefined ? {} : { starting_after: after }),
    });
  for await (const inv of listAll(page, 'read invoices', sleep)) {
    const payment = invoicePaymentOf(inv, null);
    if (payment !== null && everFailed(payment)) failed.push(payment);
  }
  return failed;
}

/**
 * Invoice `id` as Stripe has it now (an event may arrive after later ones), for an event that
 * happened at `eventAt`: a failed attempt when `failed`.
 */
export async function readInvoicePayment(
  stripe: Stripe,
  id: string,
  failed: boolean,
  eventAt: number,
): Promise<InvoicePayment | null> {
  let inv: Stripe.Invoice;
  try {
    inv = await stripe.invoices.retrieve(id);
  } catch (error) {
    throw stripeProblem(error, 'read the invoice');
  }
  return invoicePaymentOf(inv, failed ? iso(eventAt) : null);
}
