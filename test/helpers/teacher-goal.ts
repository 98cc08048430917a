import type { Ctx, Goalpost } from '../../src/index.js';

/** The active_teachers series the chart tests draw: six measurements from September to November. */
export const TEACHERS = [
  { at: '2026-09-01T00:00:00.000Z', value: 95 },
  { at: '2026-09-15T00:00:00.000Z', value: 101 },
  { at: '2026-10-01T00:00:00.000Z', value: 120 },
  { at: '2026-10-15T00:00:00.000Z', value: 118 },
  { at: '2026-11-01T00:00:00.000Z', value: 140 },
  { at: '2026-11-15T00:00:00.000Z', value: 152 },
];

/** Adds the goal of 300 active teachers by 2027-03-31 and records TEACHERS against it. */
export function addTeacherGoal(app: Goalpost, ctx: Ctx): void {
  app.goals.add(ctx, { metric: 'active_teachers', target: 300, unit: 'teachers', by: '2027-03-31' });
  for (const p of TEACHERS) app.goals.observe(ctx, { metric: 'active_teachers', value: p.value, at: p.at });
}
