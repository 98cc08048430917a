import { describe, expect, it } from 'vitest';
import type { RunReport } from '../../src/index.js';
import { plantTasks } from '../helpers/planted-tasks.js';
import { OPS, usePlantedTeam, WORKER } from '../helpers/planted-team.js';
import { snapshot } from '../helpers/snapshot.js';
import { useTempDir } from '../helpers/temp-dir.js';

const open = usePlantedTeam(useTempDir());

const failedRun = (reason: string): RunReport => ({
  success: false,
  exitCode: 2,
  signal: null,
  timedOut: false,
  minutes: 1,
  reason,
  output: '',
});

/** T-1 and T-2, which waits for it, both approved; T-1 routed to `assignee` (default: anyone). */
function approvedPair(assignee: string | null = null) {
  const g = open();
  plantTasks(g, 'default', [
    { title: 'Get the payment API key', assignee },
    { title: 'Charge cards', after: ['T-1'] },
  ]);
  g.step('T-1', 'approve');
  g.step('T-2', 'approve');
  return g;
}

describe('a prerequisite that fails, is cancelled or rejected releases what waits for it', () => {
  it('failing it: an approved dependent needs a new decision, proposed and in-progress ones go on, each told why', () => {
    const g = open();
    plantTasks(g, 'default', [
      { title: 'Get the payment API key' }, // T-1
      { title: 'Charge cards', after: ['T-1'] }, // T-2, approved
      { title: 'Send receipts', after: ['T-1'] }, // T-3, proposed
      { title: 'Draft the pricing page', after: ['T-1'] }, // T-4, in progress
      { title: 'Announce payments', after: ['T-1'] }, // T-5, done already
      { title: 'Ship the invoice PDF' }, // T-6
      { title: 'Refunds', after: ['T-1', 'T-6'] }, // T-7, approved, also waits for T-6
    ]);
    for (const ref of ['T-1', 'T-2', 'T-4', 'T-5', 'T-6', 'T-7']) g.step(ref, 'approve');
    g.step('T-1', 'start');
    g.step('T-4', 'start');
    g.step('T-5', 'done');

    const failed = g.step('T-1', 'fail', 'exit 2: missing API key');

    expect(failed.task.status).toBe('failed');
    expect(failed.released.map((r) => [r.ref, r.from, r.to])).toEqual([
      ['T-2', 'approved', 'proposed'],
      ['T-3', 'proposed', 'proposed'],
      ['T-4', 'in_progress', 'in_progress'],
      ['T-7', 'approved', 'proposed'],
    ]);
    expect(g.show('T-2').task).toMatchObject({ status: 'proposed', dependsOn: [] });
    expect(g.lastEvent('T-2')).toMatchObject({
      type: 'dependency_released',
      fromStatus: 'approved',
      toStatus: 'proposed',
      actor: 'cli:ops',
      source: 'cli',
      note: 'T-1 failed (exit 2: missing API key): T-2 no longer waits for it and needs a new decision',
      data: { prerequisite: 'T-1', prerequisiteStatus: 'failed', reason: 'exit 2: missing API key' },
    });
    expect(g.show('T-3').task).toMatchObject({ status: 'proposed', dependsOn: [] });
    expect(g.lastEvent('T-3')?.note).toBe('T-1 failed (exit 2: missing API key): T-3 no longer waits for it');
    expect(g.show('T-4').task).toMatchObject({ status: 'in_progress', dependsOn: [] });
    expect(g.lastEvent('T-4')).toMatchObject({ type: 'dependency_released', toStatus: 'in_progress' });
    // A closed dependent keeps its history; the other prerequisite of T-7 still holds it.
    expect(g.show('T-5').task).toMatchObject({ status: 'done', dependsOn: ['T-1'] });
    expect(g.lastEvent('T-5')?.type).toBe('done');
    expect(g.show('T-7').task).toMatchObject({ status: 'proposed', dependsOn: ['T-6'] });
    expect(g.show('T-6').events.map((e) => e.type)).toEqual(['created', 'approved']);

    // Decided again, the dependent is work like any other: a worker can take it.
    g.step('T-2', 'approve');
    expect(g.app.queue.claim(WORKER, 'bot1').task?.ref).toBe('T-2');
  });

  it.each([
    ['cancel', undefined, 'T-1 cancelled: T-2 no longer waits for it and needs a new decision'],
    [
      'reject',
      'not this quarter',
      'T-1 rejected (not this quarter): T-2 no longer waits for it and needs a new decision',
    ],
  ] as const)('%s it: the approved dependent goes back to proposed, saying so', (action, reason, note) => {
    const g = approvedPair();

    const result = g.step('T-1', action, reason);

    expect(result.released.map((r) => r.note)).toEqual([note]);
    expect(g.show('T-2').task).toMatchObject({ status: 'proposed', dependsOn: [] });
    expect(g.lastEvent('T-2')).toMatchObject({ type: 'dependency_released', note });
  });

  it('a prerequisite done satisfies its dependent instead: nothing is released', () => {
    const g = approvedPair();
    expect(g.step('T-1', 'done').released).toEqual([]);
    expect(g.show('T-2').task).toMatchObject({ status: 'approved', dependsOn: ['T-1'] });
    expect(g.app.queue.claim(WORKER, 'bot1').task?.ref).toBe('T-2');
  });

  it('is one transaction with the step: when releasing fails, the prerequisite does not fail either', () => {
    const g = approvedPair();
    // The disk fills up just as the dependent's event is written.
    g.db.exec(`CREATE TEMP TRIGGER fail_release BEFORE INSERT ON task_events
      WHEN NEW.type = 'dependency_released' BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END`);
    const before = snapshot(g.dbPath);

    expect(() => g.step('T-1', 'fail', 'vendor went bust')).toThrow(/disk is full/);

    expect(snapshot(g.dbPath)).toEqual(before);
    expect(g.show('T-1').task.status).toBe('approved');
    expect(g.show('T-2').task).toMatchObject({ status: 'approved', dependsOn: ['T-1'] });
  });

  it('a refused step releases nothing and writes nothing', () => {
    const g = open();
    plantTasks(g, 'default', [{ title: 'Pick a vendor' }, { title: 'Integrate the vendor', after: ['T-1'] }]);
    g.step('T-2', 'approve');
    const before = snapshot(g.dbPath);
    // fail needs an approved or in-progress task; a member may not reject.
    expect(() => g.step('T-1', 'fail', 'gave up')).toThrow(
      /cannot mark T-1 failed: it is proposed \(only a task that is approved or in progress can be marked failed\)/,
    );
    expect(() =>
      g.app.decisions.decide(
        g.app.context({ workspaceId: 'default', actor: 'slack:UMEMBER', source: 'slack' }),
        { ref: 'T-1', action: 'reject', note: 'no' },
      ),
    ).toThrow(/approver/);
    expect(snapshot(g.dbPath)).toEqual(before);
  });

  it('a worker run that fails the prerequisite releases its dependents, as the worker', () => {
    const g = approvedPair('bot1');
    const claim = g.app.queue.claim(WORKER, 'bot1', 15, 'host:1');
    expect(claim.task?.ref).toBe('T-1');
    g.app.queue.finish(
      WORKER,
      { ref: 'T-1', assignee: 'bot1', runId: claim.runId },
      failedRun('exit 2: no key'),
    );
    expect(g.show('T-2').task.status).toBe('proposed');
    expect(g.lastEvent('T-2')).toMatchObject({
      actor: 'worker:bot1',
      source: 'worker',
      note: 'T-1 failed (exit 2: no key): T-2 no longer waits for it and needs a new decision',
    });
  });

  it('a prerequisite failed by its last lost lease releases its dependents too', () => {
    const g = approvedPair('bot1');
    for (let lost = 1; lost <= 3; lost += 1) {
      expect(g.app.queue.claim(WORKER, 'bot1', 15).task?.ref).toBe('T-1');
      g.clock.advance(16 * 60_000);
      const view = g.app.queue.view(OPS);
      expect([view.requeued, view.expiredFailed]).toEqual(lost < 3 ? [['T-1'], []] : [[], ['T-1']]);
    }
    expect(g.show('T-1').task.status).toBe('failed');
    expect(g.show('T-2').task).toMatchObject({ status: 'proposed', dependsOn: [] });
    expect(g.lastEvent('T-2')).toMatchObject({
      type: 'dependency_released',
      actor: 'goalpost:queue',
      source: 'scheduler',
      note: 'T-1 failed (lease expired 3 times (last holder bot1)): T-2 no longer waits for it and needs a new decision',
    });
  });

  it('unblocks a task left waiting for a prerequisite that ended before releases existed', () => {
    const g = approvedPair();
    // How an older version left it: T-1 failed, the edge and T-2's approval untouched.
    const t1 = g.show('T-1').task;
    g.store.transaction(() => {
      g.store.tasks.setStatus(t1.id, 'approved', 'failed', '2026-11-22T10:00:00.000Z');
      g.store.events.append(
        {
          workspaceId: 'default',
          taskId: t1.id,
          type: 'failed',
          fromStatus: 'approved',
          toStatus: 'failed',
          actor: 'cli:ops',
          source: 'cli',
          note: 'vendor went bust',
        },
        '2026-11-22T10:00:00.000Z',
      );
    });

    const claim = g.app.queue.claim(WORKER, 'bot1');

    expect(claim.task).toBeNull();
    expect(claim.reason).toBe('no approved task is waiting for bot1');
    expect(g.show('T-2').task).toMatchObject({ status: 'proposed', dependsOn: [] });
    expect(g.lastEvent('T-2')).toMatchObject({
      actor: 'goalpost:queue',
      note: 'T-1 failed (vendor went bust): T-2 no longer waits for it and needs a new decision',
    });
  });
});
