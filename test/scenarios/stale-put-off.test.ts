import { describe, expect, it } from 'vitest';
import { LEAD, plan, seedTeam, type TeamSpec, titles, useTeam } from './team.js';

// A review's lead put both features of Shiftly, a product growing 41 % a month, off to the next
// sprint; two weeks on the plan proposed "Review Shiftly: set its next step or pause it", saying
// "Shiftly has gone stale with nothing planned" and "No dollars at stake". Its next step was set:
// next sprint. Work the team turned down for good leaves it with nothing planned, and a review is
// then the right call.
const SHIFTLY = 'Shiftly';
const SPEC: TeamSpec = {
  vision: {
    statement: 'Scheduling shift workers love',
    primary_goal: 'Grow paying venues',
    focus_areas: ['activation'],
    revenue_targets: { '2027-03': 25_000 },
  },
  projects: [{ name: SHIFTLY, revenueBearing: true, focus: [] }],
  revenue: [
    { project: SHIFTLY, month: '2026-10', actual: 1_700 },
    { project: SHIFTLY, month: '2026-11', actual: 2_400 },
  ],
};
const REVIEW = `Review ${SHIFTLY}: set its next step or pause it`;

describe('a product whose work the team put off', () => {
  const team = useTeam();

  function bothRejected(reason: string) {
    const app = team.open('2026-12-07T09:00:00Z');
    seedTeam(app, SPEC);
    app.projects.addFeature(LEAD, SHIFTLY, { title: 'Shift swap requests' });
    app.projects.addFeature(LEAD, SHIFTLY, { title: 'SMS shift reminders' });
    const batch = app.engine.generate(LEAD, { maxTasks: 2 });
    for (const t of batch.tasks) app.decisions.decide(LEAD, { ref: t.ref, action: 'reject', note: reason });
    // Two weeks on, the plan drafts an acquisition experiment for its share of the gap, which the
    // lead rejects as marketing's.
    const later = team.reopen('2026-12-22T09:00:00Z');
    const experiment = later.engine
      .generate(LEAD, { maxTasks: 5 })
      .tasks.find((t) => t.title.startsWith('Run a user-acquisition experiment'));
    expect(experiment).toBeDefined();
    later.decisions.decide(LEAD, {
      ref: experiment?.ref,
      action: 'reject',
      note: 'marketing owns acquisition, not us',
    });
    return later;
  }

  it('is not reviewed as gone stale with nothing planned while that work waits for its time', () => {
    for (const reason of ['after the launch', 'not now', 'until January']) {
      const later = bothRejected(reason);
      expect(titles(plan(later, 5)), reason).not.toContain(REVIEW);
    }
  });

  // Put off to the next sprint, the work comes back a sprint on (two weeks), not after the 30 days
  // of any rejection: the review's lead would have found it a sprint late.
  it('has the work it put off to the next sprint back two weeks on', () => {
    const app = team.open('2026-12-07T09:00:00Z');
    seedTeam(app, SPEC);
    app.projects.addFeature(LEAD, SHIFTLY, { title: 'Shift swap requests' });
    const [task] = app.engine.generate(LEAD, { maxTasks: 1 }).tasks;
    const rejected = app.decisions.decide(LEAD, { ref: task?.ref, action: 'reject', note: 'next sprint' });
    expect(rejected.held?.until).toBe('2026-12-21T09:00:00.000Z');
    const swaps = "Build 'Shift swap requests' for Shiftly";
    expect(titles(plan(team.reopen('2026-12-20T09:00:00Z')))).not.toContain(swaps);
    expect(titles(plan(team.reopen('2026-12-21T09:00:00Z')))).toContain(swaps);
  });

  it('is reviewed once the team turned its work down for good', () => {
    const later = bothRejected('nobody asked for this');
    expect(titles(plan(later, 5))).toContain(REVIEW);
  });
});
