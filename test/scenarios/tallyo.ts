import type { GoalSpec } from './team.js';

/**
 * Tallyo's off-track install goal, as two reviews had it: 215 weekly installs of 500 by March,
 * from a baseline of 200.
 */
export const WEEKLY_INSTALLS: GoalSpec = {
  metric: 'weekly_installs',
  target: 500,
  unit: '',
  by: '2027-03-01',
  direction: 'up',
  baseline: 200,
  observed: [
    ['2026-11-01', 210],
    ['2026-12-05', 215],
  ],
};
