import { describe, expect, it } from 'vitest';
import type { Goalpost } from '../../src/index.js';
import { build, LEAD, plan, seedTeam, type TeamSpec, useTeam } from './team.js';

// Gradebook sells to schools and steers by the teachers who use it weekly, $5 a month each. The
// lead links one feature to the goal. Its teachers grow 4 a week: by the deadline the trend brings
// most of the 160 the goal is short, and a lead asks what the checklist adds, not what all 160
// teachers are worth.
const APP = 'Gradebook';
const CHECKLIST = 'Teacher onboarding checklist';

function gradebook(observed: Array<[string, number]>): TeamSpec {
  return {
    vision: {
      statement: 'Every teacher grades in half the time',
      primary_goal: 'Reach 300 weekly active teachers',
      focus_areas: ['activation'],
      revenue_targets: { '2027-03': 4000 },
    },
    projects: [{ name: APP, revenueBearing: true, focus: ['activation'], features: [] }],
    revenue: [{ project: APP, month: '2026-10', actual: 2500 }],
    goals: [
      {
        metric: 'active_teachers',
        target: 300,
        unit: 'teachers',
        by: '2027-03-31',
        direction: 'up',
        baseline: observed[0]?.[1] ?? 0,
        value: 5,
        observed,
      },
    ],
  };
}

function checklistCard(app: Goalpost) {
  app.projects.addFeature(LEAD, APP, { title: CHECKLIST, goal: 'active_teachers' });
  const task = plan(app).find((t) => t.title === build(CHECKLIST, APP));
  expect(task, 'the linked checklist is proposed').toBeDefined();
  const goal = app.goals.list(LEAD).find((g) => g.goal.metric === 'active_teachers');
  return { task: task as NonNullable<typeof task>, goal: goal as NonNullable<typeof goal> };
}

const valueLine = (reasoning: readonly string[]) => reasoning.find((l) => l.startsWith('Goal value')) ?? '';

describe('work on a goal its trend is closing in part', () => {
  const team = useTeam();

  it('claims what the trend leaves short by the deadline, not the whole gap', () => {
    const app = team.open();
    seedTeam(
      app,
      gradebook([
        ['2026-10-31', 128],
        ['2026-11-07', 132],
        ['2026-11-14', 136],
        ['2026-11-21', 140],
      ]),
    );
    const { task, goal } = checklistCard(app);
    expect(goal.status).toBe('off_track');
    expect(goal.gap).toBe(160);
    const forecast = Math.round(goal.forecast ?? 0);
    // The trend brings some teachers, not all: the goal is off track.
    expect(forecast).toBeGreaterThan(140);
    expect(forecast).toBeLessThan(300);
    // What the checklist is worth adds up from what `goals` prints: (300 − forecast) × $5.
    expect(task.goalValue).toBe((300 - forecast) * 5);
    expect(task.goalValue).toBeLessThan(160 * 5);
    // Its card says why it is not the whole $800.
    expect(valueLine(task.reasoning)).toContain(
      `its trend closes ${forecast - 140} of the 160 teachers still to go by 2027-03-31 (forecast ${forecast} teachers)`,
    );
  });

  it('counts on no trend drawn from two readings: the whole gap is the work’s', () => {
    const app = team.open();
    seedTeam(
      app,
      gradebook([
        ['2026-11-14', 130],
        ['2026-11-21', 140],
      ]),
    );
    const { task, goal } = checklistCard(app);
    expect(goal.forecast).not.toBeNull();
    expect(task.goalValue).toBe(160 * 5);
    expect(valueLine(task.reasoning)).not.toMatch(/its trend closes/);
  });

  it('claims no more than the gap while the metric falls away from its target', () => {
    const app = team.open();
    seedTeam(
      app,
      gradebook([
        ['2026-10-31', 152],
        ['2026-11-07', 148],
        ['2026-11-14', 144],
        ['2026-11-21', 140],
      ]),
    );
    const { task, goal } = checklistCard(app);
    expect(goal.forecast ?? 0).toBeLessThan(140);
    expect(task.goalValue).toBe(160 * 5);
    expect(valueLine(task.reasoning)).not.toMatch(/its trend closes/);
  });
});
