import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import {
  type ClaimResult,
  type GenerateResult,
  type LearnResult,
  openGoalpost,
  type QueueView,
  type RouteAnswer,
  silentLogger,
  type Task,
} from '../../src/index.js';
import { cliFor } from '../helpers/run-cli.js';
import { snapshot } from '../helpers/snapshot.js';
import { useTempDir } from '../helpers/temp-dir.js';

const tempDir = useTempDir();

/** The quick start's workspace with four proposed tasks and three assignees. */
async function team(now = '2026-11-21T09:00:00Z') {
  const db = join(tempDir(), 'g.db');
  const cli = cliFor(db, now);
  await cli('init', '--demo');
  await cli('bug', 'add', 'Basic EDU Apps', 'Checkout crashes on Safari', '--severity', 'critical');
  await cli('generate', '--max-tasks', '4');
  await cli('assignee', 'add', 'dev_worker1', '--kind', 'worker');
  await cli('assignee', 'add', 'dev_worker2', '--kind', 'worker');
  await cli('assignee', 'add', 'design_lead', '--kind', 'person', '--slack', 'U024BE7LH');
  return { db, cli, at: (later: string) => cliFor(db, later) };
}

const stats = (db: string) => snapshot(db).task_stats;

describe('outcomes and learning', () => {
  it('counts an outcome once however often it arrives, and learn rebuilds the same statistics', async () => {
    const { db, cli } = await team();
    const tasks = (await cli('tasks', '--json')).json<Task[]>();
    const revenue = tasks.filter((t) => t.category === 'feature').map((t) => t.ref);
    await cli('approve', revenue[0] ?? '');
    await cli('approve', revenue[1] ?? '');
    expect((await cli('done', revenue[0] ?? '', '--assignee', 'dev_worker1', '--minutes', '45')).code).toBe(
      0,
    );
    expect(
      (await cli('fail', revenue[1] ?? '', '--assignee', 'dev_worker2', '--reason', 'card tests fail in CI'))
        .code,
    ).toBe(0);
    const once = stats(db);
    expect(once).toHaveLength(2);
    // The history says whom each outcome was credited to, as learning counts it.
    expect((await cli('task', 'show', revenue[0] ?? '')).stdout).toMatch(
      / done {6}by cli:\S+ via cli, credited to dev_worker1 \(45 min\)\n/,
    );
    expect((await cli('task', 'show', revenue[1] ?? '')).stdout).toMatch(
      / failed {4}by cli:\S+ via cli, credited to dev_worker2 \([^)]+\) — card tests fail in CI\n/,
    );
    const again = await cli('done', revenue[0] ?? '', '--assignee', 'dev_worker1', '--minutes', '45');
    expect(again.stdout).toMatch(/already done \(done by cli:\S+ at 2026-11-21 09:00 UTC\); nothing changed/);
    expect(stats(db)).toEqual(once);
    const first = (await cli('learn', '--json')).json<LearnResult>();
    expect(first.unchanged).toBe(true);
    expect(stats(db)).toEqual(once);
    expect((await cli('learn', '--json')).json<LearnResult>().unchanged).toBe(true);
    expect(stats(db)).toEqual(once);
    const w1 = first.table.find((r) => r.assignee === 'dev_worker1');
    expect(w1).toMatchObject({ category: 'feature', successes: 1, failures: 0, medianMinutes: 45 });
    // A failure says nothing about how long the work takes.
    expect(first.table.find((r) => r.assignee === 'dev_worker2')?.medianMinutes).toBeNull();
    expect(once?.find((s) => (s as { assignee: string }).assignee === 'dev_worker2')).toMatchObject({
      minutes_count: 0,
      minutes_sum: 0,
    });
  });

  it('takes the time a task took as a duration too, as an estimate is typed', async () => {
    const { db, cli } = await team();
    const [first] = (await cli('tasks', '--json')).json<Task[]>().map((t) => t.ref);
    await cli('approve', first ?? '');
    expect((await cli('done', first ?? '', '--assignee', 'dev_worker1', '--minutes', '1h30m')).code).toBe(0);
    expect((await cli('task', 'show', first ?? '')).stdout).toMatch(/credited to dev_worker1 \(1 h 30 min\)/);
    expect(stats(db)?.[0]).toMatchObject({ minutes_count: 1, minutes_sum: 90 });
  });

  it('learns an outcome under the assignee as registered, however its name was typed', async () => {
    const { db, cli } = await team();
    const [first, second] = (await cli('tasks', '--json')).json<Task[]>().map((t) => t.ref);
    await cli('approve', first ?? '');
    await cli('approve', second ?? '');
    // Names match as the assignee table compares them, ignoring case: what is learned must too.
    expect((await cli('done', first ?? '', '--assignee', 'DEV_WORKER1', '--minutes', '30')).code).toBe(0);
    expect((await cli('fail', second ?? '', '--assignee', 'Dev_Worker1', '--reason', 'flaky')).code).toBe(0);
    const shown = (await cli('task', 'show', first ?? '', '--json')).json<{ task: Task }>();
    expect(shown.task.assignee).toBe('dev_worker1');
    const assigneeOf = (row: unknown) => (row as { assignee: string }).assignee;
    expect(new Set(stats(db)?.map(assigneeOf))).toEqual(new Set(['dev_worker1']));
    expect(snapshot(db).task_outcomes?.map(assigneeOf)).toEqual(['dev_worker1', 'dev_worker1']);
    const learned = (await cli('learn', '--json')).json<LearnResult>();
    expect(learned.unchanged).toBe(true);
    const rows = learned.table.map((r) => ({ assignee: r.assignee, done: r.successes, failed: r.failures }));
    expect(new Set(rows.map((r) => r.assignee))).toEqual(new Set(['dev_worker1']));
    expect(rows.reduce((n, r) => n + r.done, 0)).toBe(1);
    expect(rows.reduce((n, r) => n + r.failed, 0)).toBe(1);
  });

  it('measures completion time from the start when no minutes are given', async () => {
    const { db, cli, at } = await team();
    await cli('approve', 'T-1');
    await at('2026-11-21T09:10:00Z')('start', 'T-1');
    await at('2026-11-21T10:25:00Z')('done', 'T-1', '--assignee', 'design_lead');
    const outcome = snapshot(db).task_outcomes as Array<{ minutes: number; assignee: string }>;
    expect(outcome).toEqual([expect.objectContaining({ minutes: 75, assignee: 'design_lead' })]);
  });

  it.each([
    [
      'an outcome for a task that is only proposed',
      ['done', 'T-2', '--assignee', 'dev_worker1'],
      /cannot mark T-2 done: it is proposed \(only a task that is approved or in progress can be marked done\)/,
    ],
    [
      'an unknown assignee',
      ['done', 'T-1', '--assignee', 'dev_worker9'],
      /unknown assignee "dev_worker9"; the assignees are design_lead, dev_worker1, dev_worker2; add them with `goalpost assignee add dev_worker9` \(`--kind worker` for an agent\)/,
    ],
    [
      'negative minutes',
      ['done', 'T-1', '--assignee', 'dev_worker1', '--minutes', '-5'],
      /minutes: minutes ≥ 0 like 45, or a duration like 1h30m \(got -5\)/,
    ],
    [
      'a duplicate assignee name',
      ['assignee', 'add', 'DEV_WORKER1'],
      /an assignee named "dev_worker1" already exists \(names match ignoring case, so "DEV_WORKER1" is taken\)/,
    ],
    ['a bad capacity', ['assignee', 'add', 'x', '--capacity', 'lots'], /capacity: a whole number ≥ 0/],
    [
      'minutes on a step that is not an outcome',
      ['start', 'T-1', '--minutes', '5'],
      /unknown option '--minutes'/,
    ],
    ['an unknown category to route', ['route', 'marketing'], /category: one of revenue, feature/],
  ])('refuses %s and writes nothing', async (_name, argv, message) => {
    const { db, cli } = await team();
    await cli('approve', 'T-1');
    const before = snapshot(db);
    const result = await cli(...argv);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(message);
    expect(snapshot(db)).toEqual(before);
  });

  it('fills in an assignee for every task of a new batch, with the evidence', async () => {
    const { cli } = await team();
    for (const ref of ['T-1', 'T-2', 'T-3']) await cli('approve', ref);
    await cli('done', 'T-2', '--assignee', 'dev_worker1', '--minutes', '40');
    await cli('done', 'T-3', '--assignee', 'dev_worker1', '--minutes', '50');
    await cli('cancel', 'T-4');
    await cli('bug', 'add', 'Basic EDU Apps', 'Refunds fail', '--severity', 'critical');
    const batch = (await cli('generate', '--max-tasks', '3', '--json')).json<GenerateResult>();
    expect(batch.tasks.length).toBeGreaterThan(0);
    for (const t of batch.tasks) {
      expect(t.assignee).toMatch(/^(dev_worker1|dev_worker2|design_lead)$/);
      expect(t.reasoning.at(-1)).toMatch(new RegExp(`^Route: ${t.assignee}: .*slots? in use`));
    }
  });

  it('routes each task of a batch by what its own category taught', async () => {
    const { db, cli } = await team();
    // dev_worker1 fixes bugs and fails at features; dev_worker2 the other way round.
    const learned = new Database(db);
    const put = learned.prepare(
      `INSERT INTO task_stats (workspace_id, category, assignee, successes, failures, decayed_successes,
         decayed_failures, decay_at, minutes_sum, minutes_count, last_at)
       VALUES ('default', ?, ?, ?, ?, ?, ?, '2026-11-20T09:00:00.000Z', 0, 0, '2026-11-20T09:00:00.000Z')`,
    );
    learned.transaction(() => {
      for (const [category, good, bad] of [
        ['bugfix', 'dev_worker1', 'dev_worker2'],
        ['feature', 'dev_worker2', 'dev_worker1'],
      ]) {
        put.run(category, good, 40, 0, 40, 0);
        put.run(category, bad, 0, 40, 0, 40);
        put.run(category, 'design_lead', 0, 40, 0, 40);
      }
    })();
    learned.close();
    // The first batch's proposals, made before anyone was added, are given by hand: a plan would
    // otherwise route them beside the batch, and the better-ranked would take the workers' room.
    for (const t of (await cli('tasks', '--json')).json<Task[]>()) await cli('assign', t.ref, 'design_lead');
    await cli('bug', 'add', 'Basic EDU Apps', 'Refunds fail', '--severity', 'critical');
    const batch = (await cli('generate', '--dry-run', '--max-tasks', '3', '--json')).json<GenerateResult>();
    const first = (category: string) => batch.tasks.find((t) => t.category === category);
    expect(first('bugfix')?.assignee).toBe('dev_worker1');
    expect(first('feature')?.assignee).toBe('dev_worker2');
  });

  it('never routes to an assignee at capacity', async () => {
    const { cli } = await team();
    await cli('assignee', 'add', 'solo', '--capacity', '0');
    const batch = (await cli('generate', '--dry-run', '--max-tasks', '10', '--json')).json<GenerateResult>();
    expect(batch.tasks.some((t) => t.assignee === 'solo')).toBe(false);
    const route = (await cli('route', 'revenue', '--json')).json<RouteAnswer>();
    expect(route.decision?.assignee).not.toBe('solo');
  });

  it('scores down a category the team keeps rejecting, and says why', async () => {
    const { cli } = await team();
    const tasks = (await cli('tasks', '--json')).json<Task[]>();
    for (const t of tasks) await cli('reject', t.ref, '--reason', 'not worth it');
    // Every feature proposed was Basic EDU Apps': the team adds one more to its backlog.
    await cli('feature', 'add', 'Basic EDU Apps', 'Class roster import');
    const next = (await cli('generate', '--dry-run', '--max-tasks', '10', '--json')).json<GenerateResult>();
    // The rejected work stays away for the cooldown; what is left of its backlog is scored down.
    expect(next.tasks.map((t) => t.title).filter((t) => tasks.some((r) => r.title === t))).toEqual([]);
    const rejections = (t: GenerateResult['tasks'][number] | undefined) =>
      t?.reasoning.some((l) => /^Rejections: \d of the last \d feature tasks/.test(l));
    const planned = next.tasks.find((t) => t.title === "Build 'Class roster import' for Basic EDU Apps");
    expect(planned?.reasoning).toContainEqual(
      expect.stringMatching(
        /^Rejections: 3 of the last 3 feature tasks on Basic EDU Apps' backlog were rejected → score ×0.50$/,
      ),
    );
    // Another product's features are not: turning down Basic EDU Apps' says nothing of them.
    const elsewhere = next.tasks.find(
      (t) => t.title.startsWith('Build ') && t.projectName !== 'Basic EDU Apps',
    );
    expect(elsewhere).toBeDefined();
    expect(rejections(elsewhere)).toBe(false);
    // A feature already in progress is work the team committed to: other features' rejections
    // say nothing of it.
    const started = next.tasks.find((t) => t.category === 'feature' && t.title.startsWith('Finish '));
    expect(started).toBeDefined();
    expect(rejections(started)).toBe(false);
  });
});

describe('the queue', () => {
  it('hands out prerequisites first and never a task whose prerequisites are not done', async () => {
    // A product with nothing planned yet: the payment playbooks answer its revenue gap, and the
    // admin dashboard depends on the Stripe checkout.
    const cli = cliFor(join(tempDir(), 'g.db'));
    await cli('vision', 'set', 'statement', 'Sell quizzes to schools');
    await cli('vision', 'set', 'focus_areas', 'payment_integration');
    await cli('vision', 'set', 'revenue_targets', '2027-02=999');
    await cli('project', 'add', 'Quiz Builder', '--revenue-bearing', '--focus', 'payment_integration');
    await cli('generate', '--max-tasks', '5');
    // Added after the batch, so its tasks are routed to nobody and either worker may claim them.
    await cli('assignee', 'add', 'dev_worker1', '--kind', 'worker');
    await cli('assignee', 'add', 'dev_worker2', '--kind', 'worker');
    const tasks = (await cli('tasks', '--json')).json<Task[]>();
    expect(tasks).toHaveLength(3);
    const dependent = tasks.find((t) => t.dependsOn.length > 0);
    expect(dependent?.title).toBe('Build a subscription admin dashboard for Quiz Builder');
    for (const t of tasks) await cli('approve', t.ref);
    const claimed: string[] = [];
    for (let i = 0; i < 2; i += 1) {
      const c = (await cli('queue', 'claim', '--assignee', 'dev_worker1', '--json')).json<ClaimResult>();
      if (c.task) claimed.push(c.task.ref);
    }
    expect(claimed).toHaveLength(2);
    expect(claimed).not.toContain(dependent?.ref);
    // The third finds only the dependent, and says what it waits for.
    const waiting = (await cli('queue', 'claim', '--assignee', 'dev_worker1', '--json')).json<ClaimResult>();
    expect(waiting.task).toBeNull();
    expect(waiting.reason).toMatch(
      new RegExp(
        `^no approved task is ready for dev_worker1: ${dependent?.ref} waits for T-\\d+ \\(in progress\\)`,
      ),
    );
    for (const ref of claimed) await cli('done', ref);
    const next = (await cli('queue', 'claim', '--assignee', 'dev_worker2', '--json')).json<ClaimResult>();
    expect(next.task?.ref).toBe(dependent?.ref);
  });

  it('routes a task by hand from the command line, and refuses an unknown assignee writing nothing', async () => {
    const { db, cli } = await team();
    const assigned = await cli('assign', 'T-2', 'dev_worker2');
    expect(assigned.code, assigned.stderr).toBe(0);
    expect(assigned.stdout).toMatch(/^T-2 is routed to dev_worker2: /);
    expect((await cli('assign', 'T-2', 'dev_worker2')).stdout).toMatch(
      /T-2 was already routed to dev_worker2; nothing changed/,
    );
    await cli('approve', 'T-2');
    const c = (await cli('queue', 'claim', '--assignee', 'dev_worker2', '--json')).json<ClaimResult>();
    expect(c.task?.ref).toBe('T-2');
    const before = snapshot(db);
    const unknown = await cli('assign', 'T-3', 'nobody');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(
      /unknown assignee "nobody"; the assignees are design_lead, dev_worker1, dev_worker2/,
    );
    expect(snapshot(db)).toEqual(before);
  });

  it('counts only lost leases as retries: a worker that gives a task back does not use one up', async () => {
    const { db } = await team();
    let now = Date.parse('2026-11-21T09:00:00Z');
    const opened = openGoalpost({ dbPath: db, clock: { now: () => new Date(now) }, logger: silentLogger });
    try {
      const { app } = opened;
      const ctx = app.context({ workspaceId: 'default', actor: 'worker:dev_worker1', source: 'worker' });
      app.decisions.decide(
        { ...ctx, actor: 'cli:ops', source: 'cli', role: 'admin' },
        { ref: 'T-1', action: 'approve' },
      );
      const claimT1 = () => {
        const c = app.queue.claim(ctx, 'dev_worker1', 30, 'host:1');
        expect(c.task?.ref).toBe('T-1');
      };
      // Stopped twice by deploys: both claims released.
      for (let i = 0; i < 2; i += 1) {
        claimT1();
        app.queue.release(ctx, { ref: 'T-1', assignee: 'dev_worker1' }, 'the worker is stopping');
      }
      // Then the worker dies twice: the task is still back in the queue after the second.
      for (let lost = 1; lost <= 2; lost += 1) {
        claimT1();
        now += 31 * 60_000;
        expect(app.queue.view(ctx).requeued).toEqual(['T-1']);
        expect(app.tasks.show(ctx, 'T-1').task.status).toBe('approved');
      }
      // The third lost lease is the last one allowed (GOALPOST_MAX_ATTEMPTS 3).
      claimT1();
      now += 31 * 60_000;
      app.queue.view(ctx);
      const shown = app.tasks.show(ctx, 'T-1');
      expect(shown.task.status).toBe('failed');
      expect(shown.task.attempts).toBe(5);
      expect(shown.events.at(-1)?.note).toMatch(/^lease expired 3 times \(last holder dev_worker1\)$/);
      expect(shown.events.filter((e) => e.type === 'lease_expired').map((e) => e.note)).toEqual([
        'claim by dev_worker1 expired; back in the queue (lost lease 1 of 3)',
        'claim by dev_worker1 expired; back in the queue (lost lease 2 of 3)',
      ]);
    } finally {
      opened.close();
    }
  });

  it('returns an expired claim to the queue, and fails the task after the last attempt', async () => {
    const { cli, at } = await team();
    await cli('approve', 'T-1');
    let clock = Date.parse('2026-11-21T09:00:00Z');
    for (let attempt = 1; attempt <= 3; attempt += 1) {
      const c = (
        await at(new Date(clock).toISOString())('queue', 'claim', '--assignee', 'dev_worker1', '--json')
      ).json<ClaimResult>();
      expect(c.task?.ref).toBe('T-1');
      expect(c.task?.attempts).toBe(attempt);
      clock += 31 * 60_000;
      const view = (await at(new Date(clock).toISOString())('queue', '--json')).json<QueueView>();
      // Back in the queue after the first two; failed, and said so, after the last.
      expect([view.requeued, view.expiredFailed]).toEqual(attempt < 3 ? [['T-1'], []] : [[], ['T-1']]);
    }
    const shown = (await cli('task', 'show', 'T-1', '--json')).json<{
      task: Task;
      events: { type: string; note: string }[];
    }>();
    expect(shown.task.status).toBe('failed');
    expect(shown.events.map((e) => e.type)).toEqual([
      'created',
      'approved',
      'claimed',
      'lease_expired',
      'claimed',
      'lease_expired',
      'claimed',
      'failed',
    ]);
    expect(shown.events.at(-1)?.note).toMatch(/lease expired 3 times \(last holder dev_worker1\)/);
  });
});
