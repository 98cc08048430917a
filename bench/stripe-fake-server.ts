// The fake Stripe of the tests, as its own process for the bench (`count key`): an account with
// `count` subscriptions the restricted key reads, served on 127.0.0.1 until stdin closes. Prints
// its URL, then `ready`.
import { startFakeStripe } from '../test/fakes/stripe-api.js';

const count = Number(process.argv[2] ?? 50_000);
const key = process.argv[3] ?? '';
const reads = [
  'rak_accounts_kyc_basic_read',
  'rak_subscription_read',
  'rak_invoice_read',
  'rak_plan_read',
  'rak_product_read',
  'rak_customer_read',
  'rak_coupon_read',
];
const stripe = await startFakeStripe({
  keys: { [key]: { permissions: reads } },
  now: '2025-12-01T09:00:00Z',
});
const product = stripe.addProduct({ name: 'Big backlog' });
const prices = [
  stripe.addPrice({ product: product.id, unitAmount: 2900, recurring: { interval: 'month' } }),
  stripe.addPrice({ product: product.id, unitAmount: 29_000, recurring: { interval: 'year' } }),
];
const coupon = stripe.addCoupon({ percentOff: 20, duration: 'forever' });
// Subscriptions started over the year: 1 in 10 yearly, 1 in 8 with a coupon, 1 in 6 cancelled.
for (let i = 0; i < count; i++) {
  const customer = stripe.addCustomer({ email: `c${i}@example.com` }).id;
  const start = Date.parse('2025-12-01T00:00:00Z') + (i % 330) * 86_400_000;
  stripe.addSubscription({
    customer,
    items: [{ price: (prices[i % 10 === 0 ? 1 : 0] as { id: string }).id, quantity: 1 + (i % 3) }],
    ...(i % 8 === 0 ? { discounts: [{ coupon: coupon.id }] } : {}),
    startDate: new Date(start).toISOString(),
    ...(i % 6 === 0
      ? {
          status: 'canceled' as const,
          canceledAt: new Date(start + 40 * 86_400_000).toISOString(),
          endedAt: new Date(start + 40 * 86_400_000).toISOString(),
        }
      : {}),
  });
}
stripe.clock.set('2026-11-20T09:00:00Z');
process.stdout.write(`${stripe.url}\nready\n`);
process.stdin.resume();
process.stdin.on('end', () => void stripe.close().then(() => process.exit(0)));
