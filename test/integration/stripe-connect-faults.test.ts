import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FakeStripe, startFakeStripe } from '../fakes/stripe-api.js';
import { FIXTURE_NOW, openQuickStart } from '../helpers/goalpost-fixture.js';
import { cliFor } from '../helpers/run-cli.js';
import { STRIPE_READS } from '../helpers/stripe-key.js';
import { useTempDir } from '../helpers/temp-dir.js';

const KEY = 'rk_test_51GoalpostReadOnlyKeyForTheTests';
const OTHER_KEY = 'rk_test_51GoalpostAnotherReadOnlyKeyForTests';
/** More 500s than stripe-node's retries (maxNetworkRetries 3) get past. */
const DOWN = { path: '/v1/subscriptions', status: 500, times: 4 } as const;

interface AccountRow {
  account_id: string;
  api_key: string;
  default_project_id: number | null;
  synced_at: string | null;
}

describe('goalpost stripe connect when Stripe fails after the account was found', () => {
  const tempDir = useTempDir();
  let stripe: FakeStripe;
  let dbPath: string;
  let goalpost: ReturnType<typeof cliFor>;

  beforeEach(async () => {
    stripe = await startFakeStripe({
      keys: { [KEY]: { permissions: STRIPE_READS }, [OTHER_KEY]: { permissions: STRIPE_READS } },
      account: { id: 'acct_1EDUapps', displayName: 'EDU Apps Ltd', defaultCurrency: 'usd' },
      now: '2026-09-01T09:00:00Z',
    });
    const product = stripe.addProduct({ name: 'Basic EDU Apps' });
    const price = stripe.addPrice({
      product: product.id,
      unitAmount: 2900,
      recurring: { interval: 'month' },
    });
    stripe.addSubscription({
      customer: stripe.addCustomer({ email: 'ana@school.example' }).id,
      items: [{ price: price.id, quantity: 3 }],
      startDate: '2026-09-03T00:00:00Z',
    });
    stripe.clock.set('2026-11-20T09:00:00Z');
    const opened = openQuickStart(tempDir());
    dbPath = opened.dbPath;
    opened.close();
    goalpost = cliFor(dbPath, FIXTURE_NOW, { STRIPE_API_BASE: stripe.url });
  });
  afterEach(() => stripe.close());

  /** Every stored account, its key and all, as the database holds it. */
  function accountRows(): AccountRow[] {
    const db = new Database(dbPath, { readonly: true });
    try {
      return db
        .prepare('SELECT account_id, api_key, default_project_id, synced_at FROM stripe_accounts')
        .all() as AccountRow[];
    } finally {
      db.close();
    }
  }

  const stripeRecords = async () =>
    (await goalpost('revenue', 'show', '--json'))
      .json<{ records: Array<{ source: string }> }>()
      .records.filter((r) => r.source === 'stripe');

  it('connects nothing when the first read of the subscriptions fails, and says so truthfully', async () => {
    stripe.failNext(DOWN);
    const failed = await goalpost('stripe', 'connect', '--key', KEY, '--project', 'Basic EDU Apps');
    expect(failed.code).toBe(69);
    expect(failed.stderr).toContain('Stripe could not read subscriptions');
    expect(failed.stderr).toContain('nothing was changed, try again later');
    expect(accountRows()).toEqual([]);
    expect((await goalpost('stripe', 'sync')).stdout).toContain('No Stripe account is connected');
    expect(await stripeRecords()).toEqual([]);
    const again = await goalpost('stripe', 'connect', '--key', KEY, '--project', 'Basic EDU Apps');
    expect(again.code).toBe(0);
    expect(accountRows()).toMatchObject([{ account_id: 'acct_1EDUapps', api_key: KEY }]);
  });

  it('keeps an account as it was when connecting it again with another key and project fails', async () => {
    expect((await goalpost('stripe', 'connect', '--key', KEY, '--project', 'Basic EDU Apps')).code).toBe(0);
    const before = accountRows();
    const records = await stripeRecords();
    stripe.failNext(DOWN);
    const failed = await goalpost(
      'stripe',
      'connect',
      '--key',
      OTHER_KEY,
      '--project',
      'Architect Dashboard',
    );
    expect(failed.code).toBe(69);
    expect(failed.stderr).toContain('nothing was changed, try again later');
    expect(accountRows()).toEqual(before);
    expect(await stripeRecords()).toEqual(records);
    // Nor is the failure recorded against the account: its stored key was never the one that failed.
    expect((await goalpost('revenue', 'show')).stdout).not.toContain('reading it failed');
  });
});
