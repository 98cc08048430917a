import { describe, expect, it } from 'vitest';
import { LEDGERLY_VISION, WEB } from './ledgerly.js';
import { LEAD, monthRange, plan, seedTeam, useTeam } from './team.js';

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

// A review interviewed the customers who cancelled in October's rise, then December's revenue
// came in with churn doubled again: the plan proposed nothing, holding the interview back as
// "done as T-2 on 2026-12-08; one-off work is not proposed again". A new month's rise is a new
// question.
describe('a churn rise in a later month', () => {
  const team = useTeam();

  it('is answered again once research on an earlier rise is done', () => {
    const app = team.open('2026-11-20T09:00:00Z');
    seedTeam(app, {
      vision: LEDGERLY_VISION,
      projects: [{ name: WEB, revenueBearing: true, focus: ['growth'] }],
      revenue: [
        { project: WEB, month: '2026-09', actual: 5000, subscriptions: 250, churn: 0.015 },
        { project: WEB, month: '2026-10', actual: 5000, subscriptions: 250, churn: 0.025 },
      ],
    });
    const first = app.engine.generate(LEAD, { maxTasks: 10 });
    const interview = first.tasks.find((t) => t.signal === 'churn_rise');
    expect(interview).toBeDefined();
    for (const action of ['approve', 'start', 'done'] as const)
      app.decisions.decide(LEAD, { ref: interview?.ref, action });
    const january = team.reopen('2027-01-02T09:00:00Z');
    for (const [month, churn] of [
      ['2026-11', 0.025],
      ['2026-12', 0.045],
    ] as const)
      january.revenue.add(LEAD, {
        project: WEB,
        actual: 4900,
        subscriptions: 245,
        churn,
        ...monthRange(month),
      });
    const again = plan(january, 10);
    expect(again.some((t) => t.signal === 'churn_rise')).toBe(true);
  });
});
