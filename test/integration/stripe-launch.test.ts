import { afterEach, describe, expect, it } from 'vitest';
import {
  type FakeStripe,
  type FakeStripeOptions,
  type FakeStripeSubscriptionInput,
  startFakeStripe,
} from '../fakes/stripe-api.js';
import { cliFor, runEach } from '../helpers/run-cli.js';
import { STRIPE_READS } from '../helpers/stripe-key.js';
import { useTempDir } from '../helpers/temp-dir.js';

const KEY = 'rk_test_51GoalpostReadOnlyKeyForTheTests';

/**
 * A fake Stripe account from `now` billing two products monthly (`cents` each); `subscribe` adds a
 * new customer's subscription to one of them (0 or 1) from a day (YYYY-MM-DD).
 */
function twoProducts(
  stripe: FakeStripe,
  products: [{ name: string; cents: number }, { name: string; cents: number }],
) {
  const ids = products.map((p) => stripe.addProduct({ name: p.name }).id) as [string, string];
  const prices = products.map(
    (p, i) =>
      stripe.addPrice({ product: ids[i] as string, unitAmount: p.cents, recurring: { interval: 'month' } })
        .id,
  );
  let customers = 0;
  const subscribe = (which: 0 | 1, day: string, more: Partial<FakeStripeSubscriptionInput> = {}) =>
    stripe.addSubscription({
      customer: stripe.addCustomer({ email: `c${++customers}@x.example` }).id,
      items: [{ price: prices[which] as string }],
      startDate: `${day}T00:00:00Z`,
      ...more,
    });
  return { ids, subscribe };
}

/** `stripe connect` with each product mapped to its project. */
const connect = (map: Array<[string, string]>): string[] => [
  'stripe',
  'connect',
  '--key',
  KEY,
  ...map.flatMap(([product, project]) => ['--map', `${product}=${project}`]),
];

/** Ledgerly's team, set up in June with Quotely and its launch backlog. */
const quotelyTeam = [
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
];

/** What a plan says of Quotely: its share of the gap, 'Quote templates'' value, and why. */
function quotelyIn(out: string) {
  const usd = (pattern: RegExp) => Number(pattern.exec(out)?.[1]?.replace(/,/g, '') ?? Number.NaN);
  return {
    carries: usd(/Quotely carries \$([\d,.]+) of it/),
    templates: usd(/Build 'Quote templates' for Quotely\n.*\n\s+Revenue:\s+\$([\d,.]+)\/month/),
    why: /Quotely carries \$[\d,.]+ of it([^\n]*)/.exec(out)?.[1],
  };
}

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
  /** The command line on a new workspace's database, reading the fake Stripe at `url`, at a time. */
  const workspace = (url: string) => {
    const db = `${tempDir()}/goalpost.db`;
    return (now: string) => cliFor(db, now, { STRIPE_API_BASE: url });
  };
  /**
   * The plan of December 7 for Ledgerly's team (Quotely in Goalpost since June): Ledgerly billing
   * $3,000 a month since April, Quotely's subscriptions as `sales` adds them, Stripe connected today.
   */
  const quotelyPlan = async (sales: (subscribe: ReturnType<typeof twoProducts>['subscribe']) => void) => {
    const stripe = await startStripe({
      keys: { [KEY]: { permissions: STRIPE_READS } },
      account: { id: 'acct_1Studio', displayName: 'Studio', defaultCurrency: 'usd' },
      now: '2026-04-01T00:00:00Z',
    });
    const {
      ids: [ledgerly, quotely],
      subscribe,
    } = twoProducts(stripe, [
      { name: 'Ledgerly', cents: 300_000 },
      { name: 'Quotely', cents: 2_900 },
    ]);
    subscribe(0, '2026-04-01');
    sales(subscribe);
    stripe.clock.set('2026-12-07T08:00:00Z');
    const at = workspace(stripe.url);
    await runEach(at('2026-06-01T09:00:00Z'), quotelyTeam);
    const today = at('2026-12-07T09:00:00Z');
    await runEach(today, [
      connect([
        [ledgerly, 'Ledgerly'],
        [quotely, 'Quotely'],
      ]),
    ]);
    return quotelyIn((await today('generate', '--dry-run', '--max-tasks', '8', '--ignore-capacity')).stdout);
  };
  /** The studio's account: Tallyo billing since June, Sketchy's first sale on November 10. */
  const studio = async () => {
    stripe = await startStripe({
      keys: { [KEY]: { permissions: STRIPE_READS } },
      account: { id: 'acct_1Studio', displayName: 'Studio', defaultCurrency: 'usd' },
      now: '2026-06-01T09:00:00Z',
    });
    const {
      ids: [tallyo, sketchy],
      subscribe,
    } = twoProducts(stripe, [
      { name: 'Tallyo Pro', cents: 900_000 },
      { name: 'Sketchy Pro', cents: 4_000 },
    ]);
    subscribe(0, '2026-06-01');
    subscribe(1, '2026-11-10');
    stripe.clock.set('2026-12-02T08:00:00Z');
    return { tallyo, sketchy };
  };

  it('keeps the launch share when the backfill writes $0 months before its first sale', async () => {
    const { tallyo, sketchy } = await studio();
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
      connect([
        [tallyo, 'Tallyo'],
        [sketchy, 'Sketchy'],
      ]),
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
    const { tallyo, sketchy } = await studio();
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
      connect([
        [tallyo, 'Tallyo'],
        [sketchy, 'Sketchy'],
      ]),
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
    const {
      ids: [ledgerly, quotely],
      subscribe,
    } = twoProducts(stripe, [
      { name: 'Ledgerly', cents: 80_000 },
      { name: 'Quotely', cents: 2_900 },
    ]);
    for (let n = 0; n < 3; n++) subscribe(0, '2025-12-01');
    for (const day of ['2026-10-26', '2026-11-09', '2026-11-18', '2026-12-01']) subscribe(1, day);
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
        connect([
          [ledgerly, 'Ledgerly'],
          [quotely, 'Quotely'],
        ]),
      ]);
      return quotelyIn((await today('generate', '--dry-run', '--max-tasks', '8')).stdout);
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
    const planWithFirstSale = (firstSale: string) =>
      quotelyPlan((subscribe) => {
        for (const day of [firstSale, '2026-11-09', '2026-11-18']) subscribe(1, day);
      });
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

  // Quotely's first customer in August was refunded and cancelled two days later, and a trial that
  // month ended unpaid; its revenue began with a sale on November 10. A review saw the launch dated
  // from August 10, 119 days before the plan: past its quarter, $55.80 where the same launch without
  // the August customers carried $1,380.
  it('dates a launch by a sale that made a month earn, not one refunded months before', async () => {
    const plan = (august: boolean) =>
      quotelyPlan((subscribe) => {
        if (august) {
          subscribe(1, '2026-08-10', {
            status: 'canceled',
            canceledAt: '2026-08-12T00:00:00Z',
            endedAt: '2026-08-12T00:00:00Z',
          });
          subscribe(1, '2026-08-01', {
            trialEnd: '2026-08-15T00:00:00Z',
            status: 'canceled',
            canceledAt: '2026-08-15T00:00:00Z',
            endedAt: '2026-08-15T00:00:00Z',
          });
        }
        for (const day of ['2026-11-10', '2026-11-18']) subscribe(1, day);
      });
    const clean = await plan(false);
    expect(clean.why).toMatch(/^: it launched, with its first revenue 27 days ago/);
    expect(await plan(true)).toEqual(clean);
  });
});
