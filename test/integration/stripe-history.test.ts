import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FakeStripe, startFakeStripe } from '../fakes/stripe-api.js';
import { FIXTURE_NOW, openQuickStart } from '../helpers/goalpost-fixture.js';
import { cliFor } from '../helpers/run-cli.js';
import { STRIPE_READS } from '../helpers/stripe-key.js';
import { useTempDir } from '../helpers/temp-dir.js';

/** A restricted key with read access to what a sync reads, as the README says to make it. */
const KEY = 'rk_test_51GoalpostHistoryKeyForTheTests';

interface Month {
  periodStart: string;
  actual: number;
  source: string;
  subscriptions: number;
  movements: { newMrr: number; expansion: number; contraction: number; churned: number };
}

describe('goalpost stripe connect: the months before it, as the invoices billed them', () => {
  const tempDir = useTempDir();
  let stripe: FakeStripe;
  let goalpost: ReturnType<typeof cliFor>;

  beforeEach(async () => {
    stripe = await startFakeStripe({
      keys: { [KEY]: { permissions: STRIPE_READS } },
      account: { id: 'acct_1EDUapps', displayName: 'EDU Apps Ltd', defaultCurrency: 'usd' },
      now: '2026-01-05T00:00:00Z',
    });
    const basic = stripe.addProduct({ name: 'Basic EDU Apps' });
    const seat = stripe.addPrice({ product: basic.id, unitAmount: 2900, recurring: { interval: 'month' } });
    const yearly = stripe.addPrice({
      product: basic.id,
      unitAmount: 29_000,
      recurring: { interval: 'year' },
    });
    const setup = stripe.addPrice({ product: basic.id, unitAmount: 9900 });
    // Ana: two seats from 5 January, ten from 20 May (the prorations invoiced at once), so the
    // June renewal bills ten; a $99 setup fee on her first invoice; November's invoice is still
    // open. Bo: one seat a year from 10 February.
    const ana = stripe.addSubscription({
      customer: stripe.addCustomer({ email: 'ana@school.example' }).id,
      items: [{ price: seat.id, quantity: 2 }],
    }).id;
    stripe.addInvoice({
      subscription: ana,
      lines: [
        { price: seat.id, quantity: 2 },
        { price: setup.id, invoiceItem: true },
      ],
    });
    for (let month = 2; month <= 11; month++) {
      stripe.clock.set(`2026-${String(month).padStart(2, '0')}-05T00:00:00Z`);
      stripe.addInvoice({ subscription: ana, ...(month === 11 ? { status: 'open' as const } : {}) });
      if (month === 2) {
        stripe.clock.set('2026-02-10T00:00:00Z');
        const bo = stripe.addCustomer({ email: 'bo@school.example' }).id;
        stripe.addInvoice({
          subscription: stripe.addSubscription({ customer: bo, items: [{ price: yearly.id }] }).id,
        });
      }
      if (month === 5) {
        stripe.clock.set('2026-05-20T00:00:00Z');
        stripe.updateSubscription(ana, { items: [{ price: seat.id, quantity: 10 }] });
        const rest = { proration: true, periodStart: '2026-05-20T00:00:00Z' };
        stripe.addInvoice({
          subscription: ana,
          billingReason: 'subscription_update',
          lines: [
            { price: seat.id, quantity: 2, amount: -1496, ...rest },
            { price: seat.id, quantity: 10, amount: 7484, ...rest },
          ],
        });
      }
    }
    stripe.clock.set('2026-11-20T09:00:00Z');
    const opened = openQuickStart(tempDir());
    goalpost = cliFor(opened.dbPath, FIXTURE_NOW, { STRIPE_API_BASE: stripe.url });
    opened.close();
  });
  afterEach(() => stripe.close());

  const months = async () =>
    (await goalpost('revenue', 'show', '--json'))
      .json<{ records: Month[] }>()
      .records.filter((m) => m.source === 'stripe')
      .map((m) => [m.periodStart.slice(0, 7), m.actual, m.movements.newMrr, m.movements.expansion]);

  /**
   * The invoice reads for history: by status, a month at a time (the sync also reads the last
   * nine weeks' invoices, unfiltered, for failed payments).
   */
  const historyReads = () =>
    stripe.callsTo('GET', /^\/v1\/invoices$/).filter((c) => c.query.status !== undefined);

  it('shows each month at the seats billed then: May’s upgrade from the June invoice, no proration counted', async () => {
    stripe.rateLimitNext({ path: '/v1/invoices' });
    const r = await goalpost('stripe', 'connect', '--key', KEY, '--project', 'Basic EDU Apps');
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('2 subscriptions read; 11 project-months written');
    // Ana's 2 seats ($58) until May and 10 ($290) from the first period billed at ten, June's;
    // Bo's $290 a year is $24.17 a month.
    expect(await months()).toEqual([
      ['2026-01', 58, 58, 0],
      ['2026-02', 82.17, 24.17, 0],
      ['2026-03', 82.17, 0, 0],
      ['2026-04', 82.17, 0, 0],
      ['2026-05', 82.17, 0, 0],
      ['2026-06', 314.17, 0, 232],
      ['2026-07', 314.17, 0, 0],
      ['2026-08', 314.17, 0, 0],
      ['2026-09', 314.17, 0, 0],
      ['2026-10', 314.17, 0, 0],
      ['2026-11', 314.17, 0, 0],
    ]);
    // Paid and open invoices a calendar month at a time, from when the earliest subscription
    // began billing (5 January), the last month open-ended; the rate limit waited out; each
    // price read once.
    const reads = historyReads();
    expect(reads.filter((c) => c.status === 429)).toHaveLength(1);
    const unix = (iso: string) => String(Date.parse(iso) / 1000);
    const starts = [
      '2026-01-05',
      ...['02', '03', '04', '05', '06', '07', '08', '09', '10', '11'].map((m) => `2026-${m}-01`),
    ];
    const slices = starts.map((start, i) => [
      unix(start),
      starts[i + 1] ? unix(starts[i + 1] as string) : null,
    ]);
    expect(
      reads
        .filter((c) => c.status === 200)
        .map((c) => [c.query.status, c.query['created[gte]'], c.query['created[lt]'] ?? null])
        .sort(),
    ).toEqual(['open', 'paid'].flatMap((status) => slices.map((m) => [status, ...m])).sort());
    expect(stripe.callsTo('GET', /^\/v1\/prices\//)).toHaveLength(3);
  });

  it('reads no invoices again once it knows every subscription, and keeps the months', async () => {
    await goalpost('stripe', 'connect', '--key', KEY, '--project', 'Basic EDU Apps');
    const before = await months();
    const read = historyReads().length;
    const again = await goalpost('stripe', 'sync');
    expect(again.code).toBe(0);
    expect(historyReads()).toHaveLength(read);
    expect(await months()).toEqual(before);
  });

  it('refuses a key that may not read invoices, naming the permission, and writes nothing', async () => {
    const narrow = 'rk_test_51GoalpostNoInvoicesKeyForTests';
    stripe.addKey(narrow, { permissions: STRIPE_READS.filter((p) => p !== 'rak_invoice_read') });
    const r = await goalpost('stripe', 'connect', '--key', narrow, '--project', 'Basic EDU Apps');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('the Stripe key may not read invoices');
    expect(r.stderr).toContain('rak_invoice_read');
    expect(await months()).toEqual([]);
  });
});
