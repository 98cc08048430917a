import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fixedClock, type OpenedGoalpost, openGoalpost, silentLogger } from '../../src/index.js';
import { openIssue } from '../helpers/backlog-issue.js';
import { plantTasks } from '../helpers/planted-tasks.js';
import { useTempDir } from '../helpers/temp-dir.js';

// What a rejected task approved after all must set right, found by a review: who held it may have
// gone, what it waited for may have ended, and the same work may have been done as another task.
const tempDir = useTempDir();
const opened: OpenedGoalpost[] = [];
afterEach(() => {
  for (const o of opened.splice(0)) o.close();
});

const LEAD = { workspaceId: 'default', actor: 'cli:lead', source: 'cli', role: 'admin' } as const;

function open(now = '2026-11-23T09:00:00Z', dbPath = join(tempDir(), 'g.db')) {
  const o = openGoalpost({ dbPath, clock: fixedClock(now), logger: silentLogger });
  opened.push(o);
  return { ...o, ctx: o.app.context(LEAD), dbPath };
}

describe('approving a rejected task after all', () => {
  it('leaves its assignee out when they stopped taking work meanwhile, so another can claim it', () => {
    const { app, ctx, store } = open();
    app.assignees.add(ctx, { name: 'bot1', kind: 'worker', capacity: 3 });
    plantTasks({ app, store }, 'default', [{ title: 'Export invoices as CSV' }]);
    app.decisions.assign(ctx, 'T-1', 'bot1');
    app.decisions.decide(ctx, { ref: 'T-1', action: 'reject', note: 'wrong card' });
    app.assignees.remove(ctx, 'bot1');
    app.assignees.add(ctx, { name: 'bot2', kind: 'worker', capacity: 3 });
    const approved = app.decisions.decide(ctx, { ref: 'T-1', action: 'approve' });
    expect(approved.task.assignee).toBeNull();
    expect(approved.setRight).toEqual([
      'is no longer with bot1, who is no longer an assignee: whoever works on its project may claim it from the queue',
    ]);
    expect(app.tasks.show(ctx, 'T-1').events.at(-1)?.data).toMatchObject({ unassigned: 'bot1' });
    expect(app.queue.claim(ctx, 'bot2').task?.ref).toBe('T-1');
  });

  it('keeps work given by hand to someone of other projects theirs, as assignee set does', () => {
    const { app, ctx, store } = open();
    const web = app.projects.add(ctx, { name: 'Web' });
    app.projects.add(ctx, { name: 'Mobile' });
    app.assignees.add(ctx, { name: 'ana', capacity: 3, projects: ['Mobile'] });
    plantTasks({ app, store }, 'default', [{ title: 'Export invoices as CSV', projectId: web.id }]);
    app.decisions.assign(ctx, 'T-1', 'ana');
    app.decisions.decide(ctx, { ref: 'T-1', action: 'reject', note: 'wrong card' });
    const approved = app.decisions.decide(ctx, { ref: 'T-1', action: 'approve' });
    expect(approved.task.assignee).toBe('ana');
    expect(approved.setRight).toBeUndefined();
    expect(app.tasks.show(ctx, 'T-1').task.assignee).toBe('ana');
  });

  it('no longer waits for a prerequisite that failed while it was rejected, and stays approved', () => {
    const { app, ctx, store } = open();
    app.assignees.add(ctx, { name: 'bot1', kind: 'worker', capacity: 3 });
    plantTasks({ app, store }, 'default', [
      { title: 'Get the API key' },
      { title: 'Charge cards', after: ['T-1'] },
    ]);
    app.decisions.decide(ctx, { ref: 'T-2', action: 'reject', note: 'not now' });
    app.decisions.decide(ctx, { ref: 'T-1', action: 'approve' });
    app.decisions.decide(ctx, { ref: 'T-1', action: 'fail', note: 'no key to be had' });
    const approved = app.decisions.decide(ctx, { ref: 'T-2', action: 'approve' });
    // The reply (and the card made from it) shows what it waits for now: nothing.
    expect(approved.task.dependsOn).toEqual([]);
    expect(approved.setRight).toEqual(['no longer waits for T-1 (failed)']);
    const shown = app.tasks.show(ctx, 'T-2');
    expect(shown.task.dependsOn).toEqual([]);
    expect(shown.events.at(-1)?.data).toMatchObject({ noLongerWaitsFor: ['T-1 (failed)'] });
    // The queue's sweep of ended prerequisites finds nothing to send back to awaiting a decision.
    expect(app.queue.claim(ctx, 'bot1').task?.ref).toBe('T-2');
    expect(app.tasks.show(ctx, 'T-2').task.status).toBe('in_progress');
  });

  it('puts the tasks waiting back as they were when a reaction is taken back', () => {
    const { app, ctx, store } = open();
    plantTasks({ app, store }, 'default', [
      { title: 'Set up Stripe billing' },
      { title: 'Launch the paid plan', after: ['T-1'] },
    ]);
    const task = (ref: string) => app.tasks.show(ctx, ref).task;
    const id = task('T-1').id;
    // ❌ on T-1 sent the approved launch back to proposed; taking the ❌ back gives its approval back.
    app.decisions.decide(ctx, { ref: 'T-2', action: 'approve' });
    app.decisions.decide(ctx, { ref: 'T-1', action: 'reject', note: 'no reason given', reaction: '❌' });
    expect(task('T-2')).toMatchObject({ status: 'proposed', dependsOn: [] });
    app.decisions.undo(ctx, { taskId: id, action: 'reject', reaction: '❌' });
    expect(task('T-2')).toMatchObject({ status: 'approved', dependsOn: ['T-1'] });
    expect(app.tasks.show(ctx, 'T-2').events.at(-1)?.note).toBe(
      'T-1 is no longer rejected (the reaction was removed): T-2 waits for T-1 again, approved again',
    );
    // Rejected by command: the launch released and approved again by the team, on its own. A ✅
    // after all holds it back; taking the ✅ back lets it go, still approved.
    app.decisions.decide(ctx, { ref: 'T-1', action: 'reject', note: 'not this quarter' });
    app.decisions.decide(ctx, { ref: 'T-2', action: 'approve' });
    app.decisions.decide(ctx, { ref: 'T-1', action: 'approve', reaction: '✅' });
    expect(task('T-2')).toMatchObject({ status: 'approved', dependsOn: ['T-1'] });
    app.decisions.undo(ctx, { taskId: id, action: 'approve', reaction: '✅' });
    expect(task('T-1').status).toBe('rejected');
    expect(task('T-2')).toMatchObject({ status: 'approved', dependsOn: [] });
  });

  it('holds back again what its rejection released and has not started', () => {
    const { app, ctx, store } = open();
    plantTasks({ app, store }, 'default', [
      { title: 'Set up Stripe billing' },
      { title: 'Launch the paid plan', after: ['T-1'] },
      { title: 'Email schools about pricing', after: ['T-1'] },
    ]);
    for (const ref of ['T-1', 'T-2', 'T-3']) app.decisions.decide(ctx, { ref, action: 'approve' });
    app.decisions.decide(ctx, { ref: 'T-1', action: 'reject', note: 'not this quarter' });
    expect(app.tasks.show(ctx, 'T-2').task).toMatchObject({ status: 'proposed', dependsOn: [] });
    // The emails went ahead on their own; the launch waits for a decision.
    app.decisions.decide(ctx, { ref: 'T-3', action: 'approve' });
    app.decisions.decide(ctx, { ref: 'T-3', action: 'start' });
    const approved = app.decisions.decide(ctx, { ref: 'T-1', action: 'approve' });
    expect(approved.setRight).toEqual(['holds back T-2 again until it is done']);
    const launch = app.tasks.show(ctx, 'T-2');
    expect(launch.task).toMatchObject({ status: 'proposed', dependsOn: ['T-1'] });
    expect(launch.events.at(-1)).toMatchObject({
      type: 'dependency_restored',
      note: 'T-1 approved after all: T-2 waits for T-1 again',
    });
    expect(app.tasks.show(ctx, 'T-3').task).toMatchObject({ status: 'in_progress', dependsOn: [] });
  });

  it('undoes what a reaction did to the tasks waiting, when the reaction is taken back', () => {
    const { app, ctx, store } = open();
    plantTasks({ app, store }, 'default', [
      { title: 'Set up Stripe billing' },
      { title: 'Launch the paid plan', after: ['T-1'] },
    ]);
    const task = (ref: string) => app.tasks.show(ctx, ref);
    const id = task('T-1').task.id;
    // ❌ by reaction releases the launch; taking the ❌ back holds it back again.
    app.decisions.decide(ctx, { ref: 'T-1', action: 'reject', note: 'no reason given', reaction: '❌' });
    expect(task('T-2').task.dependsOn).toEqual([]);
    expect(app.decisions.undo(ctx, { taskId: id, action: 'reject', reaction: '❌' }).changed).toBe(true);
    expect(task('T-2').task.dependsOn).toEqual(['T-1']);
    expect(task('T-2').events.at(-1)?.note).toBe(
      'T-1 is no longer rejected (the reaction was removed): T-2 waits for T-1 again',
    );
    // Rejected again, then ✅ after all by reaction: held back; the ✅ taken back: released again.
    app.decisions.decide(ctx, { ref: 'T-1', action: 'reject', note: 'not this quarter' });
    app.decisions.decide(ctx, { ref: 'T-1', action: 'approve', reaction: '✅' });
    expect(task('T-2').task.dependsOn).toEqual(['T-1']);
    expect(app.decisions.undo(ctx, { taskId: id, action: 'approve', reaction: '✅' }).changed).toBe(true);
    expect(task('T-1').task.status).toBe('rejected');
    expect(task('T-2').task.dependsOn).toEqual([]);
    // Approved after all once more: held back once, said once.
    const approved = app.decisions.decide(ctx, { ref: 'T-1', action: 'approve' });
    expect(approved.setRight).toEqual(['holds back T-2 again until it is done']);
    const restored = task('T-2').events.filter((e) => e.type === 'dependency_restored');
    expect(restored.map((e) => e.note)).toEqual([
      'T-1 is no longer rejected (the reaction was removed): T-2 waits for T-1 again',
      'T-1 approved after all: T-2 waits for T-1 again',
      'T-1 approved after all: T-2 waits for T-1 again',
    ]);
  });

  it('is refused once the same work was done as another task, though its GitHub issue is still open', () => {
    const first = open('2026-11-21T09:00:00Z');
    first.app.demo.load(first.ctx);
    const plan = first.app.github.planConnect(first.ctx, {
      repo: 'acme/edu-apps',
      project: 'Basic EDU Apps',
    });
    first.app.github.connect(first.ctx, plan, {
      fullName: 'acme/edu-apps',
      htmlUrl: 'https://github.com/acme/edu-apps',
    });
    const issue = openIssue('acme/edu-apps', 30, 'Crash on grade export', { labels: ['bug', 'P0'] });
    first.app.github.ingest(first.ctx, 'acme/edu-apps', [issue]);
    const crash = first.app.engine
      .generate(first.ctx, { maxTasks: 10 })
      .tasks.find((t) => t.title.includes('grade export'));
    first.app.decisions.decide(first.ctx, { ref: crash?.ref, action: 'reject', note: 'not this sprint' });
    first.close();
    // Past the cooldown the crash is proposed again, and fixed; the issue waits for its pull request.
    const later = open('2026-12-31T09:00:00Z', first.dbPath);
    const again = later.app.engine
      .generate(later.ctx, { maxTasks: 10 })
      .tasks.find((t) => t.title.includes('grade export'));
    expect(again?.ref).not.toBe(crash?.ref);
    later.app.decisions.decide(later.ctx, { ref: again?.ref, action: 'approve' });
    later.app.decisions.decide(later.ctx, { ref: again?.ref, action: 'done' });
    expect(() => later.app.decisions.decide(later.ctx, { ref: crash?.ref, action: 'approve' })).toThrow(
      `cannot approve ${crash?.ref}: ${again?.ref} did the same work since, done on 2026-12-31`,
    );
  });
});
