import type { TeamSpec } from './team.js';

// Shipwise, an ops stack for logistics teams, $18,000 short of its $30,000 target for 2027-03: the
// vision of the second review's teams (its products, revenue and goals are each scenario's own).

/** Shipwise's vision, on the focus areas `focus` (in the vision's order). */
export const shipwiseVision = (focus: string[]): TeamSpec['vision'] => ({
  statement: 'Ops stack for logistics teams',
  primary_goal: 'Ops stack for logistics teams',
  focus_areas: focus,
  revenue_targets: { '2027-03': 30000 },
});
