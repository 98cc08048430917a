import type { Task } from '../domain/task.js';
import { ConflictError, NotFoundError } from '../errors.js';
import { type Ctx, nowIso, type UseCaseDeps } from './deps.js';
import { recordOutcome } from './record-outcome.js';

export interface ClaimResult {
  task: Task | null;
  /** Why nothing was handed out, when `task` is null. */
  reason: string | null;
  requeued: string[];
}

export interface QueueView {
  claims: Array<{ task: Task; heldMinutes: number; leaseLeftMinutes: number }>;
  waiting: Task[];
  requeued: string[];
}

export function createQueueUseCases(deps: UseCaseDeps) {
  const { store } = deps;

  /**
   * Returns expired claims to the queue (or fails them after the last attempt). Runs inside the
   * caller's transaction, before anything reads the queue.
   */
  function expireLeases(ctx: Ctx, now: string): string[] {
    const requeued: string[] = [];
    for (const task of store.tasks.expiredClaims(ctx.workspaceId, now)) {
      const holder = task.claimedBy;
      store.tasks.clearClaim(task.id);
      if (task.attempts >= deps.learning.maxAttempts) {
        const reason = `lease expired ${task.attempts} times (last holder ${holder ?? 'unknown'})`;
        store.tasks.setStatus(task.id, 'in_progress', 'failed', now);
        store.tasks.appendEvent(
          {
            workspaceId: ctx.workspaceId,
            taskId: task.id,
            type: 'failed',
            fromStatus: 'in_progress',
            toStatus: 'failed',
            actor: 'goalpost:queue',
            source: 'scheduler',
            note: reason,
            data: { assignee: holder, minutes: null, success: false },
          },
          now,
        );
        recordOutcome(
          deps,
          ctx,
          task,
          { assignee: holder, minutes: null, success: false, note: reason },
          now,
        );
      } else {
        store.tasks.setStatus(task.id, 'in_progress', 'approved', now);
        store.tasks.appendEvent(
          {
            workspaceId: ctx.workspaceId,
            taskId: task.id,
            type: 'lease_expired',
            fromStatus: 'in_progress',
            toStatus: 'approved',
            actor: 'goalpost:queue',
            source: 'scheduler',
            note: `claim by ${holder ?? 'unknown'} expired; back in the queue (attempt ${task.attempts} of ${deps.learning.maxAttempts})`,
          },
          now,
        );
      }
      requeued.push(task.ref);
    }
    return requeued;
  }

  return {
    /**
     * Gives `assignee` its next approved task — routed to it or to nobody, prerequisites done,
     * highest priority first — atomically: two claims at once never get the same task.
     */
    claim(ctx: Ctx, assigneeName: string, leaseMinutes = deps.learning.leaseMinutes): ClaimResult {
      return store.transaction(() => {
        const assignee = store.assignees.find(ctx.workspaceId, assigneeName);
        if (!assignee) {
          throw new NotFoundError(
            `unknown assignee "${assigneeName}"; add it with \`goalpost assignee add ${assigneeName}\``,
          );
        }
        const now = nowIso(deps);
        const requeued = expireLeases(ctx, now);
        const held = store.tasks.claims(ctx.workspaceId).filter((t) => t.claimedBy === assignee.name).length;
        if (held >= assignee.capacity) {
          return {
            task: null,
            reason: `${assignee.name} is at capacity (${held} of ${assignee.capacity} claimed)`,
            requeued,
          };
        }
        const next = store.tasks.nextClaimable(ctx.workspaceId, assignee.name);
        if (!next)
          return { task: null, reason: `no approved task is waiting for ${assignee.name}`, requeued };
        const lease = new Date(Date.parse(now) + leaseMinutes * 60_000).toISOString();
        if (!store.tasks.claim(next.id, assignee.name, lease, now)) {
          throw new ConflictError(`${next.ref} was claimed by someone else; try again`);
        }
        store.tasks.appendEvent(
          {
            workspaceId: ctx.workspaceId,
            taskId: next.id,
            type: 'claimed',
            fromStatus: 'approved',
            toStatus: 'in_progress',
            actor: ctx.actor,
            source: ctx.source,
            note: `claimed by ${assignee.name} until ${lease}`,
            data: { assignee: assignee.name, leaseExpiresAt: lease },
          },
          now,
        );
        const task = store.tasks.findByRef(ctx.workspaceId, next.ref);
        return { task, reason: null, requeued };
      });
    },

    /** Who holds what and for how long, and what waits. Expired leases are returned first. */
    view(ctx: Ctx): QueueView {
      return store.transaction(() => {
        const now = nowIso(deps);
        const requeued = expireLeases(ctx, now);
        const nowMs = Date.parse(now);
        const claims = store.tasks.claims(ctx.workspaceId).map((task) => {
          const since = store.tasks.lastEventAt(task.id, ['claimed']) ?? task.updatedAt;
          return {
            task,
            heldMinutes: Math.round((nowMs - Date.parse(since)) / 60_000),
            leaseLeftMinutes: task.leaseExpiresAt
              ? Math.round((Date.parse(task.leaseExpiresAt) - nowMs) / 60_000)
              : 0,
          };
        });
        const waiting = store.tasks.list(ctx.workspaceId, { status: ['approved'], limit: 1000 });
        return { claims, waiting, requeued };
      });
    },
  };
}
