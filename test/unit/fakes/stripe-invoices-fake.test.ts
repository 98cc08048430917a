import Stripe from 'stripe';
import { afterEach, describe, expect, it } from 'vitest';
import { FAKE_STRIPE_SECRET_KEY, type FakeStripe, startFakeStripe } from '../../fakes/stripe-api.js';

let fake: FakeStripe | null = null;
afterEach(async () => {
  await fake?.close();
  fake = null;
});

/** A fake with a $15 monthly seat, a $29 monthly plan and a $99 one-time setup fee. */
async function start() {
  fake = await startFakeStripe({ now: '2026-03-01T00:00:00Z' });
  const f = fake;
  const stripe = new Stripe(FAKE_STRIPE_SECRET_KEY, {
    ...{ host: f.host, port: f.port, protocol: f.protocol, maxNetworkRetries: 0 },
  });
  const product = f.addProduct({ name: 'Quiz Builder' });
  const seat = f.addPrice({ product: product.id, unitAmount: 1500, recurring: { interval: 'month' } });
  const plan = f.addPrice({ product: product.id, unitAmount: 2900, recurring: { interval: 'month' } });
  const setup = f.addPrice({ product: product.id, unitAmount: 9900 });
  return { fake: f, stripe, seat, plan, setup, customer: f.addCustomer().id };
}

describe('fake Stripe: invoices', () => {
  it('applies the subscription’s coupons: ids on the invoice, each line’s share, the total; a once-only one once', async () => {
    const { fake, stripe, seat, customer } = await start();
    const fifth = fake.addCoupon({ percentOff: 20, duration: 'forever' });
    const welcome = fake.addCoupon({ amountOff: 500, currency: 'usd', duration: 'once' });
    const sub = fake.addSubscription({
      customer,
      items: [{ price: seat.id, quantity: 2 }],
      discounts: [{ coupon: fifth.id }, { coupon: welcome.id }],
    });
    const first = fake.addInvoice({ subscription: sub.id });
    fake.clock.set('2026-04-01T00:00:00Z');
    const second = fake.addInvoice({ subscription: sub.id });
    const { data } = await stripe.invoices.list({ expand: ['data.discounts.source.coupon'] });
    const [april, march] = data as [Stripe.Invoice, Stripe.Invoice];
    expect(march.id).toBe(first.id);
    // $30 of seats, 20 % off ($6) and $5 off once: $19.
    expect(march).toMatchObject({
      ...{ subtotal: 3000, total: 1900, amount_due: 1900, amount_paid: 1900 },
      total_discount_amounts: [
        { amount: 600, discount: sub.discounts[0]?.id },
        { amount: 500, discount: sub.discounts[1]?.id },
      ],
    });
    expect(march.lines.data[0]?.discount_amounts).toEqual(march.total_discount_amounts);
    const coupons = march.discounts.map((d) => ((d as Stripe.Discount).source.coupon as Stripe.Coupon).id);
    expect(coupons).toEqual([fifth.id, welcome.id]);
    expect(april.id).toBe(second.id);
    expect(april).toMatchObject({ subtotal: 3000, total: 2400, discounts: [expect.any(Object)] });
  });

  it('stacks coupons in the subscription’s order, each off what is left, never below 0', async () => {
    const { fake, stripe, plan, customer } = await start();
    const five = fake.addCoupon({ amountOff: 500, currency: 'usd', duration: 'forever' });
    const tenth = fake.addCoupon({ percentOff: 10, duration: 'forever' });
    const forty = fake.addCoupon({ amountOff: 4000, currency: 'usd', duration: 'forever' });
    const sub = fake.addSubscription({
      customer,
      items: [{ price: plan.id }],
      discounts: [{ coupon: five.id }, { coupon: tenth.id }, { coupon: forty.id }],
    });
    fake.addInvoice({ subscription: sub.id });
    const [invoice] = (await stripe.invoices.list()).data;
    // $29: $5 off, 10 % of the $24 left ($2.40), then the $21.60 left, not $40.
    expect(invoice).toMatchObject({
      ...{ subtotal: 2900, total: 0, amount_due: 0 },
      total_discount_amounts: [
        { amount: 500, discount: sub.discounts[0]?.id },
        { amount: 240, discount: sub.discounts[1]?.id },
        { amount: 2160, discount: sub.discounts[2]?.id },
      ],
    });
  });

  it('says what backs each line: an item of the subscription, a proration, a one-off item', async () => {
    const { fake, stripe, seat, plan, setup, customer } = await start();
    const sub = fake.addSubscription({ customer, items: [{ price: plan.id }] });
    // Billed on the seat price before the plan change, which kept the item.
    fake.addInvoice({ subscription: sub.id, lines: [{ price: seat.id, quantity: 3 }] });
    fake.clock.set('2026-03-16T00:00:00Z');
    fake.addInvoice({
      subscription: sub.id,
      billingReason: 'subscription_update',
      lines: [
        { price: seat.id, quantity: 3, amount: -2250, proration: true },
        { price: plan.id, amount: 1450, proration: true },
        { price: setup.id, invoiceItem: true },
      ],
    });
    const [update, cycle] = (await stripe.invoices.list()).data as [Stripe.Invoice, Stripe.Invoice];
    const item = sub.items[0]?.id;
    expect(cycle.lines.data[0]).toMatchObject({
      ...{ amount: 4500, quantity: 3, pricing: { price_details: { price: seat.id } } },
      period: {
        start: Date.parse('2026-03-01T00:00:00Z') / 1000,
        end: Date.parse('2026-04-01T00:00:00Z') / 1000,
      },
      parent: {
        type: 'subscription_item_details',
        subscription_item_details: { proration: false, subscription: sub.id, subscription_item: item },
      },
    });
    expect(
      update.lines.data.map((l) => [l.amount, l.parent?.type, l.parent?.invoice_item_details?.proration]),
    ).toEqual([
      [-2250, 'invoice_item_details', true],
      [1450, 'invoice_item_details', true],
      [9900, 'invoice_item_details', false],
    ]);
    expect(update.total).toBe(9100);
    expect(() => fake.addInvoice({ subscription: sub.id, lines: [{ price: setup.id }] })).toThrow(
      /price .* is one-time: only an invoice item/,
    );
  });

  it('shows an invoice’s first ten lines, and pages them all at /v1/invoices/:id/lines', async () => {
    const { fake, stripe, setup, customer } = await start();
    const many = fake.addInvoice({
      customer,
      lines: Array.from({ length: 23 }, (_, i) => ({ price: setup.id, amount: 100 + i })),
    });
    const shown = await stripe.invoices.retrieve(many.id);
    expect(shown.lines).toMatchObject({ has_more: true, url: `/v1/invoices/${many.id}/lines` });
    expect(shown.lines.data.map((l) => l.amount)).toEqual(Array.from({ length: 10 }, (_, i) => 100 + i));
    const all: number[] = [];
    for await (const line of stripe.invoices.listLineItems(many.id, { limit: 7 })) all.push(line.amount);
    expect(all).toEqual(Array.from({ length: 23 }, (_, i) => 100 + i));
    const tenth = shown.lines.data[9]?.id ?? '';
    const before = await stripe.invoices.listLineItems(many.id, { ending_before: tenth, limit: 3 });
    expect([before.data.map((l) => l.amount), before.has_more]).toEqual([[106, 107, 108], true]);
    await expect(stripe.invoices.listLineItems(many.id, { starting_after: 'il_nope' })).rejects.toMatchObject(
      {
        statusCode: 400,
        raw: { code: 'resource_missing', param: 'starting_after' },
      },
    );
    await expect(stripe.invoices.listLineItems('in_nope')).rejects.toMatchObject({ statusCode: 404 });
  });
});
