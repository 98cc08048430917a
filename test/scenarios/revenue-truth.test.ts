import { describe, expect, it } from 'vitest';
import { churnSaid, subscriptionsSaid } from '../../src/index.js';
import { cliFor } from '../helpers/run-cli.js';
import {
  build,
  fix,
  LEAD,
  lines,
  type PlannedTask,
  plan,
  seedTeam,
  type TeamSpec,
  taskTitled,
  titles,
  useTeam,
} from './team.js';

// One revenue truth: MRR is each project's latest complete period, a stale record is not "now",
// churn is weighted by revenue and unknown is not 0, and MRR is not also a goal.
const INKWELL = 'Inkwell';
const EXPORT_BUG = fix('Export corrupts files over 10 MB', INKWELL);
const WORKSPACES = build('Team workspaces', INKWELL);

/** Inkwell, a writing app, with `revenue` and a February milestone of `target`. */
const inkwell = (target: number, revenue: TeamSpec['revenue']): TeamSpec => ({
  vision: {
    statement: 'A calm place to write long documents together',
    primary_goal: 'Make Inkwell pay for its team',
    focus_areas: ['growth'],
    revenue_targets: { '2027-02': target },
  },
  projects: [
    {
      name: INKWELL,
      revenueBearing: true,
      focus: ['growth'],
      features: [['Team workspaces', 'planned']],
      bugs: [['Export corrupts files over 10 MB', 'critical']],
    },
  ],
  revenue,
});

/** What a plan decides: which work, at what value (reasoning may word things differently). */
const decisions = (tasks: PlannedTask[]) => tasks.map((t) => [t.title, t.revenueImpact]);

describe('one revenue truth', () => {
  const team = useTeam();
  const planFor = (spec: TeamSpec) => {
    const app = team.open();
    seedTeam(app, spec);
    return plan(app, 10);
  };

  it('treats a nine-month-old revenue record like no current revenue', () => {
    const stale = planFor(inkwell(4000, [{ project: INKWELL, month: '2026-02', actual: 5000, churn: 0.02 }]));
    const none = planFor(inkwell(4000, []));
    expect(titles(none)).toContain(EXPORT_BUG);
    expect(decisions(stale)).toEqual(decisions(none));
    // The whole $4,000 is the gap either way, shared by the feature and the critical bug, which
    // threatens half of what Inkwell is to win too ($2,000 beside the two items' $4,000: each claim
    // scaled to fit).
    expect(decisions(none)).toEqual([
      [EXPORT_BUG, 2666.66],
      [WORKSPACES, 1333.33],
    ]);
    expect(taskTitled(stale, EXPORT_BUG).reasoning.join('\n')).toMatch(/What Inkwell earns now is not known/);
  });

  it('does count the same amount when it is last month’s: the bug then protects $5,000', () => {
    const stale = planFor(inkwell(4000, [{ project: INKWELL, month: '2026-02', actual: 5000, churn: 0.02 }]));
    const current = planFor(
      inkwell(4000, [{ project: INKWELL, month: '2026-10', actual: 5000, churn: 0.02 }]),
    );
    // Half of the $5,000 it earns, counted twice in the score: more than half of the $4,000 it was
    // to win beside the feature's claim on it.
    expect(taskTitled(current, EXPORT_BUG).score).toBeGreaterThan(taskTitled(stale, EXPORT_BUG).score);
    expect(taskTitled(current, EXPORT_BUG).reasoning.join('\n')).toMatch(/\$5,?000/);
  });

  it('takes the latest complete period, not the record entered last and not a sum of periods', () => {
    const october = { project: INKWELL, month: '2026-10', actual: 4000, churn: 0.02 };
    const lateSeptember = { project: INKWELL, month: '2026-09', actual: 3000, churn: 0.09 };
    const both = planFor(inkwell(6000, [october, lateSeptember]));
    const octoberOnly = planFor(inkwell(6000, [october]));
    expect(decisions(both)).toEqual(decisions(octoberOnly));
    // $4,000 against $6,000: growth work is worth at most the $2,000 gap.
    expect(taskTitled(both, WORKSPACES).revenueImpact).toBeLessThanOrEqual(2000);
    expect(taskTitled(both, WORKSPACES).revenueImpact).toBeGreaterThan(0);
  });

  it('stores a record entered without churn as unknown, not 0', () => {
    const app = team.open();
    seedTeam(app, inkwell(4000, [{ project: INKWELL, month: '2026-10', actual: 3000 }]));
    expect(app.revenue.list(LEAD)[0]?.churnRate).toBeNull();
    expect(lines(plan(app, 10)).join('\n')).not.toMatch(/churn[^.\n]*\b0(\.0+)?\s?%/i);
  });

  // A review's product lost every customer in November: its $1,000 of October's MRR was gone, and
  // the headline read "Churn: 0.0%", as churn was weighted by what each product earned after it,
  // $0 for the product that lost everyone. A lead reads churn as the revenue lost of the revenue
  // there was: each product's churn weighs by what it earned when its month began.
  it('weighs each source by what it earned when its month began, so a product that lost everyone counts', () => {
    const app = team.open();
    seedTeam(app, {
      ...inkwell(9000, [
        { project: INKWELL, month: '2026-09', actual: 3000, churn: 0.02 },
        { project: INKWELL, month: '2026-10', actual: 3100, churn: 0.02 },
        { project: 'Inkwell Sync', month: '2026-09', actual: 1000, churn: 0.03 },
        { project: 'Inkwell Sync', month: '2026-10', actual: 0, churn: 1 },
      ]),
      projects: [
        ...inkwell(9000, []).projects,
        { name: 'Inkwell Sync', revenueBearing: true, focus: ['growth'] },
      ],
    });
    const { revenue } = app.engine.state(LEAD);
    // ($3,000 × 2% + $1,000 × 100%) ÷ $4,000.
    expect(revenue.churn).toBeCloseTo(0.265, 4);
    expect(churnSaid(revenue)).toBe('26.5% (weighted by revenue at the start of each period)');
  });

  it('stores a record entered without subscriptions as unknown, and never reads a count left out as a fall', () => {
    // February: the app counts 60 subscriptions, its add-on 46. October: both grew, and the
    // add-on's record left its count out.
    const app = team.open();
    seedTeam(app, {
      ...inkwell(9000, [
        { project: INKWELL, month: '2026-09', actual: 3000, subscriptions: 60 },
        { project: 'Inkwell Sync', month: '2026-09', actual: 900, subscriptions: 46 },
        { project: INKWELL, month: '2026-10', actual: 3300, subscriptions: 70 },
        { project: 'Inkwell Sync', month: '2026-10', actual: 1000 },
      ]),
      projects: [
        ...inkwell(9000, []).projects,
        { name: 'Inkwell Sync', revenueBearing: true, focus: ['growth'] },
      ],
    });
    const october = app.revenue.list(LEAD).find((r) => r.periodStart === '2026-10-01' && r.actual === 1000);
    expect(october?.subscriptions).toBeNull();
    const state = app.engine.state(LEAD);
    expect(state.revenue).toMatchObject({ subscriptions: 70, subscriptionsUnknown: 1 });
    expect(subscriptionsSaid(state.revenue)).toBe(
      "70 subscriptions where counted; 1 source's latest record does not say",
    );
    // When no source counts them, there is no count to give.
    expect(
      subscriptionsSaid({
        ...state.revenue,
        subscriptions: 0,
        subscriptionsUnknown: state.revenue.sources.length,
      }),
    ).toBe('subscriptions not counted');
  });

  it('sees a churn spike on the big project even when a small one was entered last or without churn', () => {
    const tasks = planFor({
      vision: {
        statement: 'Screen recording teams actually keep using',
        primary_goal: 'Keep paying teams',
        focus_areas: ['recording', 'teams'],
        revenue_targets: { '2027-02': 12000 },
      },
      projects: [
        {
          name: 'Loom Pro',
          revenueBearing: true,
          focus: ['recording'],
          features: [['Team folders', 'planned']],
          bugs: [['Recording stops after 30 minutes', 'high']],
        },
        {
          name: 'Loom Lite',
          revenueBearing: true,
          focus: ['recording'],
          features: [['Trim clips', 'planned']],
        },
        { name: 'Loom Teams', revenueBearing: true, focus: ['teams'], features: [['SSO login', 'planned']] },
      ],
      revenue: [
        { project: 'Loom Pro', month: '2026-09', actual: 8000, churn: 0.02 },
        { project: 'Loom Pro', month: '2026-10', actual: 8000, churn: 0.08 },
        { project: 'Loom Teams', month: '2026-10', actual: 1500 },
        { project: 'Loom Lite', month: '2026-10', actual: 500, churn: 0.01 },
      ],
    }).slice(0, 5);
    expect(tasks.some((t) => /churn/i.test(`${t.title}\n${t.reasoning.join('\n')}`))).toBe(true);
    expect(lines(tasks).join('\n')).not.toMatch(/churn[^.\n]*\b0(\.0+)?\s?%/i);
  });

  it('says when one product’s revenue fell, though the total grew', () => {
    // Inkwell grew while Inkwell Sync lost a tenth of its revenue last month: the total read only
    // "+$400/month" and the fall was nowhere.
    const app = team.open();
    seedTeam(app, {
      ...inkwell(20000, [
        { project: INKWELL, month: '2026-09', actual: 6000 },
        { project: INKWELL, month: '2026-10', actual: 7000 },
        { project: 'Inkwell Sync', month: '2026-09', actual: 5200 },
        { project: 'Inkwell Sync', month: '2026-10', actual: 4600 },
      ]),
      projects: [
        ...inkwell(20000, []).projects,
        { name: 'Inkwell Sync', revenueBearing: true, focus: ['growth'] },
      ],
    });
    const state = app.engine.state(LEAD);
    expect(state.revenue.monthlyGrowth).toBe(400);
    expect(state.opportunities).toContain(
      "Inkwell Sync's revenue fell from $5,200 to $4,600 a month (-12%) in 2026-10, while the total grew",
    );
    expect(state.opportunities.filter((o) => o.startsWith('Inkwell’s') || o.startsWith("Inkwell's"))).toEqual(
      [],
    );
  });

  it('says the total grew only when it grew that month, whatever its trend', () => {
    // Inkwell climbed all quarter and slipped $100 in October; Inkwell Sync lost $600. The total
    // fell $700 in October while its quarter's trend still climbed: "while the total grew" was
    // read from the trend.
    const app = team.open();
    const months = ['2026-07', '2026-08', '2026-09', '2026-10'];
    seedTeam(app, {
      ...inkwell(20000, [
        ...[5000, 6000, 7000, 6900].map((actual, i) => ({
          project: INKWELL,
          month: months[i] as string,
          actual,
        })),
        ...[5200, 5200, 5200, 4600].map((actual, i) => ({
          project: 'Inkwell Sync',
          month: months[i] as string,
          actual,
        })),
      ]),
      projects: [
        ...inkwell(20000, []).projects,
        { name: 'Inkwell Sync', revenueBearing: true, focus: ['growth'] },
      ],
    });
    const state = app.engine.state(LEAD);
    expect(state.revenue.monthlyGrowth).toBeGreaterThan(0);
    expect(state.opportunities).toContain(
      "Inkwell Sync's revenue fell from $5,200 to $4,600 a month (-12%) in 2026-10",
    );
  });

  describe('growth a month, whatever length of period the records cover', () => {
    /** Inkwell, with `records` (dollars over `from`–`to`) on `now`, and its state then. */
    const stateWith = (now: string, records: Array<[string, string, number]>) => {
      const app = team.open(now);
      seedTeam(app, inkwell(20000, []));
      for (const [from, to, actual] of records) app.revenue.add(LEAD, { project: INKWELL, from, to, actual });
      return app.engine.state(LEAD).revenue;
    };

    it('reads two weeks of records as the pace they set a month, not one week’s change', async () => {
      // $100 then $130 a week: $435 then $565 a month. Adding $130 a month every week is about
      // $565 more each month, not $130.
      const revenue = stateWith('2026-02-16T08:00:00Z', [
        ['2026-02-01', '2026-02-07', 100],
        ['2026-02-08', '2026-02-14', 130],
      ]);
      expect(revenue.current).toBe(565.31);
      // (30 × 30.44 / 7 a month) a week apart, a week being 7 / 30.44 of a month.
      expect(revenue.monthlyGrowth).toBeCloseTo((30 * 30.44 * 30.44) / 49, 1);
      expect((await cliFor(team.path(), '2026-02-16T08:00:00Z')('state')).stdout).toContain(
        'Growth:           +$567.30/month each month',
      );
      // The milestone month is projected at that pace a month from the week recorded: from its
      // middle (11 February, noon) to the milestone month's.
      const [year, month] = (revenue.milestone?.month ?? '').split('-').map(Number) as [number, number];
      const middle = (Date.UTC(year, month - 1, 1) + Date.UTC(year, month, 1)) / 2;
      const months = (middle - Date.parse('2026-02-11T12:00:00Z')) / 86_400_000 / 30.44;
      expect(revenue.projectedAtMilestone).toBeCloseTo(565.31 + (revenue.monthlyGrowth ?? 0) * months, -1);
    });

    it('reads two quarters as a third of their change a month, and months as their change', () => {
      // $3,000 then $3,600 a quarter: $1,004 then $1,191 a month, the quarters three months apart.
      const quarters = stateWith('2026-10-15T08:00:00Z', [
        ['2026-04-01', '2026-06-30', 3000],
        ['2026-07-01', '2026-09-30', 3600],
      ]);
      expect(quarters.current).toBe(1191.13);
      expect(quarters.monthlyGrowth).toBeGreaterThan(60);
      expect(quarters.monthlyGrowth).toBeLessThan(64);
      // Two calendar months are a month apart, whatever their lengths: February after January.
      const months = stateWith('2026-03-05T08:00:00Z', [
        ['2026-01-01', '2026-01-31', 6000],
        ['2026-02-01', '2026-02-28', 6200],
      ]);
      expect(months.monthlyGrowth).toBe(200);
      // A month not recorded between two is two months: $200 over two is $100 a month.
      const skipped = stateWith('2026-04-05T08:00:00Z', [
        ['2026-01-01', '2026-01-31', 6000],
        ['2026-03-01', '2026-03-31', 6200],
      ]);
      expect(skipped.monthlyGrowth).toBe(100);
    });
  });

  it('refuses a goal on mrr as a duplicate of the revenue milestone', () => {
    const app = team.open();
    seedTeam(app, inkwell(4000, [{ project: INKWELL, month: '2026-10', actual: 3000 }]));
    expect(() =>
      app.goals.add(LEAD, { metric: 'mrr', target: 4000, unit: 'USD', by: '2027-02-28', direction: 'up' }),
    ).toThrow(/milestone|revenue target/i);
    expect(app.goals.list(LEAD).map((g) => g.goal.metric)).not.toContain('mrr');
  });
});

describe('a revenue target just passed', () => {
  const team = useTeam();
  const spec = (actual: number): TeamSpec => ({
    ...inkwell(5000, [{ project: INKWELL, month: '2026-10', actual }]),
    vision: {
      ...inkwell(5000, []).vision,
      revenue_targets: { '2026-10': 3000, '2027-02': 5000 },
    },
  });

  it('is said, met or missed, before the digest moves on to the next one', () => {
    const missed = team.open();
    seedTeam(missed, spec(2400));
    expect(missed.engine.state(LEAD).opportunities[0]).toBe(
      'The 2026-10 target of $3,000 MRR was missed: $2,400 MRR in 2026-10, 80% of it; the next is $5,000 by 2027-02',
    );
    const met = team.open();
    seedTeam(met, spec(3200));
    expect(met.engine.state(LEAD).opportunities[0]).toBe(
      'The 2026-10 target of $3,000 MRR was met: $3,200 MRR in 2026-10; the next is $5,000 by 2027-02',
    );
    // Three months on, it is old news.
    expect(team.reopen('2027-01-21T09:00:00Z').engine.state(LEAD).opportunities.join('\n')).not.toMatch(
      /2026-10 target/,
    );
  });

  it('is judged on its own month’s revenue, not on a later month’s, and not on none', () => {
    const later = team.open();
    seedTeam(later, {
      ...spec(0),
      vision: { ...spec(0).vision, revenue_targets: { '2026-09': 10000, '2027-02': 15000 } },
      revenue: [
        { project: INKWELL, month: '2026-09', actual: 9000 },
        { project: INKWELL, month: '2026-10', actual: 11000 },
      ],
    });
    expect(later.engine.state(LEAD).opportunities[0]).toBe(
      'The 2026-09 target of $10,000 MRR was missed: $9,000 MRR in 2026-09, 90% of it; the next is $15,000 by 2027-02',
    );
    const none = team.open();
    seedTeam(none, { ...spec(0), revenue: [] });
    expect(none.engine.state(LEAD).opportunities[0]).toBe(
      'The 2026-10 target of $3,000 MRR has passed; no revenue is recorded for 2026-10 yet; the next is $5,000 by 2027-02',
    );
  });

  it('counts two calendar months back, whatever the month’s length', () => {
    const app = team.open('2027-03-01T09:00:00Z');
    seedTeam(app, {
      ...spec(0),
      vision: { ...spec(0).vision, revenue_targets: { '2026-12': 3000, '2027-06': 5000 } },
      revenue: [{ project: INKWELL, month: '2026-12', actual: 2000 }],
    });
    expect(app.engine.state(LEAD).opportunities.join('\n')).not.toMatch(/2026-12 target/);
  });
});

describe('a churn rise', () => {
  const team = useTeam();

  it('is said where the workspace stands, not only in the reasoning of the task it calls for', () => {
    const app = team.open();
    seedTeam(
      app,
      inkwell(5000, [
        { project: INKWELL, month: '2026-09', actual: 3000, churn: 0.02 },
        { project: INKWELL, month: '2026-10', actual: 2900, churn: 0.05 },
      ]),
    );
    expect(app.engine.state(LEAD).opportunities).toContain(
      "Inkwell's churn rose from 2.0% to 5.0% in 2026-10",
    );
  });
});
