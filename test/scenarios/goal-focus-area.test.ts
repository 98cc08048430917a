import { describe, expect, it } from 'vitest';
import { shipwiseVision } from './shipwise.js';
import { LEAD, seedTeam, useTeam } from './team.js';

// A review's Shipwise works on activation and integrations; its goal shipwise_activated_accounts
// was off track. With the goal's diagnosis and experiment approved, `state` still said "Focus areas
// without recent work: activation", and a later batch proposed "Plan the next step for activation:
// this puts the first work on it" while the experiment waited approved. A lead expects the work on
// a goal of a product to count for that product's focus area.
describe('work on a goal that names a product', () => {
  const team = useTeam();

  it("counts for the product's focus area, so the area is not called neglected", () => {
    const app = team.open('2026-12-01T09:00:00Z');
    seedTeam(app, {
      vision: shipwiseVision(['activation', 'integrations']),
      projects: [{ name: 'Shipwise', revenueBearing: true, focus: ['activation', 'integrations'] }],
      revenue: [{ project: 'Shipwise', month: '2026-11', actual: 12000 }],
      goals: [
        {
          metric: 'shipwise_activated_accounts',
          target: 120,
          unit: 'accounts',
          by: '2027-03-31',
          direction: 'up',
          baseline: 60,
          value: 40,
          observed: [
            ['2026-10-01', 60],
            ['2026-11-01', 62],
          ],
        },
      ],
    });
    app.projects.addFeature(LEAD, 'Shipwise', { title: 'FedEx carrier integration', estimate: 40 });
    const batch = app.engine.generate(LEAD, { maxTasks: 5 });
    const goalWork = batch.tasks.filter((t) => t.signal === 'goal_off_track');
    expect(goalWork.length).toBeGreaterThan(0);
    for (const t of goalWork) {
      expect(t.focusArea).toBe('activation');
      app.decisions.decide(LEAD, { ref: t.ref, action: 'approve' });
    }
    const next = team.reopen('2026-12-02T09:00:00Z');
    expect(next.engine.state(LEAD).neglectedFocusAreas).not.toContain('activation');
    const titles = next.engine.generate(LEAD, { dryRun: true, maxTasks: 5 }).tasks.map((t) => t.title);
    expect(titles.filter((t) => /Plan the next step for activation/.test(t))).toEqual([]);
  });
});
