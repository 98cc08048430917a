import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHttpServer, type HttpServer } from '../../adapters/http/create-http-server.js';
import { createStripeWebhookHandler } from '../../adapters/stripe/webhook-handler.js';
import {
  fixedClock,
  type GenerateResult,
  type OpenedGoalpost,
  openGoalpost,
  silentLogger,
} from '../../src/index.js';
import { type FakeStripe, startFakeStripe } from '../fakes/stripe-api.js';
import type { Json } from '../fakes/stripe-shapes.js';
import { deliverStripeEvent } from '../fakes/stripe-webhooks.js';
import { FIXTURE_NOW, openQuickStart } from '../helpers/goalpost-fixture.js';
import { cliFor } from '../helpers/run-cli.js';
import { snapshot } from '../helpers/snapshot.js';
import { STRIPE_READS } from '../helpers/stripe-key.js';
import { useTempDir } from '../helpers/temp-dir.js';

/** A restricted key with read access to what a sync reads, as the README says to make it. */
const KEY = 'rk_test_51GoalpostReadOnlyKeyForTheTests';
const SECRET = 'whsec_testStripeEndpointSecret01';
const RECOVER = 'Recover the failed payments in Basic EDU Apps';

describe('failed payments from Stripe, through the webhook and a sync, to a recovery task', () => {
  const tempDir = useTempDir();
  let stripe: FakeStripe;
  let dbPath: string;
  let goalpost: ReturnType<typeof cliFor>;
  /** Five schools on Basic EDU Apps' $29 monthly plan since September. */
  let schools: string[];

  beforeEach(async () => {
    stripe = await startFakeStripe({
      keys: { [KEY]: { permissions: STRIPE_READS } },
      account: { id: 'acct_1EDUapps', displayName: 'EDU Apps Ltd', defaultCurrency: 'usd' },
      now: '2026-09-01T09:00:00Z',
    });
    const basic = stripe.addProduct({ name: 'Basic EDU Apps' });
    const monthly = stripe.addPrice({
      product: basic.id,
      unitAmount: 2900,
      recurring: { interval: 'month' },
    });
    schools = ['ana', 'bo', 'cy', 'dee', 'eve'].map(
      (name) =>
        stripe.addSubscription({
          customer: stripe.addCustomer({ email: `${name}@school.example` }).id,
          items: [{ price: monthly.id }],
          startDate: '2026-09-03T00:00:00Z',
        }).id,
    );
    const opened = openQuickStart(tempDir());
    dbPath = opened.dbPath;
    opened.close();
    goalpost = cliFor(dbPath, FIXTURE_NOW, { STRIPE_API_BASE: stripe.url });
  });
  afterEach(() => stripe.close());

  /** An invoice of `sub` made at `at`, whose first payment attempt fails then: the event Stripe sends. */
  const failedInvoice = (sub: string, at: string): { id: string; event: Json } => {
    stripe.clock.set(at);
    const { id } = stripe.addInvoice({ subscription: sub, status: 'open' });
    return { id, event: stripe.failInvoicePayment(id) };
  };

  const recoveryTask = async () => {
    const dry = await goalpost('generate', '--dry-run', '--max-tasks', '20', '--json');
    return dry.json<GenerateResult>().tasks.find((t) => t.title.startsWith(RECOVER));
  };

  describe('POST /stripe/webhook', () => {
    let opened: OpenedGoalpost;
    let server: HttpServer;
    let url: string;

    beforeEach(async () => {
      stripe.clock.set('2026-11-01T09:00:00Z');
      const connected = await goalpost('stripe', 'connect', '--key', KEY, '--project', 'Basic EDU Apps');
      expect(connected.stdout).not.toContain('failed payment');
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

    const deliver = async (event: Json) => {
      const r = await deliverStripeEvent(url, { event, secret: SECRET });
      expect(r.status).toBe(200);
      return JSON.parse(r.body) as { duplicate: boolean };
    };

    it('proposes recovering a spike of failed payments, with the MRR at risk, until they are paid', async () => {
      expect(await recoveryTask()).toBeUndefined();
      const failed = [];
      for (const [i, sub] of schools.slice(0, 4).entries())
        failed.push(failedInvoice(sub, `2026-11-1${7 + (i % 3)}T10:00:00Z`));
      for (const f of failed)
        expect(await deliver(f.event)).toEqual(expect.objectContaining({ duplicate: false }));

      const task = await recoveryTask();
      expect(task?.title).toBe(
        `${RECOVER}: turn on Smart Retries and failed-payment emails in Stripe, and contact the 4 customers with unpaid invoices`,
      );
      // The playbook claims 40% of the $116/month the four $29 subscriptions bring.
      expect(task?.revenueImpact).toBe(46.4);
      expect(task?.reasoning).toContain(
        '4 payments failed in Basic EDU Apps in the last 7 days (none in the 8 weeks before); $116/month of MRR is at risk on 4 unpaid invoices',
      );
      const text = await goalpost('generate', '--dry-run', '--max-tasks', '20');
      expect(text.stdout).toMatch(
        /\[\d+\] Recover the failed payments in Basic EDU Apps: .*\n.*\n +Revenue: +\$46\.40\/month/,
      );

      // Stripe redelivers an event until it gets a 2xx: the second copy changes nothing.
      const before = snapshot(dbPath);
      expect(await deliver(failed[0]?.event ?? {})).toEqual({
        ok: true,
        event: failed[0]?.event.id,
        duplicate: true,
        workspaces: [{ workspace: 'default', duplicate: true }],
      });
      expect(snapshot(dbPath)).toEqual(before);

      // A retry failing again is the same unpaid invoice, not a fifth failure.
      stripe.clock.set('2026-11-20T10:00:00Z');
      await deliver(stripe.failInvoicePayment(failed[0]?.id ?? ''));
      expect((await recoveryTask())?.reasoning).toContain(
        '4 payments failed in Basic EDU Apps in the last 7 days (none in the 8 weeks before); $116/month of MRR is at risk on 4 unpaid invoices',
      );

      // Paying one takes its subscription off the MRR at risk; paying them all ends the signal.
      stripe.clock.set('2026-11-20T12:00:00Z');
      await deliver(stripe.payInvoice(failed[0]?.id ?? ''));
      expect((await recoveryTask())?.revenueImpact).toBe(34.8);
      for (const f of failed.slice(1)) await deliver(stripe.payInvoice(f.id));
      expect(await recoveryTask()).toBeUndefined();
    });

    it('leaves an invoice paid when its failure arrives after its payment', async () => {
      const late = schools.slice(0, 3).map((sub) => failedInvoice(sub, '2026-11-18T10:00:00Z'));
      stripe.clock.set('2026-11-19T10:00:00Z');
      const paid = late.map((f) => stripe.payInvoice(f.id));
      for (const event of paid) await deliver(event);
      for (const f of late) await deliver(f.event);
      expect(await recoveryTask()).toBeUndefined();
      // They count as this week's failures, paid: three more unpaid make six, $87/month at risk.
      for (const sub of [schools[3], schools[4], schools[0]])
        await deliver(failedInvoice(sub ?? '', '2026-11-20T10:00:00Z').event);
      expect((await recoveryTask())?.reasoning).toContain(
        '6 payments failed in Basic EDU Apps in the last 7 days (none in the 8 weeks before); $87/month of MRR is at risk on 3 unpaid invoices',
      );
    });
  });

  describe('goalpost stripe connect and sync', () => {
    it('know the failed payments of the last nine weeks from the invoices, every page of them', async () => {
      // October: one payment failed, and was paid three days later (the usual rate: 1 in 8 weeks).
      const october = failedInvoice(schools[4] ?? '', '2026-10-10T10:00:00Z');
      stripe.clock.set('2026-10-13T10:00:00Z');
      stripe.payInvoice(october.id);
      // 120 invoices paid at their first attempt: two pages to read, none of them a failure.
      for (let i = 0; i < 120; i++) {
        stripe.clock.set(Date.parse('2026-10-20T00:00:00Z') / 1000 + i * 3600);
        stripe.addInvoice({ subscription: schools[4] ?? '' });
      }
      // This week, three schools' cards are declined.
      const declined = schools.slice(0, 3).map((sub) => failedInvoice(sub, '2026-11-19T10:00:00Z'));
      stripe.clock.set('2026-11-20T09:00:00Z');

      const connected = await goalpost('stripe', 'connect', '--key', KEY, '--project', 'Basic EDU Apps');
      expect(connected.stdout).toContain('3 invoices with a failed payment still unpaid.');
      // The reads for failed payments (those for history filter by status, a month at a time).
      const reads = stripe.callsTo('GET', /^\/v1\/invoices$/).filter((c) => c.query.status === undefined);
      // From nine weeks before Goalpost's now, newest first, 100 at a time.
      expect(reads.map((c) => c.query)).toEqual([
        { 'created[gte]': String(Date.parse('2026-09-19T09:00:00Z') / 1000), limit: '100' },
        expect.objectContaining({ 'created[gte]': expect.any(String), starting_after: expect.any(String) }),
      ]);
      expect((await recoveryTask())?.reasoning).toContain(
        '3 payments failed in Basic EDU Apps in the last 7 days (weekly average 0.1 over the 8 weeks before); $87/month of MRR is at risk on 3 unpaid invoices',
      );

      // Paid without a webhook: the next sync sees it, and there is nothing left to recover.
      stripe.clock.set('2026-11-20T12:00:00Z');
      for (const f of declined) stripe.payInvoice(f.id);
      const synced = await goalpost('stripe', 'sync');
      expect(synced.stdout).not.toContain('failed payment');
      expect(await recoveryTask()).toBeUndefined();
    });
  });
});
