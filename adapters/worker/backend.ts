import type { ClaimRef, Ctx, FinishResult, Goalpost, RunReport, Task } from '../../src/index.js';
import { asGoalpostError, GoalpostError } from '../../src/index.js';

/**
 * Whether `error`, thrown by `renew`, says the claim is gone for good (the task was finished,
 * cancelled, or its lease ran out and it moved on) rather than that renewing failed this time.
 */
export function claimIsGone(error: unknown): boolean {
  return error instanceof GoalpostError && error.code === 'E_CONFLICT';
}

/**
 * What a worker needs from Goalpost, the same whether it shares the database file (local mode)
 * or talks to a running bot over the HTTP API (remote mode).
 */
export interface WorkerBackend {
  /** Where it works, for the log: the database file or the API's URL. */
  readonly where: string;
  /** @throws when the assignee is unknown, the API unreachable or the token refused. */
  check(assignee: string): Promise<void>;
  /**
   * The next task for `assignee` under a lease, or null with the reason; `runId` names the run
   * recorded with the claim, and goes with every later call about it.
   */
  claim(
    assignee: string,
    leaseMinutes: number,
    worker: string,
  ): Promise<{
    task: Task | null;
    reason: string | null;
    runId: number | null;
    /** Tasks whose lease had run out, back in the queue or (the last time allowed) failed, before this claim. */
    requeued?: readonly string[];
    expiredFailed?: readonly string[];
  }>;
  /**
   * Extends the lease of a claim this worker's run holds (the heartbeat).
   * @throws an `E_CONFLICT` error (see `claimIsGone`) when the claim is no longer this run's,
   * locally a ConflictError, remotely a 409; any other error (the API unreachable, a 5xx, a busy
   * database) is passing, and the next heartbeat tries again.
   */
  renew(claim: ClaimRef, leaseMinutes: number): Promise<void>;
  release(claim: ClaimRef, reason: string, output: string): Promise<void>;
  /** Records how the run ended; when the claim is no longer this run's, the run is kept as lost. */
  finish(claim: ClaimRef, run: RunReport): Promise<FinishResult>;
  /**
   * Why a call failed for now only, so the same call may work later (the database busy or its disk
   * full, the API out of reach or busy), in words for the log; null when trying again will not help.
   */
  passing(error: unknown): string | null;
  close(): Promise<void>;
}

/** Local mode: the worker opens the same SQLite file as the bot (WAL lets both write). */
export function localBackend(app: Goalpost, ctx: Ctx, where: string, close: () => void): WorkerBackend {
  return {
    where,
    async check(assignee) {
      app.assignees.require(ctx, assignee);
    },
    async claim(assignee, leaseMinutes, worker) {
      const r = app.queue.claim(ctx, assignee, leaseMinutes, worker);
      return {
        task: r.task,
        reason: r.reason,
        runId: r.runId,
        requeued: r.requeued,
        expiredFailed: r.expiredFailed,
      };
    },
    async renew(claim, leaseMinutes) {
      app.queue.renew(ctx, claim, leaseMinutes);
    },
    async release(claim, reason, output) {
      app.queue.release(ctx, claim, reason, output);
    },
    async finish(claim, run) {
      return app.queue.finish(ctx, claim, run);
    },
    passing(error) {
      // SQLite's own error, as better-sqlite3 throws it (SQLITE_BUSY), read as the CLI would.
      const { code } = asGoalpostError(error);
      if (code === 'E_DB_BUSY') return 'the database is busy: another process holds its lock';
      if (code === 'E_DB_FULL') return 'the disk of the database is full';
      return null;
    },
    async close() {
      close();
    },
  };
}
