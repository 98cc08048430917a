import { describe, expect, it } from 'vitest';
import type { Goalpost } from '../../src/index.js';
import { LEAD, monthRange, plan, seedTeam, useTeam } from './team.js';

// A review's tallyo_churn, 5 % to 2.5 % by 2027-03-31, was worth what closing it keeps of Tallyo's
// MRR counted to the revenue milestone: $306/month in December, $162 in late January ("× 1 months
// by the 2027-01 milestone"), $791 in February once June's milestone was next. A lead reads a
// goal's worth by its own deadline, moving as its months go by, not with another target's.
describe("a churn goal's worth, across a revenue milestone", () => {
  const team = useTeam();

  function worthOn(day: string): { usd: number; line: string } {
    const app = team.reopen(`${day}T09:00:00Z`);
    const diagnose = plan(app, 10).find((t) => t.playbookKey === 'goal.diagnose');
    const line = diagnose?.reasoning.find((l) => l.includes('what closing tallyo_churn is worth')) ?? '';
    const usd = Number(/is worth \(\$([\d,.]+)\/month/.exec(line)?.[1]?.replace(/,/g, ''));
    return { usd, line };
  }

  function record(app: Goalpost, month: string): void {
    app.revenue.add(LEAD, { project: 'Tallyo', actual: 6000, churn: 0.05, ...monthRange(month) });
  }

  it('is counted to its own deadline, falling as the deadline nears, not with the milestone', () => {
    const app = team.open('2026-11-01T09:00:00Z');
    seedTeam(app, {
      vision: {
        statement: 'Invoicing agencies keep paying for',
        primary_goal: 'Keep agencies paying',
        focus_areas: ['billing', 'retention'],
        revenue_targets: { '2027-01': 9000, '2027-06': 14000 },
      },
      projects: [{ name: 'Tallyo', revenueBearing: true, focus: ['billing'] }],
      revenue: [
        { project: 'Tallyo', month: '2026-09', actual: 6000, churn: 0.05 },
        { project: 'Tallyo', month: '2026-10', actual: 6000, churn: 0.05 },
      ],
      goals: [
        {
          metric: 'tallyo_churn',
          target: 2.5,
          unit: '%',
          by: '2027-03-31',
          direction: 'down',
          baseline: 5,
          observed: [
            ['2026-10-10', 5],
            ['2026-10-30', 5.2],
          ],
        },
      ],
    });
    record(team.reopen('2026-12-01T09:00:00Z'), '2026-11');
    const december = worthOn('2026-12-05');
    record(team.reopen('2027-01-01T09:00:00Z'), '2026-12');
    const lateJanuary = worthOn('2027-01-28');
    record(team.reopen('2027-02-01T09:00:00Z'), '2027-01');
    const february = worthOn('2027-02-02');
    for (const { line } of [december, lateJanuary, february])
      expect(line).toMatch(/months by its 2027-03-31 deadline/);
    expect(december.usd).toBeGreaterThan(lateJanuary.usd);
    expect(lateJanuary.usd).toBeGreaterThan(february.usd);
    // Some 3.8 months of the $162 a month it keeps in December, and two in February.
    expect(december.usd).toBeGreaterThan(500);
    expect(february.usd).toBeGreaterThan(250);
  });
});
