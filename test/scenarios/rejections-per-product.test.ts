import { describe, expect, it } from 'vitest';
import { build, LEAD, type PlannedTask, seedTeam, type TeamSpec, useTeam } from './team.js';

// Two products of one studio: Alpha (a planner, $6,000 a month) and Beta (a timesheet app, $4,000).
// The lead rejected two of Alpha's features in a morning ("customers never asked for this", "not
// worth a week"); that week Beta's team shipped five features. A review found Alpha's next feature
// no longer damped the day after: the plan read only the workspace's newest five feature
// decisions, all Beta's, and forgot what the lead had said of Alpha's backlog (its score went from
// 58.2 to 178.5, "fewer of the team's recent feature tasks on Alpha's backlog were rejected"). What
// a lead says of one product's backlog stays said until that product's own decisions move on.
const ALPHA = 'Alpha';
const BETA = 'Beta';
const SPEC: TeamSpec = {
  vision: {
    statement: 'Plan the work, pay the hours',
    primary_goal: 'Reach $14,000 MRR',
    focus_areas: ['growth'],
    revenue_targets: { '2027-06': 14_000 },
  },
  projects: [
    { name: ALPHA, revenueBearing: true, focus: ['growth'] },
    { name: BETA, revenueBearing: true, focus: ['growth'] },
  ],
  revenue: [
    { project: ALPHA, month: '2026-11', actual: 6_000 },
    { project: BETA, month: '2026-11', actual: 4_000 },
  ],
};
const ALPHA_FEATURES = ['Gantt view', 'Resource heatmap', 'Portfolio roll-up', 'Baseline snapshots'];
const BETA_FEATURES = [
  'Overtime rules',
  'Payroll export',
  'Geofenced clock-in',
  'Shift notes',
  'PTO accrual',
];

const damping = (t: PlannedTask | undefined) => t?.reasoning.find((l) => l.startsWith('Rejections:'));

describe("the team's rejections of one product's backlog", () => {
  const team = useTeam();

  function rejectedThenShipped(betaShips: number) {
    const app = team.open('2026-12-01T09:00:00Z');
    seedTeam(app, SPEC);
    for (const title of ALPHA_FEATURES) app.projects.addFeature(LEAD, ALPHA, { title, estimate: '2d' });
    const batch = app.engine.generate(LEAD, { maxTasks: 10 }).tasks as PlannedTask[];
    const alpha = batch.filter((t) => t.projectName === ALPHA);
    app.decisions.decide(LEAD, {
      ref: alpha[0]?.ref,
      action: 'reject',
      note: 'customers never asked for this',
    });
    app.decisions.decide(LEAD, { ref: alpha[1]?.ref, action: 'reject', note: 'not worth a week' });
    // Beta's team adds its work the next day, and ships it over the week.
    const week = team.reopen('2026-12-02T09:00:00Z');
    for (const title of BETA_FEATURES.slice(0, betaShips)) week.projects.addFeature(LEAD, BETA, { title });
    const beta = (week.engine.generate(LEAD, { maxTasks: 10 }).tasks as PlannedTask[]).filter(
      (t) => t.projectName === BETA,
    );
    expect(beta).toHaveLength(betaShips);
    for (const t of beta) {
      week.decisions.decide(LEAD, { ref: t.ref, action: 'approve' });
      week.decisions.decide(LEAD, { ref: t.ref, action: 'done' });
    }
    const next = team.reopen('2026-12-04T09:00:00Z');
    next.projects.addFeature(LEAD, ALPHA, { title: 'Critical path view', estimate: '2d' });
    return next.engine.generate(LEAD, { dryRun: true, maxTasks: 10 }).tasks as PlannedTask[];
  }

  it("still damps the product's next feature after another product ships five features", () => {
    const tasks = rejectedThenShipped(5);
    const next = tasks.find((t) => t.title === build('Critical path view', ALPHA));
    expect(damping(next)).toMatch(/2 of the last \d feature tasks on Alpha's backlog were rejected/);
  });

  it('says the same of it whether the other product shipped one feature or five', () => {
    const line = (tasks: readonly PlannedTask[]) =>
      damping(tasks.find((t) => t.title === build('Critical path view', ALPHA)));
    expect(line(rejectedThenShipped(5))).toBe(line(rejectedThenShipped(1)));
  });
});
