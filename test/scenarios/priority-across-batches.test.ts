import { describe, expect, it } from 'vitest';
import type { Task } from '../../src/index.js';
import { build, LEAD, seedTeam, type TeamSpec, useTeam } from './team.js';

// Three products of one studio, one feature each, estimated by the team. On Saturday the batch is
// led by Tallyo's annual plans (half a day), which set the top of its scale, so Shiftly's shift
// swaps (two days) are proposed a few steps below; the lead approves both and Tallyo's ships that
// evening. On Sunday Pennant's team invites (a week) come next: worth less than the shift swaps
// still waiting for someone to pick them up. A lead sorting the
// open work by priority (`goalpost tasks`, the queue, a worker agent's claim) must find the shift
// swaps above it, not below because Saturday's scale was anchored on work since done.
const SPEC: TeamSpec = {
  vision: {
    statement: 'Tools small firms pay for',
    primary_goal: 'Reach $20,000 MRR',
    focus_areas: ['growth'],
    revenue_targets: { '2027-03': 20000 },
  },
  projects: [
    { name: 'Tallyo', revenueBearing: true, focus: ['growth'] },
    { name: 'Shiftly', revenueBearing: true, focus: ['growth'] },
    { name: 'Pennant', revenueBearing: true, focus: ['growth'] },
  ],
  revenue: [
    { project: 'Tallyo', month: '2026-10', actual: 9000 },
    { project: 'Shiftly', month: '2026-10', actual: 1500 },
    { project: 'Pennant', month: '2026-10', actual: 400 },
  ],
};

const open = (tasks: readonly Task[]) =>
  tasks.filter((t) => t.status === 'proposed' || t.status === 'approved' || t.status === 'in_progress');

/** Every pair of open work where the one worth more reads a lower priority. */
function inversions(tasks: readonly Task[]): string[] {
  const out: string[] = [];
  for (const a of tasks)
    for (const b of tasks)
      if (a.score > b.score && a.priority < b.priority)
        out.push(
          `${a.ref} "${a.title}" (${a.status}, score ${a.score}) at P${a.priority} below ${b.ref} "${b.title}" (${b.status}, score ${b.score}) at P${b.priority}`,
        );
  return out;
}

describe('priorities of open work from different batches', () => {
  const team = useTeam();

  function seed() {
    const app = team.open('2026-11-21T09:00:00Z');
    seedTeam(app, SPEC);
    app.projects.addFeature(LEAD, 'Tallyo', { title: 'Annual plans', status: 'planned', estimate: '4h' });
    app.projects.addFeature(LEAD, 'Shiftly', { title: 'Shift swaps', status: 'planned', estimate: '16h' });
    app.projects.addFeature(LEAD, 'Pennant', { title: 'Team invites', status: 'planned', estimate: '40h' });
  }

  /** Saturday's batch of two, both approved, Tallyo's annual plans shipped that evening. */
  function saturday(started: boolean) {
    seed();
    const app = team.reopen('2026-11-21T09:00:00Z');
    const batch = app.engine.generate(LEAD, { maxTasks: 2 });
    const annual = batch.tasks.find((t) => t.title === build('Annual plans', 'Tallyo'));
    const swaps = batch.tasks.find((t) => t.title === build('Shift swaps', 'Shiftly'));
    if (annual === undefined || swaps === undefined)
      throw new Error(batch.tasks.map((t) => t.title).join('; '));
    // Saturday's scale is Tallyo's: the swaps read lower.
    expect(swaps.priority).toBeLessThan(annual.priority);
    app.decisions.decide(LEAD, { ref: annual.ref, action: 'approve' });
    app.decisions.decide(LEAD, { ref: swaps.ref, action: 'approve' });
    if (started) app.decisions.decide(LEAD, { ref: swaps.ref, action: 'start' });
    team
      .reopen('2026-11-21T18:00:00Z')
      .decisions.decide(LEAD, { ref: annual.ref, action: 'done', note: 'shipped' });
    return swaps;
  }

  function sunday(started: boolean) {
    const swaps = saturday(started);
    const app = team.reopen('2026-11-22T09:00:00Z');
    const second = app.engine.generate(LEAD, { maxTasks: 5 });
    const invites = second.tasks.find((t) => t.title === build('Team invites', 'Pennant'));
    if (invites === undefined) throw new Error(second.tasks.map((t) => t.title).join('; '));
    return { app, second, swaps, invites };
  }

  it('compare: approved work worth more reads a higher priority than a later proposal worth less', () => {
    const { app, second, swaps, invites } = sunday(false);
    const now = app.tasks.show(LEAD, swaps.ref).task;
    // Worth more, decided on Saturday: its value stays as decided.
    expect(now.score).toBe(swaps.score);
    expect(now.revenueImpact).toBe(swaps.revenueImpact);
    expect(now.score).toBeGreaterThan(invites.score);
    expect(inversions(open(app.tasks.list(LEAD, {})))).toEqual([]);
    // The list the lead sorts by priority puts the swaps first.
    const refs = open(app.tasks.list(LEAD, {})).map((t) => t.ref);
    expect(refs.indexOf(swaps.ref ?? '')).toBeLessThan(refs.indexOf(invites.ref ?? ''));
    // The plan says so, and the task's history says when and why its priority moved.
    expect(second.rescaled).toEqual([
      { ref: swaps.ref, title: swaps.title, status: 'approved', was: swaps.priority, priority: now.priority },
    ]);
    const step = app.tasks.show(LEAD, swaps.ref).events.at(-1);
    expect(step?.note).toBe(
      `priority on the scale of batch ${second.batchId}: P${swaps.priority} → P${now.priority}`,
    );
  });

  it('compare with work under way too', () => {
    const { app, swaps, invites } = sunday(true);
    const now = app.tasks.show(LEAD, swaps.ref).task;
    expect(now.status).toBe('in_progress');
    expect(now.score).toBeGreaterThan(invites.score);
    expect(inversions(open(app.tasks.list(LEAD, {})))).toEqual([]);
  });

  it('are left as they are by a dry run, which says what saving would change', () => {
    const swaps = saturday(false);
    const app = team.reopen('2026-11-22T09:00:00Z');
    const dry = app.engine.generate(LEAD, { dryRun: true, maxTasks: 5 });
    expect(dry.rescaled.find((c) => c.ref === swaps.ref)?.was).toBe(swaps.priority);
    expect(app.tasks.show(LEAD, swaps.ref).task.priority).toBe(swaps.priority);
  });
});
