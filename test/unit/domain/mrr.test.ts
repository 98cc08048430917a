import { describe, expect, it } from 'vitest';
import {
  type Discount,
  lineMrr,
  mrrByCurrency,
  mrrByMonth,
  type PriceLine,
  partOf,
  type SubscriptionHistory,
  stateMrr,
} from '../../../src/domain/mrr.js';

/** A price line in cents: $49 a month unless told. */
const line = (p: Partial<PriceLine> = {}): PriceLine => ({
  product: 'prod_edu',
  unitAmount: 4900,
  interval: 'month',
  intervalCount: 1,
  quantity: 1,
  ...p,
});

const coupon = (d: Partial<Discount>): Discount => ({
  percentOff: null,
  amountOff: null,
  duration: 'forever',
  durationInMonths: null,
  start: '2026-01-15T00:00:00Z',
  end: null,
  ...d,
});

/** A subscription that begins at `at` with `lines`, then changes as `later` says. */
function sub(
  id: string,
  customer: string,
  at: string,
  lines: PriceLine[],
  later: Array<{ at: string; lines?: PriceLine[]; live?: boolean }> = [],
  discount: Discount | null = null,
): SubscriptionHistory {
  return {
    id,
    customer,
    currency: 'usd',
    states: [
      { at, lines, discounts: discount === null ? [] : [discount], live: true },
      ...later.map((c) => ({
        ...{ at: c.at, lines: c.lines ?? lines, discounts: discount === null ? [] : [discount] },
        live: c.live ?? true,
      })),
    ],
  };
}

const MID_JAN = '2026-01-20T00:00:00Z';

describe('what a price is worth a month', () => {
  it('normalises every interval to a month, times the quantity', () => {
    expect(lineMrr(line())).toBe(4900);
    // $1,200 a year for 2 seats: $200 a month.
    expect(lineMrr(line({ unitAmount: 120_000, interval: 'year', quantity: 2 }))).toBe(20_000);
    // $300 every 3 months: $100 a month.
    expect(lineMrr(line({ unitAmount: 30_000, intervalCount: 3 }))).toBe(10_000);
    // $10 a week: 52 weeks over 12 months.
    expect(lineMrr(line({ unitAmount: 1000, interval: 'week' }))).toBeCloseTo(4333.33, 2);
  });

  it('takes a percent-off coupon off while it lasts, and a once-only coupon never', () => {
    const state = (d: Discount) => ({
      at: '2026-01-01T00:00:00Z',
      lines: [line()],
      discounts: [d],
      live: true,
    });
    expect(stateMrr(state(coupon({ percentOff: 20 })), MID_JAN)).toBe(3920);
    expect(stateMrr(state(coupon({ percentOff: 20, duration: 'once' })), MID_JAN)).toBe(4900);
    // 50% for 3 months from 15 January: January, February and March; full price from mid-April.
    const repeating = state(coupon({ percentOff: 50, duration: 'repeating', durationInMonths: 3 }));
    expect(stateMrr(repeating, '2026-03-31T23:59:59Z')).toBe(2450);
    expect(stateMrr(repeating, '2026-04-30T23:59:59Z')).toBe(4900);
  });

  it('spreads an amount-off coupon over the months its invoice covers', () => {
    // $30 off each yearly $1,200 invoice: $100 − $2.50 a month.
    const annual = {
      at: '2026-01-01T00:00:00Z',
      lines: [line({ unitAmount: 120_000, interval: 'year' as const })],
    };
    expect(stateMrr({ ...annual, discounts: [coupon({ amountOff: 3000 })], live: true }, MID_JAN)).toBe(9750);
  });

  it('takes stacked coupons off in order, each from what is left, an ended one skipped, never below 0', () => {
    const state = (...discounts: Discount[]) => ({
      ...{ at: '2026-01-01T00:00:00Z', lines: [line({ unitAmount: 10_000 })], discounts, live: true },
    });
    const fifth = coupon({ percentOff: 20 });
    const thirty = coupon({ amountOff: 3000 });
    expect(stateMrr(state(fifth, thirty), MID_JAN)).toBe(5000);
    expect(stateMrr(state(thirty, fifth), MID_JAN)).toBe(5600);
    expect(stateMrr(state(thirty, fifth, coupon({ amountOff: 8000 })), MID_JAN)).toBe(0);
    const ended = coupon({ percentOff: 50, end: '2026-02-15T00:00:00Z' });
    expect(stateMrr(state(ended, thirty), MID_JAN)).toBe(2000);
    expect(stateMrr(state(ended, thirty), '2026-02-28T23:59:59Z')).toBe(7000);
  });

  it('splits each amount-off coupon of a stack over the parts of a subscription by what they bill', () => {
    const both = {
      ...{ at: '2026-01-01T00:00:00Z', live: true },
      lines: [line({ unitAmount: 5000 }), line({ product: 'prod_quiz', unitAmount: 5000 })],
      discounts: [coupon({ percentOff: 20 }), coupon({ amountOff: 3000 })],
    };
    const edu = partOf(both, (l) => l.product === 'prod_edu');
    const quiz = partOf(both, (l) => l.product === 'prod_quiz');
    expect([stateMrr(edu, MID_JAN), stateMrr(quiz, MID_JAN)]).toEqual([2500, 2500]);
  });
});

describe('how MRR moves month by month', () => {
  it('counts new, expansion on a mid-month upgrade, churn at a cancellation, and customer churn', () => {
    const histories = [
      // $50 from 5 January, upgraded to $80 on 14 February.
      sub(
        'sub_a',
        'cus_1',
        '2026-01-05T10:00:00Z',
        [line({ unitAmount: 5000 })],
        [{ at: '2026-02-14T09:00:00Z', lines: [line({ unitAmount: 8000 })] }],
      ),
      // $40 from 10 January, cancelled at its period's end: over on 10 March.
      sub(
        'sub_b',
        'cus_2',
        '2026-01-10T00:00:00Z',
        [line({ unitAmount: 4000 })],
        [{ at: '2026-03-10T00:00:00Z', live: false }],
      ),
      // Two seats at $25, from 3 March: new in March.
      sub('sub_c', 'cus_3', '2026-03-03T00:00:00Z', [line({ unitAmount: 2500, quantity: 2 })]),
    ];
    const [jan, feb, mar] = mrrByMonth(histories, ['2026-03', '2026-01', '2026-02']);
    expect(jan).toEqual({
      month: '2026-01',
      mrr: 9000,
      active: 2,
      newMrr: 9000,
      expansion: 0,
      contraction: 0,
      churned: 0,
      customerChurn: null,
    });
    expect(feb).toMatchObject({
      mrr: 12_000,
      active: 2,
      newMrr: 0,
      expansion: 3000,
      churned: 0,
      customerChurn: 0,
    });
    expect(mar).toMatchObject({ mrr: 13_000, active: 2, newMrr: 5000, churned: 4000, customerChurn: 0.5 });
  });

  it('counts a downgrade as contraction, and a repeating coupon running out as expansion', () => {
    const histories = [
      sub(
        'sub_d',
        'cus_4',
        '2026-01-02T00:00:00Z',
        [line({ unitAmount: 10_000 })],
        [{ at: '2026-02-20T00:00:00Z', lines: [line({ unitAmount: 6000 })] }],
      ),
      sub(
        'sub_e',
        'cus_5',
        '2026-01-15T00:00:00Z',
        [line({ unitAmount: 10_000 })],
        [],
        coupon({ percentOff: 50, duration: 'repeating', durationInMonths: 1 }),
      ),
    ];
    const [jan, feb] = mrrByMonth(histories, ['2026-01', '2026-02']);
    expect(jan).toMatchObject({ mrr: 15_000, newMrr: 15_000 });
    expect(feb).toMatchObject({ mrr: 16_000, contraction: 4000, expansion: 5000 });
  });

  it('keeps two currencies apart, never summed', () => {
    const usd = sub('sub_u', 'cus_u', '2026-01-02T00:00:00Z', [line({ unitAmount: 4900 })]);
    const eur = {
      ...sub('sub_e', 'cus_e', '2026-01-02T00:00:00Z', [line({ unitAmount: 3900 })]),
      currency: 'eur',
    };
    const split = mrrByCurrency([usd, eur], ['2026-01']);
    expect(split.get('usd')?.[0]?.mrr).toBe(4900);
    expect(split.get('eur')?.[0]?.mrr).toBe(3900);
  });
});
