import { describe, expect, it } from 'vitest';
import type { PeriodBefore } from '../../../src/domain/project.js';
import { churnBumpOf, churnBumpText } from '../../../src/engine/churn-bump.js';

const month = (m: string, actual: number, churnRate: number | null, subscriptions: number | null = null) => ({
  periodStart: `${m}-01`,
  periodEnd: `${m}-28`,
  actual,
  churnRate,
  subscriptions,
});
const bumpOf = (periods: PeriodBefore[], mrrNow: number) =>
  churnBumpOf(
    { periods, months: true },
    mrrNow,
    (p) => p.actual,
    (p) => p.periodStart.slice(0, 7),
  );

describe('churnBumpOf', () => {
  const usual = [month('2026-06', 5000, 0.02), month('2026-07', 5000, 0.02), month('2026-08', 5000, 0.02)];

  it('reads a bump by its churn when no record counts subscriptions', () => {
    const bump = bumpOf([...usual, month('2026-09', 4700, 0.08)], 4700);
    expect(bump).toMatchObject({ name: '2026-09', customers: null, lostMrr: 300 });
    expect(churnBumpText(bump as NonNullable<typeof bump>)).toBe(
      'lost 8.0% of its customers in 2026-09, against a typical 2.0% in the 3 months before',
    );
  });

  it('takes a churn under twice its usual, uncounted, for noise', () => {
    expect(bumpOf([...usual, month('2026-09', 4900, 0.035)], 4900)).toBeNull();
  });

  it('counts no more than the revenue still short of the month before, and nothing once it is back', () => {
    expect(bumpOf([...usual, month('2026-09', 4700, 0.08)], 4900)?.lostMrr).toBe(100);
    expect(bumpOf([...usual, month('2026-09', 4700, 0.08)], 5000)).toBeNull();
  });

  it("counts no more than its own month left short, not a later period's fall beside it", () => {
    // September's extra churn took $300 but its month won $200 back; October fell $400 more.
    const later = [...usual, month('2026-09', 4900, 0.08), month('2026-10', 4500, 0.02)];
    expect(bumpOf(later, 4500)?.lostMrr).toBe(100);
    expect(bumpOf([...usual, month('2026-09', 5000, 0.08), month('2026-10', 4500, 0.02)], 4500)).toBeNull();
  });

  it('looks no further back than the two periods before the latest', () => {
    const old = [
      ...usual,
      month('2026-09', 4700, 0.08),
      month('2026-10', 4700, 0.02),
      month('2026-11', 4700, 0.02),
    ];
    expect(bumpOf(old, 4700)).toBeNull();
  });
});
