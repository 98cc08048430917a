import { describe, expect, it } from 'vitest';
import { build, plan, seedTeam, taskTitled, useTeam } from './team.js';

// A review's Pagewise churn rose from 2 % to 5 %: its cancellation survey was worth $77/month with
// December's target a month off, $536 with June's, and $232 "over 3 months" the day after
// December's passed, the same customers leaving at the same pace throughout. A lead expects what a
// rise costs not to drop as a milestone nears and triple once it passes: customers lost go on
// costing after it.
describe("a churn rise's cost, as a revenue milestone nears and passes", () => {
  const team = useTeam();
  const SURVEY = build('Cancellation survey with save offer', 'Pagewise');

  function surveyOn(target: string, now: string): { usd: number; line: string } {
    const app = team.open('2026-12-01T09:00:00Z');
    seedTeam(app, {
      vision: {
        statement: 'Docs search teams keep',
        primary_goal: 'Keep Pagewise customers',
        focus_areas: ['retention'],
        revenue_targets: { [target]: 8000 },
      },
      projects: [
        {
          name: 'Pagewise',
          revenueBearing: true,
          focus: ['retention'],
          features: [['Cancellation survey with save offer', 'planned']],
        },
      ],
      revenue: [
        { project: 'Pagewise', month: '2026-10', actual: 8400, churn: 0.02 },
        { project: 'Pagewise', month: '2026-11', actual: 8600, churn: 0.05 },
      ],
    });
    const survey = taskTitled(plan(team.reopen(now), 10), SURVEY);
    const line = survey.reasoning.find((l) => l.includes('MRR the churn rise takes')) ?? '';
    return { usd: survey.revenueImpact, line };
  }

  it('is counted over three months at least, so a milestone near or just passed moves nothing', () => {
    const near = surveyOn('2026-12', '2026-12-02T09:00:00Z');
    const passed = surveyOn('2026-12', '2027-01-04T09:00:00Z');
    expect(near.line).toContain('of MRR the churn rise takes from Pagewise over 3 months');
    expect(passed.usd).toBe(near.usd);
    // Further off, it is counted to the milestone: more months, more customers lost by then.
    const june = surveyOn('2027-06', '2026-12-02T09:00:00Z');
    expect(june.line).toContain('by the 2027-06 milestone');
    expect(june.usd).toBeGreaterThan(near.usd);
  });
});
