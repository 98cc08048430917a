import { describe, expect, it } from 'vitest';
import { renderRevenue } from '../../adapters/cli/render-engine.js';
import { revenueProgress } from '../../src/views/cards.js';
import { LEAD, lines, seedTeam, type TeamSpec, useTeam } from './team.js';

// Invoicer and Timetrack earn $12,000 a month together, growing $600 a month. The vision asks
// $14,000 by March and $25,000 by June. A review's `state`, digest and every task read "on track"
// against March ($2,000 short, +$500 a month needed) and never named June, which needs +$1,857 a
// month for seven months: at +$600 the team reaches about $16,200 by June. The plan valued the
// backlog on March's $2,000 gap. A lead works against the target that asks the steepest growth a
// month, and still sees the nearer one.
const NOW = '2026-12-07T10:00:00Z';

function saas(targets: Record<string, number>): TeamSpec {
  return {
    vision: {
      statement: 'Make invoicing painless for freelancers',
      primary_goal: 'Reach $25k MRR across Invoicer and Timetrack',
      focus_areas: ['payments', 'retention'],
      revenue_targets: targets,
    },
    projects: [
      {
        name: 'Invoicer',
        revenueBearing: true,
        focus: ['payments'],
        features: [
          ['Recurring invoices', 'planned'],
          ['Stripe Connect payouts', 'planned'],
        ],
      },
      {
        name: 'Timetrack',
        revenueBearing: true,
        focus: ['retention'],
        features: [['Team seats billing', 'planned']],
      },
    ],
    revenue: [
      { project: 'Invoicer', month: '2026-10', actual: 8500 },
      { project: 'Timetrack', month: '2026-10', actual: 2900 },
      { project: 'Invoicer', month: '2026-11', actual: 9000 },
      { project: 'Timetrack', month: '2026-11', actual: 3000 },
    ],
  };
}

const TWO = { '2027-03': 14000, '2027-06': 25000 };

const WHY =
  'the 2027-06 target of $25,000 binds: it needs +$1,857/month, more than the +$500/month the nearer 2027-03 target of $14,000 needs (on track for that one)';

describe('several revenue targets', () => {
  const team = useTeam();

  const open = (targets: Record<string, number>) => {
    const app = team.open(NOW);
    seedTeam(app, saas(targets));
    return app;
  };
  const batch = (app: ReturnType<typeof open>) => app.engine.generate(LEAD, { dryRun: true, maxTasks: 5 });

  it('works against the later target when it asks more growth a month, and says why', () => {
    const { revenue } = open(TWO).engine.state(LEAD);
    expect(revenue.milestone).toMatchObject({
      month: '2027-06',
      target: 25000,
      nearer: { month: '2027-03', target: 14000, requiredPace: 500, onTrack: true },
    });
    // The gap is June's, from today's $12,000, and June is not on track at +$600 a month.
    expect(revenue.gap).toBe(13000);
    expect(revenue.requiredPace).toBeCloseTo(1857.14, 2);
    expect(revenue.projectedAtMilestone).toBe(16200);
    expect(revenue.onTrack).toBe(false);

    // `state` and the digest's header name both targets and which one binds.
    const state = renderRevenue(revenue, 4);
    expect(state).toContain('Milestone:        $25,000.00/month by 2027-06');
    expect(state).toContain(WHY);
    expect(state).toContain('On track:         no');
    const header = revenueProgress(revenue, null);
    expect(header?.label).toBe('Revenue by 2027-06');
    expect(header?.status).toBe('off_track');
    expect(header?.detail).toContain(WHY);
  });

  it("values the backlog on the binding target's gap, as that target alone would", () => {
    const both = batch(open(TWO));
    const juneAlone = batch(open({ '2027-06': 25000 }));
    expect(both.revenueImpact).toBeGreaterThan(0);
    expect(both.revenueImpact).toBe(juneAlone.revenueImpact);
    const why = lines(both.tasks as never).join('\n');
    expect(why).toMatch(
      /\$13,000 behind the 2027-06 target of \$25,000 \(.*; the nearer 2027-03 target of \$14,000 needs less, \+\$500\/month, and is on track\)/,
    );
    expect(why).toContain('off track: $16,200 projected by then');
    expect(why).not.toMatch(/behind the 2027-03 target/);
  });

  it('keeps the nearer target when it asks more growth a month, naming no other', () => {
    const { revenue } = open({ '2027-03': 20000, '2027-06': 25000 }).engine.state(LEAD);
    expect(revenue.milestone).toEqual({ month: '2027-03', target: 20000, passed: false });
    expect(revenue.gap).toBe(8000);
    expect(revenue.requiredPace).toBe(2000);
  });

  it('keeps the nearer target when both ask the same growth a month', () => {
    // March: $2,000 over 4 months; June: $3,500 over 7 months: $500 a month each.
    const { revenue } = open({ '2027-03': 14000, '2027-06': 15500 }).engine.state(LEAD);
    expect(revenue.milestone).toEqual({ month: '2027-03', target: 14000, passed: false });
    expect(revenue.gap).toBe(2000);
  });
});
