import { describe, expect, it } from 'vitest';
import { LEDGERLY_VISION, WEB } from './ledgerly.js';
import { plan, seedTeam, useTeam } from './team.js';

// A review found Timekeep's churn at 6%, twice its summer's, and no churn rise reported: a rise
// of half a point, the least that counts, was caught from 2% to 2.5% and missed from 5% to 5.5%,
// 5.5% to 6% and 1% to 1.5%, as the difference of two rates fell a hair short of 0.005 in
// floating point. A lead expects the same rise counted the same at any level.
describe('a churn rise of half a point', () => {
  const team = useTeam();

  it.each([
    [0.01, 0.015],
    [0.02, 0.025],
    [0.05, 0.055],
    [0.055, 0.06],
  ])('is a churn rise from %s to %s', (before, after) => {
    const app = team.open('2026-11-20T09:00:00Z');
    seedTeam(app, {
      vision: LEDGERLY_VISION,
      projects: [{ name: WEB, revenueBearing: true, focus: ['growth'] }],
      revenue: [
        { project: WEB, month: '2026-09', actual: 5000, subscriptions: 250, churn: before },
        { project: WEB, month: '2026-10', actual: 5000, subscriptions: 250, churn: after },
      ],
    });
    const batch = plan(app, 10);
    expect(batch.some((t) => t.signal === 'churn_rise')).toBe(true);
  });

  it('is not a rise of less than half a point', () => {
    const app = team.open('2026-11-20T09:00:00Z');
    seedTeam(app, {
      vision: LEDGERLY_VISION,
      projects: [{ name: WEB, revenueBearing: true, focus: ['growth'] }],
      revenue: [
        { project: WEB, month: '2026-09', actual: 5000, subscriptions: 250, churn: 0.05 },
        { project: WEB, month: '2026-10', actual: 5000, subscriptions: 250, churn: 0.0549 },
      ],
    });
    expect(plan(app, 10).some((t) => t.signal === 'churn_rise')).toBe(false);
  });
});
