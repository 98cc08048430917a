import { join } from 'node:path';
import type * as WorkerThreads from 'node:worker_threads';
import type { Clock } from '../domain/clock.js';
import { lazyBuiltin } from '../domain/lazy-builtin.js';
import type { Logger } from '../domain/logger.js';
import { packageRoot } from '../paths.js';
import { type HeavyJobs, type JobRequest, jobsVia } from './heavy-jobs.js';
import type { JobMessage, JobThreadData } from './job-thread.js';
import { deserializeError, type SerializedError } from './thread-errors.js';

// Loaded with the first job's thread: most runs never start one.
const threads = lazyBuiltin<typeof WorkerThreads>('node:worker_threads');

type Answer = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: SerializedError };

export interface ThreadJobsOptions extends JobThreadData {
  clock: Clock;
  logger: Logger;
}

/**
 * Heavy jobs on a thread of their own with its own SQLite connection (WAL lets it read while the main
 * thread writes). Jobs queue and run one at a time. The thread starts on the first job; if it dies,
 * the jobs in flight fail with the reason and the next job starts a new one.
 */
export function threadJobs(options: ThreadJobsOptions): HeavyJobs {
  const { clock, logger, ...data } = options;
  // Always the compiled thread: under tests the caller runs from src/, and Node cannot load .ts.
  const script = join(packageRoot(), 'dist', 'src', 'jobs', 'job-thread.js');
  const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  let thread: WorkerThreads.Worker | null = null;
  let nextId = 1;
  let closed = false;

  function start(): WorkerThreads.Worker {
    const w = new (threads().Worker)(script, { workerData: data satisfies JobThreadData });
    w.on('message', (answer: Answer) => {
      const job = pending.get(answer.id);
      if (!job) return;
      pending.delete(answer.id);
      if (pending.size === 0) w.unref(); // idle: never what keeps the process alive
      if (answer.ok) job.resolve(answer.value);
      else job.reject(deserializeError(answer.error));
    });
    const fail = (reason: Error) => {
      if (thread === w) thread = null;
      for (const job of pending.values()) job.reject(reason);
      pending.clear();
    };
    w.on('error', (error) => {
      logger.error({ err: error }, 'job thread failed');
      fail(error);
    });
    w.on('exit', (code) => {
      if (!closed) logger.warn({ code }, 'job thread exited');
      fail(new Error(`the job thread exited (code ${code})`));
    });
    w.unref();
    return w;
  }

  function run<T>(job: JobRequest): Promise<T> {
    if (closed) return Promise.reject(new Error('heavy jobs are closed'));
    thread ??= start();
    thread.ref(); // a job in flight keeps the process alive until it answers
    const id = nextId++;
    const message: JobMessage = { id, now: clock.now().toISOString(), job };
    return new Promise<T>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      thread?.postMessage(message);
    });
  }

  return jobsVia(run, async () => {
    closed = true;
    const w = thread;
    thread = null;
    if (!w) return;
    const exited = new Promise<void>((resolve) => w.once('exit', () => resolve()));
    w.ref(); // waiting for it to finish its jobs and close its connection keeps the process up
    w.postMessage('close');
    await exited;
  });
}
