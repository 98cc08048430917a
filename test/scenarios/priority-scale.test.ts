import { describe, expect, it } from 'vitest';
import { absolutePriority } from '../../src/engine/priority.js';
import type { Goalpost } from '../../src/index.js';
import { fix, LEAD, plan, seedTeam, type TeamSpec, taskTitled, useTeam } from './team.js';

// Tallyo, the flagship, earns $7,700 a month and nobody has touched its backlog for three weeks:
// the plan proposes a review of it, the team's own playbook, which claims a share of what it earns
// and so scores high (the default review claims nothing since 0066), and comes after the real work
// all the same (planning never goes ahead of work). A lead sorting the board by priority must find
// the real work at the priority its own value gives it, not pushed down to P3 because the review's
// score set the top of the scale.
const SPEC: TeamSpec = {
  vision: {
    statement: 'Invoicing and scheduling small firms pay for',
    primary_goal: 'Reach $15,000 MRR',
    focus_areas: ['growth'],
    revenue_targets: { '2027-03': 15000 },
  },
  projects: [
    { name: 'Tallyo', revenueBearing: true, focus: ['growth'], features: [['Recurring invoices', 'done']] },
    {
      name: 'Shiftly',
      revenueBearing: true,
      focus: ['growth'],
      features: [['Shift swap requests', 'planned']],
    },
  ],
  revenue: [
    { project: 'Tallyo', month: '2026-10', actual: 7700 },
    { project: 'Shiftly', month: '2026-10', actual: 2700 },
  ],
};

/**
 * The team answers an idle product with its own review, claiming a tenth of what the product
 * earns, and runs no user-acquisition experiments (one for Tallyo would be its next step, and no
 * review is proposed beside it).
 */
function seedOwnReview(app: Goalpost): void {
  seedTeam(app, SPEC);
  app.playbooks.remove(LEAD, 'growth.experiment');
  app.playbooks.remove(LEAD, 'stale.review');
  app.playbooks.add(LEAD, {
    key: 'flagship.review',
    signal: 'stale_project',
    title: 'Review {project} with its lead',
    category: 'research',
    effortHours: 1,
    impactShare: 0.1,
  });
}

describe('the priority scale', () => {
  const team = useTeam();

  it('is set by the real work, not by planning that comes after it', () => {
    seedOwnReview(team.open('2026-10-25T09:00:00Z'));
    const tasks = plan(team.reopen('2026-11-21T09:00:00Z'));
    const review = tasks.find((t) => /^Review Tallyo/.test(t.title));
    const work = tasks.find((t) => t.title === "Build 'Shift swap requests' for Shiftly");
    expect(review, tasks.map((t) => t.title).join('; ')).toBeDefined();
    expect(work).toBeDefined();
    // The review outscores the work, and is lowered below it.
    expect(review?.score).toBeGreaterThan(work?.score ?? 0);
    expect(work?.priority).toBe(absolutePriority(work?.score ?? 0));
    expect(review?.priority).toBeLessThan(work?.priority ?? 0);
  });

  it('is not set by the review once it is approved either', () => {
    seedOwnReview(team.open('2026-10-25T09:00:00Z'));
    const saturday = team.reopen('2026-11-21T09:00:00Z');
    const batch = saturday.engine.generate(LEAD, { maxTasks: 5 });
    const review = batch.tasks.find((t) => /^Review Tallyo/.test(t.title));
    const work = batch.tasks.find((t) => t.title === "Build 'Shift swap requests' for Shiftly");
    saturday.decisions.decide(LEAD, { ref: review?.ref, action: 'approve' });
    const sunday = team.reopen('2026-11-22T09:00:00Z');
    sunday.engine.generate(LEAD, { maxTasks: 5 });
    expect(sunday.tasks.show(LEAD, work?.ref).task.priority).toBe(work?.priority);
  });

  // A review found one critical bug, scoring thousands, put nine of ten open tasks at P0, a feature
  // under way among them, and all of them back up to P10 the day it was fixed. The bug goes first,
  // alone at the top; the rest keep the priority their own value gives them, on both days.
  it('is not set by a critical bug either, before or after it is fixed', () => {
    const app = team.open('2026-10-25T09:00:00Z');
    seedTeam(app, SPEC);
    app.projects.addFeature(LEAD, 'Shiftly', { title: 'Payroll export', estimate: '2d' });
    app.projects.addBug(LEAD, 'Tallyo', { title: 'Invoices are never sent', severity: 'critical' });
    const saturday = team.reopen('2026-11-21T09:00:00Z');
    const batch = saturday.engine.generate(LEAD, { maxTasks: 5 }).tasks;
    const bug = taskTitled(batch, fix('Invoices are never sent', 'Tallyo'));
    const work = taskTitled(batch, "Build 'Shift swap requests' for Shiftly");
    const payroll = taskTitled(batch, "Build 'Payroll export' for Shiftly");
    expect(bug.score).toBeGreaterThan(8 * work.score);
    expect(bug.priority).toBe(10);
    for (const t of batch) if (t !== bug) expect(t.priority, t.title).toBeLessThan(10);
    expect(work.priority).toBe(Math.min(9, absolutePriority(work.score)));
    expect(payroll.priority).toBeGreaterThan(3);

    saturday.decisions.decide(LEAD, { ref: work.ref, action: 'approve' });
    saturday.decisions.decide(LEAD, { ref: bug.ref, action: 'approve' });
    saturday.decisions.decide(LEAD, { ref: bug.ref, action: 'done' });
    const sunday = team.reopen('2026-11-22T09:00:00Z');
    sunday.engine.generate(LEAD, { maxTasks: 5 });
    for (const t of [work, payroll]) {
      const moved = sunday.tasks.show(LEAD, t.ref).task.priority - t.priority;
      expect(Math.abs(moved), t.title).toBeLessThanOrEqual(1);
    }
  });

  // A review's team approved its features at P10; the next morning one quick high bug on the
  // flagship (hours of work, a fifth of what it earns at risk) scored some twenty times the best of
  // them, put them at P3 beside it and back at P10 the day after it was fixed. A lead who approved
  // work at P10 must find it near P10 the next day: the bug leads, a step or so above the rest.
  it('is not pushed down by one outlier, and comes back when it is fixed', () => {
    const app = team.open('2026-10-25T09:00:00Z');
    seedTeam(app, SPEC);
    app.projects.addFeature(LEAD, 'Shiftly', { title: 'Payroll export', estimate: '2d' });
    const saturday = team.reopen('2026-11-21T09:00:00Z');
    const batch = saturday.engine.generate(LEAD, { maxTasks: 5 }).tasks;
    const work = [
      taskTitled(batch, "Build 'Shift swap requests' for Shiftly"),
      taskTitled(batch, "Build 'Payroll export' for Shiftly"),
    ];
    for (const t of work) saturday.decisions.decide(LEAD, { ref: t.ref, action: 'approve' });
    saturday.projects.addBug(LEAD, 'Tallyo', {
      title: 'Invoice totals round the wrong way',
      severity: 'high',
      estimate: '2h',
    });

    const sunday = team.reopen('2026-11-22T09:00:00Z');
    const bug = taskTitled(
      sunday.engine.generate(LEAD, { maxTasks: 5 }).tasks,
      fix('Invoice totals round the wrong way', 'Tallyo'),
    );
    const onSunday = work.map((t) => sunday.tasks.show(LEAD, t.ref).task);
    expect(bug.score, 'the bug is an outlier').toBeGreaterThan(8 * Math.max(...onSunday.map((t) => t.score)));
    expect(bug.priority).toBe(10);
    for (const [i, t] of onSunday.entries()) {
      expect(t.priority, t.title).toBeLessThan(10);
      expect((work[i] as (typeof work)[number]).priority - t.priority, t.title).toBeLessThanOrEqual(2);
    }

    sunday.decisions.decide(LEAD, { ref: bug.ref, action: 'approve' });
    sunday.decisions.decide(LEAD, { ref: bug.ref, action: 'done' });
    const monday = team.reopen('2026-11-23T09:00:00Z');
    monday.engine.generate(LEAD, { maxTasks: 5 });
    for (const [i, t] of onSunday.entries()) {
      const now = monday.tasks.show(LEAD, t.ref).task.priority;
      expect(Math.abs(now - t.priority), t.title).toBeLessThanOrEqual(2);
      expect(now, t.title).toBe((work[i] as (typeof work)[number]).priority);
    }
  });
});
