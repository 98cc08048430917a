import { afterEach, describe, expect, it } from 'vitest';
import { createChatBot } from '../../src/chat.js';
import { fixedClock, openGoalpost, silentLogger } from '../../src/index.js';
import { type FakeStripe, startFakeStripe } from '../fakes/stripe-api.js';
import { textOf } from '../helpers/chat.js';
import { cliFor, runEach } from '../helpers/run-cli.js';
import { STRIPE_READS } from '../helpers/stripe-key.js';
import { useTempDir } from '../helpers/temp-dir.js';

const KEY = 'rk_test_51GoalpostReadOnlyKeyForTheTests';
const NOW = '2026-11-20T09:00:00Z';

// A studio sells Tallyo and Sketchy; one customer's one subscription has an item of each, another
// customer subscribes to Tallyo alone. The backfill writes each project's months, each counting
// the shared subscription: a review's `revenue show` said "2 subscriptions" for the one.
describe('a Stripe subscription whose items feed two projects', () => {
  const tempDir = useTempDir();
  let stripe: FakeStripe;
  afterEach(() => stripe.close());

  it('is counted once in the workspace’s total, by `revenue show` and chat alike, and in each project’s months', async () => {
    stripe = await startFakeStripe({
      keys: { [KEY]: { permissions: STRIPE_READS } },
      account: { id: 'acct_1Studio', displayName: 'Studio', defaultCurrency: 'usd' },
      now: '2026-09-01T09:00:00Z',
    });
    const tallyo = stripe.addProduct({ name: 'Tallyo Pro' });
    const sketchy = stripe.addProduct({ name: 'Sketchy Pro' });
    const monthly = (product: string, cents: number) =>
      stripe.addPrice({ product, unitAmount: cents, recurring: { interval: 'month' } });
    const [tallyoPrice, sketchyPrice] = [monthly(tallyo.id, 9_000), monthly(sketchy.id, 4_000)];
    const [ana, bo] = [
      stripe.addCustomer({ email: 'ana@x.example' }),
      stripe.addCustomer({ email: 'bo@x.example' }),
    ];
    stripe.addSubscription({
      customer: ana.id,
      items: [{ price: tallyoPrice.id }, { price: sketchyPrice.id }],
      startDate: '2026-09-03T00:00:00Z',
    });
    stripe.addSubscription({
      customer: bo.id,
      items: [{ price: tallyoPrice.id }],
      startDate: '2026-09-05T00:00:00Z',
    });
    stripe.clock.set('2026-11-20T08:00:00Z');
    const dbPath = `${tempDir()}/goalpost.db`;
    const goalpost = cliFor(dbPath, NOW, { STRIPE_API_BASE: stripe.url });
    await runEach(goalpost, [
      ['init'],
      ['vision', 'set', 'statement', 'Small tools small businesses pay for'],
      ['vision', 'set', 'focus_areas', 'growth'],
      ['vision', 'set', 'revenue_targets', '{"2027-06": 20000}'],
      ['project', 'add', 'Tallyo', '--revenue-bearing', '--focus', 'growth'],
      ['project', 'add', 'Sketchy', '--revenue-bearing', '--focus', 'growth'],
      ['stripe', 'connect', '--key', KEY, '--map', `${tallyo.id}=Tallyo`, '--map', `${sketchy.id}=Sketchy`],
    ]);
    const shown = (await goalpost('revenue', 'show')).stdout;
    expect(shown).toContain(
      'Revenue now:      $220.00/month (2 subscriptions, 1 of them feeding more than one project), as of 2026-10-31',
    );
    // Each project's month counts every subscription that bills it: Tallyo's both, Sketchy's one.
    const { records } = (await goalpost('revenue', 'show', '--json')).json<{
      records: Array<{ periodStart: string; projectId: number; subscriptions: number }>;
    }>();
    expect(records.filter((r) => r.periodStart === '2026-10-01').map((r) => r.subscriptions)).toEqual([2, 1]);
    expect((await goalpost('state', '--json')).json<{ revenue: unknown }>().revenue).toMatchObject({
      subscriptions: 2,
      subscriptionsShared: 1,
    });

    const opened = openGoalpost({ dbPath, clock: fixedClock(NOW), logger: silentLogger });
    try {
      const bot = createChatBot({
        app: opened.app,
        clock: fixedClock(NOW),
        logger: silentLogger,
        defaultTimeZone: 'UTC',
      });
      const said = await bot.handle({
        workspaceId: 'default',
        platform: 'console',
        userId: 'ana',
        channelId: 'console',
        text: 'revenue',
      });
      expect(textOf(said)).toContain(
        'Revenue: $220/month (2 subscriptions, 1 of them feeding more than one project)',
      );
    } finally {
      opened.close();
    }
  });
});
