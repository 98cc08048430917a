import { describe, expect, it } from 'vitest';
import { build, LEAD, type PlannedTask, seedTeam, type TeamSpec, useTeam } from './team.js';

// Tallyo earns $7,700 a month and has nothing in its backlog; Shiftly earns $2,700 and has one
// feature, shift swaps, two days of work. A review found the plan's 6-hour user-acquisition
// experiment for Tallyo, given a whole feature-size of strategic value over its 6 hours, scoring
// above the team's own two-day feature: a lead reads that as the plan preferring its templates
// to the team's backlog. Per hour, a playbook's task is worth no more alignment than the
// team's own work.
const SPEC: TeamSpec = {
  vision: {
    statement: 'Invoicing and scheduling small firms pay for',
    primary_goal: 'Reach $15,000 MRR',
    focus_areas: ['growth', 'scheduling'],
    revenue_targets: { '2027-03': 15000 },
  },
  projects: [
    { name: 'Tallyo', revenueBearing: true, focus: ['growth'] },
    { name: 'Shiftly', revenueBearing: true, focus: ['scheduling'] },
  ],
  revenue: [
    { project: 'Tallyo', month: '2026-10', actual: 7700 },
    { project: 'Shiftly', month: '2026-10', actual: 2700 },
  ],
};

describe("a playbook's task smaller than a feature-size", () => {
  const team = useTeam();

  it("wins its part of one's strategic value, and the team's two-day feature leads it", () => {
    const app = team.open();
    seedTeam(app, SPEC);
    app.projects.addFeature(LEAD, 'Shiftly', { title: 'Shift swaps', status: 'planned', estimate: 16 });
    const tasks = app.engine.generate(LEAD, { dryRun: true, maxTasks: 5 }).tasks as PlannedTask[];
    const experiment = tasks.find((t) => /^Run a user-acquisition experiment/.test(t.title));
    expect(experiment?.effortHours).toBe(6);
    const line = experiment?.reasoning.find((l) => /strategic value/.test(l)) ?? '';
    const [, got, whole] =
      /→ \$([\d,.]+) strategic value: 75% of \$([\d,.]+), for its 6 h of a feature-size's 8/.exec(line) ?? [];
    // Dollars as a card says them, whole: three quarters of the whole, within a dollar.
    const dollars = (s: string | undefined) => Number(s?.replace(/,/g, ''));
    expect(Math.abs(dollars(got) - dollars(whole) * 0.75)).toBeLessThanOrEqual(1);
    expect(tasks[0]?.title).toBe(build('Shift swaps', 'Shiftly'));
  });
});
