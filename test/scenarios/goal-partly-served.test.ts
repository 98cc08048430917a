import { describe, expect, it } from 'vitest';
import { LEAD, plan, seedTeam, useTeam } from './team.js';

// A review linked one five-hour item to its off-track NPS goal: the batch proposed it and, beside
// it, the goal's diagnosis and experiment, each opening "A goal is off track and nothing planned
// works on it". The team rejected both as "T-2 already covers NPS", which taught suggest to retire
// the goal's playbooks. A lead expects the card to say the linked work covers part of what the
// goal needs, as the revenue gap's playbooks say of a backlog short of a feature's worth.
describe("an off-track goal's playbooks beside the little work linked to it", () => {
  const team = useTeam();

  it('say the linked work covers only part of what the goal needs, not that nothing works on it', () => {
    const app = team.open('2026-11-09T09:00:00Z');
    seedTeam(app, {
      vision: {
        statement: 'Make payroll painless',
        primary_goal: 'Make payroll painless',
        focus_areas: ['retention'],
        revenue_targets: { '2027-03': 30000 },
        success_metrics: { nps: 40 },
      },
      projects: [{ name: 'Ledgerline Payroll', revenueBearing: true, focus: ['retention'] }],
      revenue: [{ project: 'Ledgerline Payroll', month: '2026-10', actual: 5850 }],
      goals: [
        {
          metric: 'nps',
          target: 40,
          unit: 'points',
          by: '2027-03-31',
          direction: 'up',
          baseline: 31,
          observed: [
            ['2026-10-05', 31],
            ['2026-10-12', 32],
            ['2026-10-19', 30],
            ['2026-10-26', 31],
            ['2026-11-02', 31],
          ],
        },
      ],
    });
    app.projects.addFeature(LEAD, 'Ledgerline Payroll', {
      title: 'In-app NPS follow-up questions',
      estimate: 5,
      goal: 'nps',
    });
    const tasks = plan(app, 5);
    const linked = tasks.find((t) => t.title.includes('In-app NPS follow-up questions'));
    expect(linked).toBeDefined();
    const playbooks = tasks.filter((t) => t.signal === 'goal_off_track');
    expect(playbooks.length).toBeGreaterThan(0);
    for (const t of playbooks) {
      expect(t.reasoning[0]).not.toMatch(/nothing planned works on it/);
      expect(t.reasoning[0]).toMatch(/the work that serves it comes to 0\.63 of a feature-size/);
    }
  });
});
