import { describe, expect, it } from 'vitest';
import { build, LEAD, seedTeam, type TeamSpec, useTeam } from './team.js';

// Shiftcast, a new shift-scheduling app, steers by weekly active users: 600 toward 1,500 by March.
// The lead linked an onboarding walkthrough to the goal, and Goalpost proposed it. The next plan
// held the goal's research ("find out why shiftcast_wau is short…": the walkthrough, open, works on
// it) and proposed the experiment that follows that research, its card reading `After:
// goal.diagnose@-#goal:shiftcast_wau`, a key of Goalpost's own, where the saved task read `After:
// —`. A lead expects the experiment to say it waits for the walkthrough, in a dry run as saved.
const SHIFTCAST = 'Shiftcast';
const WALKTHROUGH = build('Onboarding walkthrough', SHIFTCAST);
const EXPERIMENT = /^Run an experiment to move shiftcast_wau/;

const TEAM: TeamSpec = {
  vision: {
    statement: 'Make shift scheduling effortless',
    primary_goal: 'Reach $3,000 MRR by March',
    focus_areas: ['mobile'],
    revenue_targets: { '2027-03': 3000 },
  },
  projects: [{ name: SHIFTCAST, revenueBearing: true, focus: ['mobile'] }],
  revenue: [{ project: SHIFTCAST, month: '2026-10', actual: 620 }],
  goals: [
    {
      metric: 'shiftcast_wau',
      target: 1500,
      unit: 'users',
      by: '2027-03-31',
      direction: 'up',
      baseline: 600,
      observed: [
        ['2026-11-05', 520],
        ['2026-11-20', 610],
      ],
    },
  ],
};

describe("a goal's experiment while work on the goal is open", () => {
  const team = useTeam();

  it('waits for that work, saying so in a dry run as in the saved batch', () => {
    const app = team.open();
    seedTeam(app, TEAM);
    app.projects.addFeature(LEAD, SHIFTCAST, {
      title: 'Onboarding walkthrough',
      estimate: '4h',
      goal: 'shiftcast_wau',
    });
    app.projects.addFeature(LEAD, SHIFTCAST, { title: 'Shift swap requests', estimate: '3d' });
    const first = app.engine.generate(LEAD, { maxTasks: 1 });
    const walkthrough = first.tasks.find((t) => t.title === WALKTHROUGH);
    expect(walkthrough?.ref).toBeDefined();

    const dry = app.engine.generate(LEAD, { dryRun: true, maxTasks: 5 });
    const experiment = dry.tasks.find((t) => EXPERIMENT.test(t.title));
    expect(experiment?.dependsOn).toEqual([walkthrough?.ref]);
    const saved = app.engine.generate(LEAD, { maxTasks: 5 });
    const stored = saved.tasks.find((t) => EXPERIMENT.test(t.title));
    expect(stored?.dependsOn).toEqual([walkthrough?.ref]);
  });
});
