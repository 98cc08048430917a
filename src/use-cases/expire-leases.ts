import type { Ctx } from '../domain/ctx.js';
import type { UseCaseDeps } from './deps.js';
import { recordOutcome } from './record-outcome.js';
import { QUEUE, recordStep } from './record-step.js';
import { releaseDependents, releaseEndedPrerequisites } from './release-dependents.js';

/** What expiring leases did: the tasks returned to the queue, and those failed (the last lost lease). */
export interface ExpiredLeases {
  requeued: string[];
  failed: string[];
}

/**
 * Returns expired claims to the queue (or fails them after the last attempt, releasing what
 * waited for them), and releases tasks still waiting for a prerequisite that ended without
 * shipping. Runs inside the caller's transaction, before anything reads the queue.
 */
export function expireLeases(deps: UseCaseDeps, ctx: Ctx, now: string): ExpiredLeases {
  const { store } = deps;
  const requeued: string[] = [];
  const failed: string[] = [];
  for (const task of store.claims.expired(ctx.workspaceId, now)) {
    const holder = task.claimedBy;
    store.claims.clear(task.id);
    store.runs.lose(task.id, now);
    // Retries count lost leases only: a worker that released its claim (it was stopped, or its
    // command could not start) did not try the task.
    const lost = store.events.count(task.id, 'lease_expired') + 1;
    if (lost >= deps.learning.maxAttempts) {
      const reason = `lease expired ${lost} times (last holder ${holder ?? 'unknown'})`;
      store.tasks.setStatus(task.id, 'in_progress', 'failed', now);
      recordStep(
        store,
        { workspaceId: ctx.workspaceId, ...QUEUE },
        task,
        {
          type: 'failed',
          to: 'failed',
          note: reason,
          data: { assignee: holder, minutes: null, success: false },
        },
        now,
      );
      recordOutcome(deps, ctx, task, { assignee: holder, minutes: null, success: false, note: reason }, now);
      releaseDependents(deps, { workspaceId: ctx.workspaceId, ...QUEUE }, task, 'failed', reason, now);
      failed.push(task.ref);
    } else {
      store.tasks.setStatus(task.id, 'in_progress', 'approved', now);
      // Back in the queue for any worker who may take it, as a release leaves it: routed to the
      // holder that died, only that holder could claim it again (a review's coder_bot kept T-6,
      // and a free ben found nothing to claim).
      store.tasks.setAssignee(task.id, null, now);
      recordStep(
        store,
        { workspaceId: ctx.workspaceId, ...QUEUE },
        task,
        {
          type: 'lease_expired',
          to: 'approved',
          note: `claim by ${holder ?? 'unknown'} expired; back in the queue (lost lease ${lost} of ${deps.learning.maxAttempts})`,
          data: { assignee: holder, lost, maxAttempts: deps.learning.maxAttempts },
        },
        now,
      );
      requeued.push(task.ref);
    }
  }
  releaseEndedPrerequisites(deps, ctx.workspaceId, now);
  return { requeued, failed };
}
