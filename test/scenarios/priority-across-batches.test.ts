import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { Task } from '../../src/index.js';
import { taskCard } from '../../src/views/cards.js';
import { APP, churnGoalTeam } from './churn-goal.js';
import { build, type GoalSpec, LEAD, seedTeam, type TeamSpec, useTeam } from './team.js';

/** The churn goal's measurements: off track and slipping. */
const MEASURED: NonNullable<GoalSpec['observed']> = [
  ['2026-09-01', 5],
  ['2026-10-01', 5.6],
  ['2026-11-01', 6.1],
];

// Three products of one studio, one feature each, estimated and ranked by the team. On Saturday
// the batch is led by Tallyo's annual plans (half a day, high priority), which set the top of its
// scale, so Shiftly's shift swaps (two days) are proposed a few steps below; the lead approves both
// and Tallyo's ships that evening. On Sunday Pennant's team invites (a week, on no focus area of
// the vision) come next: worth less than the shift swaps still waiting for someone to pick them up. A lead sorting the
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
    { name: 'Pennant', revenueBearing: true, focus: [] },
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
    const add = (project: string, title: string, estimate: string, priority?: 'high') =>
      app.projects.addFeature(LEAD, project, {
        title,
        status: 'planned',
        estimate,
        ...(priority ? { priority } : {}),
      });
    add('Tallyo', 'Annual plans', '4h', 'high');
    add('Shiftly', 'Shift swaps', '16h');
    add('Pennant', 'Team invites', '40h');
  }

  /**
   * Saturday's batch of three (the two features, and a growth experiment for what Tallyo's half
   * day of work leaves of its share of the gap), the features approved, Tallyo's annual plans
   * shipped that evening.
   */
  function saturday(started: boolean) {
    seed();
    const app = team.reopen('2026-11-21T09:00:00Z');
    const batch = app.engine.generate(LEAD, { maxTasks: 3 });
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
    const line = `Priority now ${now.priority} (P${swaps.priority} before), on the scale of the open work on 2026-11-22: its value stays as it was decided`;
    expect(second.rescaled).toEqual([
      {
        ref: swaps.ref,
        title: swaps.title,
        status: 'approved',
        was: swaps.priority,
        priority: now.priority,
        line,
      },
    ]);
    const step = app.tasks.show(LEAD, swaps.ref).events.at(-1);
    expect(step?.note).toBe(
      `priority on the scale of batch ${second.batchId}: P${swaps.priority} → P${now.priority}`,
    );
    // Its card's reasoning says the priority its header shows, below the lines it was decided on
    // (whose score line says the priority it had then), above the routing.
    expect(now.reasoning.filter((l) => l.startsWith('Priority now '))).toEqual([line]);
    expect(now.reasoning.at(-1)).toMatch(/^Route: /);
    expect(now.reasoning.find((l) => l.startsWith('Score '))).toMatch(
      new RegExp(`→ priority ${swaps.priority}$`),
    );
    // A second plan the same day leaves it there, and writes nothing.
    const third = app.engine.generate(LEAD, { maxTasks: 5 });
    expect(third.rescaled).toEqual([]);
    expect(app.tasks.show(LEAD, swaps.ref).task.reasoning).toEqual(now.reasoning);
  });

  it('compare with work under way too', () => {
    const { app, swaps, invites } = sunday(true);
    const now = app.tasks.show(LEAD, swaps.ref).task;
    expect(now.status).toBe('in_progress');
    expect(now.score).toBeGreaterThan(invites.score);
    expect(inversions(open(app.tasks.list(LEAD, {})))).toEqual([]);
    // Its card's header shows the new priority; its last line still says who holds it.
    const { events } = app.tasks.show(LEAD, swaps.ref);
    expect(events.at(-1)?.note).toMatch(/^priority on the scale of batch/);
    const card = taskCard(now, events);
    expect(card.priority).toBe(now.priority);
    expect(card.lastEvent).toMatch(/^started by cli:lead/);
  });

  it('are left as they are by a dry run, which says what saving would change', () => {
    const swaps = saturday(false);
    const app = team.reopen('2026-11-22T09:00:00Z');
    const dry = app.engine.generate(LEAD, { dryRun: true, maxTasks: 5 });
    expect(dry.rescaled.find((c) => c.ref === swaps.ref)?.was).toBe(swaps.priority);
    expect(app.tasks.show(LEAD, swaps.ref).task.priority).toBe(swaps.priority);
  });

  it('keep an approved prerequisite at no lower priority than the work that waits for it', () => {
    // The goal's diagnosis approved, the experiment after it still proposed; the goal slips on
    // Sunday, and the experiment, valued again, rises: the diagnosis rises with it.
    const app = team.open();
    seedTeam(app, churnGoalTeam([{ project: APP, month: '2026-10', actual: 4200 }], MEASURED));
    const saturday = app.engine.generate(LEAD, { maxTasks: 5 });
    const diagnose = saturday.tasks.find((t) => /^Find out why/.test(t.title));
    const experiment = saturday.tasks.find((t) => /^Run an experiment/.test(t.title));
    const billing = saturday.tasks.find((t) => /Annual billing/.test(t.title));
    app.decisions.decide(LEAD, { ref: diagnose?.ref, action: 'approve' });
    app.decisions.decide(LEAD, { ref: billing?.ref, action: 'reject', note: 'not now' });
    const sunday = team.reopen('2026-11-22T09:00:00Z');
    sunday.goals.observe(LEAD, { metric: 'ledgerly_churn', value: 7.5, at: '2026-11-22T08:00:00Z' });
    sunday.engine.generate(LEAD, { maxTasks: 5 });
    const first = sunday.tasks.show(LEAD, diagnose?.ref).task;
    const next = sunday.tasks.show(LEAD, experiment?.ref).task;
    expect(next.dependsOn).toContain(first.ref);
    expect(first.priority).toBeGreaterThanOrEqual(next.priority);
  });

  it('rank an approved prerequisite by its own worth once the work it unblocked is rejected', () => {
    // Saturday: the diagnosis is proposed at the experiment's priority, as the experiment needs
    // it; the lead approves the diagnosis and rejects the experiment. The diagnosis is worth what
    // its own score line says, and its card's header must say that too; on Sunday nothing waits
    // for it, so it ranks by that, not by the experiment the team turned down.
    const app = team.open();
    seedTeam(app, churnGoalTeam([{ project: APP, month: '2026-10', actual: 4200 }], MEASURED));
    const saturday = app.engine.generate(LEAD, { maxTasks: 5 });
    const diagnose = saturday.tasks.find((t) => /^Find out why/.test(t.title));
    const experiment = saturday.tasks.find((t) => /^Run an experiment/.test(t.title));
    if (diagnose === undefined || experiment === undefined)
      throw new Error(saturday.tasks.map((t) => t.title).join('; '));
    expect(diagnose.priority).toBe(experiment.priority);
    const ownLine = diagnose.reasoning.find((l) => l.startsWith('Score '));
    expect(ownLine).toMatch(new RegExp(`^Score ${diagnose.score.toFixed(1)} = `));
    expect(diagnose.score).toBeLessThan(experiment.score);
    app.decisions.decide(LEAD, { ref: diagnose.ref, action: 'approve' });
    app.decisions.decide(LEAD, { ref: experiment.ref, action: 'reject', note: 'not this quarter' });
    const sunday = team.reopen('2026-11-22T09:00:00Z');
    const plan = sunday.engine.generate(LEAD, { maxTasks: 5 });
    const now = sunday.tasks.show(LEAD, diagnose.ref).task;
    expect(now.score).toBe(diagnose.score);
    // No line says it inherits from the rejected experiment, and its priority is the one its own
    // score has on Sunday's scale, as the open work it is compared with.
    expect(
      now.reasoning.filter((l) => /inherits priority/.test(l) && !l.startsWith('Prerequisite of')),
    ).toEqual([]);
    expect(inversions(open(sunday.tasks.list(LEAD, {})))).toEqual([]);
    const rescaled = plan.rescaled.find((r) => r.ref === diagnose.ref);
    if (rescaled !== undefined) expect(rescaled.line).not.toMatch(/inherits/);
  });

  it('keep approved upkeep after the real work, whatever goal it serves', () => {
    const app = team.open();
    seedTeam(app, churnGoalTeam([{ project: APP, month: '2026-10', actual: 4200 }], MEASURED));
    app.projects.addFeature(LEAD, APP, {
      title: 'Upgrade the billing SDK',
      status: 'planned',
      upkeep: true,
      goal: 'ledgerly_churn',
    });
    const first = app.engine.generate(LEAD, { maxTasks: 5 });
    const upkeep = first.tasks.find((t) => /SDK/.test(t.title));
    expect(upkeep?.reasoning.at(-2)).toMatch(/^Upkeep comes after the real work: lowered/);
    app.decisions.decide(LEAD, { ref: upkeep?.ref, action: 'approve' });
    const later = team.reopen('2026-11-21T11:00:00Z').engine.generate(LEAD, { maxTasks: 5 });
    expect(later.rescaled).toEqual([]);
  });

  it('route approved work nobody holds in the order of the scale, not of the priorities stored before', () => {
    // Saturday: three approved (beside Tallyo's growth experiment); the annual plans ship. The
    // shift swaps are worth more than the team invites, but a version before this one left them
    // at P2 and the invites at P9.
    seed();
    const saturday = team.reopen('2026-11-21T09:00:00Z');
    const batch = saturday.engine.generate(LEAD, { maxTasks: 4 });
    const ref = (title: string) => batch.tasks.find((t) => t.title === title)?.ref as string;
    const [annual, swaps, invites] = [
      ref(build('Annual plans', 'Tallyo')),
      ref(build('Shift swaps', 'Shiftly')),
      ref(build('Team invites', 'Pennant')),
    ];
    for (const r of [annual, swaps, invites]) saturday.decisions.decide(LEAD, { ref: r, action: 'approve' });
    saturday.decisions.decide(LEAD, { ref: annual, action: 'done', note: 'shipped' });
    const db = new Database(team.path());
    const stale = db.prepare('UPDATE tasks SET priority = ? WHERE seq = ?');
    stale.run(2, Number(swaps.slice(2)));
    stale.run(9, Number(invites.slice(2)));
    db.close();
    // Sunday: one person, with room for two tasks: Tallyo's growth experiment, still awaiting a
    // decision, tops the scale (its share of the gap is left it beside the shipped annual plans),
    // then the shift swaps, not the invites.
    const sunday = team.reopen('2026-11-22T09:00:00Z');
    sunday.assignees.add(LEAD, { name: 'maya', capacity: 2 });
    const plan = sunday.engine.generate(LEAD, { maxTasks: 3 });
    const experiment = batch.tasks.find((t) => /experiment/.test(t.title))?.ref;
    expect(plan.routed.map((r) => `${r.ref} → ${r.assignee}`)).toEqual([
      `${experiment} → maya`,
      `${swaps} → maya`,
    ]);
    expect(sunday.tasks.show(LEAD, swaps).task.priority).toBeGreaterThan(
      sunday.tasks.show(LEAD, invites).task.priority,
    );
  });
});
