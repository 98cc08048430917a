import Stripe from 'stripe';
import { afterEach, describe, expect, it } from 'vitest';
import { readInvoices } from '../../../../adapters/stripe/invoice-history.js';
import { FAKE_STRIPE_SECRET_KEY, type FakeStripe, startFakeStripe } from '../../../fakes/stripe-api.js';

let fake: FakeStripe | null = null;
afterEach(async () => {
  await fake?.close();
  fake = null;
});

describe('reading what invoices billed', () => {
  it('reads every line of a long invoice, each price once, and the coupon it applied', async () => {
    fake = await startFakeStripe({ now: '2026-03-01T00:00:00Z' });
    const f = fake;
    const stripe = new Stripe(FAKE_STRIPE_SECRET_KEY, { host: f.host, port: f.port, protocol: f.protocol });
    const product = f.addProduct({ name: 'Quiz Builder' });
    const seat = f.addPrice({ product: product.id, unitAmount: 1500, recurring: { interval: 'month' } });
    const extra = f.addPrice({ product: product.id, unitAmount: 500 });
    const coupon = f.addCoupon({ percentOff: 10, duration: 'forever' });
    const customer = f.addCustomer().id;
    const sub = f.addSubscription({
      customer,
      items: [{ price: seat.id, quantity: 4 }],
      discounts: [{ coupon: coupon.id }],
    });
    // Eleven one-off items first: the subscription's own line is only on the second page of lines.
    f.addInvoice({
      subscription: sub.id,
      lines: [
        ...Array.from({ length: 11 }, () => ({ price: extra.id, invoiceItem: true })),
        { price: seat.id, quantity: 4 },
      ],
    });
    const other = f.addSubscription({ customer: f.addCustomer().id, items: [{ price: seat.id }] });
    f.addInvoice({ subscription: other.id });
    const read = await readInvoices(stripe, {
      since: '2026-03-01T00:00:00.000Z',
      until: '2026-03-02T00:00:00.000Z',
      subscriptions: new Set([sub.id]),
    });
    expect(read).toHaveLength(1);
    const [invoice] = read;
    expect(invoice).toMatchObject({
      subscription: sub.id,
      created: '2026-03-01T00:00:00.000Z',
      discounts: [{ percentOff: 10, duration: 'forever', start: '2026-03-01T00:00:00.000Z', end: null }],
    });
    expect(invoice?.lines).toHaveLength(12);
    expect(invoice?.lines.at(-1)).toEqual({
      periodStart: '2026-03-01T00:00:00.000Z',
      periodEnd: '2026-04-01T00:00:00.000Z',
      subscriptionItem: true,
      proration: false,
      price: { product: product.id, unitAmount: 1500, interval: 'month', intervalCount: 1, quantity: 4 },
    });
    expect(invoice?.lines[0]).toMatchObject({ subscriptionItem: false, price: null });
    expect(f.callsTo('GET', /^\/v1\/invoices\/[^/]+\/lines$/)).toHaveLength(1);
    expect(
      f
        .callsTo('GET', /^\/v1\/prices\//)
        .map((c) => c.path)
        .sort(),
    ).toEqual([`/v1/prices/${extra.id}`, `/v1/prices/${seat.id}`].sort());
  });

  it('asks Stripe nothing when the core wants no invoices', async () => {
    fake = await startFakeStripe();
    const f = fake;
    const stripe = new Stripe(FAKE_STRIPE_SECRET_KEY, { host: f.host, port: f.port, protocol: f.protocol });
    expect(await readInvoices(stripe, null)).toEqual([]);
    expect(f.calls).toEqual([]);
  });
});
