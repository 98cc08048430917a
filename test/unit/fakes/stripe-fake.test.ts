import Stripe from 'stripe';
import { afterEach, describe, expect, it } from 'vitest';
import {
  FAKE_STRIPE_API_VERSION,
  FAKE_STRIPE_SECRET_KEY,
  type FakeStripe,
  type FakeStripeOptions,
  startFakeStripe,
} from '../../fakes/stripe-api.js';

/** A restricted key with what a revenue sync reads, and nothing else. */
const READER = 'rk_test_51GoalpostReaderKey0000000000000000000000000000000000000abc123';
const READS = [
  'rak_subscription_read',
  'rak_invoice_read',
  'rak_product_read',
  'rak_plan_read',
  'rak_customer_read',
];

let fake: FakeStripe | null = null;
afterEach(async () => {
  await fake?.close();
  fake = null;
});

async function start(options: FakeStripeOptions = {}) {
  fake = await startFakeStripe({
    keys: { [FAKE_STRIPE_SECRET_KEY]: 'secret', [READER]: { permissions: READS } },
    ...options,
  });
  const f = fake;
  const as = (key: string, maxNetworkRetries = 0) =>
    new Stripe(key, { host: f.host, port: f.port, protocol: f.protocol, maxNetworkRetries });
  return { fake: f, as, stripe: as(FAKE_STRIPE_SECRET_KEY) };
}

/** A product with a monthly and a yearly price, in dollars. */
function catalog(f: FakeStripe) {
  const product = f.addProduct({ name: 'Quiz Builder' });
  const monthly = f.addPrice({ product: product.id, unitAmount: 1500, recurring: { interval: 'month' } });
  const yearly = f.addPrice({ product: product.id, unitAmount: 15000, recurring: { interval: 'year' } });
  return { product, monthly, yearly };
}

/** `count` subscriptions a minute apart, every `canceledEvery`th canceled; returns their ids oldest first. */
function subscriptions(f: FakeStripe, price: string, count: number, canceledEvery = 0): string[] {
  return Array.from({ length: count }, (_, i) => {
    f.clock.advance(60);
    const customer = f.addCustomer({ email: `buyer${i}@example.com` });
    const canceled = canceledEvery > 0 && (i + 1) % canceledEvery === 0;
    return f.addSubscription({
      customer: customer.id,
      items: [{ price }],
      status: canceled ? 'canceled' : 'active',
    }).id;
  });
}

/** What a call is refused with: the stripe-node error's class, status, and Stripe's error body. */
async function refusal(call: Promise<unknown>) {
  try {
    await call;
  } catch (error) {
    const e = error as Stripe.errors.StripeError;
    return {
      kind: e.type,
      status: e.statusCode,
      raw: e.raw as Record<string, unknown>,
      headers: e.headers ?? {},
    };
  }
  throw new Error('expected the call to be refused');
}

describe('fake Stripe: listing', () => {
  it('pages newest first as stripe-node auto-pagination walks it, each subscription once', async () => {
    const { fake, stripe } = await start();
    const { monthly } = catalog(fake);
    const ids = subscriptions(fake, monthly.id, 250, 10);
    const walked: string[] = [];
    for await (const s of stripe.subscriptions.list({ status: 'all', limit: 100 })) walked.push(s.id);
    expect(walked).toEqual([...ids].reverse());
    const pages = fake.callsTo('GET', /^\/v1\/subscriptions$/);
    expect(pages.map((c) => c.query.starting_after)).toEqual([undefined, ids[150], ids[50]]);

    const first = await stripe.subscriptions.list({ limit: 3 });
    expect(first).toMatchObject({ object: 'list', has_more: true, url: '/v1/subscriptions' });
    expect(first.data.map((s) => s.id)).toEqual([ids[248], ids[247], ids[246]]);
    const back = await stripe.subscriptions.list({ limit: 2, ending_before: ids[246] });
    expect(back.data.map((s) => s.id)).toEqual([ids[248], ids[247]]);
    expect(back.has_more).toBe(false);
    const defaults = await stripe.subscriptions.list();
    expect(defaults.data).toHaveLength(10);
    expect(defaults.data.every((s) => s.status !== 'canceled')).toBe(true);
  });

  it('serves the shapes of the pinned API version: periods and prices on items, discounts by id', async () => {
    const { fake, stripe } = await start({ now: '2026-01-31T12:00:00Z' });
    const { monthly, yearly } = catalog(fake);
    const coupon = fake.addCoupon({
      id: 'LAUNCH20',
      percentOff: 20,
      duration: 'repeating',
      durationInMonths: 3,
    });
    const customer = fake.addCustomer({ email: 'ana@example.com' });
    const sub = fake.addSubscription({
      customer: customer.id,
      items: [{ price: monthly.id, quantity: 3 }],
      discounts: [{ coupon: coupon.id }],
    });
    fake.clock.set('2026-03-02T00:00:00Z');
    const got = await stripe.subscriptions.retrieve(sub.id);
    expect(FAKE_STRIPE_API_VERSION).toBe(Stripe.API_VERSION);
    expect(got).toMatchObject({
      object: 'subscription',
      customer: customer.id,
      status: 'active',
      currency: 'usd',
      start_date: Date.parse('2026-01-31T12:00:00Z') / 1000,
      discounts: [sub.discounts[0]?.id],
      cancel_at_period_end: false,
    });
    const [item] = got.items.data;
    // A Jan 31 anchor bills Feb 28, then Mar 31: the day of the month is kept, clamped.
    expect(item).toMatchObject({
      quantity: 3,
      current_period_start: Date.parse('2026-02-28T12:00:00Z') / 1000,
      current_period_end: Date.parse('2026-03-31T12:00:00Z') / 1000,
      price: {
        id: monthly.id,
        unit_amount: 1500,
        currency: 'usd',
        recurring: { interval: 'month', interval_count: 1 },
      },
    });
    expect(got).not.toHaveProperty('current_period_start');
    expect(got).not.toHaveProperty('discount');

    const expanded = await stripe.subscriptions.list({
      expand: ['data.discounts.source.coupon', 'data.customer'],
    });
    const discount = expanded.data[0]?.discounts[0] as Stripe.Discount;
    expect(discount.source.coupon).toMatchObject({ id: 'LAUNCH20', percent_off: 20, duration_in_months: 3 });
    expect(discount.end).toBe(Date.parse('2026-04-30T12:00:00Z') / 1000);
    expect(expanded.data[0]?.customer).toMatchObject({ id: customer.id, email: 'ana@example.com' });
    const product = await stripe.subscriptions.retrieve(sub.id, { expand: ['items.data.price.product'] });
    expect(product.items.data[0]?.price.product).toMatchObject({ object: 'product', name: 'Quiz Builder' });
    await expect(
      stripe.subscriptions.create({ customer: customer.id, items: [{ price: yearly.id }] }),
    ).rejects.toMatchObject({ statusCode: 501 });
  });

  it('filters subscriptions by status, customer, price and creation time, and invoices by subscription and status', async () => {
    const { fake, stripe } = await start();
    const { monthly, yearly } = catalog(fake);
    const ids = subscriptions(fake, monthly.id, 6, 3);
    const customer = fake.addCustomer();
    fake.clock.advance(3600);
    const annual = fake.addSubscription({
      customer: customer.id,
      items: [{ price: yearly.id, quantity: 2 }],
    });
    const ended = await stripe.subscriptions.list({ status: 'ended' });
    expect(ended.data.map((s) => s.id)).toEqual([ids[5], ids[2]]);
    const byPrice = await stripe.subscriptions.list({ price: yearly.id });
    expect(byPrice.data.map((s) => s.id)).toEqual([annual.id]);
    const byCustomer = await stripe.subscriptions.list({ customer: customer.id, status: 'all' });
    expect(byCustomer.data.map((s) => s.id)).toEqual([annual.id]);
    const since = fake.subscription(ids[3] as string).created;
    const recent = await stripe.subscriptions.list({
      status: 'all',
      created: { gte: since, lt: annual.created },
    });
    expect(recent.data.map((s) => s.id)).toEqual([ids[5], ids[4], ids[3]]);

    const paid = fake.addInvoice({ subscription: annual.id });
    const open = fake.addInvoice({ subscription: annual.id, status: 'open' });
    fake.addInvoice({ subscription: ids[0] as string });
    const invoices = await stripe.invoices.list({ subscription: annual.id });
    expect(invoices.data.map((i) => i.id)).toEqual([open.id, paid.id]);
    expect(invoices.data[1]).toMatchObject({
      ...{ status: 'paid', amount_due: 30000, amount_paid: 30000, currency: 'usd', customer: customer.id },
      parent: { type: 'subscription_details', subscription_details: { subscription: annual.id } },
      status_transitions: { paid_at: paid.created },
      lines: { data: [{ amount: 30000, quantity: 2, pricing: { price_details: { price: yearly.id } } }] },
    });
    const opened = await stripe.invoices.list({ status: 'open' });
    expect(opened.data.map((i) => i.id)).toEqual([open.id]);
  });

  it('refuses what Stripe refuses, with its error body', async () => {
    const { fake, stripe } = await start();
    const { monthly } = catalog(fake);
    subscriptions(fake, monthly.id, 3);
    expect(await refusal(stripe.subscriptions.list({ limit: 0 }))).toMatchObject({
      ...{ kind: 'StripeInvalidRequestError', status: 400 },
      raw: {
        ...{ type: 'invalid_request_error', code: 'parameter_invalid_integer', param: 'limit' },
        message: 'This value must be greater than or equal to 1.',
        doc_url: 'https://stripe.com/docs/error-codes/parameter-invalid-integer',
      },
    });
    expect((await refusal(stripe.subscriptions.list({ limit: 101 }))).raw).toMatchObject({
      param: 'limit',
      message: 'This value must be less than or equal to 100.',
    });
    const cases: Array<[Record<string, unknown>, Record<string, unknown>]> = [
      [{ limit: 'ten' }, { code: 'parameter_invalid_integer', message: 'Invalid integer: ten' }],
      [{ colour: 'blue' }, { code: 'parameter_unknown', param: 'colour' }],
      [
        { starting_after: 'sub_gone' },
        { code: 'resource_missing', message: "No such subscription: 'sub_gone'" },
      ],
      [{ customer: 'cus_gone' }, { code: 'resource_missing', param: 'customer' }],
      [
        { status: 'live' },
        { param: 'status', message: expect.stringContaining('must be one of active, all') },
      ],
      [{ created: { since: 1 } }, { code: 'parameter_unknown', param: 'created[since]' }],
      [
        { expand: ['data.items.data.price.product'] },
        { message: expect.stringMatching(/more than 4 levels/) },
      ],
      [{ expand: ['customer'] }, { message: expect.stringContaining("try expanding 'data.customer'") }],
      // Since 2025 a subscription has `discounts`, not `discount`.
      [{ expand: ['data.discount'] }, { message: 'This property cannot be expanded (discount).' }],
    ];
    for (const [params, raw] of cases)
      expect(await refusal(stripe.subscriptions.list(params as Stripe.SubscriptionListParams))).toMatchObject(
        {
          status: 400,
          raw,
        },
      );
    const inline = await stripe.subscriptions.list({ expand: ['data.items.data.price'] });
    expect(inline.data[0]?.items.data[0]?.price.id).toBe(monthly.id);
    const unknown = await refusal(stripe.subscriptions.retrieve('sub_nope'));
    expect(unknown).toMatchObject({
      status: 404,
      raw: { code: 'resource_missing', message: "No such subscription: 'sub_nope'" },
    });
    expect(fake.calls.filter((c) => c.status === 200)).toHaveLength(1);
  });

  it('keeps test and live data apart, and says so when a key asks for the other mode', async () => {
    const live = 'sk_live_51GoalpostLiveKey00000000000000000000000000000000000000000000';
    const { fake, as, stripe } = await start({
      keys: { [FAKE_STRIPE_SECRET_KEY]: 'secret', [live]: 'secret' },
    });
    const { monthly } = catalog(fake);
    const [testSub] = subscriptions(fake, monthly.id, 1);
    expect((await as(live).subscriptions.list()).data).toEqual([]);
    const other = await refusal(as(live).subscriptions.retrieve(testSub as string));
    expect(other).toMatchObject({ status: 404, raw: { code: 'resource_missing' } });
    expect(other.raw.message).toMatch(/a similar object exists in test mode, but a live mode key was used/);
    expect((await stripe.subscriptions.list()).data).toHaveLength(1);
  });

  it('serves the account with its default currency and Dashboard display name', async () => {
    const { stripe } = await start({
      account: {
        id: 'acct_1EduApps00000001',
        displayName: 'Basic EDU Apps',
        defaultCurrency: 'eur',
        country: 'DE',
      },
    });
    expect(await stripe.accounts.retrieveCurrent()).toMatchObject({
      ...{ id: 'acct_1EduApps00000001', object: 'account', default_currency: 'eur', country: 'DE' },
      settings: { dashboard: { display_name: 'Basic EDU Apps' } },
    });
  });

  it('finds a cursor deep in 50,000 subscriptions and serves the page after it', async () => {
    const { fake, stripe } = await start();
    const { monthly } = catalog(fake);
    const customer = fake.addCustomer();
    const ids: string[] = [];
    for (let i = 0; i < 50_000; i += 1) {
      if (i % 7 === 0) fake.clock.advance(1);
      ids.push(fake.addSubscription({ customer: customer.id, items: [{ price: monthly.id }] }).id);
    }
    const page = await stripe.subscriptions.list({ limit: 100, starting_after: ids[31_337] });
    expect(page.data.map((s) => s.id)).toEqual(ids.slice(31_237, 31_337).reverse());
    const last = await stripe.subscriptions.list({ limit: 100, starting_after: ids[40] });
    expect(last.data.map((s) => s.id)).toEqual(ids.slice(0, 40).reverse());
    expect(last.has_more).toBe(false);
  });
});

describe('fake Stripe: keys', () => {
  it('refuses an unknown key with 401 and the key masked as Stripe masks it; takes Bearer and Basic', async () => {
    const { fake, as } = await start();
    const wrong = 'sk_test_51Goalpost0000000000000000000000000000abcd';
    const refused = await refusal(as(wrong).subscriptions.list());
    expect(refused).toMatchObject({
      kind: 'StripeAuthenticationError',
      status: 401,
      raw: { type: 'invalid_request_error' },
    });
    expect(refused.raw.message).toBe(
      `Invalid API Key provided: sk_test_${'*'.repeat(wrong.length - 12)}abcd`,
    );
    const none = await fetch(`${fake.url}/v1/subscriptions`);
    expect(none.status).toBe(401);
    expect(((await none.json()) as { error: { message: string } }).error.message).toMatch(
      /^You did not provide an API key/,
    );
    const basic = Buffer.from(`${FAKE_STRIPE_SECRET_KEY}:`).toString('base64');
    const ok = await fetch(`${fake.url}/v1/subscriptions`, { headers: { authorization: `Basic ${basic}` } });
    expect(ok.status).toBe(200);
  });

  it('lets a restricted key read what its permissions name, and answers 403 naming the one it lacks', async () => {
    const { fake, as } = await start();
    const { monthly } = catalog(fake);
    const customer = fake.addCustomer();
    fake.addCoupon({ id: 'HALF', percentOff: 50, duration: 'forever' });
    fake.addSubscription({
      customer: customer.id,
      items: [{ price: monthly.id }],
      discounts: [{ coupon: 'HALF' }],
    });
    const reader = as(READER);
    expect((await reader.subscriptions.list({ expand: ['data.customer'] })).data).toHaveLength(1);
    expect((await reader.prices.list()).data).toHaveLength(2);
    const masked = `rk_test_${'*'.repeat(READER.length - 14)}abc123`;
    const cases: Array<[Promise<unknown>, string]> = [
      [reader.accounts.retrieveCurrent(), 'rak_accounts_kyc_basic_read'],
      [reader.events.list(), 'rak_event_read'],
      [reader.subscriptions.list({ expand: ['data.discounts.source.coupon'] }), 'rak_coupon_read'],
    ];
    for (const [call, permission] of cases)
      expect(await refusal(call)).toMatchObject({
        ...{ kind: 'StripePermissionError', status: 403 },
        raw: {
          type: 'invalid_request_error',
          message: `The provided key '${masked}' does not have the required permissions for this endpoint on account '${fake.account.id}'. Having the '${permission}' permission would allow this request to continue.`,
        },
      });
  });
});

describe('fake Stripe: failures', () => {
  it('answers 429 rate_limit, which stripe-node does not retry, and lock_timeout, which it does', async () => {
    const { fake, as } = await start();
    fake.rateLimitNext({ reason: 'endpoint-rate' });
    const limited = await refusal(as(FAKE_STRIPE_SECRET_KEY, 2).subscriptions.list());
    expect(limited).toMatchObject({ kind: 'StripeRateLimitError', status: 429, raw: { code: 'rate_limit' } });
    expect(limited.raw.message).toMatch(/^Testmode request rate limit exceeded/);
    expect(limited.headers).toMatchObject({ 'stripe-rate-limited-reason': 'endpoint-rate' });
    expect(limited.headers).not.toHaveProperty('stripe-should-retry');
    expect(fake.calls).toHaveLength(1);

    fake.rateLimitNext({ code: 'lock_timeout', path: '/v1/invoices' });
    expect((await as(FAKE_STRIPE_SECRET_KEY, 2).invoices.list()).data).toEqual([]);
    expect(fake.calls.slice(1).map((c) => c.status)).toEqual([429, 200]);
    fake.rateLimitNext({ code: 'lock_timeout' });
    expect(await refusal(as(FAKE_STRIPE_SECRET_KEY, 0).invoices.list())).toMatchObject({
      status: 429,
      raw: { code: 'lock_timeout' },
      headers: { 'stripe-should-retry': 'true' },
    });
  });

  it('limits a burst to the requests a second allows', async () => {
    const { stripe } = await start({ requestsPerSecond: 3 });
    const results = await Promise.allSettled(Array.from({ length: 5 }, () => stripe.customers.list()));
    expect(results.map((r) => r.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'fulfilled',
      'rejected',
      'rejected',
    ]);
  });

  it('fails with a 5xx or a cut connection, which stripe-node retries when allowed', async () => {
    const { fake, as } = await start();
    fake.failNext({ status: 503 });
    expect(await refusal(as(FAKE_STRIPE_SECRET_KEY, 0).customers.list())).toMatchObject({
      ...{ kind: 'StripeAPIError', status: 503, raw: { type: 'api_error' } },
    });
    fake.failNext({ status: 500, times: 2 });
    expect((await as(FAKE_STRIPE_SECRET_KEY, 2).customers.list()).data).toEqual([]);
    fake.failNext({ destroy: true });
    await expect(as(FAKE_STRIPE_SECRET_KEY, 0).customers.list()).rejects.toMatchObject({
      type: 'StripeConnectionError',
    });
    expect(fake.calls.map((c) => [c.status, c.destroyed ?? false])).toEqual([
      [503, false],
      [500, false],
      [500, false],
      [200, false],
      [200, true],
    ]);
  });
});

describe('fake Stripe: changes and their events', () => {
  it('an upgrade answers customer.subscription.updated with previous_attributes, listed under /v1/events', async () => {
    const { fake, stripe } = await start();
    const { monthly, yearly } = catalog(fake);
    const [id] = subscriptions(fake, monthly.id, 1) as [string];
    fake.clock.advance(86_400);
    const event = fake.updateSubscription(id, { items: [{ price: yearly.id, quantity: 2 }] });
    expect(event).toMatchObject({
      ...{ object: 'event', type: 'customer.subscription.updated', api_version: Stripe.API_VERSION },
      ...{ created: fake.clock.now(), livemode: false, request: { id: null, idempotency_key: null } },
      data: {
        object: {
          id,
          // Another interval restarts the billing cycle at the change.
          items: {
            data: [{ price: { id: yearly.id }, quantity: 2, current_period_start: fake.clock.now() }],
          },
        },
        previous_attributes: { items: { data: [{ price: { id: monthly.id }, quantity: 1 }] } },
      },
    });
    expect(Object.keys((event.data as { previous_attributes: object }).previous_attributes)).toEqual([
      'billing_cycle_anchor',
      'items',
    ]);
    const listed = await stripe.events.list({ type: 'customer.subscription.*' });
    expect(listed.data.map((e) => e.id)).toEqual([event.id]);
    expect(await stripe.events.retrieve(String(event.id))).toEqual(event);
  });

  it('a cancellation at period end is an update, and the end a deletion; payments are paid and payment_failed', async () => {
    const { fake } = await start();
    const { monthly } = catalog(fake);
    const [id] = subscriptions(fake, monthly.id, 1) as [string];
    const scheduled = fake.cancelSubscription(id, { atPeriodEnd: true });
    const periodEnd = fake.subscription(id).cancelAt as number;
    expect(scheduled).toMatchObject({
      type: 'customer.subscription.updated',
      data: {
        object: { cancel_at_period_end: true, cancel_at: periodEnd },
        previous_attributes: { cancel_at_period_end: false },
      },
    });
    fake.clock.set(periodEnd + 60);
    const deleted = fake.cancelSubscription(id, { reason: 'payment_failed' });
    expect(deleted).toMatchObject({
      type: 'customer.subscription.deleted',
      data: {
        object: {
          status: 'canceled',
          ended_at: periodEnd,
          cancellation_details: { reason: 'payment_failed' },
        },
      },
    });
    expect(deleted.data).not.toHaveProperty('previous_attributes');

    const invoice = fake.addInvoice({ subscription: id, status: 'open' });
    expect(fake.failInvoicePayment(invoice.id)).toMatchObject({
      type: 'invoice.payment_failed',
      data: { object: { status: 'open', attempt_count: 1, attempted: true, amount_paid: 0 } },
    });
    expect(fake.payInvoice(invoice.id)).toMatchObject({
      type: 'invoice.paid',
      data: {
        object: { status: 'paid', amount_paid: 1500, status_transitions: { paid_at: fake.clock.now() } },
      },
    });
    expect(() => fake.payInvoice(invoice.id)).toThrow(/only an open invoice/);
  });

  it('refuses to set up what Stripe would refuse to hold', async () => {
    const { fake } = await start();
    const { monthly, yearly } = catalog(fake);
    const euro = fake.addPrice({
      product: monthly.product,
      unitAmount: 900,
      currency: 'eur',
      recurring: { interval: 'month' },
    });
    const oneOff = fake.addPrice({ product: monthly.product, unitAmount: 900 });
    const customer = fake.addCustomer();
    const items = (...prices: string[]) => ({
      customer: customer.id,
      items: prices.map((price) => ({ price })),
    });
    expect(() => fake.addSubscription(items(monthly.id, yearly.id))).toThrow(
      /currency and interval must match/,
    );
    expect(() => fake.addSubscription(items(monthly.id, euro.id))).toThrow(
      /currency and interval must match/,
    );
    expect(() => fake.addSubscription(items(oneOff.id))).toThrow(/recurring prices only/);
    expect(() =>
      fake.addCoupon({ percentOff: 10, amountOff: 100, currency: 'usd', duration: 'once' }),
    ).toThrow(/exactly one/);
    expect(() => fake.addCoupon({ percentOff: 10, duration: 'repeating' })).toThrow(/durationInMonths/);
    expect(() =>
      fake.addPrice({
        product: monthly.product,
        unitAmount: 1,
        recurring: { interval: 'month', intervalCount: 13 },
      }),
    ).toThrow(/longer than a year/);
  });
});
