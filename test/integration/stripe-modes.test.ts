import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHttpServer } from '../../adapters/http/create-http-server.js';
import { createStripeWebhookHandler } from '../../adapters/stripe/webhook-handler.js';
import { fixedClock, openGoalpost, silentLogger } from '../../src/index.js';
import { type FakeStripe, startFakeStripe } from '../fakes/stripe-api.js';
import { deliverStripeEvent } from '../fakes/stripe-webhooks.js';
import { FIXTURE_NOW, openQuickStart } from '../helpers/goalpost-fixture.js';
import { cliFor, runEach } from '../helpers/run-cli.js';
import { STRIPE_READS } from '../helpers/stripe-key.js';
import { useTempDir } from '../helpers/temp-dir.js';

const LIVE = 'rk_live_51GoalpostReadOnlyKeyForTheTests';
const TEST = 'rk_test_51GoalpostReadOnlyKeyForTheTests';
const SECRET = 'whsec_modes';

describe('one Stripe account, live in one workspace and on its test keys in another', () => {
  const tempDir = useTempDir();
  let stripe: FakeStripe;
  let dbPath: string;
  let liveSub: string;
  let livePrice: string;

  beforeEach(async () => {
    stripe = await startFakeStripe({
      keys: { [LIVE]: { permissions: STRIPE_READS }, [TEST]: { permissions: STRIPE_READS } },
      account: { id: 'acct_1EDUapps', displayName: 'EDU Apps Ltd', defaultCurrency: 'usd' },
      now: '2026-09-01T09:00:00Z',
    });
    const product = stripe.addProduct({ name: 'Basic EDU Apps', livemode: true });
    livePrice = stripe.addPrice({
      product: product.id,
      unitAmount: 5000,
      recurring: { interval: 'month' },
    }).id;
    liveSub = stripe.addSubscription({
      customer: stripe.addCustomer({ livemode: true }).id,
      items: [{ price: livePrice, quantity: 1 }],
      livemode: true,
      startDate: '2026-09-03T00:00:00Z',
    }).id;
    stripe.clock.set('2026-11-20T09:00:00Z');
    const opened = openQuickStart(tempDir());
    dbPath = opened.dbPath;
    opened.close();
  });
  afterEach(() => stripe.close());

  it("applies a live subscription's event in the live workspace alone", async () => {
    const prod = cliFor(dbPath, FIXTURE_NOW, { STRIPE_API_BASE: stripe.url });
    await runEach(prod, [['stripe', 'connect', '--key', LIVE, '--project', 'Basic EDU Apps']]);
    const staging = cliFor(dbPath, FIXTURE_NOW, {
      STRIPE_API_BASE: stripe.url,
      GOALPOST_WORKSPACE: 'staging',
    });
    await runEach(staging, [['project', 'add', 'Sandbox', '--revenue-bearing']]);
    const c = await staging('stripe', 'connect', '--key', TEST, '--project', 'Sandbox');
    expect(c.stdout).toContain('0 subscriptions read');
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
      const more = stripe.updateSubscription(liveSub, { items: [{ price: livePrice, quantity: 3 }] });
      const answer = await deliverStripeEvent(url, { event: more, secret: SECRET });
      expect(answer.status).toBe(200);
      const r = await staging('revenue', 'show', '--json');
      const months = r
        .json<{ records: Array<{ periodStart: string; actual: number; source: string; notes: string }> }>()
        .records.filter((m) => m.source === 'stripe');
      expect(JSON.parse(answer.body).workspaces.map((w: { workspace: string }) => w.workspace)).toEqual([
        'default',
      ]);
      expect(months.every((m) => m.actual === 0)).toBe(true);
    } finally {
      await server.close();
      opened.close();
    }
  });
});
