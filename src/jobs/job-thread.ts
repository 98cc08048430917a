import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import type { Clock } from '../domain/clock.js';
import type { LearningConfig } from '../domain/learning-config.js';
import { silentLogger } from '../domain/logger.js';
import { openGoalpost } from '../open-goalpost.js';
import { type JobRequest, runJob } from './heavy-jobs.js';
import { serializeError } from './thread-errors.js';

/** What the job thread needs to open the same Goalpost as the main thread. */
export interface JobThreadData {
  dbPath: string;
  /** How long a write waits for another process's lock (see OpenGoalpostOptions.busyTimeoutMs). */
  busyTimeoutMs?: number;
  maxTasks?: number;
  rejectCooldownDays?: number;
  learning?: LearningConfig;
  admins?: readonly string[];
  stripeSyncMinutes?: number;
  defaultTimeZone?: string;
}

/** A job with its id and the main thread's "now" (its clock may be fixed: tests, `--now`). */
export interface JobMessage {
  id: number;
  now: string;
  job: JobRequest;
}

/**
 * Lowers this thread's CPU priority below the main thread's, so on a busy machine the thread that
 * acks chat gets the cores first. On Linux a nice value belongs to the thread that sets it;
 * elsewhere it would slow the whole process, so it is left as it is.
 */
function yieldTheCpuToAcks(): void {
  if (process.platform !== 'linux') return;
  try {
    setPriority(10);
  } catch {
    // A sandbox may refuse it: jobs still run, at the same priority.
  }
}

// The entry of the job thread: its own connection to the database file, one job at a time.
if (parentPort) {
  yieldTheCpuToAcks();
  const port = parentPort;
  const data = workerData as JobThreadData;
  let now = new Date();
  const clock: Clock = { now: () => new Date(now) };
  const opened = openGoalpost({
    dbPath: data.dbPath,
    clock,
    logger: silentLogger,
    ...(data.busyTimeoutMs === undefined ? {} : { busyTimeoutMs: data.busyTimeoutMs }),
    ...(data.maxTasks === undefined ? {} : { maxTasks: data.maxTasks }),
    ...(data.rejectCooldownDays === undefined ? {} : { rejectCooldownDays: data.rejectCooldownDays }),
    ...(data.learning === undefined ? {} : { learning: data.learning }),
    ...(data.admins === undefined ? {} : { admins: data.admins }),
    ...(data.stripeSyncMinutes === undefined ? {} : { stripeSyncMinutes: data.stripeSyncMinutes }),
    ...(data.defaultTimeZone === undefined ? {} : { defaultTimeZone: data.defaultTimeZone }),
  });
  port.on('message', (message: JobMessage | 'close') => {
    if (message === 'close') {
      opened.close();
      port.close();
      return;
    }
    now = new Date(message.now);
    try {
      port.postMessage({ id: message.id, ok: true, value: runJob(opened.app, message.job) });
    } catch (error) {
      port.postMessage({ id: message.id, ok: false, error: serializeError(error) });
    }
  });
}
