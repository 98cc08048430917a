import { describe, expect, it } from 'vitest';
import {
  type InvoiceLine,
  type SubscriptionInvoice,
  withBilledHistory,
} from '../../../src/domain/billed-history.js';
import {
  type Discount,
  mrrByMonth,
  type PriceLine,
  type SubscriptionHistory,
} from '../../../src/domain/mrr.js';

/** A seat at $10 a month, `quantity` of them. */
const seats = (quantity: number, p: Partial<PriceLine> = {}): PriceLine => ({
  product: 'prod_edu',
  unitAmount: 1000,
  interval: 'month',
  intervalCount: 1,
  quantity,
  ...p,
});

/** A seat at $1,200 a year. */
const yearly = (quantity: number) => seats(quantity, { unitAmount: 120_000, interval: 'year' });

/** The subscription as Stripe has it now: billed from `at` at `lines`, perhaps ended since. */
function current(at: string, lines: PriceLine[], opts: { endedAt?: string; live?: boolean } = {}) {
  return {
    id: 'sub_1',
    customer: 'cus_1',
    currency: 'usd',
    states: [
      { at, lines, discounts: [], live: opts.live ?? true },
      ...(opts.endedAt ? [{ at: opts.endedAt, lines, discounts: [], live: false }] : []),
    ],
  } satisfies SubscriptionHistory;
}

/** The subscription line billing `price` for the period from `start` to `end`. */
const billed = (
  start: string,
  end: string,
  price: PriceLine,
  more: Partial<InvoiceLine> = {},
): InvoiceLine => ({
  periodStart: start,
  periodEnd: end,
  subscriptionItem: true,
  proration: false,
  price,
  ...more,
});

const invoice = (
  created: string,
  lines: InvoiceLine[],
  discount: Discount | null = null,
): SubscriptionInvoice => ({
  subscription: 'sub_1',
  created,
  discounts: discount === null ? [] : [discount],
  lines,
});

/** The 5th of the month `n` months after January 2026 (-1: December 2025; 12: January 2027). */
const fifth = (n: number) => {
  const y = 2026 + Math.floor(n / 12);
  return `${y}-${String((((n % 12) + 12) % 12) + 1).padStart(2, '0')}-05T00:00:00.000Z`;
};

/** One monthly invoice per period from the 5th of month `from` to month `to` (0 = January 2026). */
const monthlyInvoices = (from: number, to: number, price: (n: number) => PriceLine) =>
  Array.from({ length: to - from + 1 }, (_, i) => {
    const n = from + i;
    return invoice(fifth(n), [billed(fifth(n), fifth(n + 1), price(n))]);
  });

const NOW = '2026-11-20T09:00:00.000Z';
const months = (from: string, count: number) =>
  Array.from({ length: count }, (_, i) => {
    const [y = 0, m = 1] = from.split('-').map(Number);
    const k = y * 12 + m - 1 + i;
    return `${Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}`;
  });

/** Month → [MRR, new, expansion, contraction, churned], in cents. */
const figures = (history: SubscriptionHistory, from: string, count: number) =>
  Object.fromEntries(
    mrrByMonth([history], months(from, count)).map((m) => [
      m.month,
      [m.mrr, m.newMrr, m.expansion, m.contraction, m.churned],
    ]),
  );

describe('a subscription’s earlier months, from its invoices', () => {
  it('shows a seat increase in June, when the invoices say it happened, not today’s seats all year', () => {
    // Ten seats today; the invoices billed 2 seats from January to May and 10 from June.
    const now = current(fifth(0), [seats(10)]);
    const invoices = monthlyInvoices(0, 10, (n) => seats(n < 5 ? 2 : 10));
    const rebuilt = withBilledHistory(now, invoices, NOW);
    expect(rebuilt.states.map((s) => [s.at, s.lines[0]?.quantity])).toEqual([
      [fifth(0), 2],
      [fifth(5), 10],
    ]);
    expect(figures(rebuilt, '2026-01', 11)).toMatchObject({
      '2026-01': [2000, 2000, 0, 0, 0],
      '2026-05': [2000, 0, 0, 0, 0],
      '2026-06': [10_000, 0, 8000, 0, 0],
      '2026-11': [10_000, 0, 0, 0, 0],
    });
    // Without the invoices every month counted today's ten seats, and June showed no expansion.
    expect(figures(now, '2026-01', 11)['2026-06']).toEqual([10_000, 0, 0, 0, 0]);
  });

  it('counts a downgrade as contraction in the month the fewer seats were first billed', () => {
    const invoices = monthlyInvoices(2, 10, (n) => seats(n < 7 ? 5 : 3));
    const rebuilt = withBilledHistory(current(fifth(2), [seats(3)]), invoices, NOW);
    expect(figures(rebuilt, '2026-07', 2)).toEqual({
      '2026-07': [5000, 0, 0, 0, 0],
      '2026-08': [3000, 0, 0, 2000, 0],
    });
  });

  it('spreads an annual invoice over the twelve months it covers', () => {
    // Two seats at $1,200 a year billed on 10 January 2025, three on 10 January 2026.
    const invoices = [
      invoice('2025-01-10T00:00:00Z', [billed('2025-01-10T00:00:00Z', '2026-01-10T00:00:00Z', yearly(2))]),
      invoice('2026-01-10T00:00:00Z', [billed('2026-01-10T00:00:00Z', '2027-01-10T00:00:00Z', yearly(3))]),
    ];
    const rebuilt = withBilledHistory(current('2025-01-10T00:00:00Z', [yearly(3)]), invoices, NOW);
    // $200 a month all 2025, $300 from January 2026: $100 of expansion then.
    expect(figures(rebuilt, '2025-06', 8)).toMatchObject({
      '2025-06': [20_000, 0, 0, 0, 0],
      '2025-12': [20_000, 0, 0, 0, 0],
      '2026-01': [30_000, 0, 10_000, 0, 0],
    });
  });

  it('lets the current subscription win from the start of its current period when it disagrees', () => {
    // Four seats now (added in March, billed as prorations only); the January invoice says three.
    const invoices = [
      invoice('2025-01-10T00:00:00Z', [billed('2025-01-10T00:00:00Z', '2026-01-10T00:00:00Z', yearly(2))]),
      invoice('2026-01-10T00:00:00Z', [billed('2026-01-10T00:00:00Z', '2027-01-10T00:00:00Z', yearly(3))]),
    ];
    const rebuilt = withBilledHistory(current('2025-01-10T00:00:00Z', [yearly(4)]), invoices, NOW);
    expect(figures(rebuilt, '2025-12', 2)).toEqual({
      '2025-12': [20_000, 0, 0, 0, 0],
      '2026-01': [40_000, 0, 20_000, 0, 0],
    });
  });

  it('ignores proration lines and one-off items: the change counts from the next period billed', () => {
    // Upgraded from 2 to 10 seats on 20 June: that day's invoice holds the prorations and a setup fee.
    const invoices = [
      ...monthlyInvoices(0, 5, () => seats(2)),
      invoice('2026-06-20T00:00:00Z', [
        billed('2026-06-20T00:00:00Z', fifth(6), seats(2), { proration: true }),
        billed('2026-06-20T00:00:00Z', fifth(6), seats(10), { proration: true }),
        billed('2026-06-20T00:00:00Z', '2026-06-20T00:00:00Z', seats(1), { subscriptionItem: false }),
        billed('2026-06-20T00:00:00Z', '2026-06-20T00:00:00Z', seats(1), { price: null }),
      ]),
      ...monthlyInvoices(6, 10, () => seats(10)),
    ];
    const rebuilt = withBilledHistory(current(fifth(0), [seats(10)]), invoices, NOW);
    expect(figures(rebuilt, '2026-06', 2)).toEqual({
      '2026-06': [2000, 0, 0, 0, 0],
      '2026-07': [10_000, 0, 8000, 0, 0],
    });
  });

  it('counts nothing for a trial’s invoice, and reaches the earliest billed terms back to the start', () => {
    // Billed from 1 February 2025 (its trial's end), invoices read from December 2025 only.
    const invoices = [
      invoice('2025-01-18T00:00:00Z', [billed('2025-01-18T00:00:00Z', '2025-02-01T00:00:00Z', seats(1))]),
      ...monthlyInvoices(-1, 10, (n) => seats(n < 3 ? 4 : 6)),
    ];
    const rebuilt = withBilledHistory(current('2025-02-01T00:00:00Z', [seats(6)]), invoices, NOW);
    expect(figures(rebuilt, '2025-01', 3)).toEqual({
      '2025-01': [0, 0, 0, 0, 0],
      '2025-02': [4000, 4000, 0, 0, 0],
      '2025-03': [4000, 0, 0, 0, 0],
    });
    expect(figures(rebuilt, '2026-04', 1)).toEqual({ '2026-04': [6000, 0, 2000, 0, 0] });
  });

  it('keeps the end Stripe reports, and takes a coupon off while the invoices carried it', () => {
    // 50 % off for the first three months, from 1 March; cancelled on 15 July, in mid-period.
    const half: Discount = {
      percentOff: 50,
      amountOff: null,
      duration: 'repeating',
      durationInMonths: 3,
      start: fifth(2),
      end: fifth(5),
    };
    const invoices = [2, 3, 4, 5, 6].map((n) =>
      invoice(fifth(n), [billed(fifth(n), fifth(n + 1), seats(4))], n < 5 ? half : null),
    );
    const rebuilt = withBilledHistory(
      current(fifth(2), [seats(4)], { endedAt: '2026-07-15T00:00:00.000Z' }),
      invoices,
      NOW,
    );
    expect(figures(rebuilt, '2026-03', 5)).toEqual({
      '2026-03': [2000, 2000, 0, 0, 0],
      '2026-05': [2000, 0, 0, 0, 0],
      '2026-06': [4000, 0, 2000, 0, 0],
      '2026-07': [0, 0, 0, 0, 4000],
      '2026-04': [2000, 0, 0, 0, 0],
    });
  });

  it('keeps the months an unpaid subscription was paid for, and nothing from its current period', () => {
    const invoices = monthlyInvoices(0, 7, () => seats(3));
    const rebuilt = withBilledHistory(current(fifth(0), [seats(3)], { live: false }), invoices, NOW);
    expect(figures(rebuilt, '2026-08', 2)).toEqual({
      '2026-08': [3000, 0, 0, 0, 0],
      '2026-09': [0, 0, 0, 0, 3000],
    });
  });

  it('takes the later of two invoices for one period, in whatever order they come', () => {
    const invoices = [
      invoice('2026-01-06T00:00:00Z', [billed(fifth(0), fifth(1), seats(3))]),
      invoice(fifth(0), [billed(fifth(0), fifth(1), seats(2))]),
    ];
    const rebuilt = withBilledHistory(current(fifth(0), [seats(3)]), invoices, NOW);
    expect(figures(rebuilt, '2026-01', 1)).toEqual({ '2026-01': [3000, 3000, 0, 0, 0] });
  });
});
