import { describe, expect, it } from 'vitest';
import { LEAD, seedTeam, useTeam } from './team.js';

// A review's Tallyo grew $300 a month, $200 a month short of a December target of $12,000 on
// November's $11,800: `state` said "On track: yes" on the 2nd and "no" on the 20th, with nothing
// typed between, the card reading "off track: $11,915 projected". November's figure is November's:
// December's lands near $12,100 whatever day the plan is read. A lead expects the projection to
// run from the month the revenue was recorded for, not from today.
describe('revenue projected to a milestone', () => {
  const team = useTeam();

  function tallyo(now: string) {
    const app = team.open(now);
    seedTeam(app, {
      vision: {
        statement: 'The time tracker agencies rely on',
        primary_goal: 'The time tracker agencies rely on',
        focus_areas: ['growth'],
        revenue_targets: { '2026-12': 12000 },
      },
      projects: [
        {
          name: 'Tallyo',
          revenueBearing: true,
          focus: ['growth'],
          features: [['Slack integration', 'planned']],
        },
      ],
      revenue: [
        { project: 'Tallyo', month: '2026-10', actual: 11500 },
        { project: 'Tallyo', month: '2026-11', actual: 11800 },
      ],
    });
    return app.engine.state(LEAD).revenue;
  }

  it('runs from the month recorded, so the same records read the same any day of the month', () => {
    for (const now of ['2026-12-02T09:00:00Z', '2026-12-20T09:00:00Z', '2026-12-30T09:00:00Z']) {
      const revenue = tallyo(now);
      expect(revenue.onTrack, now).toBe(true);
      expect(revenue.projectedAtMilestone, now).toBeCloseTo(12100, -2);
    }
  });
});
