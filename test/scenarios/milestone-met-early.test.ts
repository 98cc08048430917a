import { describe, expect, it } from 'vitest';
import { revenueProgress } from '../../src/views/cards.js';
import { LEAD, plan, seedTeam, type TeamSpec, titles, useTeam } from './team.js';

// Books earned $34,400 in February. The vision asks $34,000 a month by April and $40,000 by June:
// April's is met two months early, June's is $5,600 away. A review found every feature at
// "Revenue: $0.00/month" and a state of "Gap: $0.00, On track: yes" that never named June, so for
// two months the team's real gap was invisible and the payment work it needs ranked as if it earned
// nothing. A lead plans for the next target the team has not reached.
const SPEC: TeamSpec = {
  vision: {
    statement: 'Finance admin small firms pay for',
    primary_goal: 'Reach $40,000 MRR',
    focus_areas: ['payments'],
    revenue_targets: { '2027-04': 34000, '2027-06': 40000 },
  },
  projects: [
    {
      name: 'Books',
      revenueBearing: true,
      focus: ['payments'],
      features: [
        ['Stripe card payments', 'planned'],
        ['Recurring invoices', 'planned'],
      ],
    },
  ],
  revenue: [
    { project: 'Books', month: '2027-01', actual: 33000 },
    { project: 'Books', month: '2027-02', actual: 34400 },
  ],
};

describe('a revenue target met early', () => {
  const team = useTeam();

  it('leaves the team planning for the next one, saying the nearer one is reached', () => {
    const app = team.open('2027-03-01T09:00:00Z');
    seedTeam(app, SPEC);

    const { revenue } = app.engine.state(LEAD);
    expect(revenue.milestone).toMatchObject({
      month: '2027-06',
      target: 40000,
      reached: { month: '2027-04' },
    });
    expect(revenue.gap).toBe(5600);
    expect(revenueProgress(revenue, null)?.detail).toContain(
      'the 2027-04 target of $34,000 is reached already',
    );

    const tasks = plan(app);
    expect(titles(tasks)).toEqual(
      expect.arrayContaining([
        "Build 'Stripe card payments' for Books",
        "Build 'Recurring invoices' for Books",
      ]),
    );
    // The two features share June's gap between them: real dollars, never more than the gap.
    const claimed = tasks.reduce((sum, t) => sum + t.revenueImpact, 0);
    expect(tasks.every((t) => t.revenueImpact > 0)).toBe(true);
    expect(claimed).toBeLessThanOrEqual(5600);
    expect(claimed).toBeGreaterThan(5000);
    expect(tasks[0]?.reasoning.join('\n')).toMatch(
      /\$5,600 behind the 2027-06 target of \$40,000 \(.*; the 2027-04 target of \$34,000 is reached already\)/,
    );
  });

  // The digest's news of a target just passed named "the next" past one already met, as if it
  // were gone (a code review's January, April and June).
  it('is named when a target just passed leads to the next, not skipped', () => {
    const app = team.open('2027-02-10T09:00:00Z');
    seedTeam(app, {
      ...SPEC,
      vision: { ...SPEC.vision, revenue_targets: { '2027-01': 30000, '2027-04': 34000, '2027-06': 40000 } },
      revenue: [
        { project: 'Books', month: '2026-12', actual: 33000 },
        { project: 'Books', month: '2027-01', actual: 34400 },
      ],
    });
    expect(app.engine.state(LEAD).opportunities).toContain(
      'The 2027-01 target of $30,000 MRR was met: $34,400 MRR in 2027-01; the next not yet reached is $40,000 by 2027-06 (the 2027-04 target of $34,000 is reached already)',
    );
  });

  // With a later target binding, the news named the nearer one to come and skipped April's, met
  // early: "the next is $36,000 by 2027-05", as if April's $34,000 were gone.
  it('is named when a target just passed leads to a nearer one and a binding one', () => {
    const app = team.open('2027-02-10T09:00:00Z');
    seedTeam(app, {
      ...SPEC,
      vision: {
        ...SPEC.vision,
        revenue_targets: { '2027-01': 30000, '2027-04': 34000, '2027-05': 36000, '2027-12': 60000 },
      },
      revenue: [
        { project: 'Books', month: '2026-12', actual: 33000 },
        { project: 'Books', month: '2027-01', actual: 34400 },
      ],
    });
    expect(app.engine.state(LEAD).opportunities).toContain(
      'The 2027-01 target of $30,000 MRR was met: $34,400 MRR in 2027-01; the next not yet reached is $36,000 by 2027-05, and the plan works to $60,000 by 2027-12, which needs more growth a month (the 2027-04 target of $34,000 is reached already)',
    );
  });

  it('comes back, unreached, once revenue falls below it again', () => {
    const app = team.open('2027-03-01T09:00:00Z');
    seedTeam(app, SPEC);
    app.revenue.add(LEAD, { project: 'Books', from: '2027-03-01', to: '2027-03-31', actual: 33500 });

    // April's $500 in a month asks less than June's $6,500 over three: June binds, April is the
    // nearer target, no longer said to be reached.
    const april = team.reopen('2027-04-02T09:00:00Z');
    const { revenue } = april.engine.state(LEAD);
    expect(revenue.milestone).toEqual({
      month: '2027-06',
      target: 40000,
      passed: false,
      nearer: { month: '2027-04', target: 34000, requiredPace: 500, onTrack: false },
    });
    expect(revenue.gap).toBe(6500);
  });

  it('stays the milestone, met, when every target to come is met', () => {
    const app = team.open('2027-03-01T09:00:00Z');
    seedTeam(app, {
      ...SPEC,
      revenue: [
        { project: 'Books', month: '2027-01', actual: 33000 },
        { project: 'Books', month: '2027-02', actual: 41000 },
      ],
    });
    const { revenue } = app.engine.state(LEAD);
    expect(revenue.milestone).toEqual({ month: '2027-04', target: 34000, passed: false });
    expect(revenue.gap).toBe(0);
  });
});
