import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHttpServer } from '../../adapters/http/create-http-server.js';
import { createStripeWebhookHandler } from '../../adapters/stripe/webhook-handler.js';
import { fixedClock, openGoalpost, silentLogger } from '../../src/index.js';
import { type FakeStripe, startFakeStripe } from '../fakes/stripe-api.js';
import { deliverStripeEvent } from '../fakes/stripe-webhooks.js';
import { OPERATOR, openQuickStart } from '../helpers/goalpost-fixture.js';
import { cliFor } from '../helpers/run-cli.js';
import { STRIPE_READS } from '../helpers/stripe-key.js';
import { useTempDir } from '../helpers/temp-dir.js';

/** A restricted key with read access to what a sync reads, as the README says to make it. */
const KEY = 'rk_test_51GoalpostLateEventKeyForTheTests';
const SECRET = 'whsec_testStripeEndpointSecret01';

describe('POST /stripe/webhook: an event Stripe delivers late (a retry, up to 3 days on)', () => {
  const tempDir = useTempDir();
  let stripe: FakeStripe;
  let dbPath: string;
  let seats: string;
  let price: string;
  const closing: Array<() => unknown> = [];

  beforeEach(async () => {
    stripe = await startFakeStripe({
      keys: { [KEY]: { permissions: STRIPE_READS } },
      now: '2026-09-01T09:00:00Z',
    });
    const product = stripe.addProduct({ name: 'Basic EDU Apps' });
    price = stripe.addPrice({ product: product.id, unitAmount: 2900, recurring: { interval: 'month' } }).id;
    // Ana's three seats since 3 September.
    seats = stripe.addSubscription({
      customer: stripe.addCustomer({ email: 'ana@school.example' }).id,
      items: [{ price, quantity: 3 }],
      startDate: '2026-09-03T00:00:00Z',
    }).id;
    stripe.clock.set('2026-11-20T09:00:00Z');
    const opened = openQuickStart(tempDir());
    dbPath = opened.dbPath;
    opened.close();
    const connect = cliFor(dbPath, '2026-11-20T09:00:00Z', { STRIPE_API_BASE: stripe.url });
    await connect('stripe', 'connect', '--key', KEY, '--project', 'Basic EDU Apps');
  });
  afterEach(async () => {
    for (const close of closing.splice(0).reverse()) await close();
    await stripe.close();
  });

  /** The bot's webhook endpoint with its clock at `now`, and November's record as it reads it. */
  const endpoint = async (now: string) => {
    const opened = openGoalpost({ dbPath, clock: fixedClock(now), logger: silentLogger });
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
    closing.push(
      () => opened.close(),
      () => server.close(),
    );
    const month = (start: string) =>
      opened.app.revenue.list(OPERATOR).find((r) => r.source === 'stripe' && r.periodStart === start);
    return { url, month };
  };

  it('dates the change when Stripe says it happened: November closes with an upgrade made on the 29th', async () => {
    stripe.clock.set('2026-11-29T15:00:00Z');
    const upgraded = stripe.updateSubscription(seats, { items: [{ price, quantity: 4 }] });
    // The endpoint was down; Stripe's retry lands on 1 December.
    const { url, month } = await endpoint('2026-12-01T01:00:00Z');
    const answer = await deliverStripeEvent(url, { event: upgraded, secret: SECRET });
    expect(answer.status).toBe(200);
    expect(month('2026-11-01')).toMatchObject({ actual: 116, movements: { expansion: 29 } });
  });

  it('never dates a change before one already kept: a late old event leaves MRR as Stripe has it now', async () => {
    // 4 seats on the 25th (delivered late), 2 on the 28th (delivered at once), 5 on the 30th.
    stripe.clock.set('2026-11-25T10:00:00Z');
    const first = stripe.updateSubscription(seats, { items: [{ price, quantity: 4 }] });
    stripe.clock.set('2026-11-28T10:00:00Z');
    const second = stripe.updateSubscription(seats, { items: [{ price, quantity: 2 }] });
    const onTime = await endpoint('2026-11-28T10:00:05Z');
    expect((await deliverStripeEvent(onTime.url, { event: second, secret: SECRET })).status).toBe(200);
    stripe.clock.set('2026-11-30T10:00:00Z');
    stripe.updateSubscription(seats, { items: [{ price, quantity: 5 }] });
    // The 25th's event, re-read on 1 December, finds the 5 seats Stripe has now: they count from
    // the 28th's change (the latest kept), so November closes at 5 seats, not at the 28th's 2.
    const late = await endpoint('2026-12-01T01:00:00Z');
    const answer = await deliverStripeEvent(late.url, { event: first, secret: SECRET });
    expect(JSON.parse(answer.body)).toMatchObject({ duplicate: false, mrrNow: { usd: 145 } });
    expect(late.month('2026-11-01')?.actual).toBe(145);
  });
});
