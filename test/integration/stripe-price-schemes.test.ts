import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHttpServer } from '../../adapters/http/create-http-server.js';
import { createStripeWebhookHandler } from '../../adapters/stripe/webhook-handler.js';
import { fixedClock, openGoalpost, silentLogger } from '../../src/index.js';
import { type FakeStripe, startFakeStripe } from '../fakes/stripe-api.js';
import { deliverStripeEvent } from '../fakes/stripe-webhooks.js';
import { FIXTURE_NOW, OPERATOR, openQuickStart } from '../helpers/goalpost-fixture.js';
import { cliFor } from '../helpers/run-cli.js';
import { STRIPE_READS } from '../helpers/stripe-key.js';
import { useTempDir } from '../helpers/temp-dir.js';

const KEY = 'rk_test_51GoalpostReadOnlyKeyForTheTests';
const SECRET = 'whsec_price_schemes';

/** Seats: $12 each up to 10, $10 each from the 11th (a volume price bills every seat at one tier). */
const SEAT_TIERS = [
  { upTo: 10, unitAmount: 1200, flatAmount: 0 },
  { upTo: null, unitAmount: 1000, flatAmount: 0 },
];

describe('Stripe prices by tier and by usage, as a finance person reads a month', () => {
  const tempDir = useTempDir();
  let stripe: FakeStripe;
  let dbPath: string;
  let volume: string;
  let schoolA: string;

  beforeEach(async () => {
    stripe = await startFakeStripe({
      keys: { [KEY]: { permissions: STRIPE_READS } },
      account: { id: 'acct_1EDUapps', displayName: 'EDU Apps Ltd', defaultCurrency: 'usd' },
      now: '2026-09-01T09:00:00Z',
    });
    const seatsProduct = stripe.addProduct({ name: 'Basic EDU Apps' });
    const api = stripe.addProduct({ name: 'Quiz API' });
    const month = { interval: 'month' } as const;
    volume = stripe.addPrice({
      product: seatsProduct.id,
      tiers: { mode: 'volume', tiers: SEAT_TIERS },
      recurring: month,
    }).id;
    const graduated = stripe.addPrice({
      product: seatsProduct.id,
      tiers: { mode: 'graduated', tiers: SEAT_TIERS },
      recurring: month,
    }).id;
    const perCall = stripe.addPrice({
      product: api.id,
      unitAmount: 2,
      usageType: 'metered',
      recurring: month,
    }).id;
    const customer = () => stripe.addCustomer({}).id;
    const start = '2026-09-03T00:00:00Z';
    // 20 seats at the volume price: every seat at $10, $200 a month.
    schoolA = stripe.addSubscription({
      customer: customer(),
      items: [{ price: volume, quantity: 20 }],
      startDate: start,
    }).id;
    // 15 seats graduated: 10 at $12 and 5 at $10, $170 a month.
    stripe.addSubscription({
      customer: customer(),
      items: [{ price: graduated, quantity: 15 }],
      startDate: start,
    });
    // Calls to the API at 2 cents each, billed for what was used.
    stripe.addSubscription({ customer: customer(), items: [{ price: perCall }], startDate: start });
    stripe.clock.set('2026-11-20T09:00:00Z');
    const opened = openQuickStart(tempDir());
    dbPath = opened.dbPath;
    opened.close();
  });
  afterEach(() => stripe.close());

  const connect = async () => {
    const goalpost = cliFor(dbPath, FIXTURE_NOW, { STRIPE_API_BASE: stripe.url });
    const r = await goalpost('stripe', 'connect', '--key', KEY, '--project', 'Basic EDU Apps');
    expect(r.stderr).toBe('');
    return r.stdout;
  };

  it('counts tiered seats at what their tiers bill, and names metered usage as counted in no month', async () => {
    const said = await connect();
    expect(said).toContain('MRR now: USD 370.00');
    expect(said).toContain('2026-10 closed at USD 370.00');
    expect(said).toMatch(/Sold at a metered price, counted in no month[^:]*: prod_\w+\./);
    const opened = openGoalpost({ dbPath, clock: fixedClock(FIXTURE_NOW), logger: silentLogger });
    const october = opened.app.revenue
      .list(OPERATOR)
      .find((r) => r.source === 'stripe' && r.periodStart === '2026-10-01');
    opened.close();
    expect(october?.actual).toBe(370);
  });

  it('prices a tiered subscription again by its tiers when the webhook says its seats changed', async () => {
    await connect();
    const opened = openGoalpost({ dbPath, clock: fixedClock(FIXTURE_NOW), logger: silentLogger });
    const server = createHttpServer({ app: opened.app, logger: silentLogger });
    server.mount(
      '/stripe/webhook',
      createStripeWebhookHandler({
        app: opened.app,
        secret: SECRET,
        apiBase: stripe.url,
        logger: silentLogger,
      }),
    );
    const url = `${(await server.listen(0, '127.0.0.1')).url}/stripe/webhook`;
    try {
      // School A drops to 5 seats: under the volume price's first tier, every seat at $12, $60.
      const fewer = stripe.updateSubscription(schoolA, { items: [{ price: volume, quantity: 5 }] });
      const answer = await deliverStripeEvent(url, { event: fewer, secret: SECRET });
      expect(answer.status).toBe(200);
      expect(JSON.parse(answer.body)).toMatchObject({ mrrNow: { usd: 230 } });
    } finally {
      await server.close();
      opened.close();
    }
  });
});

/**
 * Stripe bills a metered price in arrears: each cycle's invoice carries the seat for the coming
 * period and the usage of the period just ended, its line dated that period.
 */
describe('a seat and a metered price in one subscription, first read from its invoices', () => {
  const tempDir = useTempDir();
  let stripe: FakeStripe;
  let goalpost: ReturnType<typeof cliFor>;

  beforeEach(async () => {
    stripe = await startFakeStripe({
      keys: { [KEY]: { permissions: STRIPE_READS } },
      account: { id: 'acct_1EDUapps', displayName: 'EDU Apps Ltd', defaultCurrency: 'usd' },
      now: '2026-06-05T00:00:00Z',
    });
    const basic = stripe.addProduct({ name: 'Basic EDU Apps' });
    const api = stripe.addProduct({ name: 'Quiz API' });
    const seat = stripe.addPrice({ product: basic.id, unitAmount: 5000, recurring: { interval: 'month' } });
    const calls = stripe.addPrice({
      product: api.id,
      unitAmount: 2,
      usageType: 'metered',
      recurring: { interval: 'month' },
    });
    const sub = stripe.addSubscription({
      customer: stripe.addCustomer({}).id,
      items: [{ price: seat.id, quantity: 1 }, { price: calls.id }],
    }).id;
    stripe.addInvoice({ subscription: sub, lines: [{ price: seat.id, quantity: 1 }] });
    for (let m = 7; m <= 11; m++) {
      const start = `2026-${String(m).padStart(2, '0')}-05T00:00:00Z`;
      const prev = `2026-${String(m - 1).padStart(2, '0')}-05T00:00:00Z`;
      stripe.clock.set(start);
      stripe.addInvoice({
        subscription: sub,
        lines: [
          { price: seat.id, quantity: 1 },
          // the usage of the period that just ended, billed in arrears
          { price: calls.id, quantity: 1000, periodStart: prev, periodEnd: start },
        ],
      });
    }
    stripe.clock.set('2026-11-20T09:00:00Z');
    const opened = openQuickStart(tempDir());
    goalpost = cliFor(opened.dbPath, FIXTURE_NOW, { STRIPE_API_BASE: stripe.url });
    opened.close();
  });
  afterEach(() => stripe.close());

  it('counts the $50 seat in every month since June', async () => {
    const r = await goalpost('stripe', 'connect', '--key', KEY, '--project', 'Basic EDU Apps');
    expect(r.stdout).toContain('2026-10 closed at USD 50.00');
    const months = (await goalpost('revenue', 'show', '--json'))
      .json<{ records: Array<{ periodStart: string; actual: number; source: string }> }>()
      .records.filter((m) => m.source === 'stripe')
      .map((m) => [m.periodStart.slice(0, 7), m.actual]);
    expect(months).toEqual([
      ['2026-06', 50],
      ['2026-07', 50],
      ['2026-08', 50],
      ['2026-09', 50],
      ['2026-10', 50],
      ['2026-11', 50],
    ]);
  });
});
