import type { TeamSpec } from './team.js';

// Stallwise steers by its active sellers ($30 a month each), which are slipping; its seller studio
// earns nothing itself, and its work is valued by what the goal is worth.
export const STUDIO = 'Seller Studio';

export const STALLWISE: TeamSpec = {
  vision: {
    statement: 'Every town’s makers sell online from one trusted stall',
    primary_goal: 'Grow to 400 active sellers',
    focus_areas: ['supply'],
    revenue_targets: { '2027-03': 3000 },
  },
  projects: [{ name: STUDIO, focus: ['supply'], features: [['Shop page themes', 'planned']] }],
  goals: [
    {
      metric: 'active_sellers',
      target: 400,
      unit: 'sellers',
      by: '2027-03-31',
      direction: 'up',
      baseline: 250,
      value: 30,
      observed: [
        ['2026-09-01', 255],
        ['2026-10-01', 258],
        ['2026-11-01', 260],
      ],
    },
  ],
};
