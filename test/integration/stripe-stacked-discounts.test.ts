import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FakeStripe, startFakeStripe } from '../fakes/stripe-api.js';
import { openQuickStart } from '../helpers/goalpost-fixture.js';
import { cliFor } from '../helpers/run-cli.js';
import { STRIPE_READS } from '../helpers/stripe-key.js';
import { useTempDir } from '../helpers/temp-dir.js';

/** A restricted key with read access to what a sync reads, as the README says to make it. */
const KEY = 'rk_test_51GoalpostStackedKeyForTheTests';
const NOW = '2026-12-07T09:00:00Z';

interface Month {
  periodStart: string;
  actual: number;
  source: string;
}

describe('goalpost stripe connect: coupons stacked on one subscription, as Stripe bills them', () => {
  const tempDir = useTempDir();
  let stripe: FakeStripe;
  let dbPath: string;
  let goalpost: ReturnType<typeof cliFor>;
  let price: string;

  beforeEach(async () => {
    stripe = await startFakeStripe({
      keys: { [KEY]: { permissions: STRIPE_READS } },
      now: '2026-07-03T00:00:00Z',
    });
    const product = stripe.addProduct({ name: 'Basic EDU Apps' });
    price = stripe.addPrice({ product: product.id, unitAmount: 10_000, recurring: { interval: 'month' } }).id;
    const opened = openQuickStart(tempDir());
    dbPath = opened.dbPath;
    opened.close();
    goalpost = cliFor(dbPath, NOW, { STRIPE_API_BASE: stripe.url });
  });
  afterEach(() => stripe.close());

  /** Subscriptions from 3 July with `coupons` (ids, in order), billed each month to November: what November billed. */
  const subscribe = (count: number, coupons: string[]): number => {
    let billed = 0;
    for (let i = 0; i < count; i++) {
      stripe.clock.set('2026-07-03T00:00:00Z');
      const sub = stripe.addSubscription({
        customer: stripe.addCustomer({ email: `s${i}@school.example` }).id,
        items: [{ price }],
        discounts: coupons.map((coupon) => ({ coupon })),
      }).id;
      for (const month of ['07', '08', '09', '10', '11']) {
        stripe.clock.set(`2026-${month}-03T00:00:00Z`);
        const invoice = stripe.addInvoice({ subscription: sub });
        if (month === '11') billed += invoice.amountDue;
      }
    }
    stripe.clock.set(NOW);
    return billed / 100;
  };

  const november = async () =>
    (await goalpost('revenue', 'show', '--json'))
      .json<{ records: Month[] }>()
      .records.find((m) => m.source === 'stripe' && m.periodStart === '2026-11-01')?.actual;

  it('takes every coupon off, each from what the ones before it left: 20 % and $30 off $100 is $50', async () => {
    const fifth = stripe.addCoupon({ percentOff: 20, duration: 'forever' });
    const thirty = stripe.addCoupon({ amountOff: 3000, currency: 'usd', duration: 'forever' });
    const billed = subscribe(5, [fifth.id, thirty.id]);
    expect(billed).toBe(250);
    const r = await goalpost('stripe', 'connect', '--key', KEY, '--project', 'Basic EDU Apps');
    expect(r.code).toBe(0);
    // November from the invoices billed; December, so far, from the subscriptions as they are now.
    expect(await november()).toBe(billed);
    expect(r.stdout).toContain('MRR now: USD 250.00');
  });

  it('in the order Stripe applies them, and never below nothing', async () => {
    const thirty = stripe.addCoupon({ amountOff: 3000, currency: 'usd', duration: 'forever' });
    const fifth = stripe.addCoupon({ percentOff: 20, duration: 'forever' });
    const eighty = stripe.addCoupon({ amountOff: 8000, currency: 'usd', duration: 'forever' });
    // $30 off, then 20 % of the $70 left: $56. Then $80 off $56: nothing, not less.
    expect(subscribe(1, [thirty.id, fifth.id])).toBe(56);
    const r = await goalpost('stripe', 'connect', '--key', KEY, '--project', 'Basic EDU Apps');
    expect(await november()).toBe(56);
    expect(r.stdout).toContain('MRR now: USD 56.00');
    expect(subscribe(1, [thirty.id, fifth.id, eighty.id])).toBe(0);
    await goalpost('stripe', 'sync');
    expect(await november()).toBe(56);
  });

  it('still reads a subscription stored with its one coupon before coupons stacked, at the same MRR', async () => {
    const half = stripe.addCoupon({ percentOff: 50, duration: 'forever' });
    subscribe(1, [half.id]);
    await goalpost('stripe', 'connect', '--key', KEY, '--project', 'Basic EDU Apps');
    // As an earlier version wrote the row: the coupon under `discount`.
    const db = new Database(dbPath);
    const [row] = db.prepare('SELECT subscription_id, states FROM stripe_subscriptions').all() as Array<{
      subscription_id: string;
      states: string;
    }>;
    const states = JSON.parse(row?.states ?? '[]') as Array<Record<string, unknown>>;
    const old = states.map(({ discounts, ...s }) => ({
      ...s,
      discount: (discounts as unknown[])[0] ?? null,
    }));
    db.prepare('UPDATE stripe_subscriptions SET states = ? WHERE subscription_id = ?').run(
      JSON.stringify(old),
      row?.subscription_id,
    );
    db.close();
    const again = await goalpost('stripe', 'sync');
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('MRR now: USD 50.00');
    expect(await november()).toBe(50);
  });
});
