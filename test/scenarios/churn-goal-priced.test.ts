import { describe, expect, it } from 'vitest';
import { shipwiseVision } from './shipwise.js';
import { build, LEAD, plan, seedTeam, taskTitled, useTeam } from './team.js';

// A review's two products: Shipwise at $12,100 MRR and Rosterly at $5,800, its churn up from 3.5%
// to 5%, $12,100 short of a $30,000 target together. The team's goal rosterly_churn (5% → 2.5%),
// unpriced, was valued at a quarter of the whole gap, mostly Shipwise's: "$3,025/month", and a
// three-day cancellation survey on Rosterly claimed some $7,500 a month of goal value and revenue
// on a product earning $5,800. Two and a half points less churn on $5,800 keep about $145 more of
// it each month: a lead expects a churn goal the team did not price valued by the MRR it keeps.
const team = useTeam();
const SURVEY = build('Cancellation survey with pause-plan offer', 'Rosterly');

function twoProducts() {
  const app = team.open('2026-12-01T09:00:00Z');
  seedTeam(app, {
    vision: shipwiseVision(['retention', 'activation']),
    projects: [
      { name: 'Shipwise', revenueBearing: true, focus: ['activation'] },
      { name: 'Rosterly', revenueBearing: true, focus: ['retention'] },
    ],
    revenue: [
      { project: 'Shipwise', month: '2026-10', actual: 11600, churn: 0.02 },
      { project: 'Shipwise', month: '2026-11', actual: 12100, churn: 0.02 },
      { project: 'Rosterly', month: '2026-10', actual: 6300, churn: 0.035 },
      { project: 'Rosterly', month: '2026-11', actual: 5800, churn: 0.05 },
    ],
    goals: [
      {
        metric: 'rosterly_churn',
        target: 2.5,
        unit: '%',
        by: '2027-03-31',
        direction: 'down',
        baseline: 5,
        observed: [['2026-12-01', 5]],
      },
    ],
  });
  app.projects.addFeature(LEAD, 'Shipwise', { title: 'FedEx carrier integration', estimate: 40 });
  app.projects.addFeature(LEAD, 'Rosterly', {
    title: 'Cancellation survey with pause-plan offer',
    estimate: 24,
  });
  return app;
}

describe('a churn goal the team did not price', () => {
  it("is worth the MRR its product keeps by it, not a share of every product's gap", () => {
    const survey = taskTitled(plan(twoProducts()), SURVEY);
    const goalLine = survey.reasoning.find((l) => l.startsWith('Goal value')) ?? '';
    // 2.5 points of $5,800 a month: $145 kept each month, over the months to the target.
    expect(goalLine).toMatch(
      /2\.5 points less churn keep \$145(\.00)? more of the \$5,800(\.00)? MRR Rosterly earns each month, × [\d.]+ months by its 2027-03-31 deadline/,
    );
    expect(survey.goalValue).toBeLessThanOrEqual(145 * 4);
    // What the survey claims in all stays within what the product earns.
    expect(survey.revenueImpact + survey.goalValue).toBeLessThan(5800);
  });
});
