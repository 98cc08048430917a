import { describe, expect, it } from 'vitest';
import type { WorkerBackend } from '../../../../adapters/worker/backend.js';
import { createWorker, type WorkerOptions } from '../../../../adapters/worker/run-worker.js';
import { DatabaseError, type FinishResult, type Task } from '../../../../src/index.js';

const BUSY = 'the database is busy: another process held its lock too long; nothing was written, try again';

/** A queue of one task whose database stays busy for `finish` (and `renew`) `busyFor` times. */
function busyQueue(busyFor: number) {
  const calls: string[] = [];
  let busyLeft = busyFor;
  const task = {
    ref: 'T-1',
    title: 'Ship it',
    category: 'growth',
    projectName: null,
    priority: 5,
    reasoning: [],
    attempts: 1,
  };
  let claimed = false;
  const backend: WorkerBackend = {
    where: 'fake.db',
    async check() {},
    async claim() {
      if (claimed) return { task: null, reason: 'nothing approved', runId: null };
      claimed = true;
      return { task: task as unknown as Task, reason: null, runId: 7 };
    },
    async renew() {
      calls.push('renew');
      if (busyLeft > 0) throw new DatabaseError('E_DB_BUSY', BUSY);
    },
    async release() {
      calls.push('release');
    },
    async finish(_claim, run): Promise<FinishResult> {
      calls.push(`finish ${run.success ? 'done' : 'failed'}`);
      if (busyLeft > 0) {
        busyLeft -= 1;
        throw new DatabaseError('E_DB_BUSY', BUSY);
      }
      return { task: task as unknown as Task, recorded: true, why: null };
    },
    passing: (error) =>
      error instanceof DatabaseError && error.code === 'E_DB_BUSY'
        ? 'the database is busy: another process holds its lock'
        : null,
    async close() {},
  };
  return { backend, calls };
}

function options(leaseMinutes: number, log: string[]): WorkerOptions {
  return {
    assignee: 'w1',
    exec: 'echo hi',
    concurrency: 1,
    leaseMinutes,
    heartbeatMs: 1_000,
    timeoutMs: 10_000,
    pollMs: 1_000,
    graceMs: 1_000,
    once: true,
    log: (line) => log.push(line),
    env: { PATH: process.env.PATH ?? '' },
  };
}

describe('a worker whose outcome meets a busy database', () => {
  it('keeps trying to record it while the lease lasts, and records it once the lock is free', async () => {
    const { backend, calls } = busyQueue(3);
    const log: string[] = [];
    expect(await createWorker(backend, options(1, log)).run()).toBe(1);
    expect(calls.filter((c) => c.startsWith('finish'))).toEqual(Array(4).fill('finish done'));
    expect(log.join('\n')).toMatch(
      /T-1: could not record that the command exited 0 \(done\): the database is busy: another process holds its lock; trying again in 0\.5 s, until the lease runs out at /,
    );
    expect(log.join('\n')).toMatch(/T-1: outcome recorded at try 4/);
    expect(log.at(-1)).toMatch(/T-1: done in /);
  }, 20_000);

  it('gives up when the lease has run out, saying what became of the outcome and keeping the output', async () => {
    const { backend, calls } = busyQueue(Number.POSITIVE_INFINITY);
    const log: string[] = [];
    // A lease of 3 s: the test does not wait minutes for it.
    const worker = createWorker(backend, options(0.05, log));
    const t0 = Date.now();
    const error = await worker.run().then(
      () => null,
      (e: unknown) => e,
    );
    expect(Date.now() - t0).toBeGreaterThanOrEqual(2_500);
    expect(error).toBeInstanceOf(Error);
    expect((error as DatabaseError).code).toBe('E_DB_BUSY');
    expect((error as Error).message).toMatch(
      /^T-1: the command exited 0 \(done\), but that was not recorded: the database is busy: another process holds its lock \(\d+ tries, until the lease ran out at .*\)\. Nothing of the run was written: T-1 stays claimed by w1 until the queue is next read or claimed from, then counts as a lost lease \(back to the queue to run again, or failed if that was its last attempt\); its output follows in the log$/,
    );
    expect((error as Error).message).not.toMatch(/try again/);
    expect(log.join('\n')).toContain('T-1: the output of the run whose outcome was not recorded:\nhi\n');
    // Never released: the claim stays until it counts as a lost lease.
    expect(calls).not.toContain('release');
  }, 20_000);

  it('gives up when the lease it ended under runs out, though renewing would still go through', async () => {
    // A disk with room for a renewal and none for the run's output: renewing between tries moved
    // the end each time, and the worker never gave up.
    const { backend } = busyQueue(Number.POSITIVE_INFINITY);
    backend.renew = async () => {};
    const log: string[] = [];
    const t0 = Date.now();
    const error = await createWorker(backend, options(0.05, log))
      .run()
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(Date.now() - t0).toBeLessThan(6_000);
    expect((error as Error).message).toMatch(/until the lease ran out at /);
  }, 20_000);

  it('stops trying when the worker is stopped (SIGTERM), saying the outcome was not recorded', async () => {
    const { backend } = busyQueue(Number.POSITIVE_INFINITY);
    const log: string[] = [];
    // A lease of a minute: stopped after 1.5 s, it must not wait for it.
    const worker = createWorker(backend, options(1, log));
    const t0 = Date.now();
    const ran = worker.run().then(
      () => null,
      (e: unknown) => e,
    );
    setTimeout(() => worker.stop(), 1_500);
    const error = await ran;
    expect(Date.now() - t0).toBeLessThan(5_000);
    expect((error as Error).message).toMatch(
      /^T-1: the command exited 0 \(done\), but that was not recorded: .* \(\d+ tries, until the worker was stopped\)\. Nothing of the run was written/,
    );
  }, 20_000);
});
