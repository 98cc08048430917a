import type { GoalSpec, TeamSpec } from './team.js';

// Ledgerly, invoicing for small agencies, one product, steering by a goal on its churn:
// `ledgerly_churn` down to 3 % by March, each point worth $400 a month to the team. Scenarios
// add the months of revenue and the goal's measurements; the survey is the team's answer to it.
export const APP = 'Ledgerly';
export const SURVEY = 'Cancellation survey and save offer';

/** Ledgerly's churn rising from 3 % in September to 7 % in October, as its revenue records say it. */
export const CHURN_ROSE: NonNullable<TeamSpec['revenue']> = [
  { project: APP, month: '2026-09', actual: 4200, subscriptions: 120, churn: 0.03 },
  { project: APP, month: '2026-10', actual: 3900, subscriptions: 112, churn: 0.07 },
];

/** The churn goal measured alike: 3 % on 1 September, 7 % on 1 October and 1 November. */
export const CHURN_MEASURED: NonNullable<GoalSpec['observed']> = [
  ['2026-09-01', 3],
  ['2026-10-01', 7],
  ['2026-11-01', 7],
];

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
