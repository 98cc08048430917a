import type { Task } from '../domain/task.js';
import type { BlockedTask } from './waiting.js';

export interface ClaimResult {
  task: Task | null;
  /** Why nothing was handed out, when `task` is null. */
  reason: string | null;
  /** Tasks whose lease had run out, returned to the queue first. */
  requeued: string[];
  /** Tasks whose lease had run out for the last time allowed, failed first. */
  expiredFailed: string[];
  /** The run recorded with the claim (when a worker claimed): it names this claim from now on. */
  runId: number | null;
}

/**
 * A claim as its holder names it. With the run id, only that run's holder can renew, release
 * or finish it: a worker whose lease ran out cannot act on a later claim of the same assignee.
 */
export interface ClaimRef {
  ref: unknown;
  assignee: string;
  runId?: number | null;
}

export interface QueueView {
  claims: Array<{ task: Task; heldMinutes: number; leaseLeftMinutes: number }>;
  /**
   * Tasks in progress that no lease holds: started by a person (`start`), or by a pull request
   * GitHub linked; with who it is routed to and for how long since it started.
   */
  started: Array<{ task: Task; heldMinutes: number }>;
  /** Approved tasks, highest priority first. */
  waiting: Task[];
  /** Those of `waiting` that no worker can claim yet, with the prerequisites they wait for. */
  blocked: BlockedTask[];
  requeued: string[];
  expiredFailed: string[];
}

/** How a worker's run ended, as it reports it. */
export interface RunReport {
  /** True for exit 0. */
  success: boolean;
  exitCode: number | null;
  signal: string | null;
  timedOut: boolean;
  /** Measured wall-clock minutes of the run. */
  minutes: number;
  /** Why it failed (the tail of stderr, or the timeout), null on success. */
  reason: string | null;
  /** stdout and stderr as they came, cut to their tail when stored. */
  output: string;
}

export interface FinishResult {
  task: Task;
  /** False when the claim was no longer this worker's: the run is kept, the task is not moved. */
  recorded: boolean;
  why: string | null;
}
