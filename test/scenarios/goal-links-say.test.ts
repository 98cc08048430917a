import { describe, expect, it } from 'vitest';
import { build, LEAD, NOW, type PlannedTask, plan, seedTeam, type TeamSpec, useTeam } from './team.js';

// Fieldnote: scheduling for field-service companies. Its weekly active technicians lag the vision's
// 2,600, and the team linked one feature to that goal: an onboarding tour in the technicians' app.
// Its backlog also holds "Technician skill tags for auto-assignment", a feature for the dispatchers
// who assign jobs, which says 'technician' and nothing about technicians using the app. A lead
// reads the goal's dollars as the tour's while it is open, and, once it shipped, as nobody's until
// the team links more work or the figures show what the tour did: not as the skill tags'.
const APP = 'Fieldnote';
const TOUR = 'Technician onboarding tour';
const TAGS = 'Technician skill tags for auto-assignment';
const FIELDNOTE: TeamSpec = {
  vision: {
    statement: 'Every field-service visit on time without a call to the office',
    primary_goal: 'Grow Fieldnote to $18k MRR',
    focus_areas: ['adoption', 'dispatch'],
    revenue_targets: { '2027-04': 18000 },
    success_metrics: { weekly_active_technicians: 2600 },
  },
  projects: [
    {
      name: APP,
      revenueBearing: true,
      focus: ['adoption', 'dispatch'],
      features: [[TAGS, 'planned']],
    },
  ],
  revenue: [
    { project: APP, month: '2026-09', actual: 13600 },
    { project: APP, month: '2026-10', actual: 14000 },
  ],
  goals: [
    {
      metric: 'weekly_active_technicians',
      target: 2600,
      unit: 'technicians',
      by: '2027-04-30',
      direction: 'up',
      baseline: 1700,
      value: 4,
      observed: [
        ['2026-10-26', 1710],
        ['2026-11-02', 1745],
        ['2026-11-09', 1738],
        ['2026-11-16', 1790],
      ],
    },
  ],
};
const day = (n: number) => new Date(Date.parse(NOW) + n * 86_400_000).toISOString();
const card = (tasks: readonly PlannedTask[], title: string) =>
  tasks.find((t) => t.title === build(title, APP));

describe('a goal the team linked work to, once that work shipped', () => {
  const team = useTeam();

  it('gives none of its value to work that only says a word of what it measures', () => {
    const app = team.open();
    seedTeam(app, FIELDNOTE);
    app.projects.addFeature(LEAD, APP, { title: TOUR, goal: 'weekly_active_technicians' });
    // While the tour is open, the goal's value is the tour's.
    const first = plan(app, 10);
    expect(card(first, TOUR)?.goalValue).toBeGreaterThan(0);
    expect(card(first, TAGS)?.goalValue).toBe(0);
    // The team takes the tour on first, and ships it.
    const tour = app.engine.generate(LEAD, { maxTasks: 1 }).tasks[0];
    expect(tour?.title).toBe(build(TOUR, APP));
    for (const action of ['approve', 'start', 'done'] as const)
      app.decisions.decide(LEAD, { ref: tour?.ref, action });

    const later = plan(team.reopen(day(2)), 10);
    const tags = card(later, TAGS);
    expect(tags, later.map((t) => t.title).join('; ')).toBeDefined();
    expect(tags?.goalValue).toBe(0);
    expect(tags?.reasoning.join('\n')).not.toMatch(/names 'technician'/);
  });
});
