import { describe, expect, it } from 'vitest';
import { type PlannedTask, plan, seedTeam, type TeamSpec, useTeam } from './team.js';

// A reviewer's product of about 100 customers at $100 lost 10 of them in October, where it loses
// one or two a month; in November its revenue fell again, from downgrades, its churn normal. The
// plan listed both in `state`, yet proposed only the October interview: the November fall was
// left to the churn signal as if churn had caused it, and its own research ("list the customers
// who downgraded, dropped seats …") was gone. A lead expects each cause answered, and the dollars
// of each counted once.
const PRODUCT = 'Ledgerly Web';
const NOW = '2026-12-07T09:00:00Z';

type Month = [month: string, actual: number, subscriptions: number, customersLost: number];

const BEFORE: Month[] = [
  ['2026-05', 10000, 100, 2],
  ['2026-06', 10000, 100, 1],
  ['2026-07', 10100, 101, 2],
  ['2026-08', 10100, 101, 1],
  ['2026-09', 10100, 101, 2],
];

/** Churn as customers lost over the subscriptions at the month's start. */
function team(months: readonly Month[]): TeamSpec {
  return {
    vision: {
      statement: 'Books that keep themselves',
      primary_goal: 'Reach $14k MRR by March',
      focus_areas: ['billing', 'retention', 'onboarding', 'growth'],
      revenue_targets: { '2027-03': 14000 },
    },
    projects: [
      {
        name: PRODUCT,
        revenueBearing: true,
        focus: ['billing', 'retention'],
        features: [['Bank feeds', 'planned']],
      },
    ],
    revenue: months.map(([month, actual, subscriptions, lost], i) => ({
      project: PRODUCT,
      month,
      actual,
      subscriptions,
      churn: lost / (months[i - 1]?.[2] ?? subscriptions),
    })),
  };
}

/** November: 93 customers still, 2 lost, and $1,300 less a month (downgrades). */
const NOVEMBER: Month = ['2026-11', 8000, 93, 2];

const fallWork = (tasks: readonly PlannedTask[]) => tasks.find((t) => t.signal === 'revenue_fall');
const churnWork = (tasks: readonly PlannedTask[]) => tasks.find((t) => t.signal === 'churn_rise');
const why = (t: PlannedTask | undefined) => t?.reasoning.join('\n') ?? '';

describe("a revenue fall the month after a churn bump, that month's churn normal", () => {
  const t = useTeam();

  function planned(months: readonly Month[]): PlannedTask[] {
    const app = t.open(NOW);
    seedTeam(app, team(months));
    return plan(app, 8);
  }

  it('keeps its own research beside the churn interview', () => {
    const tasks = planned([...BEFORE, ['2026-10', 9300, 93, 10], NOVEMBER]);
    const fall = fallWork(tasks);
    expect(fall, 'no research on the November fall').toBeDefined();
    expect(fall?.title).toMatch(
      /Find out why Ledgerly Web's revenue fell from \$9,300 to \$8,000 a month: list the customers who downgraded, dropped seats/,
    );
    expect(why(churnWork(tasks))).toMatch(/Ledgerly Web lost 10 customers in 2026-10/);
  });

  it("counts of the bump only what its own month left short, not the fall's dollars after it", () => {
    // October lost 10 customers ($800 of MRR at the usual churn) but won 5: $500 short of
    // September's $10,100. November's $1,600 fall is the fall's; together they are the $2,100.
    const tasks = planned([...BEFORE, ['2026-10', 9600, 96, 10], NOVEMBER]);
    expect(why(fallWork(tasks))).toMatch(/30% of the \$1,600\/month Ledgerly Web lost in 2026-11/);
    const bump = why(churnWork(tasks));
    expect(bump).toMatch(/30% of the \$500\/month of MRR Ledgerly Web lost to 2026-10's churn/);
    expect(bump).not.toMatch(/\$800\/month of MRR/);
  });
});
