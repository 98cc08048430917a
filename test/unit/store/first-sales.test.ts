import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PriceLine, SubscriptionHistory } from '../../../src/domain/mrr.js';
import { declaredCtx } from '../../helpers/ctx.js';
import { useGoalposts } from '../../helpers/goalposts.js';
import { useTempDir } from '../../helpers/temp-dir.js';

const tempDir = useTempDir();
const goalposts = useGoalposts();
const NOW = '2026-12-07T09:00:00Z';
const ctx = declaredCtx({ workspaceId: 'default', actor: 'cli:t', source: 'cli', role: 'admin' });

const line = (product: string, unitAmount = 2_900, more: Partial<PriceLine> = {}): PriceLine => ({
  product,
  unitAmount,
  interval: 'month',
  intervalCount: 1,
  quantity: 1,
  ...more,
});

/** A subscription billed as `states` say: [when, its lines, billed or not, a trial or not]. */
const sub = (
  id: string,
  states: Array<[string, PriceLine[], boolean, boolean?]>,
  currency = 'usd',
): SubscriptionHistory => ({
  id,
  customer: `cus_${id}`,
  currency,
  states: states.map(([at, lines, live, trial]) => ({
    at,
    lines,
    discounts: [],
    live,
    ...(trial ? { trial: true as const } : {}),
  })),
});

describe('the first sales a plan dates Stripe launches by', () => {
  it('are each project’s earliest paid subscription, as a sync finds them, read in one go', () => {
    const { app, store } = goalposts.open(join(tempDir(), 'f.db'), NOW);
    app.context(ctx);
    app.vision.update(ctx, { statement: 'Ship' });
    const id = (name: string) => app.projects.add(ctx, { name, revenueBearing: true }).id;
    const [quotely, ledgerly, tools, trialled, metered] = [
      id('Quotely'),
      id('Ledgerly'),
      id('Tools'),
      id('Trialled'),
      id('Metered'),
    ];
    id('Unsold');
    const account = store.transaction(() => {
      const row = store.stripe.putAccount(
        {
          workspaceId: 'default',
          accountId: 'acct_1Studio',
          name: 'Studio',
          currency: 'usd',
          apiKey: 'rk_test_x',
          defaultProjectId: tools,
          createdBy: 'cli:t',
        },
        NOW,
      );
      store.stripe.setProducts(row.id, [
        { productId: 'prod_Q', projectId: quotely },
        { productId: 'prod_L', projectId: ledgerly },
        { productId: 'prod_T', projectId: trialled },
        { productId: 'prod_M', projectId: metered },
      ]);
      return row;
    });
    app.stripe.sync(ctx, account.accountId, [
      // Quotely: sold first on September 30; a euro subscription earlier feeds no project's months.
      sub('sub_q1', [['2026-09-30T00:00:00.000Z', [line('prod_Q')], true]]),
      sub('sub_q2', [['2026-10-26T00:00:00.000Z', [line('prod_Q')], true]]),
      sub('sub_qe', [['2026-08-02T00:00:00.000Z', [line('prod_Q')], true]], 'eur'),
      // Ledgerly: a free plan since April, paid from June 3.
      sub('sub_l', [
        ['2026-04-01T00:00:00.000Z', [line('prod_L', 0)], true],
        ['2026-06-03T00:00:00.000Z', [line('prod_L')], true],
      ]),
      // An unmapped product feeds the account's default project.
      sub('sub_t', [['2026-05-05T00:00:00.000Z', [line('prod_other')], true]]),
      // A trial billed nothing until it converted on November 2.
      sub('sub_tr', [
        ['2026-10-19T00:00:00.000Z', [line('prod_T')], false, true],
        ['2026-11-02T00:00:00.000Z', [line('prod_T')], true],
      ]),
      // A metered price counts nothing until its month ends.
      sub('sub_m', [['2026-07-07T00:00:00.000Z', [line('prod_M', 10, { metered: true })], true]]),
      // A coupon taking all of it off for good is no sale.
      {
        ...sub('sub_free', [['2026-03-03T00:00:00.000Z', [line('prod_Q')], true]]),
        states: [
          {
            at: '2026-03-03T00:00:00.000Z',
            lines: [line('prod_Q')],
            live: true,
            discounts: [
              {
                percentOff: 100,
                amountOff: null,
                duration: 'forever',
                durationInMonths: null,
                start: '2026-03-03T00:00:00.000Z',
                end: null,
              },
            ],
          },
        ],
      },
    ]);
    expect(Object.fromEntries(store.stripe.firstSales('default'))).toEqual({
      [quotely]: '2026-09-30T00:00:00.000Z',
      [ledgerly]: '2026-06-03T00:00:00.000Z',
      [tools]: '2026-05-05T00:00:00.000Z',
      [trialled]: '2026-11-02T00:00:00.000Z',
    });
    expect(store.stripe.firstSales('other').size).toBe(0);
  });
});
