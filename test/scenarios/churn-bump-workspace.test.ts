import { describe, expect, it } from 'vitest';
import type { Goalpost } from '../../src/index.js';
import { LEAD, monthRange, type PlannedTask, seedTeam, useTeam } from './team.js';

// A reviewer's one-product team records its revenue for the whole workspace (`revenue add` without
// `--project`), $100 a customer. October lost 10 of 101 customers, where it loses one or two a
// month; November was back to normal. The plan read "Revenue impact $4,940/month" against a $4,700
// gap: the two features shared the whole gap and the churn interview's claim came on top, though
// the $800 October lost is inside the gap ("the revenue forecast carries the loss"). Its card also
// began "the team lost more customers …", lower case.
const PRODUCT = 'Ledgerly Web';
const NOW = '2026-12-07T09:00:00Z';

/** Month, customers, customers lost. */
const MONTHS: ReadonlyArray<[string, number, number]> = [
  ['2026-05', 100, 2],
  ['2026-06', 100, 1],
  ['2026-07', 101, 2],
  ['2026-08', 101, 1],
  ['2026-09', 101, 2],
  ['2026-10', 93, 10],
  ['2026-11', 93, 2],
];

function seed(app: Goalpost, revenueBearing: boolean): void {
  seedTeam(app, {
    vision: {
      statement: 'Books that keep themselves',
      primary_goal: 'Reach $14k MRR by March',
      focus_areas: ['billing', 'retention', 'onboarding', 'growth'],
      revenue_targets: { '2027-03': 14000 },
    },
    projects: [
      {
        name: PRODUCT,
        revenueBearing,
        focus: ['billing', 'retention'],
        features: [
          ['Bank feeds', 'planned'],
          ['Receipt capture', 'planned'],
        ],
      },
    ],
  });
  MONTHS.forEach(([month, subscriptions, lost], i) => {
    const start = MONTHS[i - 1]?.[1] ?? subscriptions;
    app.revenue.add(LEAD, {
      ...monthRange(month),
      actual: subscriptions * 100,
      subscriptions,
      churn: lost / start,
    });
  });
}

const churnWork = (tasks: readonly PlannedTask[]) => tasks.find((t) => t.signal === 'churn_rise');

describe('a churn bump in revenue recorded for the whole workspace', () => {
  const t = useTeam();

  function planned(revenueBearing: boolean) {
    const app = t.open(NOW);
    seed(app, revenueBearing);
    const batch = app.engine.generate(LEAD, { dryRun: true, maxTasks: 8 });
    const { gap } = app.engine.state(LEAD).revenue;
    return { batch, gap, interview: churnWork(batch.tasks as PlannedTask[]) };
  }

  it("counts the interview's claim within the one product's gap, not on top of it", () => {
    const { batch, gap, interview } = planned(true);
    expect(gap).toBe(4700);
    expect(interview, 'no churn interview proposed').toBeDefined();
    expect(batch.revenueImpact).toBeLessThanOrEqual(gap);
    expect(interview?.reasoning.join('\n')).toMatch(
      /of the \$800\/month of MRR the workspace lost to 2026-10's churn and has not won back, part of the \$4,700\/month gap/,
    );
  });

  it('counts it within the whole gap with no product revenue-bearing', () => {
    const { batch, gap, interview } = planned(false);
    expect(gap).toBe(4700);
    expect(interview, 'no churn interview proposed').toBeDefined();
    expect(interview?.reasoning.join('\n')).toMatch(
      /has not won back, part of the \$4,700\/month gap to the 2027-03 target of \$14,000/,
    );
    expect(batch.revenueImpact).toBeLessThanOrEqual(gap);
  });

  it('begins its card with a capital, as every reason does', () => {
    expect(planned(true).interview?.reasoning[0]).toMatch(
      /^The team lost more customers than usual of late: /,
    );
  });
});
