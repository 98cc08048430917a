import { describe, expect, it } from 'vitest';
import { fixedClock, type Goalpost, openGoalpost, silentLogger } from '../../src/index.js';
import { LEAD, NOW, type OpenOptions, useTeam } from './team.js';

// A team of one: maya takes one task at a time. On Saturday's batch, planned three ahead of her
// one slot, she is given the first proposal, and nobody is free for the rest. The lead approves the first two. Maya finishes the
// first on Monday: the approved work waiting for someone must be hers at the next plan, before any
// new proposal less pressing than it, not left "nobody yet" in the queue for good (a trial's
// finding). Only work more pressing goes first: the third proposal, still awaiting a decision,
// which Monday's plan values above it, until the lead rejects it. Approved work a worker gave back
// to the queue waits there for whoever claims it: no plan hands it out again.
const MONDAY = new Date(Date.parse(NOW) + 2 * 86_400_000).toISOString();

describe('approved work nobody holds', () => {
  const team = useTeam();

  function saturday(): { app: Goalpost; refs: string[] } {
    const app = team.open();
    app.demo.load(LEAD);
    app.assignees.add(LEAD, { name: 'maya', capacity: 1 });
    // The lead plans three ahead of maya's one slot (a batch otherwise proposes no more than that).
    const batch = app.engine.generate(LEAD, { maxTasks: 3, ignoreCapacity: true });
    expect(batch.tasks.map((t) => t.assignee)).toEqual(['maya', null, null]);
    const refs = batch.tasks.map((t) => t.ref as string);
    for (const ref of refs.slice(0, 2)) app.decisions.decide(LEAD, { ref, action: 'approve' });
    return { app, refs };
  }

  it('goes to whoever is free at the next plan, before the new proposals', () => {
    const { app, refs } = saturday();
    const [first, second, third] = refs as [string, string, string];
    expect(app.tasks.show(LEAD, second).task.assignee).toBeNull();
    for (const action of ['start', 'done'] as const) app.decisions.decide(LEAD, { ref: first, action });

    const monday = team.reopen(MONDAY);
    // Valued again on Monday, the third proposal is more pressing than the approved work (P10 to
    // P9): her slot is its while the team decides. Until this rule, approved work went first
    // whatever its priority, and an upkeep chore kept a critical bug from anyone (a lead's review).
    const pressing = monday.engine.generate(LEAD, { dryRun: true, maxTasks: 3 });
    expect(pressing.routed).toEqual([
      { ref: third, title: expect.any(String), status: 'proposed', assignee: 'maya' },
    ]);
    monday.decisions.decide(LEAD, { ref: third, action: 'reject', note: 'not this quarter' });

    const preview = monday.engine.generate(LEAD, { dryRun: true, maxTasks: 3 });
    expect(preview.routed).toEqual([
      { ref: second, title: expect.any(String), status: 'approved', assignee: 'maya' },
    ]);
    // Her one slot goes to the approved work: the new proposals find nobody free.
    expect(preview.tasks.every((t) => t.assignee === null)).toBe(true);
    expect(monday.tasks.show(LEAD, second).task.assignee).toBeNull();

    const saved = monday.engine.generate(LEAD, { maxTasks: 3 });
    expect(saved.routed.map((r) => `${r.ref} ${r.status} → ${r.assignee}`)).toEqual([
      `${second} approved → maya`,
    ]);
    const { task, events } = monday.tasks.show(LEAD, second);
    expect(task).toMatchObject({ status: 'approved', assignee: 'maya' });
    expect(events.at(-1)).toMatchObject({
      type: 'routed',
      toStatus: 'approved',
      note: `routed to maya with batch ${saved.batchId}`,
    });
    expect(task.reasoning.find((l) => l.startsWith('Route:'))).toMatch(/^Route: maya/);
    // Held now: the next plan routes nothing again.
    expect(monday.engine.generate(LEAD, { dryRun: true, maxTasks: 3 }).routed).toEqual([]);
  });

  it('is not handed out again once a worker gave it back to the queue', () => {
    const { app, refs } = saturday();
    const [first] = refs as [string];
    expect(app.queue.claim(LEAD, 'maya').task?.ref).toBe(first);
    app.decisions.decide(LEAD, { ref: first, action: 'done' });
    // Maya claims the approved work nobody held, then gives it back.
    const claimed = app.queue.claim(LEAD, 'maya').task;
    expect(claimed?.ref).toBe(refs[1]);
    app.queue.releaseTask(LEAD, claimed?.ref, 'needs a designer first');

    const monday = team.reopen(MONDAY);
    const saved = monday.engine.generate(LEAD, { maxTasks: 3 });
    expect(saved.routed.filter((r) => r.status === 'approved')).toEqual([]);
    expect(monday.tasks.show(LEAD, claimed?.ref).task).toMatchObject({ status: 'approved', assignee: null });
  });

  it('is not routed by a plan that began before it was handed back', () => {
    const { app, refs } = saturday();
    const [first, second] = refs as [string, string];
    expect(app.queue.claim(LEAD, 'maya').task?.ref).toBe(first);
    app.decisions.decide(LEAD, { ref: first, action: 'done' });
    let fired = false;
    const monday = team.reopen(MONDAY, {
      // Another process, while this plan reads: maya claims the approved work, then gives it back
      // (its status, and the open tasks' version, read as before).
      beforeWorkspaceRead: () => {
        if (fired) return;
        fired = true;
        const other = openGoalpost({ dbPath: team.path(), clock: fixedClock(MONDAY), logger: silentLogger });
        const claimed = other.app.queue.claim(LEAD, 'maya').task;
        expect(claimed?.ref).toBe(second);
        other.app.queue.releaseTask(LEAD, second, 'needs a designer first');
        other.close();
      },
    } as OpenOptions);
    const saved = monday.engine.generate(LEAD, { maxTasks: 3 });
    expect(fired).toBe(true);
    expect(saved.routed.filter((r) => r.status === 'approved')).toEqual([]);
    expect(monday.tasks.show(LEAD, second).task).toMatchObject({ status: 'approved', assignee: null });
  });
});
