import { describe, expect, it } from 'vitest';
import { shortSeriesSlope, theilSen } from '../../../src/domain/robust-line.js';
import {
  analyseRevenue,
  growthPerMonth,
  isCalendarMonth,
  subscriptionsSaid,
} from '../../../src/engine/analyse-revenue.js';
import { createRng } from '../../../src/learning/random.js';

const period = (periodStart: string, periodEnd: string, actual = 0) => ({
  periodStart,
  periodEnd,
  actual,
  churnRate: null,
  subscriptions: null,
});

describe('isCalendarMonth', () => {
  it('is a month from its 1st to its last day, February by the leap years', () => {
    expect(isCalendarMonth(period('2026-01-01', '2026-01-31'))).toBe(true);
    expect(isCalendarMonth(period('2026-04-01', '2026-04-30'))).toBe(true);
    expect(isCalendarMonth(period('2026-02-01', '2026-02-28'))).toBe(true);
    expect(isCalendarMonth(period('2028-02-01', '2028-02-29'))).toBe(true);
    expect(isCalendarMonth(period('2028-02-01', '2028-02-28'))).toBe(false);
    expect(isCalendarMonth(period('2100-02-01', '2100-02-28'))).toBe(true);
    expect(isCalendarMonth(period('2000-02-01', '2000-02-29'))).toBe(true);
    expect(isCalendarMonth(period('2026-12-01', '2026-12-31'))).toBe(true);
  });

  it('is no other span', () => {
    expect(isCalendarMonth(period('2026-04-01', '2026-04-31'))).toBe(false);
    expect(isCalendarMonth(period('2026-01-02', '2026-01-31'))).toBe(false);
    expect(isCalendarMonth(period('2026-01-01', '2026-01-30'))).toBe(false);
    expect(isCalendarMonth(period('2026-01-01', '2027-01-31'))).toBe(false);
    expect(isCalendarMonth(period('2026-01-01', '2026-02-28'))).toBe(false);
    expect(isCalendarMonth(period('2026-01-01', '2026-03-31'))).toBe(false);
    expect(isCalendarMonth(period('2026-11-01', '2026-11-07'))).toBe(false);
  });
});

describe('shortSeriesSlope', () => {
  it('is theilSen’s slope, ties and exact halves included', () => {
    const rng = createRng(7);
    for (let run = 0; run < 2000; run++) {
      const n = 2 + rng.int(6);
      const xs: number[] = [];
      let x = 0;
      for (let i = 0; i < n; i++) {
        // Whole and quarter steps, some repeated: pairs of equal span and points of equal x.
        x += rng.int(3) * (rng.next() < 0.5 ? 1 : 0.25);
        xs.push(x);
      }
      // Few distinct values, so slopes tie.
      const ys = xs.map(() => rng.int(4) * 100);
      const line = theilSen(xs.map((x, i) => ({ x, y: ys[i] as number })));
      expect(shortSeriesSlope(xs, ys)).toBe(line?.slope ?? null);
    }
  });
});

describe('growthPerMonth', () => {
  type Period = ReturnType<typeof period>;
  const growth = (periods: Period[], months: boolean) =>
    growthPerMonth({ periods: periods.slice(0, -1), months }, periods.at(-1) as Period);

  it('reads weeks at their pace a month, and months a month apart', () => {
    // $100, $130, $160 a week: $30 more a week, about $130 more a month of weeks' pace.
    const weeks = [
      period('2026-02-01', '2026-02-07', 100),
      period('2026-02-08', '2026-02-14', 130),
      period('2026-02-15', '2026-02-21', 160),
    ];
    // Each week is 30.44 / 7 of a month's revenue; a week apart is 7 / 30.44 of a month.
    expect(growth(weeks, false)).toBeCloseTo(30 * (30.44 / 7) * (30.44 / 7), 6);
    const months = [period('2026-01-01', '2026-01-31', 900), period('2026-02-01', '2026-02-28', 1000)];
    expect(growth(months, true)).toBe(100);
  });

  it('reads its latest periods as months when they are, though older ones were not', () => {
    // A week long ago, then January to April: $100 a month each month, February's short month
    // a whole month on (from middle to middle it is 29.5 days, and the pace would read $101).
    const periods = [
      period('2025-11-01', '2025-11-07', 50),
      period('2026-01-01', '2026-01-31', 900),
      period('2026-02-01', '2026-02-28', 1000),
      period('2026-03-01', '2026-03-31', 1100),
      period('2026-04-01', '2026-04-30', 1200),
    ];
    expect(growth(periods, false)).toBe(100);
  });

  it('is null without a period before, or with none apart', () => {
    expect(growth([period('2026-01-01', '2026-01-31', 900)], true)).toBeNull();
    expect(
      growth([period('2026-01-01', '2026-01-31', 800), period('2026-01-01', '2026-01-31', 900)], true),
    ).toBeNull();
  });
});

describe('analyseRevenue’s subscriptions', () => {
  const vision = { revenueTargets: {} } as Parameters<typeof analyseRevenue>[1];
  const now = Date.parse('2026-11-20T09:00:00Z');
  const month = (id: number, projectId: number, start: string, end: string, subscriptions: number) => ({
    ...{ id, projectId, periodStart: start, periodEnd: end, actual: 100, subscriptions, churnRate: null },
    ...{ createdAt: '2026-11-20T08:00:00Z', source: 'stripe' as const },
  });

  it('counts a subscription feeding two projects once where both projects’ latest months count it', () => {
    const records = [month(1, 1, '2026-10-01', '2026-10-31', 2), month(2, 2, '2026-10-01', '2026-10-31', 1)];
    const r = analyseRevenue(records, vision, now, [{ month: '2026-10', projectIds: [1, 2] }]);
    expect(r).toMatchObject({ subscriptions: 2, subscriptionsShared: 1 });
    expect(subscriptionsSaid(r)).toBe('2 subscriptions, 1 of them feeding more than one project');
  });

  it('counts it as recorded where one project’s latest month is another month, or typed', () => {
    const other = [month(1, 1, '2026-10-01', '2026-10-31', 2), month(2, 2, '2026-09-01', '2026-09-30', 1)];
    const shared = [{ month: '2026-10', projectIds: [1, 2] }];
    expect(analyseRevenue(other, vision, now, shared)).toMatchObject({
      subscriptions: 3,
      subscriptionsShared: 0,
    });
    const typed = [
      month(1, 1, '2026-10-01', '2026-10-31', 2),
      { ...month(2, 2, '2026-10-01', '2026-10-31', 1), source: 'manual' as const },
    ];
    expect(analyseRevenue(typed, vision, now, shared)).toMatchObject({
      subscriptions: 3,
      subscriptionsShared: 0,
    });
  });
});
