/**
 * Failed payments on subscription invoices, as a billing system (Stripe) reports them: which
 * invoices failed to be paid, when, and whether they were paid after all. Amounts are in minor
 * units of the invoice's currency.
 */

export type InvoiceStatus = 'draft' | 'open' | 'paid' | 'uncollectible' | 'void';

/** A subscription's invoice as the billing system has it now, in what tells whether its payment failed. */
export interface InvoicePayment {
  invoice: string;
  subscription: string;
  customer: string;
  currency: string;
  amountDue: number;
  status: InvoiceStatus;
  /** Automatic collection attempts so far (Stripe's `attempt_count`; a manual payment adds none). */
  attempts: number;
  /** When it was finalized: Stripe first tries to collect it within the hour. */
  finalizedAt: string;
  paidAt: string | null;
  /** When it was voided or marked uncollectible. */
  closedAt: string | null;
  /** When an attempt to pay it failed, when an event says so (`invoice.payment_failed`'s time). */
  failedAt: string | null;
}

/** An invoice whose payment failed, as kept: unpaid while `recoveredAt` and `closedAt` are null. */
export interface PaymentFailure {
  invoice: string;
  subscription: string;
  customer: string;
  currency: string;
  amountDue: number;
  attempts: number;
  firstFailedAt: string;
  lastFailedAt: string;
  /** Paid after failing. */
  recoveredAt: string | null;
  /** Voided or written off as uncollectible: no longer collected, and lost. */
  closedAt: string | null;
}

/**
 * Whether an invoice's payment ever failed, by what the invoice shows: an event said so; or it was
 * attempted and is not paid (open, or closed unpaid); or it was paid only after more than one
 * attempt. An invoice paid on its first attempt never failed.
 */
export function everFailed(inv: InvoicePayment): boolean {
  if (inv.failedAt !== null) return true;
  if (inv.status === 'paid') return inv.attempts > 1;
  return inv.status !== 'draft' && inv.attempts > 0;
}

const earlier = (a: string, b: string): string => (a < b ? a : b);
const later = (a: string, b: string): string => (a > b ? a : b);

/**
 * The failure an invoice records, merged with what was `stored` for it; null when it never failed.
 * A failure the invoice does not date (a backfill's) is dated at its finalization, when Stripe's
 * first attempt follows. What the invoice is now decides whether it is recovered, closed or unpaid,
 * so events arriving out of order leave it as Stripe has it.
 */
export function paymentFailureOf(
  inv: InvoicePayment,
  stored: PaymentFailure | null,
  now: string,
): PaymentFailure | null {
  if (stored === null && !everFailed(inv)) return null;
  const failedAt = inv.failedAt ?? inv.finalizedAt;
  return {
    invoice: inv.invoice,
    subscription: inv.subscription,
    customer: inv.customer,
    currency: inv.currency,
    amountDue: inv.amountDue,
    attempts: Math.max(inv.attempts, stored?.attempts ?? 0),
    firstFailedAt: stored === null ? failedAt : earlier(stored.firstFailedAt, failedAt),
    lastFailedAt: stored === null ? failedAt : later(stored.lastFailedAt, failedAt),
    recoveredAt: inv.status === 'paid' ? (inv.paidAt ?? now) : null,
    closedAt: inv.status === 'void' || inv.status === 'uncollectible' ? (inv.closedAt ?? now) : null,
  };
}
