import { describe, expect, it } from 'vitest';
import { build, LEAD, NOW, seedTeam, type TeamSpec, taskTitled, useTeam } from './team.js';

// A review's clinic-scheduling team linked two features to its activation goal, a guided
// checklist and a welcome video, each proposed with half of what closing the goal is worth. The
// lead rejected the video. The next morning the checklist's card said the revenue gap was all
// its own ("the only open item not held back") and, two lines down, that it was "1 of 2 open
// items" serving the goal: half of the goal's worth stayed on work the team had said no to. A
// lead expects the work left to answer the goal to be valued as all of it.
const APP = 'Lumen';
const CHECKLIST = 'Guided checklist';
const VIDEO = 'Welcome video';
const day = (n: number) => new Date(Date.parse(NOW) + n * 86_400_000).toISOString();

const LUMEN: TeamSpec = {
  vision: {
    statement: 'Scheduling clinics rely on',
    primary_goal: 'Reach $55,000 MRR',
    focus_areas: ['onboarding'],
    revenue_targets: { '2027-03': 55_000 },
  },
  projects: [{ name: APP, revenueBearing: true, focus: ['onboarding'] }],
  revenue: [{ project: APP, month: '2026-10', actual: 42_000, subscriptions: 600 }],
  goals: [
    {
      metric: 'activation_rate',
      target: 45,
      unit: '%',
      by: '2027-03-31',
      direction: 'up',
      baseline: 31,
      observed: [
        ['2026-10-01T09:00:00Z', 31],
        ['2026-10-15T09:00:00Z', 30.5],
        ['2026-11-01T09:00:00Z', 30.8],
        ['2026-11-15T09:00:00Z', 30.6],
      ],
    },
  ],
};

describe("a goal's work, one piece of it rejected", () => {
  const team = useTeam();

  it('values the work left on the goal as all of what closing it is worth', () => {
    const app = team.open();
    seedTeam(app, LUMEN);
    for (const title of [CHECKLIST, VIDEO])
      app.projects.addFeature(LEAD, APP, {
        title,
        status: 'planned',
        estimate: '1d',
        goal: 'activation_rate',
      });
    const first = app.engine.generate(LEAD, { maxTasks: 2 });
    const checklist = taskTitled(first.tasks as never, build(CHECKLIST, APP));
    const video = taskTitled(first.tasks as never, build(VIDEO, APP));
    expect(checklist.goalValue).toBeGreaterThan(0);
    expect(video.goalValue).toBe(checklist.goalValue);
    app.decisions.decide(LEAD, { ref: video.ref, action: 'reject', note: 'a video is not worth it' });

    // The next morning's digest values the proposal still awaiting a decision again.
    const later = team.reopen(day(1));
    const next = later.engine.generate(LEAD, { maxTasks: 5 });
    expect(next.tasks.some((t) => t.title === build(VIDEO, APP))).toBe(false);
    const left = later.tasks.show(LEAD, checklist.ref).task;
    expect(left.goalValue).toBeCloseTo(2 * checklist.goalValue, 2);
    const line = left.reasoning.find((l) => l.startsWith('Goal value')) ?? '';
    expect(line).toMatch(
      /the only open item not held back that serves activation_rate \(linked to it\), so it gets all of/,
    );
  });
});
