import { describe, expect, it } from 'vitest';
import { build, LEAD, plan, seedTeam, type TeamSpec, taskTitled, useTeam } from './team.js';

// A review's NPS research read "weight 0.50, as 1 of the vision's 2 measures" and, two lines down,
// "Alignment 0.00: no focus area; shares no words with the vision": work on the vision's own
// measure, said to share nothing with it. A lead expects work on a success metric the vision
// names to count as aligned with the vision, and a goal the vision does not name not to.
describe("work on a goal that measures one of the vision's success metrics", () => {
  const team = useTeam();

  const pagewise = (successMetrics: Record<string, number>): TeamSpec => ({
    vision: {
      statement: 'Keep Pagewise the docs search teams love',
      primary_goal: 'Keep Pagewise the docs search teams love',
      focus_areas: ['search', 'retention'],
      revenue_targets: { '2027-01': 8000 },
      success_metrics: successMetrics,
    },
    projects: [{ name: 'Pagewise', revenueBearing: true, focus: ['search', 'retention'] }],
    revenue: [
      { project: 'Pagewise', month: '2026-09', actual: 8200 },
      { project: 'Pagewise', month: '2026-10', actual: 8600 },
    ],
    goals: [
      {
        metric: 'nps',
        target: 50,
        unit: '',
        by: '2027-03-31',
        direction: 'up',
        baseline: 38,
        observed: [
          ['2026-10-20', 38],
          ['2026-11-03', 36],
          ['2026-11-17', 35],
        ],
      },
    ],
  });

  function research(successMetrics: Record<string, number>) {
    const app = team.open();
    seedTeam(app, pagewise(successMetrics));
    const task = plan(app, 10).find((t) => t.playbookKey === 'goal.diagnose');
    if (task === undefined) throw new Error('no research on nps was proposed');
    return task;
  }

  it('counts as aligned with the vision, and says why', () => {
    const task = research({ nps: 50 });
    expect(task.alignment).toBe(0.3);
    expect(task.reasoning).toContain(
      "Alignment 0.30: no focus area; works on nps, one of the vision's success metrics; no project → $3.75 strategic value: 25% of $15, for its 2 h of a feature-size's 8 ($50 at full alignment, the least a feature-size is worth: the revenue target is met, with no gap to weigh it by)",
    );
  });

  it('is not aligned by a goal the vision does not measure itself by', () => {
    const task = research({ weekly_searches: 5000 });
    expect(task.alignment).toBe(0);
    expect(task.reasoning.join('\n')).toContain('shares no words with the vision');
  });

  // A second review: work linked to nps read "works on nps" while the goal was off track, and
  // "shares no words with the vision" once it was on track. Its link, not the goal's course, is
  // what ties it to the vision's measure.
  it('counts work linked to the goal as aligned whether the goal is on track or not', () => {
    const app = team.open();
    seedTeam(app, pagewise({ nps: 50 }));
    app.projects.addFeature(LEAD, 'Pagewise', { title: 'In-app satisfaction survey', goal: 'nps' });
    const alignmentLine = () =>
      taskTitled(plan(app, 10), build('In-app satisfaction survey', 'Pagewise')).reasoning.find((l) =>
        l.startsWith('Alignment'),
      );
    expect(alignmentLine()).toContain("works on nps, one of the vision's success metrics");
    app.goals.observe(LEAD, { metric: 'nps', value: 49, at: '2026-11-20T09:00:00Z' });
    // On track now: nothing is proposed for it as a goal off track.
    expect(plan(app, 10).filter((t) => t.signal === 'goal_off_track')).toEqual([]);
    expect(alignmentLine()).toContain("works on nps, one of the vision's success metrics");
  });
});
