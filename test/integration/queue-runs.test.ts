import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openGoalpost, type RunReport, silentLogger } from '../../src/index.js';
import { useTempDir } from '../helpers/temp-dir.js';

const tempDir = useTempDir();
const closers: Array<() => void> = [];
afterEach(() => {
  for (const close of closers.splice(0)) close();
});

const report = (over: Partial<RunReport> = {}): RunReport => ({
  success: true,
  exitCode: 0,
  signal: null,
  timedOut: false,
  minutes: 3,
  reason: null,
  output: 'built\n',
  ...over,
});

/** The demo with T-1 approved for the worker agent `bot1`, two workers' view of it, and the clock. */
function setUp() {
  let now = Date.parse('2026-11-23T09:00:00Z');
  const opened = openGoalpost({
    dbPath: join(tempDir(), 'g.db'),
    clock: { now: () => new Date(now) },
    logger: silentLogger,
  });
  closers.push(() => opened.close());
  const { app } = opened;
  const admin = app.context({ workspaceId: 'default', actor: 'cli:ops', source: 'cli', role: 'admin' });
  app.demo.load(admin);
  app.engine.generate(admin, {});
  app.assignees.add(admin, { name: 'bot1', kind: 'worker', capacity: 2 });
  app.decisions.decide(admin, { ref: 'T-1', action: 'approve' });
  app.decisions.assign(admin, 'T-1', 'bot1');
  const worker = app.context({ workspaceId: 'default', actor: 'worker:bot1', source: 'worker' });
  return {
    app,
    admin,
    worker,
    later: (minutes: number) => {
      now += minutes * 60_000;
    },
    runs: () => app.tasks.show(admin, 'T-1').runs,
  };
}

describe('a lease that runs out', () => {
  // A review's worker agent died holding T-6: after its lease ran out the task stayed routed to
  // it, and a free teammate found nothing to claim; only the dead worker could have taken it.
  it('puts the task back in the queue for anyone who may take it, not for the holder that died', () => {
    const { app, admin, worker, later } = setUp();
    app.assignees.add(admin, { name: 'bot2', kind: 'worker', capacity: 2 });
    expect(app.queue.claim(worker, 'bot1', 15, 'host-a:1').task?.ref).toBe('T-1');
    later(16);
    const other = app.context({ workspaceId: 'default', actor: 'worker:bot2', source: 'worker' });
    const taken = app.queue.claim(other, 'bot2', 15, 'host-b:1');
    expect(taken.requeued).toEqual(['T-1']);
    expect(taken.task?.ref).toBe('T-1');
    expect(app.tasks.show(admin, 'T-1').task).toMatchObject({ assignee: 'bot2', claimedBy: 'bot2' });
  });
});

describe('a report on a task never claimed', () => {
  // A review's worker 'finished' an approved task it had never claimed and read 200 as done.
  it('is refused, naming who claimed what, and records nothing', () => {
    const { app, admin, worker, runs } = setUp();
    app.assignees.add(admin, { name: 'ben', kind: 'worker' });
    expect(() => app.queue.finish(worker, { ref: 'T-1', assignee: 'ben' }, report())).toThrow(
      /^ben never claimed T-1 \(it is approved\): a worker reports only on a task it claimed; nothing was recorded$/,
    );
    expect(app.tasks.show(admin, 'T-1').task.status).toBe('approved');
    expect(runs()).toEqual([]);
  });
});

describe('the queue view', () => {
  // A review: a claim 20 seconds old showed as held `1 s`, and a lease 10 seconds from its end as
  // `1 s` left: both were rounded to whole minutes first.
  it('says how long a claim has been held, and how long its lease has left, to the second', () => {
    const { app, admin, worker, later } = setUp();
    app.queue.claim(worker, 'bot1', 15, 'host-a:1');
    later(1 / 3);
    const [claim] = app.queue.view(admin).claims;
    expect(claim?.heldMinutes).toBeCloseTo(1 / 3, 6);
    expect(claim?.leaseLeftMinutes).toBeCloseTo(15 - 1 / 3, 6);
  });
});

describe('claims named by their run', () => {
  it('keeps a worker whose lease ran out from renewing or finishing the next claim of the same assignee', async () => {
    const { app, worker, later, runs } = setUp();
    const a = app.queue.claim(worker, 'bot1', 15, 'host-a:1');
    expect(a.task?.ref).toBe('T-1');
    later(16);
    // Worker B, for the same assignee, sweeps A's lapsed lease and takes the task again.
    const b = app.queue.claim(worker, 'bot1', 15, 'host-b:2');
    expect(b.requeued).toEqual(['T-1']);
    expect(b.task?.ref).toBe('T-1');
    expect(b.runId).not.toBe(a.runId);

    const claimA = { ref: 'T-1', assignee: 'bot1', runId: a.runId };
    expect(() => app.queue.renew(worker, claimA, 15)).toThrow(
      new RegExp(
        `T-1 is no longer claimed by run #${a.runId} of bot1: that run ended \\(lost\\) when its lease ran out`,
      ),
    );
    const late = app.queue.finish(worker, claimA, report({ output: 'A finished late\n' }));
    expect(late.recorded).toBe(false);
    expect(late.why).toMatch(new RegExp(`; run #${a.runId} is kept \\(lost\\), the task is unchanged$`));
    expect(late.task.status).toBe('in_progress');
    expect(() => app.queue.release(worker, claimA, 'stopping')).toThrow(/no longer claimed by run/);

    // B still holds it, and finishes it once.
    const claimB = { ref: 'T-1', assignee: 'bot1', runId: b.runId };
    expect(app.queue.renew(worker, claimB, 15).claimedBy).toBe('bot1');
    expect(app.queue.finish(worker, claimB, report()).recorded).toBe(true);
    expect(app.tasks.show(worker, 'T-1').task.status).toBe('done');
    expect(runs().map((r) => [r.worker, r.result, r.output])).toEqual([
      ['host-a:1', 'lost', 'A finished late\n'],
      ['host-b:2', 'done', 'built\n'],
    ]);
  });

  it('ends the open run when someone else decides the task, and the late report only fills in its output', async () => {
    const { app, admin, worker, runs } = setUp();
    const a = app.queue.claim(worker, 'bot1', 15, 'host-a:1');
    app.decisions.decide(admin, { ref: 'T-1', action: 'cancel' });
    expect(runs()).toMatchObject([{ result: 'lost', endedAt: expect.any(String) }]);
    const late = app.queue.finish(worker, { ref: 'T-1', assignee: 'bot1', runId: a.runId }, report());
    expect(late.recorded).toBe(false);
    expect(late.why).toMatch(/T-1 is no longer claimed by bot1: it is cancelled/);
    expect(runs()).toMatchObject([{ result: 'lost', exitCode: 0, output: 'built\n' }]);
    expect(app.tasks.show(admin, 'T-1').task.status).toBe('cancelled');
  });

  it("never ends another task's run from a late report naming it", () => {
    const { app, admin, worker, runs } = setUp();
    const a = app.queue.claim(worker, 'bot1', 15, 'host-a:1');
    expect(
      app.queue.finish(worker, { ref: 'T-1', assignee: 'bot1', runId: a.runId }, report()).recorded,
    ).toBe(true);
    app.decisions.decide(admin, { ref: 'T-2', action: 'approve' });
    app.decisions.assign(admin, 'T-2', 'bot1');
    const b = app.queue.claim(worker, 'bot1', 15, 'host-b:2');
    expect(b.task?.ref).toBe('T-2');
    // A report for the done T-1 that names T-2's open run: T-2's run is not T-1's to end.
    const stray = app.queue.finish(
      worker,
      { ref: 'T-1', assignee: 'bot1', runId: b.runId },
      report({ success: false, exitCode: 1, output: 'not yours\n' }),
    );
    expect(stray).toMatchObject({
      recorded: false,
      why: expect.stringMatching(
        new RegExp(
          `^T-1 is no longer claimed by bot1: it is done.*; run #${b.runId} is not a run of T-1 by bot1, so no run is recorded, the task is unchanged$`,
        ),
      ),
    });
    expect(app.tasks.show(admin, 'T-2').runs).toMatchObject([
      { worker: 'host-b:2', result: null, endedAt: null, output: '' },
    ]);
    expect(runs()).toMatchObject([{ result: 'done', output: 'built\n' }]);
  });

  it("never ends the holder's live run from another assignee's report naming it", () => {
    const { app, admin, worker, runs } = setUp();
    app.assignees.add(admin, { name: 'bot2', kind: 'worker' });
    const a = app.queue.claim(worker, 'bot1', 15, 'host-a:1');
    // bot2 never claimed T-1: refused, as a renewal would be.
    expect(() =>
      app.queue.finish(worker, { ref: 'T-1', assignee: 'bot2', runId: a.runId }, report()),
    ).toThrow(/^bot2 never claimed T-1 \(it is in progress, claimed by bot1\)/);
    expect(runs()).toMatchObject([{ worker: 'host-a:1', result: null, endedAt: null }]);
    // bot1 still holds it, and its own report lands.
    expect(
      app.queue.finish(worker, { ref: 'T-1', assignee: 'bot1', runId: a.runId }, report()).recorded,
    ).toBe(true);
  });

  it('fills in a released run with a late report, and says it stays released', () => {
    const { app, admin, worker, runs } = setUp();
    const a = app.queue.claim(worker, 'bot1', 15, 'host-a:1');
    app.queue.releaseTask(admin, 'T-1', 'taken back');
    const late = app.queue.finish(worker, { ref: 'T-1', assignee: 'bot1', runId: a.runId }, report());
    expect(late.why).toMatch(new RegExp(`; run #${a.runId} is kept \\(released\\), the task is unchanged$`));
    expect(runs()).toMatchObject([{ result: 'released', output: 'built\n' }]);
  });

  it('keeps the tail of a long output without halving a character where it is cut', () => {
    const { app, worker, runs } = setUp();
    const a = app.queue.claim(worker, 'bot1', 15, 'host-a:1');
    // 80,001 UTF-16 units of emoji (two units each): the cut falls between the two halves of one.
    const output = `x${'😀'.repeat(40_000)}`;
    app.queue.finish(worker, { ref: 'T-1', assignee: 'bot1', runId: a.runId }, report({ output }));
    const kept = runs()[0]?.output ?? '';
    expect(kept.startsWith('[… earlier output cut]\n😀')).toBe(true);
    expect(kept).not.toContain('\uFFFD');
    expect(kept.endsWith('😀😀')).toBe(true);
    expect(kept.length).toBeLessThanOrEqual(65_536);
  });

  it('keeps a reported run as reported when the same report, or another, comes again', () => {
    const { app, worker, runs } = setUp();
    const a = app.queue.claim(worker, 'bot1', 15, 'host-a:1');
    const claim = { ref: 'T-1', assignee: 'bot1', runId: a.runId };
    expect(app.queue.finish(worker, claim, report({ minutes: 12, output: 'first report\n' })).recorded).toBe(
      true,
    );
    const again = app.queue.finish(
      worker,
      claim,
      report({ success: false, exitCode: 2, signal: 'SIGKILL', timedOut: true, minutes: 3, output: '' }),
    );
    expect(again.recorded).toBe(false);
    expect(again.why).toMatch(
      new RegExp(`; run #${a.runId} was already recorded \\(done\\), the task is unchanged$`),
    );
    expect(runs()).toMatchObject([
      { result: 'done', exitCode: 0, signal: null, minutes: 12, output: 'first report\n' },
    ]);
    expect(app.tasks.show(worker, 'T-1').task.status).toBe('done');
  });

  it('refuses a report that says it succeeded with a failing exit, a signal or a timeout, recording nothing', () => {
    const { app, worker, runs } = setUp();
    const a = app.queue.claim(worker, 'bot1', 15, 'host-a:1');
    const claim = { ref: 'T-1', assignee: 'bot1', runId: a.runId };
    for (const [over, got] of [
      [{ exitCode: 1 }, 'exit 1'],
      [{ exitCode: null, signal: 'SIGTERM' }, 'signal SIGTERM'],
      [{ timedOut: true }, 'timedOut true'],
    ] as const) {
      expect(() => app.queue.finish(worker, claim, report(over))).toThrow(
        `run.success: a run that succeeded exits 0, with no signal and no timeout (got ${got}); nothing was recorded`,
      );
    }
    expect(runs()).toMatchObject([{ result: null, endedAt: null }]);
    expect(app.tasks.show(worker, 'T-1').task.status).toBe('in_progress');
  });

  it('still serves a claim named without its run (the CLI, older scripts), and then never touches another run', async () => {
    const { app, admin, worker, later, runs } = setUp();
    app.assignees.add(admin, { name: 'bot2', kind: 'worker' });
    app.queue.claim(worker, 'bot1', 15);
    later(16);
    const b = app.queue.claim(worker, 'bot1', 15, 'host-b:2');
    expect(b.task?.ref).toBe('T-1');
    // A's claim had no run: by name alone it looks held (same assignee) and is renewed …
    expect(app.queue.renew(worker, { ref: 'T-1', assignee: 'bot1' }, 15).claimedBy).toBe('bot1');
    // … but a report for another assignee, which never claimed it, is refused and leaves B's run alone.
    expect(() => app.queue.finish(worker, { ref: 'T-1', assignee: 'bot2' }, report())).toThrow(
      /^bot2 never claimed T-1 \(it is in progress, claimed by bot1\): a worker reports only on a task it claimed; nothing was recorded$/,
    );
    // … and a report for an assignee there is not is refused outright.
    expect(() => app.queue.finish(worker, { ref: 'T-1', assignee: 'bot9' }, report())).toThrow(
      /^unknown assignee "bot9"/,
    );
    expect(runs()).toMatchObject([{ worker: 'host-b:2', result: null, endedAt: null }]);
  });

  it('knows its assignee typed in any case, as claiming it does: renews, releases and finishes', () => {
    const { app, admin, worker, later, runs } = setUp();
    const first = app.queue.claim(worker, 'BOT1', 15, 'host-1');
    expect(first.task?.claimedBy).toBe('bot1');
    later(10);
    const renewed = app.queue.renew(worker, { ref: 'T-1', assignee: 'Bot1', runId: first.runId }, 15);
    expect(renewed.leaseExpiresAt).toBe('2026-11-23T09:25:00.000Z');
    const released = app.queue.release(worker, { ref: 'T-1', assignee: 'BOT1' }, 'stopping');
    expect(released).toMatchObject({ status: 'approved', claimedBy: null });
    const second = app.queue.claim(worker, 'bot1', 15, 'host-2');
    const finished = app.queue.finish(
      worker,
      { ref: 'T-1', assignee: 'Bot1', runId: second.runId },
      report(),
    );
    expect(finished).toMatchObject({ recorded: true, why: null, task: { status: 'done', assignee: 'bot1' } });
    expect(runs()).toMatchObject([
      { worker: 'host-1', result: 'released' },
      { worker: 'host-2', result: 'done' },
    ]);
    expect(app.tasks.show(admin, 'T-1').events.findLast((e) => e.type === 'released')?.data).toEqual({
      assignee: 'bot1',
    });
  });

  it("records a failed command's stderr as its note without colour codes or other control characters", () => {
    const { app, admin, worker } = setUp();
    const claim = app.queue.claim(worker, 'bot1', 15, 'host-1');
    const stderr = '\u001b[31mError:\u001b[0m migration 0042 failed\u0000\u001b]0;owned\u0007';
    app.queue.finish(
      worker,
      { ref: 'T-1', assignee: 'bot1', runId: claim.runId },
      report({ success: false, exitCode: 1, reason: stderr, output: stderr }),
    );
    const failed = app.tasks.show(admin, 'T-1').events.findLast((e) => e.type === 'failed');
    expect(failed?.note).toBe('Error: migration 0042 failed');
  });
});

describe("a worker agent's failed run", () => {
  // A review's agent ran mocha, whose output ended "2 pending … 3 failing": the tail of the
  // output, kept as the failure's note, read as a block outside the work, and routing learned
  // nothing of the agent. A command that exits 1 is the agent failing, whatever it printed.
  it('counts against the agent and the work, whatever its output says', () => {
    const { app, admin, worker, later } = setUp();
    const claim = app.queue.claim(worker, 'bot1', 15, 'host-a:1');
    const failed = report({
      success: false,
      exitCode: 1,
      reason: 'exit 1: waiting for the database... 3 failing',
    });
    expect(app.queue.finish(worker, { ref: claim.task?.ref, assignee: 'bot1' }, failed).recorded).toBe(true);
    const row = app.learning.learn(admin).table.find((r) => r.assignee === 'bot1');
    expect(row?.failures).toBe(1);
    expect(app.tasks.show(admin, 'T-1').events.at(-1)?.data).toMatchObject({
      assignee: 'bot1',
      success: false,
    });
    // Back the next day, the work says it failed, and is less sure of itself for it (planned past
    // the room: the first batch's proposals, still awaiting a decision, fill bot1's two slots).
    later(24 * 60 + 1);
    const title = app.tasks.show(admin, 'T-1').task.title;
    const back = app.engine
      .generate(admin, { dryRun: true, maxTasks: 10, ignoreCapacity: true })
      .tasks.find((t) => t.title === title);
    expect(back?.reasoning).toContainEqual(expect.stringMatching(/^Tried as T-1 on 2026-11-23 and failed/));
    expect(back?.reasoning).toContainEqual(expect.stringContaining('halved as this work failed once'));
  });
});
