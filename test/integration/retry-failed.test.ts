import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type Clock, fixedClock, type OpenedGoalpost, openGoalpost, silentLogger } from '../../src/index.js';
import { taskCard } from '../../src/views/cards.js';
import { openIssue } from '../helpers/backlog-issue.js';
import { chatHarness, textOf } from '../helpers/chat.js';
import { manualClock } from '../helpers/goalpost-fixture.js';
import { plantTasks } from '../helpers/planted-tasks.js';
import { useTempDir } from '../helpers/temp-dir.js';

// Failed work is held back for a day, so what stopped it can clear (see FAILED_HOLD_HOURS). When
// the team clears it sooner, `retry` puts the work back in the queue at once, as a new task: the
// failure stays on record, as routing and confidence learned it.
const tempDir = useTempDir();
const opened: OpenedGoalpost[] = [];
afterEach(() => {
  for (const o of opened.splice(0)) o.close();
});

const LEAD = { workspaceId: 'default', actor: 'cli:lead', source: 'cli', role: 'admin' } as const;

function open(now: string | Clock, dbPath = join(tempDir(), 'g.db')) {
  const clock = typeof now === 'string' ? fixedClock(now) : now;
  const o = openGoalpost({ dbPath, clock, logger: silentLogger });
  opened.push(o);
  return { ...o, ctx: o.app.context(LEAD), dbPath };
}

/** The demo, its Basic EDU Apps connected to acme/edu-apps with approved tasks exported as issues. */
function exporting(clock: string | Clock = '2026-11-23T09:00:00Z') {
  const g = open(clock);
  g.app.demo.load(g.ctx);
  const plan = g.app.github.planConnect(g.ctx, {
    repo: 'acme/edu-apps',
    project: 'Basic EDU Apps',
    exportTasks: true,
  });
  g.app.github.connect(g.ctx, plan, {
    fullName: 'acme/edu-apps',
    htmlUrl: 'https://github.com/acme/edu-apps',
  });
  return g;
}

/** Task `ref` approved, exported to acme/edu-apps as issue `number`, then failed. */
function exportedAndFailed(g: ReturnType<typeof exporting>, ref: string, number: number): void {
  g.app.decisions.decide(g.ctx, { ref, action: 'approve' });
  g.app.github.recordExport(g.ctx, 'acme/edu-apps', ref, {
    number,
    url: `https://github.com/acme/edu-apps/issues/${number}`,
  });
  g.app.decisions.decide(g.ctx, { ref, action: 'fail', note: 'sandbox locked' });
}

/** The demo's plan, its first task approved, given to ana and failed on an outside blocker. */
function failedFeature() {
  const g = open('2026-11-23T09:00:00Z');
  g.app.demo.load(g.ctx);
  g.app.assignees.add(g.ctx, { name: 'ana', capacity: 3 });
  const [first] = g.app.engine.generate(g.ctx, { maxTasks: 3 }).tasks;
  if (first?.ref == null) throw new Error('the demo proposed nothing');
  g.app.decisions.decide(g.ctx, { ref: first.ref, action: 'approve' });
  g.app.decisions.assign(g.ctx, first.ref, 'ana');
  g.app.decisions.decide(g.ctx, { ref: first.ref, action: 'fail', note: 'Stripe test key missing' });
  return { ...g, ref: first.ref, title: first.title };
}

describe('retrying a failed task', () => {
  it('queues its work again at once as a new approved task, to whoever failed it, keeping the failure on record', () => {
    const g = failedFeature();
    const failedBefore = g.app.tasks.show(g.ctx, g.ref).task;
    g.app.webhooks.add(g.ctx, { url: 'https://hooks.example.com/goalpost', events: 'task.decided' });
    const result = g.app.decisions.retry(g.ctx, g.ref, 'the key is in the vault now');
    expect(result.changed).toBe(true);
    const retry = result.task;
    expect(retry.ref).not.toBe(g.ref);
    expect(retry).toMatchObject({
      status: 'approved',
      title: g.title,
      assignee: 'ana',
      item: failedBefore.item,
      revenueImpact: failedBefore.revenueImpact,
    });
    expect(retry.reasoning.at(-1)).toBe(
      `Retry of ${g.ref}, which failed on 2026-11-23 ("Stripe test key missing"); the lines above are as the work was first proposed`,
    );
    // The work's own headline stays first (a digest's line, a worker's "why").
    expect(retry.reasoning.slice(0, -1)).toEqual(failedBefore.reasoning);
    // The failed task stays failed, its outcome counted, and its history names the retry.
    const failed = g.app.tasks.show(g.ctx, g.ref);
    expect(failed.task.status).toBe('failed');
    expect(failed.events.at(-1)).toMatchObject({
      type: 'retried',
      note: `as ${retry.ref}: the key is in the vault now`,
    });
    expect(g.app.tasks.show(g.ctx, retry.ref).events.map((e) => [e.type, e.note])).toEqual([
      ['created', `retry of ${g.ref}`],
      ['approved', 'the key is in the vault now'],
    ]);
    // Ana's queue hands it to her, and a webhook hears of the approval.
    expect(g.app.queue.claim(g.ctx, 'ana').task?.ref).toBe(retry.ref);
    const due = g.store.transaction(() =>
      g.store.webhooks.claimDue('2026-11-24T00:00:00.000Z', '2026-11-24T00:05:00.000Z', 50),
    );
    expect(due.map((d) => [d.event, JSON.parse(d.payload)])).toEqual([
      [
        'task.decided',
        expect.objectContaining({
          ref: retry.ref,
          decision: 'approved',
          note: 'the key is in the vault now',
          retryOf: g.ref,
        }),
      ],
    ]);
  });

  it('is not proposed a second time by a plan while its retry is open, a day later or not', () => {
    const g = failedFeature();
    const { task: retry } = g.app.decisions.retry(g.ctx, g.ref);
    // Within the day failed work is held: what holds it now is its retry, which the plan names.
    const soon = g.app.engine.generate(g.ctx, { dryRun: true, maxTasks: 10 });
    expect(soon.tasks.map((t) => t.title)).not.toContain(g.title);
    const skippedNow = soon.skipped.find((s) => s.title === g.title);
    expect(JSON.stringify(skippedNow)).toContain(retry.ref);
    expect(JSON.stringify(skippedNow)).not.toContain('so what stopped it can clear');
    g.close();
    const next = open('2026-11-25T09:00:00Z', g.dbPath);
    const plan = next.app.engine.generate(next.ctx, { dryRun: true, maxTasks: 10 });
    expect(plan.tasks.map((t) => t.title)).not.toContain(g.title);
    const skipped = JSON.stringify(plan.skipped);
    expect(skipped).toContain(retry.ref);
  });

  it('changes nothing when retried again, naming the retry; a failed retry is retried in turn', () => {
    const g = failedFeature();
    const first = g.app.decisions.retry(g.ctx, g.ref).task;
    const again = g.app.decisions.retry(g.ctx, g.ref);
    expect(again).toMatchObject({ changed: false, task: { ref: first.ref, status: 'approved' } });
    g.app.decisions.decide(g.ctx, { ref: first.ref, action: 'fail', note: 'still no key' });
    expect(g.app.decisions.retry(g.ctx, g.ref)).toMatchObject({
      changed: false,
      task: { ref: first.ref, status: 'failed' },
    });
    const second = g.app.decisions.retry(g.ctx, first.ref);
    expect(second.changed).toBe(true);
    // Only the latest failure is said: the first retry's line is not carried over.
    expect(second.task.reasoning.filter((l) => l.startsWith('Retry of '))).toEqual([
      `Retry of ${first.ref}, which failed on 2026-11-23 ("still no key"); the lines above are as the work was first proposed`,
    ]);
    expect(g.app.tasks.list(g.ctx, { status: ['open'] }).filter((t) => t.title === g.title)).toHaveLength(1);
  });

  it('refuses what did not fail, work done or proposed again since, and a member, writing nothing', () => {
    const g = failedFeature();
    const count = () => g.app.tasks.list(g.ctx, { status: ['all'] }).length;
    const before = count();
    const open = g.app.tasks.list(g.ctx, { status: ['proposed'] })[0];
    expect(() => g.app.decisions.retry(g.ctx, open?.ref)).toThrow(
      `cannot retry ${open?.ref}: it is proposed (only a failed task can be retried)`,
    );
    g.app.decisions.decide(g.ctx, { ref: open?.ref, action: 'reject', note: 'not now' });
    expect(() => g.app.decisions.retry(g.ctx, open?.ref)).toThrow(
      `\`approve ${open?.ref}\` approves it after all`,
    );
    const member = g.app.context({ workspaceId: 'default', actor: 'console:cy', source: 'console' });
    expect(() => g.app.decisions.retry(member, g.ref)).toThrow(/approver/);
    // Its feature done by hand meanwhile: nothing left to retry.
    const item = g.app.tasks.show(g.ctx, g.ref).task.item;
    if (item?.kind !== 'feature') throw new Error('the demo’s first task is a feature');
    g.app.items.setFeatureStatus(g.ctx, item.id, 'done');
    expect(() => g.app.decisions.retry(g.ctx, g.ref)).toThrow(
      new RegExp(`cannot retry ${g.ref}: feature ${item.id}, ".*", is done`),
    );
    expect(count()).toBe(before);
    expect(g.app.tasks.show(g.ctx, g.ref).events.map((e) => e.type)).not.toContain('retried');
  });

  it('names both the task asked for and the failure of its chain a refusal is about', () => {
    const g = failedFeature();
    const first = g.app.decisions.retry(g.ctx, g.ref).task.ref;
    g.app.decisions.decide(g.ctx, { ref: first, action: 'fail', note: 'still locked' });
    const second = g.app.decisions.retry(g.ctx, first).task.ref;
    g.app.decisions.decide(g.ctx, { ref: second, action: 'cancel' });
    const item = g.app.tasks.show(g.ctx, g.ref).task.item;
    if (item?.kind !== 'feature') throw new Error('the demo’s first task is a feature');
    g.app.items.setFeatureStatus(g.ctx, item.id, 'done');
    expect(() => g.app.decisions.retry(g.ctx, g.ref)).toThrow(
      new RegExp(
        `^cannot retry ${g.ref} \\(its latest failed retry is ${first}\\): feature ${item.id}, ".*", is done`,
      ),
    );
  });

  it('is refused once a plan proposed the same work again, naming that task', () => {
    const g = failedFeature();
    g.close();
    const next = open('2026-11-25T09:00:00Z', g.dbPath);
    const proposed = next.app.engine
      .generate(next.ctx, { maxTasks: 10 })
      .tasks.find((t) => t.title === g.title);
    expect(proposed?.ref).toBeDefined();
    expect(() => next.app.decisions.retry(next.ctx, g.ref)).toThrow(
      `cannot retry ${g.ref}: ${proposed?.ref} proposes the same work now (approve ${proposed?.ref} instead)`,
    );
  });

  // A review's retry card said "Route: no assignees yet (/goalpost assignee add <name>), so nobody
  // is suggested" to a team that had added three since the work was proposed.
  it('says nothing of why nobody was suggested when the failed work was proposed', () => {
    const g = open('2026-11-23T09:00:00Z');
    g.app.demo.load(g.ctx);
    const [first] = g.app.engine.generate(g.ctx, { maxTasks: 3 }).tasks;
    if (first?.ref == null) throw new Error('the demo proposed nothing');
    expect(first.reasoning.at(-1)).toMatch(/^Route: no assignees yet .*, so nobody is suggested$/);
    g.app.assignees.add(g.ctx, { name: 'ana', capacity: 3 });
    g.app.decisions.decide(g.ctx, { ref: first.ref, action: 'approve' });
    g.app.decisions.decide(g.ctx, { ref: first.ref, action: 'fail', note: 'vendor SDK missing' });
    const { task } = g.app.decisions.retry(g.ctx, first.ref, 'SDK arrived');
    expect(task.reasoning.filter((l) => l.startsWith('Route: '))).toEqual([]);
    expect(task.reasoning.at(-1)).toMatch(new RegExp(`^Retry of ${first.ref}, which failed on`));
  });

  it('goes to nobody when whoever failed it left, and waits for prerequisites still open', () => {
    const g = open('2026-11-23T09:00:00Z');
    g.app.assignees.add(g.ctx, { name: 'bot1', kind: 'worker', capacity: 3 });
    g.app.assignees.add(g.ctx, { name: 'bot2', kind: 'worker', capacity: 3 });
    plantTasks(g, 'default', [
      { title: 'Get the API key' },
      { title: 'Rotate the webhook secret' },
      { title: 'Charge cards', after: ['T-1', 'T-2'] },
    ]);
    for (const ref of ['T-1', 'T-2', 'T-3']) g.app.decisions.decide(g.ctx, { ref, action: 'approve' });
    // Failed by bot1 before its prerequisites were done (marked by hand), which then leaves; one
    // prerequisite is cancelled after (a failed task is not released from what it waited for).
    g.app.decisions.assign(g.ctx, 'T-3', 'bot1');
    g.app.decisions.decide(g.ctx, { ref: 'T-3', action: 'fail', note: 'card network down' });
    g.app.decisions.decide(g.ctx, { ref: 'T-2', action: 'cancel' });
    g.app.assignees.remove(g.ctx, 'bot1');
    const result = g.app.decisions.retry(g.ctx, 'T-3');
    expect(result.task.assignee).toBeNull();
    expect(result.task.dependsOn).toEqual(['T-1']);
    expect(result.said).toEqual([
      'is no longer with bot1, who is no longer an assignee: whoever works on its project may claim it from the queue',
      'waits for T-1, as T-3 did',
      'no longer waits for T-2 (cancelled)',
    ]);
    // Held back until its prerequisite is done, then bot2's.
    expect(g.app.queue.claim(g.ctx, 'bot2').task?.ref).toBe('T-1');
    g.app.decisions.decide(g.ctx, { ref: 'T-1', action: 'done' });
    expect(g.app.queue.claim(g.ctx, 'bot2').task?.ref).toBe(result.task.ref);
  });

  it('holds back the same dependents whichever task of a chain is named, from the failure it retries', () => {
    for (const asked of ['first', 'latest'] as const) {
      const g = open('2026-11-23T09:00:00Z');
      g.app.assignees.add(g.ctx, { name: 'bot1', kind: 'worker', capacity: 3 });
      plantTasks(g, 'default', [
        { title: 'Set up Stripe billing' },
        { title: 'Launch the paid plan', after: ['T-1'] },
      ]);
      for (const ref of ['T-1', 'T-2']) g.app.decisions.decide(g.ctx, { ref, action: 'approve' });
      g.app.decisions.decide(g.ctx, { ref: 'T-1', action: 'fail', note: 'no account' });
      // Released, the launch went ahead; the retry of billing failed, and its own retry was cancelled.
      g.app.decisions.decide(g.ctx, { ref: 'T-2', action: 'approve' });
      g.app.decisions.assign(g.ctx, 'T-2', 'bot1');
      expect(g.app.queue.claim(g.ctx, 'bot1').task?.ref).toBe('T-2');
      const r1 = g.app.decisions.retry(g.ctx, 'T-1').task.ref;
      g.app.decisions.decide(g.ctx, { ref: r1, action: 'fail', note: 'card declined' });
      const r2 = g.app.decisions.retry(g.ctx, r1).task.ref;
      g.app.decisions.decide(g.ctx, { ref: r2, action: 'cancel' });
      g.app.queue.releaseTask(g.ctx, 'T-2', 'waiting for billing');
      // The launch was released by T-1's failure, before the failure retried now (r1's): it stays free.
      const result = g.app.decisions.retry(g.ctx, asked === 'first' ? 'T-1' : r1);
      expect(result.said).toEqual([]);
      expect(g.app.tasks.show(g.ctx, 'T-2').task.dependsOn).toEqual([]);
      g.close();
    }
  });

  it('holds back again what its failure released and has not started, until the retry is done', () => {
    const g = open('2026-11-23T09:00:00Z');
    g.app.assignees.add(g.ctx, { name: 'bot1', kind: 'worker', capacity: 3 });
    plantTasks(g, 'default', [
      { title: 'Set up Stripe billing' },
      { title: 'Launch the paid plan', after: ['T-1'] },
      { title: 'Email schools about pricing', after: ['T-1'] },
      { title: 'Write the pricing FAQ', after: ['T-1'] },
    ]);
    for (const ref of ['T-1', 'T-2', 'T-3', 'T-4']) g.app.decisions.decide(g.ctx, { ref, action: 'approve' });
    g.app.decisions.decide(g.ctx, { ref: 'T-1', action: 'fail', note: 'no Stripe account yet' });
    // The failure released all three; the team approved the launch again, started the emails and
    // rejected the FAQ.
    expect(g.app.tasks.show(g.ctx, 'T-2').task).toMatchObject({ status: 'proposed', dependsOn: [] });
    g.app.decisions.decide(g.ctx, { ref: 'T-3', action: 'approve' });
    g.app.decisions.assign(g.ctx, 'T-3', 'bot1');
    expect(g.app.queue.claim(g.ctx, 'bot1').task?.ref).toBe('T-3');
    g.app.decisions.decide(g.ctx, { ref: 'T-2', action: 'approve' });
    g.app.decisions.decide(g.ctx, { ref: 'T-4', action: 'reject', note: 'not now' });

    const result = g.app.decisions.retry(g.ctx, 'T-1', 'account opened');
    const retry = result.task.ref;
    expect(result.said).toEqual([`holds back T-2 again until it is done, as T-1 did`]);
    const launch = g.app.tasks.show(g.ctx, 'T-2');
    expect(launch.task).toMatchObject({ status: 'approved', dependsOn: [retry] });
    expect(launch.events.at(-1)).toMatchObject({
      type: 'dependency_restored',
      note: `T-1 retried as ${retry}: T-2 waits for ${retry} again`,
    });
    expect(g.app.tasks.show(g.ctx, 'T-3').task).toMatchObject({ status: 'in_progress', dependsOn: [] });
    expect(g.app.tasks.show(g.ctx, 'T-4').task).toMatchObject({ status: 'rejected', dependsOn: [] });
    // The queue hands out the retry first; the launch only once it is done.
    g.app.decisions.assign(g.ctx, retry, 'bot1');
    expect(g.app.queue.claim(g.ctx, 'bot1').task?.ref).toBe(retry);
    expect(g.app.queue.claim(g.ctx, 'bot1').task).toBeNull();
    // Failed again, the retry releases it again; retried again, it holds it back again.
    g.app.decisions.decide(g.ctx, { ref: retry, action: 'fail', note: 'card declined' });
    expect(g.app.tasks.show(g.ctx, 'T-2').task).toMatchObject({ status: 'proposed', dependsOn: [] });
    const next = g.app.decisions.retry(g.ctx, retry).task.ref;
    expect(g.app.tasks.show(g.ctx, 'T-2').task.dependsOn).toEqual([next]);
    g.app.decisions.decide(g.ctx, { ref: 'T-2', action: 'approve' });
    g.app.decisions.decide(g.ctx, { ref: next, action: 'done' });
    expect(g.app.queue.claim(g.ctx, 'bot1').task?.ref).toBe('T-2');
  });
});

describe('retrying a failed task, with the rest of the product', () => {
  it('keeps work given by hand to someone of other projects theirs, retry after retry', () => {
    const g = open('2026-11-23T09:00:00Z');
    const web = g.app.projects.add(g.ctx, { name: 'Web' });
    g.app.projects.add(g.ctx, { name: 'Mobile' });
    g.app.assignees.add(g.ctx, { name: 'ana', capacity: 3, projects: ['Mobile'] });
    plantTasks(g, 'default', [{ title: 'Export invoices as CSV', projectId: web.id }]);
    g.app.decisions.decide(g.ctx, { ref: 'T-1', action: 'approve' });
    g.app.decisions.assign(g.ctx, 'T-1', 'ana');
    g.app.decisions.decide(g.ctx, { ref: 'T-1', action: 'fail', note: 'no test data' });
    const first = g.app.decisions.retry(g.ctx, 'T-1');
    expect(first).toMatchObject({ task: { assignee: 'ana' }, said: [] });
    g.app.decisions.decide(g.ctx, { ref: first.task.ref, action: 'fail', note: 'still no test data' });
    const second = g.app.decisions.retry(g.ctx, first.task.ref);
    expect(second).toMatchObject({ task: { assignee: 'ana' }, said: [] });
  });

  it('says when it goes back to someone past their capacity', () => {
    const g = open('2026-11-23T09:00:00Z');
    g.app.assignees.add(g.ctx, { name: 'ana', capacity: 1 });
    plantTasks(g, 'default', [
      { title: 'Export invoices as CSV', assignee: 'ana' },
      { title: 'Import bank statements', assignee: 'ana' },
    ]);
    for (const ref of ['T-1', 'T-2']) g.app.decisions.decide(g.ctx, { ref, action: 'approve' });
    g.app.decisions.decide(g.ctx, { ref: 'T-1', action: 'fail', note: 'no test data' });
    const result = g.app.decisions.retry(g.ctx, 'T-1');
    expect(result.task.assignee).toBe('ana');
    expect(result.said).toEqual([
      'goes back all the same, though ana holds 2 open tasks now (proposals routed to them included), over a capacity of 1: routing gives them nothing more until some close',
    ]);
  });

  it('leaves the worker whose leases ran out: whoever works on its project claims the retry', () => {
    const clock = manualClock('2026-11-23T09:00:00Z');
    const o = openGoalpost({ dbPath: join(tempDir(), 'g.db'), clock, logger: silentLogger });
    opened.push(o);
    const lead = o.app.context(LEAD);
    o.app.assignees.add(lead, { name: 'bot1', kind: 'worker', capacity: 3 });
    o.app.assignees.add(lead, { name: 'bot2', kind: 'worker', capacity: 3 });
    plantTasks(o, 'default', [{ title: 'Rotate the API keys', assignee: 'bot1' }]);
    o.app.decisions.decide(lead, { ref: 'T-1', action: 'approve' });
    const bot1 = o.app.context({ workspaceId: 'default', actor: 'worker:bot1', source: 'worker' });
    for (let lost = 1; lost <= 3; lost += 1) {
      expect(o.app.queue.claim(bot1, 'bot1', 15).task?.ref).toBe('T-1');
      clock.advance(16 * 60_000);
      o.app.queue.view(lead);
    }
    expect(o.app.tasks.show(lead, 'T-1').task.status).toBe('failed');
    const result = o.app.decisions.retry(lead, 'T-1');
    expect(result.task.assignee).toBeNull();
    expect(result.said).toEqual([
      'is no longer with bot1: T-1 failed as its leases ran out (lease expired 3 times (last holder bot1)), so whoever works on its project may claim it from the queue',
    ]);
    expect(o.app.queue.claim(lead, 'bot2').task?.ref).toBe(result.task.ref);
  });

  it('hands its GitHub issue to the retry: closing the issue finishes the retry, as a merged PR naming the failed task does', () => {
    const g = exporting();
    const [one, two] = g.app.engine.generate(g.ctx, { maxTasks: 3 }).tasks;
    exportedAndFailed(g, String(one?.ref), 40);
    exportedAndFailed(g, String(two?.ref), 41);
    const first = g.app.decisions.retry(g.ctx, one?.ref);
    expect(first.said).toEqual([`is tracked by acme/edu-apps#40, ${one?.ref}'s issue`]);
    // A sync exports nothing new for it: the issue it has is the failed task's.
    expect(g.app.github.pendingExports(g.ctx, 'acme/edu-apps').map((t) => t.ref)).toEqual([]);
    const closed = openIssue('acme/edu-apps', 40, 'Finish the checkout', {
      state: 'closed',
      stateReason: 'completed',
      updatedAt: '2026-11-23T10:00:00Z',
    });
    g.app.github.ingest(g.ctx, 'acme/edu-apps', [closed]);
    expect(g.app.tasks.show(g.ctx, first.task.ref).task.status).toBe('done');
    expect(g.app.tasks.show(g.ctx, String(one?.ref)).task.status).toBe('failed');
    // A pull request naming the failed task finishes its open retry.
    const second = g.app.decisions.retry(g.ctx, two?.ref);
    const link = g.app.github.requireRepo(g.ctx, 'acme/edu-apps');
    const outcomes = g.app.github.closedPullRequest(g.ctx, link, {
      number: 7,
      title: `Admin dashboard (${two?.ref})`,
      body: '',
      htmlUrl: 'https://github.com/acme/edu-apps/pull/7',
      author: 'ana-gh',
      merged: true,
      mergedBy: 'ana-gh',
      closedAt: '2026-11-23T11:00:00Z',
      createdAt: '2026-11-23T09:30:00Z',
    });
    expect(outcomes.map((o) => [o.ref, o.result])).toEqual([[second.task.ref, 'done']]);
  });

  it('leaves an issue closed on GitHub since its task failed to that task: the retry is exported anew', () => {
    const g = exporting();
    const [one, two] = g.app.engine.generate(g.ctx, { maxTasks: 3 }).tasks.map((t) => String(t.ref));
    const issue = (number: number, state: 'open' | 'closed', updatedAt: string) =>
      openIssue('acme/edu-apps', number, `Task ${number}`, {
        state,
        stateReason: state === 'closed' ? 'not_planned' : null,
        updatedAt,
      });
    for (const [ref, number] of [
      [String(one), 40],
      [String(two), 41],
    ] as const) {
      exportedAndFailed(g, ref, number);
      // Closed on GitHub once its task had failed.
      g.app.github.ingest(g.ctx, 'acme/edu-apps', [issue(number, 'closed', '2026-11-23T10:00:00Z')]);
    }
    // #40: an older copy, still open, arrives late and changes nothing; #41 is opened again.
    g.app.github.ingest(g.ctx, 'acme/edu-apps', [issue(40, 'open', '2026-11-23T09:30:00Z')]);
    g.app.github.ingest(g.ctx, 'acme/edu-apps', [issue(41, 'open', '2026-11-23T11:00:00Z')]);

    const first = g.app.decisions.retry(g.ctx, one);
    expect(first.said).toEqual([`leaves acme/edu-apps#40 to ${one}: the issue was closed on GitHub`]);
    expect(g.app.tasks.show(g.ctx, String(one)).task.issue?.ref).toBe('acme/edu-apps#40');
    expect(first.task.issue ?? null).toBeNull();
    expect(g.app.github.pendingExports(g.ctx, 'acme/edu-apps').map((t) => t.ref)).toEqual([first.task.ref]);
    const second = g.app.decisions.retry(g.ctx, two);
    expect(second.said).toEqual([`is tracked by acme/edu-apps#41, ${two}'s issue`]);
  });

  it('keeps an issue closed before the retry took it over with the failed task, however late the sync', () => {
    const clock = manualClock('2026-11-23T09:00:00Z');
    const g = exporting(clock);
    const [one = '', two = ''] = g.app.engine
      .generate(g.ctx, { maxTasks: 3 })
      .tasks.map((t) => String(t.ref));
    exportedAndFailed(g, one, 40);
    exportedAndFailed(g, two, 41);
    const copy = (number: number, state: 'open' | 'closed', updatedAt: string) =>
      openIssue('acme/edu-apps', number, `Task ${number}`, {
        state,
        stateReason: state === 'closed' ? 'completed' : null,
        updatedAt,
      });
    // #40 is closed on GitHub at 10:00; the retry comes at 10:02, the sync that sees the close at 10:05.
    clock.advance(62 * 60_000);
    const first = g.app.decisions.retry(g.ctx, one);
    expect(first.said).toEqual([`is tracked by acme/edu-apps#40, ${one}'s issue`]);
    clock.advance(3 * 60_000);
    const counts = g.app.github.ingest(g.ctx, 'acme/edu-apps', [copy(40, 'closed', '2026-11-23T10:00:00Z')]);
    expect(counts.tasksClosed).toEqual([]);
    const retry = g.app.tasks.show(g.ctx, first.task.ref);
    expect(retry.task.status).toBe('approved');
    expect(retry.task.issue ?? null).toBeNull();
    expect(retry.events.at(-1)?.note).toBe(
      `acme/edu-apps#40 was closed on GitHub before ${first.task.ref} took it over: it stays ${one}'s, and ${first.task.ref} is exported anew`,
    );
    expect(g.app.tasks.show(g.ctx, one).task.issue?.ref).toBe('acme/edu-apps#40');
    expect(g.app.github.pendingExports(g.ctx, 'acme/edu-apps').map((t) => t.ref)).toEqual([first.task.ref]);
    // #41: closed at 10:00, opened again at 10:05, the copies delivered newest first; the late
    // "closed" copy closes nothing.
    g.app.github.ingest(g.ctx, 'acme/edu-apps', [copy(41, 'open', '2026-11-23T10:05:00Z')]);
    const second = g.app.decisions.retry(g.ctx, two);
    g.app.github.ingest(g.ctx, 'acme/edu-apps', [copy(41, 'closed', '2026-11-23T10:00:00Z')]);
    expect(g.app.tasks.show(g.ctx, second.task.ref).task).toMatchObject({
      status: 'approved',
      issue: { ref: 'acme/edu-apps#41' },
    });
  });

  it('past a cancelled retry, tries again from the latest failure, with the issue the cancelled one held', () => {
    const g = exporting();
    g.app.assignees.add(g.ctx, { name: 'ana', capacity: 3 });
    g.app.assignees.add(g.ctx, { name: 'bo', capacity: 3 });
    const first = String(g.app.engine.generate(g.ctx, { maxTasks: 3 }).tasks[0]?.ref);
    g.app.decisions.decide(g.ctx, { ref: first, action: 'approve' });
    g.app.decisions.assign(g.ctx, first, 'ana');
    g.app.github.recordExport(g.ctx, 'acme/edu-apps', first, {
      number: 40,
      url: 'https://github.com/acme/edu-apps/issues/40',
    });
    g.app.decisions.decide(g.ctx, { ref: first, action: 'fail', note: 'first reason' });
    const second = g.app.decisions.retry(g.ctx, first).task.ref;
    g.app.decisions.assign(g.ctx, second, 'bo');
    g.app.decisions.decide(g.ctx, { ref: second, action: 'fail', note: 'second reason' });
    const third = g.app.decisions.retry(g.ctx, second).task.ref;
    g.app.decisions.decide(g.ctx, { ref: third, action: 'cancel' });
    const fourth = g.app.decisions.retry(g.ctx, first);
    expect(fourth.failed.ref).toBe(second);
    expect(fourth.task).toMatchObject({ assignee: 'bo', issue: { ref: 'acme/edu-apps#40' } });
    expect(fourth.task.reasoning.at(-1)).toBe(
      `Retry of ${second}, which failed on 2026-11-23 ("second reason"); the lines above are as the work was first proposed`,
    );
    expect(fourth.said).toEqual([`is tracked by acme/edu-apps#40, ${third}'s issue`]);
    expect(g.app.github.pendingExports(g.ctx, 'acme/edu-apps')).toEqual([]);
    expect(g.app.decisions.retry(g.ctx, second)).toMatchObject({
      changed: false,
      task: { ref: fourth.task.ref },
    });
  });

  it('gives an issue made while its task failed and was retried to the open retry', () => {
    const g = exporting();
    const first = String(g.app.engine.generate(g.ctx, { maxTasks: 3 }).tasks[0]?.ref);
    g.app.decisions.decide(g.ctx, { ref: first, action: 'approve' });
    expect(g.app.github.pendingExports(g.ctx, 'acme/edu-apps').map((t) => t.ref)).toEqual([first]);
    // The sync is making the issue on GitHub meanwhile.
    g.app.decisions.decide(g.ctx, { ref: first, action: 'fail', note: 'sandbox locked' });
    const retry = g.app.decisions.retry(g.ctx, first).task.ref;
    const recorded = g.app.github.recordExport(g.ctx, 'acme/edu-apps', first, {
      number: 41,
      url: 'https://github.com/acme/edu-apps/issues/41',
    });
    expect(recorded.ref).toBe(retry);
    expect(g.app.github.pendingExports(g.ctx, 'acme/edu-apps')).toEqual([]);
  });

  it('serves the goal its item serves now, not the one the failed task was proposed for', () => {
    const g = failedFeature();
    g.app.goals.add(g.ctx, { metric: 'signups', target: 500, by: '2026-12-31' });
    const item = g.app.tasks.show(g.ctx, g.ref).task.item;
    if (item?.kind !== 'feature') throw new Error('the demo’s first task is a feature');
    g.app.items.setGoal(g.ctx, 'feature', item.id, 'signups');
    const retry = g.app.decisions.retry(g.ctx, g.ref).task;
    expect(retry.goalId).toBe(g.app.goals.list(g.ctx)[0]?.goal.id);
  });

  it('names the open end of a chain of retries, and retries again past a cancelled one', () => {
    const g = failedFeature();
    const first = g.app.decisions.retry(g.ctx, g.ref).task;
    g.app.decisions.decide(g.ctx, { ref: first.ref, action: 'fail', note: 'still locked' });
    const second = g.app.decisions.retry(g.ctx, first.ref).task;
    expect(g.app.decisions.retry(g.ctx, g.ref)).toMatchObject({ changed: false, task: { ref: second.ref } });
    const card = (ref: string) => {
      const shown = g.app.tasks.show(g.ctx, ref);
      return taskCard(shown.task, shown.events);
    };
    expect(card(first.ref).buttons).toEqual([]);
    g.app.decisions.decide(g.ctx, { ref: second.ref, action: 'cancel', note: 'wrong sandbox' });
    // The failure it retried offers Retry again, and says why.
    expect(card(first.ref).buttons.map((b) => b.action)).toEqual(['retry']);
    expect(card(first.ref).lastEvent).toBe(
      `${second.ref}, its retry, was cancelled (wrong sandbox): \`retry ${first.ref}\` tries again`,
    );
    const third = g.app.decisions.retry(g.ctx, g.ref);
    expect(third.changed).toBe(true);
    expect(third.task.status).toBe('approved');
    expect(card(first.ref).buttons).toEqual([]);
  });

  it('is refused once the same work, proposed again, was rejected since it failed', () => {
    const g = failedFeature();
    g.close();
    const next = open('2026-11-25T09:00:00Z', g.dbPath);
    const again = next.app.engine.generate(next.ctx, { maxTasks: 10 }).tasks.find((t) => t.title === g.title);
    next.app.decisions.decide(next.ctx, { ref: again?.ref, action: 'reject', note: 'not this quarter' });
    expect(() => next.app.decisions.retry(next.ctx, g.ref)).toThrow(
      `cannot retry ${g.ref}: ${again?.ref}, the same work proposed since, was rejected by cli:lead at 2026-11-25 09:00 UTC: "not this quarter" (\`approve ${again?.ref}\` approves it after all)`,
    );
  });
});

describe('retry in chat', () => {
  it('takes a click or reaction delivered again as the same one: one retry, nothing said twice', async () => {
    const chat = chatHarness(tempDir(), '2026-11-23T09:00:00Z');
    try {
      await chat.say('ana', '/goalpost digest');
      await chat.say('ana', '/goalpost approve T-1');
      await chat.say('ana', '/goalpost fail T-1 the staging database is down');
      const ctx = chat.app.context({ workspaceId: 'default', actor: 'console:ana', source: 'console' });
      const failed = chat.app.tasks.show(ctx, 'T-1').task;
      const press = {
        workspaceId: 'default',
        platform: 'console' as const,
        userId: 'bo',
        channelId: 'console',
        action: 'retry' as const,
        taskId: failed.id,
        eventId: 'click-7',
      };
      const first = chat.bot.press(press);
      expect(textOf(first)).toMatch(/🔁 T-1 retried as T-\d+/);
      const again = chat.bot.press(press);
      expect(again.duplicate).toBe(true);
      expect(again.messages).toEqual([]);
      // Another click is another request: told it was retried already.
      expect(textOf(chat.bot.press({ ...press, eventId: 'click-8' }))).toMatch(/already retried/);
      const open = chat.app.tasks.list(ctx, { status: ['approved'] }).filter((t) => t.title === failed.title);
      expect(open).toHaveLength(1);
    } finally {
      chat.close();
    }
  });

  it('tells the channel, posts the new card and updates the failed one; a member is refused', async () => {
    const chat = chatHarness(tempDir(), '2026-11-23T09:00:00Z');
    try {
      await chat.say('ana', '/goalpost digest');
      await chat.say('ana', '/goalpost approve T-1');
      await chat.say('ana', '/goalpost fail T-1 the staging database is down');
      const refused = await chat.say('cy', '/goalpost retry T-1');
      expect(refused.visibility).toBe('ephemeral');
      expect(textOf(refused)).toMatch(/approver/);
      const before = chat.changes();
      const reply = await chat.say('bo', '/goalpost retry T-1 staging is back');
      expect(chat.changes()).toBeGreaterThan(before);
      expect(reply.visibility).toBe('channel');
      const text = textOf(reply);
      expect(text).toMatch(/🔁 T-1 retried as (T-\d+) by @?bo: staging is back, approved/);
      const retry = /retried as (T-\d+)/.exec(text)?.[1];
      expect(
        reply.messages.some((m) => m.kind === 'task' && m.card.ref === retry && m.card.status === 'approved'),
      ).toBe(true);
      expect(reply.updates?.map((c) => [c.ref, c.status])).toEqual([['T-1', 'failed']]);
      const two = await chat.say('bo', '/goalpost retry T-1 T-2');
      expect(textOf(two)).toMatch(/retry takes one task: "T-2" reads as more tasks, not a note/);
      const again = await chat.say('bo', '/goalpost retry T-1');
      expect(again.visibility).toBe('ephemeral');
      expect(textOf(again)).toBe(`T-1 was already retried as ${retry}, which is approved; nothing changed.`);
      // Rejected by mistake: the way back is said.
      await chat.say('bo', `/goalpost reject ${retry} retried by mistake`);
      expect(textOf(await chat.say('bo', '/goalpost retry T-1'))).toBe(
        `T-1 was already retried as ${retry}, which is rejected; nothing changed (\`/goalpost approve ${retry}\` approves it after all).`,
      );
    } finally {
      chat.close();
    }
  });
});
