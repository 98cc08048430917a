import { describe, expect, it } from 'vitest';
import { type InvoicePayment, paymentFailureOf } from '../../../src/domain/payment-failure.js';

const NOW = '2026-11-21T09:00:00.000Z';

const invoice = (i: Partial<InvoicePayment> = {}): InvoicePayment => ({
  invoice: 'in_1',
  subscription: 'sub_1',
  customer: 'cus_1',
  currency: 'usd',
  amountDue: 2900,
  status: 'open',
  attempts: 1,
  finalizedAt: '2026-11-18T09:00:00.000Z',
  paidAt: null,
  closedAt: null,
  failedAt: null,
  ...i,
});

describe('paymentFailureOf', () => {
  it('sees no failure in an invoice paid at its first attempt, a draft, or one not yet attempted', () => {
    const paid = { status: 'paid' as const, paidAt: '2026-11-18T10:00:00.000Z' };
    expect(paymentFailureOf(invoice(paid), null, NOW)).toBeNull();
    expect(paymentFailureOf(invoice({ status: 'draft', attempts: 0 }), null, NOW)).toBeNull();
    expect(paymentFailureOf(invoice({ attempts: 0 }), null, NOW)).toBeNull();
  });

  it('dates a failure the invoice alone shows at its finalization, and one an event reports at the event', () => {
    expect(paymentFailureOf(invoice(), null, NOW)).toMatchObject({
      firstFailedAt: '2026-11-18T09:00:00.000Z',
      lastFailedAt: '2026-11-18T09:00:00.000Z',
      recoveredAt: null,
      closedAt: null,
    });
    const evented = paymentFailureOf(invoice({ failedAt: '2026-11-18T10:00:00.000Z' }), null, NOW);
    expect(evented?.firstFailedAt).toBe('2026-11-18T10:00:00.000Z');
  });

  it('keeps the first failure and the most attempts as retries fail, and marks it recovered once paid', () => {
    const first = paymentFailureOf(invoice({ failedAt: '2026-11-18T10:00:00.000Z' }), null, NOW);
    const retry = paymentFailureOf(
      invoice({ attempts: 2, failedAt: '2026-11-20T10:00:00.000Z' }),
      first,
      NOW,
    );
    expect(retry).toMatchObject({
      attempts: 2,
      firstFailedAt: '2026-11-18T10:00:00.000Z',
      lastFailedAt: '2026-11-20T10:00:00.000Z',
      recoveredAt: null,
    });
    // Paid by hand: Stripe counts no attempt for it, and the invoice alone would not show the failure.
    const paid = invoice({ status: 'paid', attempts: 1, paidAt: '2026-11-21T08:00:00.000Z' });
    expect(paymentFailureOf(paid, null, NOW)).toBeNull();
    expect(paymentFailureOf(paid, retry, NOW)).toMatchObject({
      attempts: 2,
      recoveredAt: '2026-11-21T08:00:00.000Z',
      closedAt: null,
    });
  });

  it('counts an invoice paid after more than one attempt as a failure recovered', () => {
    const late = invoice({ status: 'paid', attempts: 3, paidAt: '2026-11-20T00:00:00.000Z' });
    expect(paymentFailureOf(late, null, NOW)).toMatchObject({ recoveredAt: '2026-11-20T00:00:00.000Z' });
  });

  it('closes a failure voided or written off, which is lost, not recovered', () => {
    const closed = { closedAt: '2026-11-20T00:00:00.000Z' };
    for (const status of ['void', 'uncollectible'] as const) {
      expect(paymentFailureOf(invoice({ status, ...closed }), null, NOW)).toMatchObject({
        recoveredAt: null,
        closedAt: '2026-11-20T00:00:00.000Z',
      });
    }
  });
});
