import { describe, expect, it } from 'vitest';
import type { Goalpost } from '../../src/index.js';
import { build, LEAD, NOW, type PlannedTask, plan, seedTeam, taskTitled, useTeam } from './team.js';

// Trailpack sells a trip planner and steers by goals with deadlines far apart. Each stands still
// at 50 of its 80, off track alike, worth alike, with one feature linked to it. A lead reads the
// deadlines: a goal due in three weeks is the one this week's work must go to; one due in nine
// months can wait its turn; one due in three days is past saving by new work, and wants a new
// date. The plan pressed all three alike ("Urgency ×1.40: its goal is off track"), and proposed an
// experiment aimed at a goal due that day.
const APP = 'Trailpack';

const daysAgo = (days: number) => new Date(Date.parse(NOW) - days * 86_400_000).toISOString().slice(0, 10);
const daysOn = (days: number) => new Date(Date.parse(NOW) + days * 86_400_000).toISOString().slice(0, 10);

interface Deadlined {
  metric: string;
  /** Days from now to its deadline. */
  due: number;
  /** The team's feature linked to it, if any. */
  feature?: string;
}

function trailpack(app: Goalpost, goals: readonly Deadlined[]): void {
  seedTeam(app, {
    vision: {
      statement: 'Every trip planned in one place',
      primary_goal: 'Grow planners who come back',
      focus_areas: ['activation'],
      revenue_targets: { '2027-06': 30000 },
    },
    projects: [{ name: APP, focus: ['activation'] }],
    goals: goals.map((g) => ({
      metric: g.metric,
      target: 80,
      unit: 'planners',
      by: daysOn(g.due),
      direction: 'up' as const,
      baseline: 40,
      value: 20,
      // Five weeks at 50: off track, with no trend to close the gap.
      observed: [35, 28, 21, 14, 7, 0].map((d): [string, number] => [daysAgo(d), 50]),
    })),
  });
  for (const g of goals) {
    if (g.feature !== undefined) app.projects.addFeature(LEAD, APP, { title: g.feature, goal: g.metric });
  }
}

const urgencyLine = (reasoning: readonly string[] = []) => reasoning.find((l) => l.startsWith('Urgency'));

describe("a goal's deadline", () => {
  const team = useTeam();

  it('puts the work of a goal due in three weeks before that of one due in nine months', () => {
    const app = team.open();
    const near = { metric: 'trip_planners', due: 21, feature: 'Shared packing lists' };
    const far = { metric: 'returning_planners', due: 273, feature: 'Reminder emails' };
    trailpack(app, [far, near]);
    const statuses = app.goals.list(LEAD).map((g) => g.status);
    expect(statuses).toEqual(['off_track', 'off_track']);
    const tasks = plan(app);
    const first = taskTitled(tasks, build(near.feature, APP));
    const later = taskTitled(tasks, build(far.feature, APP));
    expect(tasks.indexOf(first)).toBeLessThan(tasks.indexOf(later));
    // Worth alike, as aligned with the vision: only the deadline sets them apart.
    expect(later.goalValue).toBe(first.goalValue);
    const alignment = (t: PlannedTask) => t.reasoning.find((l) => l.startsWith('Alignment'));
    expect(alignment(later)).toBe(alignment(first));
    expect(alignment(first)).toMatch(/→ \$[\d,]+ strategic value$/);
    expect(urgencyLine(first.reasoning)).toBe('Urgency ×1.40: its goal is off track, due in 3 weeks');
    expect(urgencyLine(later.reasoning)).toBe('Urgency ×1.28: its goal is off track, due in 9 months');
  });

  it('asks no new work of a goal due in three days, but a new date', () => {
    const app = team.open();
    const soon = { metric: 'trip_planners', due: 3, feature: 'Shared packing lists' };
    const weeks = { metric: 'returning_planners', due: 42, feature: 'Reminder emails' };
    // Due on Friday, with nothing linked to it: the plan had a diagnosis and an experiment for it.
    const friday = { metric: 'beta_invites', due: 6 };
    trailpack(app, [soon, weeks, friday]);
    const tasks = plan(app);
    const first = taskTitled(tasks, build(weeks.feature, APP));
    expect(tasks.filter((t) => /trip_planners|beta_invites/.test(t.title))).toEqual([]);
    // The packing lists are a feature like any other now: nothing of the goal's rides on them.
    const lists = tasks.find((t) => t.title === build(soon.feature, APP));
    if (lists !== undefined) {
      expect(tasks.indexOf(first)).toBeLessThan(tasks.indexOf(lists));
      expect(lists.goalValue).toBe(0);
      expect(urgencyLine(lists.reasoning) ?? '').not.toContain('goal');
    }
    expect(urgencyLine(first.reasoning)).toBe('Urgency ×1.40: its goal is off track, due in 6 weeks');
    const advice = app.report.suggest(LEAD).goals.find((g) => g.metric === soon.metric)?.advice ?? '';
    expect(advice).toContain(`trip_planners is off track for 80 planners by ${daysOn(soon.due)}`);
    expect(advice).toContain(
      'with 3 days left: too little time for new work to show in it; set a later date (`goalpost goal set trip_planners --by YYYY-MM-DD`) or archive the goal',
    );
    // The goal due in six weeks keeps its aim.
    const aim = app.report.suggest(LEAD).goals.find((g) => g.metric === weeks.metric)?.advice ?? '';
    expect(aim).toMatch(/^returning_planners is off track for 80 planners by \d{4}-\d\d-\d\d: aim for/);
  });

  // A goal fifteen days off pressed its work most (×1.40), one thirteen days off not at all: work
  // begun a fortnight before a deadline may land too late to show in it, and the plan says so.
  it('presses the work of a goal due in fifteen days less than one due in six weeks', () => {
    const app = team.open();
    const soon = { metric: 'trip_planners', due: 15, feature: 'Shared packing lists' };
    const weeks = { metric: 'returning_planners', due: 42, feature: 'Reminder emails' };
    trailpack(app, [soon, weeks]);
    const tasks = plan(app);
    const lists = taskTitled(tasks, build(soon.feature, APP));
    const reminders = taskTitled(tasks, build(weeks.feature, APP));
    expect(tasks.indexOf(reminders)).toBeLessThan(tasks.indexOf(lists));
    expect(urgencyLine(lists.reasoning)).toBe(
      'Urgency ×1.30: its goal is off track, due in 15 days, little time for new work to show in it',
    );
    expect(urgencyLine(reminders.reasoning)).toBe('Urgency ×1.40: its goal is off track, due in 6 weeks');
  });
});
