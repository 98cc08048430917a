import type { GoalSpec, TeamSpec } from './team.js';

// Ledgerly, invoicing for small agencies, one product, steering by a goal on its churn:
// `ledgerly_churn` down to 3 % by March, each point worth $400 a month to the team. Scenarios
// add the months of revenue and the goal's measurements; the survey is the team's answer to it.
export const APP = 'Ledgerly';
export const SURVEY = 'Cancellation survey and save offer';

/** The team, with its revenue and the goal measured as `observed`. */
export function churnGoalTeam(
  revenue: NonNullable<TeamSpec['revenue']>,
  observed: NonNullable<GoalSpec['observed']>,
  metric = 'ledgerly_churn',
): TeamSpec {
  return {
    vision: {
      statement: 'Invoicing small agencies love',
      primary_goal: 'Keep the agencies we win',
      focus_areas: ['retention'],
      revenue_targets: { '2027-03': 6000 },
    },
    projects: [
      {
        name: APP,
        revenueBearing: true,
        focus: ['retention'],
        features: [['Annual billing plans', 'planned']],
      },
    ],
    revenue,
    goals: [
      {
        metric,
        target: 3,
        unit: '%',
        by: '2027-03-31',
        direction: 'down',
        baseline: 5,
        value: 400,
        observed,
      },
    ],
  };
}
