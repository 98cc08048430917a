import { describe, expect, it } from 'vitest';
import type { Goalpost } from '../../src/index.js';
import { LEAD, type PlannedTask, plan, seedTeam, type TeamSpec, useTeam } from './team.js';

// A reviewer's product of about 100 customers at $100 lost 10 of them in October, where it loses
// one or two a month; November was back to normal. In early December the plan raised no churn
// signal and proposed no churn work, though the $800 a month October took drags the revenue goal's
// forecast: the rise was read from November alone. A lead expects the month that lost the
// customers named, valued at what it lost, and answered once.
const PRODUCT = 'Ledgerly Web';
const NOW = '2026-12-07T09:00:00Z';

type Month = [month: string, subscriptions: number, customersLost: number];

/** Each month's revenue at $100 a customer, churn as customers lost over those at its start. */
function team(months: readonly Month[]): TeamSpec {
  return {
    vision: {
      statement: 'Books that keep themselves, for freelancers',
      primary_goal: 'Reach $12k MRR by March',
      focus_areas: ['growth'],
      revenue_targets: { '2027-03': 12000 },
    },
    projects: [{ name: PRODUCT, revenueBearing: true, focus: ['growth'] }],
    revenue: months.map(([month, subscriptions, lost], i) => ({
      project: PRODUCT,
      month,
      actual: subscriptions * 100,
      subscriptions,
      churn: lost / (months[i - 1]?.[1] ?? subscriptions),
    })),
  };
}

const BEFORE: Month[] = [
  ['2026-05', 100, 2],
  ['2026-06', 100, 1],
  ['2026-07', 101, 2],
  ['2026-08', 101, 1],
  ['2026-09', 101, 2],
];
const OCTOBER_BUMP = team([...BEFORE, ['2026-10', 93, 10], ['2026-11', 93, 2]]);

/** December back to normal: one customer of 93 lost. */
const DECEMBER = {
  project: PRODUCT,
  from: '2026-12-01',
  to: '2026-12-31',
  actual: 9300,
  subscriptions: 93,
  churn: 1 / 93,
};

const churnWork = (tasks: readonly PlannedTask[]) => tasks.find((t) => t.signal === 'churn_rise');

describe('a churn bump two months back, the month after it normal', () => {
  const t = useTeam();

  function seeded(spec: TeamSpec = OCTOBER_BUMP, now = NOW): Goalpost {
    const app = t.open(now);
    seedTeam(app, spec);
    return app;
  }

  it('is raised, naming the month that lost the customers against the months before it', () => {
    const task = churnWork(plan(seeded(), 10));
    expect(task, 'no churn work proposed').toBeDefined();
    expect(task?.projectName).toBe(PRODUCT);
    const why = task?.reasoning.join('\n') ?? '';
    expect(why).toMatch(
      /Ledgerly Web lost 10 customers in 2026-10, against 1–2 a month in the 5 months before/,
    );
    expect(why).toMatch(/lost more customers than usual of late: finding out why may win back/);
    expect(why).not.toMatch(/churn is rising/i);
  });

  it('is valued at the $800 a month October took and has not won back, not more', () => {
    const task = churnWork(plan(seeded(), 10));
    const why = task?.reasoning.join('\n') ?? '';
    expect(why).toMatch(/\$800\/month/);
    expect(task?.revenueImpact ?? 0).toBeGreaterThan(0);
    expect(task?.revenueImpact ?? 0).toBeLessThanOrEqual(800);
  });

  it("is the digest's news", () => {
    expect(seeded().engine.state(LEAD).pressing.join('\n')).toMatch(
      /Ledgerly Web lost 10 customers in 2026-10, against 1–2 a month before/,
    );
  });

  it('raises nothing for a flat series, nor for a month one customer above the usual', () => {
    const flat = team([...BEFORE, ['2026-10', 101, 2], ['2026-11', 101, 1]]);
    expect(churnWork(plan(seeded(flat), 10))).toBeUndefined();
    const oneMore = team([...BEFORE, ['2026-10', 100, 3], ['2026-11', 100, 1]]);
    expect(churnWork(plan(seeded(oneMore), 10))).toBeUndefined();
  });

  it('is still raised a normal month later, while nothing answered it', () => {
    seeded();
    const january = t.reopen('2027-01-06T09:00:00Z');
    january.revenue.add(LEAD, DECEMBER);
    expect(churnWork(plan(january, 10))?.reasoning.join('\n')).toMatch(/lost 10 customers in 2026-10/);
  });

  it('is not raised again once its research is done, a normal month later', () => {
    const app = seeded();
    const task = churnWork(app.engine.generate(LEAD, { maxTasks: 10 }).tasks as PlannedTask[]);
    expect(task).toBeDefined();
    for (const action of ['approve', 'start', 'done'] as const)
      app.decisions.decide(LEAD, { ref: task?.ref, action });
    expect(churnWork(plan(app, 10))).toBeUndefined();
    const january = t.reopen('2027-01-06T09:00:00Z');
    january.revenue.add(LEAD, DECEMBER);
    expect(churnWork(plan(january, 10))).toBeUndefined();
  });

  it('is not raised again once its research is rejected', () => {
    const app = seeded();
    const task = churnWork(app.engine.generate(LEAD, { maxTasks: 10 }).tasks as PlannedTask[]);
    expect(task).toBeDefined();
    app.decisions.decide(LEAD, { ref: task?.ref, action: 'reject', note: 'we know why: a rival launched' });
    expect(churnWork(plan(t.reopen('2026-12-09T09:00:00Z'), 10))).toBeUndefined();
  });
});
