import { afterEach, describe, expect, it } from 'vitest';
import { type FakeStripe, type FakeStripeOptions, startFakeStripe } from '../fakes/stripe-api.js';
import { cliFor, runEach } from '../helpers/run-cli.js';
import { STRIPE_READS } from '../helpers/stripe-key.js';
import { useTempDir } from '../helpers/temp-dir.js';

const KEY = 'rk_test_51GoalpostReadOnlyKeyForTheTests';

// A studio's Sketchy, added to Goalpost in October before it launched, makes its first sale on
// November 10 ($40 a month); Tallyo has billed $9,000 a month since June. The team connects
// Stripe on December 2: its backfill writes every month since the account's first subscription for
// both products, Sketchy's $0 months before its sale among them. A review found the launch rule
// skipped then: Sketchy's earliest record, a $0 June, was older than Sketchy in Goalpost, so its
// first sale took its $5,500 share to $48.50 overnight.
describe('a launch whose months come from Stripe', () => {
  const tempDir = useTempDir();
  let stripe: FakeStripe;
  /** The fakes a test started: one a workspace, closed after it. */
  const started: FakeStripe[] = [];
  const startStripe = async (options: FakeStripeOptions): Promise<FakeStripe> => {
    const fake = await startFakeStripe(options);
    started.push(fake);
    return fake;
  };
  afterEach(async () => {
    for (const fake of started.splice(0)) await fake.close();
  });

  it('keeps the launch share when the backfill writes $0 months before its first sale', async () => {
    stripe = await startStripe({
      keys: { [KEY]: { permissions: STRIPE_READS } },
      account: { id: 'acct_1Studio', displayName: 'Studio', defaultCurrency: 'usd' },
      now: '2026-06-01T09:00:00Z',
    });
    const tallyo = stripe.addProduct({ name: 'Tallyo Pro' });
    const sketchy = stripe.addProduct({ name: 'Sketchy Pro' });
    const monthly = (product: string, cents: number) =>
      stripe.addPrice({ product, unitAmount: cents, recurring: { interval: 'month' } });
    const [tallyoPrice, sketchyPrice] = [monthly(tallyo.id, 900_000), monthly(sketchy.id, 4_000)];
    const [a, b] = [
      stripe.addCustomer({ email: 'a@x.example' }),
      stripe.addCustomer({ email: 'b@x.example' }),
    ];
    stripe.addSubscription({
      customer: a.id,
      items: [{ price: tallyoPrice.id }],
      startDate: '2026-06-01T00:00:00Z',
    });
    stripe.addSubscription({
      customer: b.id,
      items: [{ price: sketchyPrice.id }],
      startDate: '2026-11-10T00:00:00Z',
    });
    stripe.clock.set('2026-12-02T08:00:00Z');
    const db = `${tempDir()}/goalpost.db`;
    const at = (now: string) => cliFor(db, now, { STRIPE_API_BASE: stripe.url });
    await runEach(at('2026-10-05T09:00:00Z'), [
      ['init'],
      ['vision', 'set', 'statement', 'Small tools small businesses pay for'],
      ['vision', 'set', 'focus_areas', 'growth'],
      ['vision', 'set', 'revenue_targets', '{"2027-06": 20000}'],
      ['project', 'add', 'Tallyo', '--revenue-bearing', '--focus', 'growth'],
      ['feature', 'add', 'Tallyo', 'Annual plans'],
      ['feature', 'add', 'Tallyo', 'Multi-currency invoices'],
      ['project', 'add', 'Sketchy', '--revenue-bearing', '--focus', 'growth'],
      ['feature', 'add', 'Sketchy', 'Layers panel'],
      ['feature', 'add', 'Sketchy', 'Export to PNG'],
      ['bug', 'add', 'Sketchy', 'Canvas loses strokes on undo', '--severity', 'high'],
    ]);
    const sketchyCarries = async (now: string) => {
      const out = (await at(now)('generate', '--dry-run', '--max-tasks', '6')).stdout;
      return /Sketchy carries \$([\d,.]+) of it([^\n]*)/.exec(out);
    };
    await runEach(at('2026-12-02T09:00:00Z'), [
      ['stripe', 'connect', '--key', KEY, '--map', `${tallyo.id}=Tallyo`, '--map', `${sketchy.id}=Sketchy`],
    ]);
    const months = (await at('2026-12-02T09:00:00Z')('revenue', 'show', '--json')).json<{
      records: Array<{ periodStart: string; actual: number; projectId: number }>;
    }>().records;
    // What the review saw: Sketchy's months written from June, $0 until November.
    expect(months.filter((r) => r.actual === 0).length).toBeGreaterThanOrEqual(5);
    const said = await sketchyCarries('2026-12-02T09:00:00Z');
    // Its pre-launch share by work is half the gap, $5,480 of $10,960; its $40 alone would carry
    // $48.50 of it. Three weeks into its launch's quarter (from its sale on November 10, not from
    // November 1) it keeps most of its share by work.
    expect(Number(said?.[1]?.replace(/,/g, ''))).toBeGreaterThan(0.6 * 5_480);
    expect(said?.[2]).toMatch(/^: it launched, with its first revenue 22 days ago/);
  });

  // The same studio synced daily into March: each sync writes every month again, and a review saw
  // Sketchy's first revenue said to be "today" in each plan, dated by when the sync stored
  // November's row, its launch's quarter begun again with every sync and its share kept by its work.
  it('dates a launch by the month Stripe first billed it, not by the sync that stored it', async () => {
    stripe = await startStripe({
      keys: { [KEY]: { permissions: STRIPE_READS } },
      account: { id: 'acct_1Studio', displayName: 'Studio', defaultCurrency: 'usd' },
      now: '2026-06-01T09:00:00Z',
    });
    const tallyo = stripe.addProduct({ name: 'Tallyo Pro' });
    const sketchy = stripe.addProduct({ name: 'Sketchy Pro' });
    const monthly = (product: string, cents: number) =>
      stripe.addPrice({ product, unitAmount: cents, recurring: { interval: 'month' } });
    const [tallyoPrice, sketchyPrice] = [monthly(tallyo.id, 900_000), monthly(sketchy.id, 4_000)];
    const [a, b] = [
      stripe.addCustomer({ email: 'a@x.example' }),
      stripe.addCustomer({ email: 'b@x.example' }),
    ];
    stripe.addSubscription({
      customer: a.id,
      items: [{ price: tallyoPrice.id }],
      startDate: '2026-06-01T00:00:00Z',
    });
    stripe.addSubscription({
      customer: b.id,
      items: [{ price: sketchyPrice.id }],
      startDate: '2026-11-10T00:00:00Z',
    });
    stripe.clock.set('2026-12-02T08:00:00Z');
    const db = `${tempDir()}/goalpost.db`;
    const at = (now: string) => cliFor(db, now, { STRIPE_API_BASE: stripe.url });
    await runEach(at('2026-10-05T09:00:00Z'), [
      ['init'],
      ['vision', 'set', 'statement', 'Small tools small businesses pay for'],
      ['vision', 'set', 'focus_areas', 'growth'],
      ['vision', 'set', 'revenue_targets', '{"2027-06": 20000}'],
      ['project', 'add', 'Tallyo', '--revenue-bearing', '--focus', 'growth'],
      ['feature', 'add', 'Tallyo', 'Annual plans'],
      ['project', 'add', 'Sketchy', '--revenue-bearing', '--focus', 'growth'],
      ['feature', 'add', 'Sketchy', 'Layers panel'],
    ]);
    await runEach(at('2026-12-02T09:00:00Z'), [
      ['stripe', 'connect', '--key', KEY, '--map', `${tallyo.id}=Tallyo`, '--map', `${sketchy.id}=Sketchy`],
    ]);
    stripe.clock.set('2027-03-05T08:00:00Z');
    const march = at('2027-03-05T09:00:00Z');
    await runEach(march, [['stripe', 'sync']]);
    const out = (await march('generate', '--dry-run', '--max-tasks', '6')).stdout;
    // Over a quarter since November, when Stripe first billed it: counted by what it earns,
    // $40 of the $9,040 the two earn, as a product first seen earning is.
    expect(out).not.toContain('launched');
    expect(out).toContain('Sketchy carries $48.50 of it');
  });

  // Ledgerly has billed $2,400 a month since December 2025; its team's second product, Quotely, made
  // its first sale on October 26 and three more since, all in the one Stripe account. The lead adds
  // Quotely to Goalpost on December 7 with its launch backlog and maps its product: the backfill
  // writes its $0 months before that sale. A review saw its four features valued at cents a month
  // each, Quotely carrying $91.41 of a $2,613 gap as a product first seen earning: the launch rule
  // asked whether Goalpost had it before its first sale, not when its revenue history says it began.
  it('counts a product added after its first sale as launching, by the first sale Stripe shows', async () => {
    stripe = await startStripe({
      keys: { [KEY]: { permissions: STRIPE_READS } },
      account: { id: 'acct_1Studio', displayName: 'Studio', defaultCurrency: 'usd' },
      now: '2025-12-01T09:00:00Z',
    });
    const ledgerly = stripe.addProduct({ name: 'Ledgerly' });
    const quotely = stripe.addProduct({ name: 'Quotely' });
    const monthly = (product: string, cents: number) =>
      stripe.addPrice({ product, unitAmount: cents, recurring: { interval: 'month' } });
    const [ledgerlyPrice, quotelyPrice] = [monthly(ledgerly.id, 80_000), monthly(quotely.id, 2_900)];
    const subscribe = (price: string, startDate: string, n: number) =>
      stripe.addSubscription({
        customer: stripe.addCustomer({ email: `c${n}@x.example` }).id,
        items: [{ price }],
        startDate,
      });
    for (const n of [1, 2, 3]) subscribe(ledgerlyPrice.id, '2025-12-01T00:00:00Z', n);
    for (const [n, day] of ['2026-10-26', '2026-11-09', '2026-11-18', '2026-12-01'].entries())
      subscribe(quotelyPrice.id, `${day}T00:00:00Z`, 10 + n);
    stripe.clock.set('2026-12-07T08:00:00Z');

    /** The plan of December 7 in a workspace that added Quotely on `added`. */
    const planWithQuotelyAdded = async (added: string) => {
      const db = `${tempDir()}/goalpost.db`;
      const at = (now: string) => cliFor(db, now, { STRIPE_API_BASE: stripe.url });
      await runEach(at('2025-12-15T09:00:00Z'), [
        ['init'],
        ['vision', 'set', 'statement', 'Paperwork tools freelancers pay for'],
        ['vision', 'set', 'focus_areas', 'growth'],
        ['vision', 'set', 'revenue_targets', '{"2027-06": 5100}'],
        ['project', 'add', 'Ledgerly', '--revenue-bearing', '--focus', 'growth'],
        ['feature', 'add', 'Ledgerly', 'Bank feeds'],
        ['feature', 'add', 'Ledgerly', 'Receipt capture'],
      ]);
      await runEach(at(added), [
        ['project', 'add', 'Quotely', '--revenue-bearing', '--focus', 'growth'],
        ['feature', 'add', 'Quotely', 'Quote templates'],
        ['feature', 'add', 'Quotely', 'E-signature'],
        ['feature', 'add', 'Quotely', 'Deposit payments'],
        ['feature', 'add', 'Quotely', 'Client portal'],
      ]);
      const today = at('2026-12-07T09:00:00Z');
      await runEach(today, [
        [
          'stripe',
          'connect',
          '--key',
          KEY,
          '--map',
          `${ledgerly.id}=Ledgerly`,
          '--map',
          `${quotely.id}=Quotely`,
        ],
      ]);
      const out = (await today('generate', '--dry-run', '--max-tasks', '8')).stdout;
      const usd = (pattern: RegExp) => Number(pattern.exec(out)?.[1]?.replace(/,/g, '') ?? Number.NaN);
      return {
        carries: usd(/Quotely carries \$([\d,.]+) of it/),
        templates: usd(/Build 'Quote templates' for Quotely\n.*\n\s+Revenue:\s+\$([\d,.]+)\/month/),
        why: /Quotely carries \$[\d,.]+ of it([^\n]*)/.exec(out)?.[1],
      };
    };
    const addedAfter = await planWithQuotelyAdded('2026-12-07T09:00:00Z');
    const addedBefore = await planWithQuotelyAdded('2026-09-15T09:00:00Z');

    // By work, its four features are two thirds of the $2,613 gap, $1,742; its $87 a month is a
    // twentieth of that, and six weeks after its first sale (October 26, 42 days before the plan)
    // its launch still keeps a real part.
    expect(addedAfter.carries).toBeGreaterThan(400);
    expect(addedAfter.templates).toBeGreaterThan(100);
    expect(addedAfter.why).toMatch(/^: it launched, with its first revenue 42 days ago/);
    // Added before that sale, it is dated by the same history, not by the day Stripe was connected.
    expect(addedBefore).toEqual(addedAfter);
  });
  // Ledgerly has billed $3,000 a month since April; Quotely, in Goalpost since June with its launch
  // backlog, made its first sale on September 30 or October 1, then two more in November. A review
  // saw the September launch dated from September 1, 97 days before the plan of December 7: past
  // its quarter, it carried $82.10 of the gap and 'Quote templates' was worth $41/month, against
  // $431 and $216 for the same launch a day younger; and a first sale on October 26 said "its first
  // revenue 67 days ago". Stripe's months are calendar months; its subscriptions say the day.
  it('dates a launch by the day Stripe first billed it, not the 1st of that month', async () => {
    const planWithFirstSale = async (firstSale: string) => {
      const stripe = await startStripe({
        keys: { [KEY]: { permissions: STRIPE_READS } },
        account: { id: 'acct_1Studio', displayName: 'Studio', defaultCurrency: 'usd' },
        now: '2026-04-01T00:00:00Z',
      });
      const ledgerly = stripe.addProduct({ name: 'Ledgerly' });
      const quotely = stripe.addProduct({ name: 'Quotely' });
      const monthly = (product: string, cents: number) =>
        stripe.addPrice({ product, unitAmount: cents, recurring: { interval: 'month' } });
      const [ledgerlyPrice, quotelyPrice] = [monthly(ledgerly.id, 300_000), monthly(quotely.id, 2_900)];
      const subscribe = (price: string, day: string, n: number) =>
        stripe.addSubscription({
          customer: stripe.addCustomer({ email: `c${n}@x.example` }).id,
          items: [{ price }],
          startDate: `${day}T00:00:00Z`,
        });
      subscribe(ledgerlyPrice.id, '2026-04-01', 0);
      for (const [n, day] of [firstSale, '2026-11-09', '2026-11-18'].entries())
        subscribe(quotelyPrice.id, day, 1 + n);
      stripe.clock.set('2026-12-07T08:00:00Z');
      const db = `${tempDir()}/goalpost.db`;
      const at = (now: string) => cliFor(db, now, { STRIPE_API_BASE: stripe.url });
      await runEach(at('2026-06-01T09:00:00Z'), [
        ['init'],
        ['vision', 'set', 'statement', 'Paperwork tools freelancers pay for'],
        ['vision', 'set', 'focus_areas', 'growth'],
        ['vision', 'set', 'revenue_targets', '{"2027-06": 6000}'],
        ['project', 'add', 'Ledgerly', '--revenue-bearing', '--focus', 'growth'],
        ['feature', 'add', 'Ledgerly', 'Bank feeds'],
        ['feature', 'add', 'Ledgerly', 'Receipt capture'],
        ['project', 'add', 'Quotely', '--revenue-bearing', '--focus', 'growth'],
        ['feature', 'add', 'Quotely', 'Quote templates'],
        ['feature', 'add', 'Quotely', 'E-signature'],
      ]);
      const today = at('2026-12-07T09:00:00Z');
      await runEach(today, [
        [
          'stripe',
          'connect',
          '--key',
          KEY,
          '--map',
          `${ledgerly.id}=Ledgerly`,
          '--map',
          `${quotely.id}=Quotely`,
        ],
      ]);
      const out = (await today('generate', '--dry-run', '--max-tasks', '8', '--ignore-capacity')).stdout;
      const usd = (pattern: RegExp) => Number(pattern.exec(out)?.[1]?.replace(/,/g, '') ?? Number.NaN);
      return {
        carries: usd(/Quotely carries \$([\d,.]+) of it/),
        templates: usd(/Build 'Quote templates' for Quotely\n.*\n\s+Revenue:\s+\$([\d,.]+)\/month/),
        why: /Quotely carries \$[\d,.]+ of it([^\n]*)/.exec(out)?.[1],
      };
    };
    const sep30 = await planWithFirstSale('2026-09-30');
    const oct1 = await planWithFirstSale('2026-10-01');
    const oct26 = await planWithFirstSale('2026-10-26');

    // 68 and 67 days into its quarter: a day's difference moves its share by a day's part of it.
    expect(sep30.why).toMatch(/^: it launched, with its first revenue 68 days ago/);
    expect(oct1.why).toMatch(/^: it launched, with its first revenue 67 days ago/);
    expect(sep30.carries).toBeGreaterThan(0.9 * oct1.carries);
    expect(sep30.carries).toBeLessThanOrEqual(oct1.carries);
    expect(sep30.templates).toBeGreaterThan(0.9 * oct1.templates);
    // October 26 is 42 days before December 7.
    expect(oct26.why).toMatch(/^: it launched, with its first revenue 42 days ago/);
  });
});
