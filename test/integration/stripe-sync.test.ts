import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHttpServer, type HttpServer } from '../../adapters/http/create-http-server.js';
import { createStripeWebhookHandler } from '../../adapters/stripe/webhook-handler.js';
import { fixedClock, type OpenedGoalpost, openGoalpost, silentLogger } from '../../src/index.js';
import { type FakeStripe, startFakeStripe } from '../fakes/stripe-api.js';
import { deliverStripeEvent } from '../fakes/stripe-webhooks.js';
import { FIXTURE_NOW, OPERATOR, openQuickStart } from '../helpers/goalpost-fixture.js';
import { cliFor, runEach } from '../helpers/run-cli.js';
import { STRIPE_READS } from '../helpers/stripe-key.js';
import { useTempDir } from '../helpers/temp-dir.js';

/** A restricted key with read access to what a sync reads, as the README says to make it. */
const KEY = 'rk_test_51GoalpostReadOnlyKeyForTheTests';
const SECRET = 'whsec_testStripeEndpointSecret01';

describe('goalpost stripe connect and sync, and the webhook, against a fake Stripe', () => {
  const tempDir = useTempDir();
  let stripe: FakeStripe;
  let dbPath: string;
  let goalpost: ReturnType<typeof cliFor>;
  let seats: string;
  let basicProduct: string;
  let monthlyPrice: string;

  beforeEach(async () => {
    stripe = await startFakeStripe({
      keys: { [KEY]: { permissions: STRIPE_READS } },
      account: { id: 'acct_1EDUapps', displayName: 'EDU Apps Ltd', defaultCurrency: 'usd' },
      now: '2026-09-01T09:00:00Z',
    });
    const basic = stripe.addProduct({ name: 'Basic EDU Apps' });
    basicProduct = basic.id;
    const monthly = stripe.addPrice({
      product: basic.id,
      unitAmount: 2900,
      recurring: { interval: 'month' },
    });
    monthlyPrice = monthly.id;
    const eur = stripe.addPrice({
      product: basic.id,
      currency: 'eur',
      unitAmount: 3900,
      recurring: { interval: 'month' },
    });
    const ana = stripe.addCustomer({ email: 'ana@school.example' });
    const bo = stripe.addCustomer({ email: 'bo@school.example' });
    const cy = stripe.addCustomer({ email: 'cy@schule.example' });
    // Three seats since 3 September; one seat from 10 September to 10 October; one in EUR.
    seats = stripe.addSubscription({
      customer: ana.id,
      items: [{ price: monthly.id, quantity: 3 }],
      startDate: '2026-09-03T00:00:00Z',
    }).id;
    stripe.addSubscription({
      customer: bo.id,
      items: [{ price: monthly.id }],
      startDate: '2026-09-10T00:00:00Z',
      status: 'canceled',
      canceledAt: '2026-10-10T00:00:00Z',
      endedAt: '2026-10-10T00:00:00Z',
    });
    stripe.addSubscription({
      customer: cy.id,
      items: [{ price: eur.id }],
      startDate: '2026-09-12T00:00:00Z',
    });
    stripe.clock.set('2026-11-20T09:00:00Z');
    const opened = openQuickStart(tempDir());
    dbPath = opened.dbPath;
    opened.close();
    goalpost = cliFor(dbPath, FIXTURE_NOW, { STRIPE_API_BASE: stripe.url });
  });
  afterEach(() => stripe.close());

  /** The months the Stripe sync wrote, as `cli` reads them: each month's MRR by its first day. */
  const stripeMonths = async (cli: ReturnType<typeof cliFor>) => {
    const { records } = (await cli('revenue', 'show', '--json')).json<{
      records: Array<{ periodStart: string; actual: number; source: string }>;
    }>();
    return (start: string) => records.find((m) => m.source === 'stripe' && m.periodStart === start)?.actual;
  };

  const revenue = async () =>
    (await goalpost('revenue', 'show', '--json')).json<{
      records: Array<{
        periodStart: string;
        actual: number;
        source: string;
        subscriptions: number;
        movements: unknown;
      }>;
    }>();

  it('connects the account and writes each month’s MRR for the project, EUR apart', async () => {
    const r = await goalpost('stripe', 'connect', '--key', KEY, '--project', 'Basic EDU Apps');
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain(
      'Connected Stripe account acct_1EDUapps (EDU Apps Ltd), USD: every product → Basic EDU Apps.',
    );
    expect(r.stdout).toContain(
      "3 subscriptions read; 3 project-months written, in place of 1 typed record. MRR now: USD 87.00, EUR 39.00 (this month, from today's subscriptions; the revenue milestone counts complete months: 2026-10 closed at USD 87.00).",
    );
    const months = (await revenue()).records.filter((m) => m.source === 'stripe');
    expect(months.map((m) => [m.periodStart, m.actual, m.subscriptions])).toEqual([
      ['2026-09-01', 116, 2],
      ['2026-10-01', 87, 1],
      ['2026-11-01', 87, 1],
    ]);
    // Typed revenue for the project is refused now.
    const typed = await goalpost(
      'revenue',
      'add',
      '--project',
      'Basic EDU Apps',
      '--from',
      '2026-11-01',
      '--to',
      '2026-11-30',
      '--actual',
      '500',
    );
    expect(typed.code).toBe(1);
    expect(typed.stderr).toContain("Basic EDU Apps' revenue comes from Stripe");
  });

  it('dates a cancellation a later sync finds when Stripe says it ended, not when the sync ran', async () => {
    await goalpost('stripe', 'connect', '--key', KEY, '--project', 'Basic EDU Apps');
    // Ana's three seats end on 25 November; the cron's sync runs on 2 December, no webhook.
    stripe.clock.set('2026-11-25T12:00:00Z');
    stripe.cancelSubscription(seats);
    stripe.clock.set('2026-12-02T09:00:00Z');
    const later = cliFor(dbPath, '2026-12-02T09:00:00Z', { STRIPE_API_BASE: stripe.url });
    const synced = await later('stripe', 'sync');
    expect(synced.stderr).toBe('');
    expect(synced.stdout).toContain('2026-11 closed at USD 0.00');
    const shown = (await later('revenue', 'show', '--json')).json<{
      records: Array<{
        periodStart: string;
        actual: number;
        source: string;
        movements: { churned: number } | null;
      }>;
    }>();
    const november = shown.records.find((m) => m.source === 'stripe' && m.periodStart === '2026-11-01');
    expect(november).toMatchObject({ actual: 0, movements: { churned: 87 } });
    // The same sync again changes nothing.
    expect((await later('stripe', 'sync')).stdout).toContain('2026-11 closed at USD 0.00');
  });

  it('warns of workspace revenue typed in and counted on top of Stripe’s, until it is removed', async () => {
    // What the team typed for the whole workspace before connecting Stripe: the same money.
    const typed = await goalpost(
      ...['revenue', 'add', '--from', '2026-10-01', '--to', '2026-10-31', '--actual', '87'],
    );
    expect(typed.code).toBe(0);
    await goalpost('stripe', 'connect', '--key', KEY, '--project', 'Basic EDU Apps');
    const shown = await goalpost('revenue', 'show');
    expect(shown.stdout).toContain('Revenue now:      $174.00/month');
    expect(shown.stdout).toContain(
      "Source:           mrr from Stripe (updated just now) and typed in (updated just now); $87/month typed for the whole workspace (2026-10-01 → 2026-10-31) is counted on top of Stripe's $87/month: if Stripe's subscriptions are that revenue, `goalpost revenue remove --all` removes the workspace's typed records (the projects' stay)",
    );
    const removed = await goalpost('revenue', 'remove', '--all');
    expect(removed.stdout).toBe('Removed 1 typed record: $87.00 for 2026-10-01 → 2026-10-31.\n');
    const after = await goalpost('revenue', 'show');
    expect(after.stdout).toContain('Revenue now:      $87.00/month');
    expect(after.stdout).not.toContain('counted on top of');
    // Stripe's months are not typed records: nothing of theirs goes, and saying so writes nothing.
    const again = await goalpost('revenue', 'remove', '--project', 'Basic EDU Apps', '--all');
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(
      'no typed revenue for Basic EDU Apps; `goalpost revenue show` lists the records',
    );
    expect((await revenue()).records.filter((m) => m.source === 'stripe')).toHaveLength(3);
  });

  it('takes a coupon off while it lasts, waits out a rate limit, and shows the movements', async () => {
    const coupon = stripe.addCoupon({ percentOff: 50, duration: 'forever' });
    const monthly = stripe.subscription(seats).items[0]?.price ?? '';
    const dee = stripe.addCustomer({ email: 'dee@school.example' });
    stripe.addSubscription({
      customer: dee.id,
      items: [{ price: monthly }],
      discounts: [{ coupon: coupon.id }],
      startDate: '2026-11-02T00:00:00Z',
    });
    stripe.rateLimitNext({ path: '/v1/subscriptions' });
    const r = await goalpost('stripe', 'connect', '--key', KEY, '--project', 'Basic EDU Apps');
    expect(r.code).toBe(0);
    expect(stripe.callsTo('GET', /^\/v1\/subscriptions$/).map((c) => c.status)).toEqual([429, 200]);
    // November so far: three seats at $29 and one at half price; the milestone counts October's one seat.
    expect(r.stdout).toContain(
      "MRR now: USD 101.50, EUR 39.00 (this month, from today's subscriptions; the revenue milestone counts complete months: 2026-10 closed at USD 87.00).",
    );
    const shown = await goalpost('revenue', 'show');
    expect(shown.stdout).toContain('Revenue now:      $87.00/month (1 subscription), as of 2026-10-31');
    expect(shown.stdout).toMatch(
      /2026-10-01 +2026-10-31 +Basic EDU Apps +\$87\.00 +1 +50\.0% +Stripe +\$0\.00 +\$0\.00 +\$0\.00 +\$29\.00/,
    );
  });

  it('refuses a key Stripe refuses, and one that may not read subscriptions, writing nothing', async () => {
    const bad = await goalpost(
      'stripe',
      'connect',
      '--key',
      'rk_test_51NotAKeyStripeKnowsAtAll',
      '--project',
      'Basic EDU Apps',
    );
    expect(bad.code).toBe(78);
    expect(bad.stderr).toContain('Stripe refused the key');
    stripe.addKey('rk_test_51AccountOnlyKeyForTheTests', { permissions: ['rak_accounts_kyc_basic_read'] });
    const narrow = await goalpost(
      'stripe',
      'connect',
      '--key',
      'rk_test_51AccountOnlyKeyForTheTests',
      '--project',
      'Basic EDU Apps',
    );
    expect(narrow.code).toBe(1);
    expect(narrow.stderr).toContain('the Stripe key may not read subscriptions');
    expect((await revenue()).records.every((m) => m.source === 'manual')).toBe(true);
  });

  /** Dee's one-seat trial, as the fake's account holds it, and the project connected to the account: its id. */
  async function deeConnected(trial: { startDate: string; trialEnd: string; status?: 'paused' }) {
    const dee = stripe.addCustomer({ email: 'dee@school.example' });
    const id = stripe.addSubscription({ customer: dee.id, items: [{ price: monthlyPrice }], ...trial }).id;
    await goalpost('stripe', 'connect', '--key', KEY, '--project', 'Basic EDU Apps');
    return id;
  }

  it('counts a trial that became paid from the day its trial ended, read days later', async () => {
    const trial = await deeConnected({ startDate: '2026-11-10T00:00:00Z', trialEnd: '2026-11-24T00:00:00Z' });
    // Paid from 24 November; the next sync runs on 2 December.
    stripe.clock.set('2026-11-24T00:00:00Z');
    stripe.updateSubscription(trial, { status: 'active' });
    stripe.clock.set('2026-12-02T09:00:00Z');
    const later = cliFor(dbPath, '2026-12-02T09:00:00Z', { STRIPE_API_BASE: stripe.url });
    expect((await later('stripe', 'sync')).code).toBe(0);
    // Ana's three seats and Dee's one, as a connect on 2 December reads it too.
    expect((await stripeMonths(later))('2026-11-01')).toBe(116);
  });

  it('counts a subscription paused since its trial ended from the sync that finds it paid, not from its trial', async () => {
    const paused = await deeConnected({
      startDate: '2026-09-10T00:00:00Z',
      trialEnd: '2026-09-24T00:00:00Z',
      status: 'paused',
    });
    stripe.clock.set('2026-11-25T00:00:00Z');
    stripe.updateSubscription(paused, { status: 'active' });
    stripe.clock.set('2026-12-02T09:00:00Z');
    const later = cliFor(dbPath, '2026-12-02T09:00:00Z', { STRIPE_API_BASE: stripe.url });
    expect((await later('stripe', 'sync')).code).toBe(0);
    const actual = await stripeMonths(later);
    // October and November, reported already, stay Ana's seats alone.
    expect([actual('2026-10-01'), actual('2026-11-01')]).toEqual([87, 87]);
  });

  it('never counts a trial cancelled before it ended, whenever the syncs run', async () => {
    const trial = await deeConnected({ startDate: '2026-11-18T00:00:00Z', trialEnd: '2026-12-02T00:00:00Z' });
    // Cancelled on 25 November, a week before its trial would have ended; synced in between.
    stripe.clock.set('2026-11-25T12:00:00Z');
    stripe.cancelSubscription(trial);
    stripe.clock.set('2026-11-28T09:00:00Z');
    const between = cliFor(dbPath, '2026-11-28T09:00:00Z', { STRIPE_API_BASE: stripe.url });
    expect((await between('stripe', 'sync')).stdout).toContain('MRR now: USD 87.00');
    stripe.clock.set('2026-12-10T09:00:00Z');
    const later = cliFor(dbPath, '2026-12-10T09:00:00Z', { STRIPE_API_BASE: stripe.url });
    expect((await later('stripe', 'sync')).stdout).toContain('MRR now: USD 87.00');
    // The months as kept: December holds Ana's seats alone.
    expect((await stripeMonths(later))('2026-12-01')).toBe(87);
  });

  it('refuses a --map of a product the account does not have, naming those it has, and connects nothing', async () => {
    const typo = await goalpost('stripe', 'connect', '--key', KEY, '--map', 'prod_basicc=Basic EDU Apps');
    expect(typo.code).toBe(1);
    expect(typo.stderr).toBe(
      `goalpost: --map: prod_basicc is not a product of Stripe account acct_1EDUapps; its products: ${basicProduct} (Basic EDU Apps)\n`,
    );
    expect((await goalpost('stripe', 'sync')).stdout).toContain('No Stripe account is connected');
    expect((await revenue()).records.every((m) => m.source === 'manual')).toBe(true);
    // Spelled right, it connects.
    const right = await goalpost(
      'stripe',
      'connect',
      '--key',
      KEY,
      '--map',
      `${basicProduct}=Basic EDU Apps`,
    );
    expect(right.code).toBe(0);
  });

  it('says where MRR comes from and how fresh, and warns of a failed or overdue read until one works', async () => {
    await goalpost('stripe', 'connect', '--key', KEY, '--project', 'Basic EDU Apps');
    const shown = await goalpost('revenue', 'show');
    expect(shown.stdout).toContain('Source:           mrr from Stripe, updated just now');
    expect(shown.stdout).not.toContain('Warning:');
    // The key loses its access to subscriptions: the read fails, and the figure says so.
    stripe.addKey(KEY, { permissions: ['rak_accounts_kyc_basic_read'] });
    const failed = await goalpost('stripe', 'sync');
    expect(failed.code).toBe(1);
    expect((await goalpost('revenue', 'show')).stdout).toContain(
      'Warning:          Stripe account acct_1EDUapps: reading it failed just now (the Stripe key may not read subscriptions',
    );
    stripe.addKey(KEY, { permissions: STRIPE_READS });
    expect((await goalpost('stripe', 'sync')).code).toBe(0);
    expect((await goalpost('revenue', 'show')).stdout).not.toContain('Warning:');
    // Thirteen hours on, with no read since (the bot reads every 6 h), the figure is overdue.
    const later = cliFor(dbPath, '2026-11-21T22:00:00Z', { STRIPE_API_BASE: stripe.url });
    const overdue = (await later('revenue', 'show')).stdout;
    expect(overdue).toContain('Source:           mrr from Stripe, updated 13 h ago');
    expect(overdue).toContain(
      'Warning:          MRR from Stripe account acct_1EDUapps was last read 13 h ago: run `goalpost stripe sync`',
    );
  });

  it("with the bot's timer off, reads a daily cron's account as fresh for two days", async () => {
    await goalpost('stripe', 'connect', '--key', KEY, '--project', 'Basic EDU Apps');
    // STRIPE_SYNC_MINUTES=0: the bot reads no account on a timer; the team's cron and the webhook do.
    const read = async (now: string) =>
      (
        await cliFor(dbPath, now, { STRIPE_API_BASE: stripe.url, STRIPE_SYNC_MINUTES: '0' })(
          'revenue',
          'show',
        )
      ).stdout;
    expect(await read(FIXTURE_NOW)).toContain('Source:           mrr from Stripe, updated just now');
    expect(await read(FIXTURE_NOW)).not.toContain('Warning:');
    expect(await read('2026-11-22T22:00:00Z')).not.toContain('Warning:');
    // Over two days unread is a cron that stopped.
    expect(await read('2026-11-23T10:00:00Z')).toContain(
      'Warning:          MRR from Stripe account acct_1EDUapps was last read 2 days ago: run `goalpost stripe sync`',
    );
  });

  it('says which mode a key reads when it finds no subscriptions', async () => {
    const live = 'rk_live_51GoalpostReadOnlyKeyForTheTests';
    stripe.addKey(live, { permissions: STRIPE_READS });
    const r = await goalpost('stripe', 'connect', '--key', live, '--project', 'Basic EDU Apps');
    expect(r.stdout).toContain(
      '0 subscriptions read; 0 project-months written. MRR now: none. This is a live-mode key, which reads live subscriptions only: if yours are in test mode, connect with an rk_test_ key.',
    );
  });

  describe('POST /stripe/webhook', () => {
    let opened: OpenedGoalpost;
    let server: HttpServer;
    let url: string;

    beforeEach(async () => {
      await goalpost('stripe', 'connect', '--key', KEY, '--project', 'Basic EDU Apps');
      opened = openGoalpost({ dbPath, clock: fixedClock(FIXTURE_NOW), logger: silentLogger });
      server = createHttpServer({ app: opened.app, logger: silentLogger });
      server.mount(
        '/stripe/webhook',
        createStripeWebhookHandler({
          app: opened.app,
          secret: SECRET,
          apiBase: stripe.url,
          logger: silentLogger,
        }),
      );
      url = `${(await server.listen(0, '127.0.0.1')).url}/stripe/webhook`;
    });
    afterEach(async () => {
      await server.close();
      opened.close();
    });

    const november = () =>
      opened.app.revenue.list(OPERATOR).find((r) => r.source === 'stripe' && r.periodStart === '2026-11-01');

    it('re-reads the subscription an event names and updates this month at once, once per event', async () => {
      const upgraded = stripe.updateSubscription(seats, {
        items: [{ price: stripe.subscription(seats).items[0]?.price ?? '', quantity: 4 }],
      });
      const first = await deliverStripeEvent(url, { event: upgraded, secret: SECRET });
      expect(first.status).toBe(200);
      expect(november()).toMatchObject({ actual: 116, movements: { expansion: 29 } });
      const again = await deliverStripeEvent(url, { event: upgraded, secret: SECRET });
      expect(JSON.parse(again.body)).toMatchObject({ duplicate: true });
      expect(november()?.actual).toBe(116);
    });

    it('refuses an event without a valid signature, or signed too long ago, writing nothing', async () => {
      const upgraded = stripe.updateSubscription(seats, {
        items: [{ price: stripe.subscription(seats).items[0]?.price ?? '', quantity: 9 }],
      });
      const forged = await deliverStripeEvent(url, {
        event: upgraded,
        secret: 'whsec_notTheEndpointsSecret0',
      });
      // As the API refuses a bad credential: 401 E_UNAUTHORIZED, in its `{"error": {…}}` shape.
      expect(forged.status).toBe(401);
      expect(JSON.parse(forged.body).error).toMatchObject({ code: 'E_UNAUTHORIZED' });
      expect(JSON.parse(forged.body).error.message).toMatch(/^Stripe-Signature does not verify \(/);
      const stale = await deliverStripeEvent(url, {
        event: upgraded,
        secret: SECRET,
        timestamp: Math.floor(Date.now() / 1000) - 600,
      });
      expect(stale.status).toBe(401);
      expect(JSON.parse(stale.body).error).toMatchObject({ code: 'E_UNAUTHORIZED' });
      const ahead = await deliverStripeEvent(url, {
        event: upgraded,
        secret: SECRET,
        timestamp: Math.floor(Date.now() / 1000) + 600,
      });
      expect(ahead.status).toBe(401);
      expect(JSON.parse(ahead.body).error).toMatchObject({ code: 'E_UNAUTHORIZED' });
      expect(JSON.parse(ahead.body).error.message).toMatch(/dated \d+ s ahead of this machine's clock/);
      const unsigned = await deliverStripeEvent(url, { event: upgraded, secret: SECRET, signature: null });
      expect(unsigned.status).toBe(401);
      expect(JSON.parse(unsigned.body)).toEqual({
        error: {
          code: 'E_UNAUTHORIZED',
          message: 'missing Stripe-Signature: the endpoint’s signing secret goes in STRIPE_WEBHOOK_SECRET',
        },
      });
      const get = await fetch(url);
      expect(get.status).toBe(405);
      expect(await get.json()).toEqual({
        error: { code: 'E_METHOD_NOT_ALLOWED', message: 'Stripe delivers with POST' },
      });
      expect(november()?.actual).toBe(87);
    });

    it('refuses a signed body it cannot read (400) or about a subscription no account reads (404), writing nothing', async () => {
      const upgraded = stripe.updateSubscription(seats, {
        items: [{ price: stripe.subscription(seats).items[0]?.price ?? '', quantity: 9 }],
      }) as { id: string; data: Record<string, unknown> };
      const cases: Array<[string, string, string]> = [
        ['null', 'null', 'not a Stripe event'],
        ['an array', '[]', 'not a Stripe event'],
        ['an empty object', '{}', 'id:'],
        ['no data', JSON.stringify({ ...upgraded, data: undefined }), 'data'],
        ['a null object', JSON.stringify({ ...upgraded, data: { object: null } }), 'data.object'],
        ['no id', JSON.stringify({ ...upgraded, id: undefined }), 'id:'],
        ['a numeric id', JSON.stringify({ ...upgraded, id: 7 }), 'id:'],
        ['broken JSON', '{"id":"evt_x",', 'not JSON'],
        ['no body', '', 'not JSON'],
      ];
      for (const [what, rawBody, names] of cases) {
        const answer = await deliverStripeEvent(url, { event: upgraded, rawBody, secret: SECRET });
        expect({ what, status: answer.status }).toEqual({ what, status: 400 });
        const { error } = JSON.parse(answer.body) as { error: { code: string; message: string } };
        expect(error.code, what).toBe('E_VALIDATION');
        expect(error.message, what).toContain(names);
        expect(error.message, what).toContain('nothing was written');
        expect(answer.body, what).not.toContain('Stripe-Signature');
      }
      const object = { ...(upgraded.data.object as Record<string, unknown>), id: 'sub_nobodys' };
      const unknown = await deliverStripeEvent(url, {
        event: upgraded,
        rawBody: JSON.stringify({ ...upgraded, data: { ...upgraded.data, object } }),
        secret: SECRET,
      });
      expect(unknown.status).toBe(404);
      expect(JSON.parse(unknown.body).error).toMatchObject({ code: 'E_NOT_FOUND' });
      expect(JSON.parse(unknown.body).error.message).toMatch(
        /^no connected Stripe account can read sub_nobodys/,
      );
      expect(november()?.actual).toBe(87);
    });

    it('updates every workspace that connected the account, each once', async () => {
      // A second team on the same database reads the same Stripe account for its own project.
      const quizTeam = cliFor(dbPath, FIXTURE_NOW, {
        STRIPE_API_BASE: stripe.url,
        GOALPOST_WORKSPACE: 'quiz',
      });
      await runEach(quizTeam, [
        ['project', 'add', 'Quiz Builder', '--revenue-bearing'],
        ['stripe', 'connect', '--key', KEY, '--map', `${basicProduct}=Quiz Builder`],
      ]);
      const upgraded = stripe.updateSubscription(seats, {
        items: [{ price: monthlyPrice, quantity: 4 }],
      });
      const answer = await deliverStripeEvent(url, { event: upgraded, secret: SECRET });
      expect(answer.status).toBe(200);
      expect(JSON.parse(answer.body).workspaces).toEqual([
        { workspace: 'default', duplicate: false, mrrNow: { usd: 116, eur: 39 } },
        { workspace: 'quiz', duplicate: false, mrrNow: { usd: 116, eur: 39 } },
      ]);
      expect(november()?.actual).toBe(116);
      expect((await stripeMonths(quizTeam))('2026-11-01')).toBe(116);
      // Redelivered: each workspace has it already.
      const again = JSON.parse((await deliverStripeEvent(url, { event: upgraded, secret: SECRET })).body);
      expect(again.workspaces.map((w: { duplicate: boolean }) => w.duplicate)).toEqual([true, true]);
    });
  });
});
