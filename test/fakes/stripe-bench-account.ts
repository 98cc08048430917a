// A fake Stripe serving a large account, as the bench's (and a test of how a command reads one):
// `count` subscriptions, each with an invoice per billing period it lived.
import { type FakeStripe, startFakeStripe } from './stripe-api.js';
import type { FakeStripeInvoiceInput } from './stripe-records.js';
import { addIntervals } from './stripe-time.js';

/** What a restricted key needs to connect an account and read its history. */
const READS = [
  'rak_accounts_kyc_basic_read',
  'rak_subscription_read',
  'rak_invoice_read',
  'rak_plan_read',
  'rak_product_read',
  'rak_customer_read',
  'rak_coupon_read',
];

/** Where the fake's clock stands once the account is made: the day a sync reads it. */
const NOW = Date.parse('2026-11-20T09:00:00Z') / 1000;

/**
 * Starts a fake Stripe on 127.0.0.1 with one product ("Big backlog", monthly and yearly prices)
 * and `count` subscriptions the restricted key `key` reads, started over the year before NOW: 1
 * in 10 yearly, 1 in 8 with a coupon, 1 in 6 cancelled. Each has an invoice per billing period it
 * lived; 1 in 5 changed seats at its third renewal, so its invoices before then billed another
 * quantity than it has now. Returns the fake and how many invoices it holds.
 */
export async function startBenchStripe(
  count: number,
  key: string,
): Promise<{ stripe: FakeStripe; invoices: number }> {
  const stripe = await startFakeStripe({
    keys: { [key]: { permissions: READS } },
    now: '2025-12-01T09:00:00Z',
  });
  const product = stripe.addProduct({ name: 'Big backlog' });
  const prices = [
    stripe.addPrice({ product: product.id, unitAmount: 2900, recurring: { interval: 'month' } }),
    stripe.addPrice({ product: product.id, unitAmount: 29_000, recurring: { interval: 'year' } }),
  ];
  const coupon = stripe.addCoupon({ percentOff: 20, duration: 'forever' });
  const invoices: FakeStripeInvoiceInput[] = [];
  for (let i = 0; i < count; i++) {
    const customer = stripe.addCustomer({ email: `c${i}@example.com` }).id;
    const start = Date.parse('2025-12-01T00:00:00Z') + (i % 330) * 86_400_000;
    const yearly = i % 10 === 0;
    const price = (prices[yearly ? 1 : 0] as { id: string }).id;
    const quantity = 1 + (i % 3);
    const ended = start + 40 * 86_400_000;
    const sub = stripe.addSubscription({
      customer,
      items: [{ price, quantity }],
      ...(i % 8 === 0 ? { discounts: [{ coupon: coupon.id }] } : {}),
      startDate: new Date(start).toISOString(),
      ...(i % 6 === 0
        ? {
            status: 'canceled' as const,
            canceledAt: new Date(ended).toISOString(),
            endedAt: new Date(ended).toISOString(),
          }
        : {}),
    });
    const until = i % 6 === 0 ? ended / 1000 : NOW;
    const before = i % 10 === 1 ? quantity + 1 : i % 10 === 6 ? (quantity === 1 ? 2 : 1) : quantity;
    for (
      let k = 0, at = start / 1000;
      at < until;
      k++, at = addIntervals(start / 1000, yearly ? 'year' : 'month', k)
    ) {
      invoices.push({
        subscription: sub.id,
        created: at,
        ...(k < 3 ? { lines: [{ price, quantity: before }] } : {}),
      });
    }
  }
  // Added oldest first, as Stripe made them.
  invoices.sort((a, b) => Number(a.created) - Number(b.created));
  for (const invoice of invoices) stripe.addInvoice(invoice);
  stripe.clock.set(NOW);
  return { stripe, invoices: invoices.length };
}
