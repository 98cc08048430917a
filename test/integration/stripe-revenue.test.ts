import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  mrrByMonth,
  type OpenedGoalpost,
  type PriceLine,
  type SubscriptionHistory,
} from '../../src/index.js';
import { OPERATOR, openQuickStart } from '../helpers/goalpost-fixture.js';
import { useTempDir } from '../helpers/temp-dir.js';

const ACCOUNT = { accountId: 'acct_1EDUapps', name: 'EDU Apps Ltd', currency: 'usd' };
const KEY = 'rk_test_51EDUappsRestrictedKey';

const monthly = (cents: number, quantity = 1): PriceLine => ({
  product: 'prod_basic',
  unitAmount: cents,
  interval: 'month',
  intervalCount: 1,
  quantity,
});

/** Two customers on Basic EDU Apps' monthly plan from September; one cancels in October. */
const HISTORIES: SubscriptionHistory[] = [
  {
    id: 'sub_1',
    customer: 'cus_1',
    currency: 'usd',
    states: [{ at: '2026-09-03T00:00:00Z', lines: [monthly(2900, 3)], discounts: [], live: true }],
  },
  {
    id: 'sub_2',
    customer: 'cus_2',
    currency: 'usd',
    states: [
      { at: '2026-09-10T00:00:00Z', lines: [monthly(4900)], discounts: [], live: true },
      { at: '2026-10-10T00:00:00Z', lines: [monthly(4900)], discounts: [], live: false },
    ],
  },
];

describe('Stripe months as revenue records', () => {
  const tempDir = useTempDir();
  let opened: OpenedGoalpost;

  beforeEach(() => {
    opened = openQuickStart(tempDir());
  });
  afterEach(() => opened.close());

  const connect = () => {
    const { app } = opened;
    const plan = app.stripe.planConnect(OPERATOR, { key: KEY, project: 'Basic EDU Apps' });
    return app.stripe.connect(OPERATOR, plan, ACCOUNT);
  };

  const record = () => {
    const { app } = opened;
    const projectOf = app.stripe.projectOf(OPERATOR, ACCOUNT.accountId);
    const months = mrrByMonth(HISTORIES, ['2026-09', '2026-10']);
    const projectId = projectOf('prod_basic');
    if (projectId === null) throw new Error('prod_basic feeds no project');
    return app.stripe.recordMonths(
      OPERATOR,
      ACCOUNT.accountId,
      months.map((figures) => ({ projectId, figures })),
    );
  };

  it('writes each month’s MRR, subscriptions, churn and movements in place of the typed record', () => {
    connect();
    // The quick start typed $420 for October by hand: Stripe's figure replaces it.
    expect(record()).toEqual({ written: 2, replaced: 1 });
    const months = opened.app.revenue
      .list(OPERATOR)
      .filter((r) => r.projectId !== null)
      .map((r) => ({
        from: r.periodStart,
        to: r.periodEnd,
        actual: r.actual,
        subscriptions: r.subscriptions,
        churn: r.churnRate,
        source: r.source,
        movements: r.movements,
      }));
    expect(months).toEqual([
      {
        from: '2026-09-01',
        to: '2026-09-30',
        actual: 136,
        subscriptions: 2,
        churn: null,
        source: 'stripe',
        movements: { newMrr: 136, expansion: 0, contraction: 0, churned: 0 },
      },
      {
        from: '2026-10-01',
        to: '2026-10-31',
        actual: 87,
        subscriptions: 1,
        churn: 0.5,
        source: 'stripe',
        movements: { newMrr: 0, expansion: 0, contraction: 0, churned: 49 },
      },
    ]);
    // The engine reads Stripe's month as the project's revenue now.
    expect(opened.app.engine.state(OPERATOR).revenue.current).toBe(87);
  });

  it('is idempotent: a second sync rewrites its months, never doubles them', () => {
    connect();
    record();
    const before = opened.app.revenue.list(OPERATOR);
    expect(record()).toEqual({ written: 2, replaced: 0 });
    expect(opened.app.revenue.list(OPERATOR).map((r) => [r.periodStart, r.actual])).toEqual(
      before.map((r) => [r.periodStart, r.actual]),
    );
  });

  it('names no complete month for an account whose subscriptions all began this month', () => {
    connect();
    const fresh: SubscriptionHistory = {
      id: 'sub_3',
      customer: 'cus_3',
      currency: 'usd',
      states: [{ at: '2026-11-10T00:00:00Z', lines: [monthly(1000)], discounts: [], live: true }],
    };
    const sync = opened.app.stripe.sync(OPERATOR, ACCOUNT.accountId, [fresh]);
    expect(sync).toMatchObject({ mrrNow: { usd: 10 }, lastComplete: null });
  });

  it('says a complete month fed the milestone nothing when the account billed it in another currency', () => {
    connect();
    const euros: SubscriptionHistory = {
      id: 'sub_4',
      customer: 'cus_4',
      currency: 'eur',
      states: [{ at: '2026-09-03T00:00:00Z', lines: [monthly(3900)], discounts: [], live: true }],
    };
    const sync = opened.app.stripe.sync(OPERATOR, ACCOUNT.accountId, [euros]);
    expect(sync).toMatchObject({
      mrrNow: { eur: 39 },
      lastComplete: { month: '2026-10', mrr: 0, currency: 'usd' },
    });
  });

  // A review mapped two products and left an add-on mapped to none: "MRR now" counted the add-on,
  // and sat beside the last complete month, which counts only what feeds a project: USD 681
  // against 758, while the projects' own MRR was 671, and a later sync read +$68 where the
  // projects grew +$58. MRR now is on the same basis as the month it is set beside, and what
  // feeds no project is said apart.
  it('counts in MRR now only what feeds a project, and says what feeds none apart', () => {
    const { app } = opened;
    app.stripe.connect(
      OPERATOR,
      app.stripe.planConnect(OPERATOR, { key: KEY, map: ['prod_basic="Basic EDU Apps"'] }),
      ACCOUNT,
    );
    const addOn: SubscriptionHistory = {
      id: 'sub_9',
      customer: 'cus_9',
      currency: 'usd',
      states: [
        {
          at: '2026-09-05T00:00:00Z',
          lines: [{ ...monthly(1000), product: 'prod_addon' }],
          discounts: [],
          live: true,
        },
      ],
    };
    const sync = app.stripe.sync(OPERATOR, ACCOUNT.accountId, [...HISTORIES, addOn]);
    expect(sync).toMatchObject({
      mrrNow: { usd: 87 },
      lastComplete: { month: '2026-10', mrr: 87, currency: 'usd' },
      unmapped: ['prod_addon'],
      unmappedMrrNow: { usd: 10 },
    });
  });

  it('takes an amount-off coupon off once for a subscription whose products feed two projects', () => {
    const { app } = opened;
    app.projects.add(OPERATOR, { name: 'Quiz Builder' });
    app.stripe.connect(
      OPERATOR,
      app.stripe.planConnect(OPERATOR, {
        key: KEY,
        map: ['prod_basic="Basic EDU Apps"', 'prod_quiz="Quiz Builder"'],
      }),
      ACCOUNT,
    );
    // $50 of each product with $20 off every invoice, forever: Stripe bills $80 a month.
    const bundle: SubscriptionHistory = {
      id: 'sub_bundle',
      customer: 'cus_5',
      currency: 'usd',
      states: [
        {
          at: '2026-09-03T00:00:00Z',
          lines: [monthly(5000), { ...monthly(5000), product: 'prod_quiz' }],
          discounts: [
            {
              percentOff: null,
              amountOff: 2000,
              duration: 'forever',
              durationInMonths: null,
              start: '2026-09-03T00:00:00Z',
              end: null,
            },
          ],
          live: true,
        },
      ],
    };
    const sync = app.stripe.sync(OPERATOR, ACCOUNT.accountId, [bundle]);
    expect(sync).toMatchObject({ mrrNow: { usd: 80 }, lastComplete: { month: '2026-10', mrr: 80 } });
    const october = app.revenue
      .list(OPERATOR)
      .filter((r) => r.source === 'stripe' && r.periodStart === '2026-10-01');
    // Each project's half of the invoice, the coupon's $10 share off each.
    expect(october.map((r) => r.actual)).toEqual([40, 40]);
  });

  it('keeps each subscription’s history: an upgrade seen later counts from then, the months before stay', () => {
    connect();
    const first = opened.app.stripe.sync(OPERATOR, ACCOUNT.accountId, HISTORIES);
    // September to November (this month, so far): MRR now is the three seats.
    expect(first).toMatchObject({ subscriptions: 2, written: 3, mrrNow: { usd: 87 }, unmapped: [] });
    // What the milestone counts: October, the last complete month (sub_2 left on 2026-10-10).
    expect(first.lastComplete).toEqual({ month: '2026-10', mrr: 87, currency: 'usd' });
    // sub_1 upgraded to 4 seats: the webhook re-reads it and hands it over as it is now.
    const upgraded = { ...(HISTORIES[0] as SubscriptionHistory) };
    upgraded.states = [{ at: '2026-09-03T00:00:00Z', lines: [monthly(2900, 4)], discounts: [], live: true }];
    expect(opened.app.stripe.update(OPERATOR, ACCOUNT.accountId, upgraded).mrrNow).toEqual({ usd: 116 });
    const byMonth = new Map(
      opened.app.revenue
        .list(OPERATOR)
        .filter((r) => r.source === 'stripe')
        .map((r) => [r.periodStart, r]),
    );
    expect(byMonth.get('2026-10-01')?.actual).toBe(87);
    expect(byMonth.get('2026-11-01')).toMatchObject({
      actual: 116,
      movements: { newMrr: 0, expansion: 29, contraction: 0, churned: 0 },
    });
    // The same state again (a redelivered event) changes nothing.
    opened.app.stripe.update(OPERATOR, ACCOUNT.accountId, upgraded);
    expect(
      opened.app.revenue.list(OPERATOR).find((r) => r.periodStart === '2026-11-01' && r.source === 'stripe')
        ?.actual,
    ).toBe(116);
  });

  it('refuses typed revenue for a project Stripe feeds, saying why, and writes nothing', () => {
    connect();
    const before = opened.app.revenue.list(OPERATOR).length;
    expect(() =>
      opened.app.revenue.add(OPERATOR, {
        project: 'Basic EDU Apps',
        from: '2026-11-01',
        to: '2026-11-30',
        actual: 500,
      }),
    ).toThrow(
      /Basic EDU Apps' revenue comes from Stripe, month by month: `goalpost stripe sync` brings it up to date/,
    );
    expect(opened.app.revenue.list(OPERATOR)).toHaveLength(before);
  });

  it('checks the key, the projects and the product map before anything is asked of Stripe', () => {
    const { app } = opened;
    expect(() =>
      app.stripe.planConnect(OPERATOR, { key: 'pk_live_publishable', project: 'Basic EDU Apps' }),
    ).toThrow(/key: a Stripe API key, rk_live_/);
    expect(() => app.stripe.planConnect(OPERATOR, { key: KEY })).toThrow(
      /say which project the revenue feeds/,
    );
    expect(() => app.stripe.planConnect(OPERATOR, { key: KEY, map: ['prod_x:Basic'] })).toThrow(
      /"prod_x:Basic" is not prod_…=Project/,
    );
    expect(() => app.stripe.planConnect(OPERATOR, { key: KEY, map: ['prod_x=Nope'] })).toThrow(
      /unknown project "Nope"/,
    );
    const live = app.stripe.planConnect(OPERATOR, {
      key: 'sk_live_51abcdefghSecret',
      project: 'Basic EDU Apps',
    });
    expect(live.warnings[0]).toMatch(/^this is a live secret key/);
    expect(
      app.stripe.planConnect(OPERATOR, { key: KEY, map: ['prod_basic="Basic EDU Apps"'] }).products,
    ).toEqual([{ productId: 'prod_basic', projectId: expect.any(Number), projectName: 'Basic EDU Apps' }]);
  });

  it('makes a churn rise Stripe measured a signal the engine acts on, with the dollars it costs', () => {
    const { app } = opened;
    connect();
    // Ten schools on the $29 plan since August; none leaves in September, three in mid-October.
    const schools: SubscriptionHistory[] = Array.from({ length: 10 }, (_, i) => ({
      id: `sub_school${i}`,
      customer: `cus_school${i}`,
      currency: 'usd',
      states: [
        { at: '2026-08-05T00:00:00Z', lines: [monthly(2900)], discounts: [], live: true },
        ...(i < 3
          ? [{ at: '2026-10-15T00:00:00Z', lines: [monthly(2900)], discounts: [], live: false }]
          : []),
      ],
    }));
    app.stripe.sync(OPERATOR, ACCOUNT.accountId, schools);
    const months = app.revenue.list(OPERATOR).filter((r) => r.source === 'stripe');
    expect(months.map((r) => [r.periodStart, r.actual, r.churnRate])).toEqual([
      ['2026-08-01', 290, null],
      ['2026-09-01', 290, 0],
      ['2026-10-01', 203, 0.3],
      ['2026-11-01', 203, 0],
    ]);
    const batch = app.engine.generate(OPERATOR, { dryRun: true, maxTasks: 10 });
    const churn = batch.tasks.find((t) => t.reasoning.some((r) => r.startsWith('Churn in Basic EDU Apps')));
    expect(churn?.reasoning).toContain(
      'Churn in Basic EDU Apps rose from 0.0% to 30.0%: about $60.90 more of its $203 MRR is lost each month, adding up to $199/month less MRR by the 2027-02 milestone',
    );
    // $60.90 a month more lost × 3.27 months to the end of February; the playbook claims 30% of it.
    expect(churn?.revenueImpact).toBeCloseTo(59.74, 2);
  });
});
