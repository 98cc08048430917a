import type { Ctx } from '../domain/ctx.js';
import { atMinuteUtc } from '../domain/duration.js';
import type { Task, TaskEvent } from '../domain/task.js';
import { withoutControlCharacters } from '../domain/validate.js';
import { ConflictError, ForbiddenError, ValidationError } from '../errors.js';
import type { RunEnd } from '../store/run-repository.js';
import { requireAssignee } from './assignees.js';
import type { createDecisionUseCases } from './decisions.js';
import { nowIso, type UseCaseDeps } from './deps.js';
import { expireLeases } from './expire-leases.js';
import type { ClaimRef, ClaimResult, FinishResult, QueueView, RunReport } from './queue-types.js';
import { claimerOf, recordStep } from './record-step.js';
import type { createTaskUseCases } from './tasks.js';
import { actAs } from './token-scope.js';
import { blockedTasks, nothingToClaim } from './waiting.js';

/**
 * Minutes from `from` to `to` (ms), to the second: a claim 20 seconds old read `1 s` when they
 * were rounded to whole minutes (0, which a duration shows as its least).
 */
const minutesBetween = (from: number, to: number): number => Math.round((to - from) / 1000) / 60;

export type { ClaimRef, ClaimResult, FinishResult, QueueView, RunReport } from './queue-types.js';

/** What ended a claim, from the step that took the task out of progress: " (its lease ran out at …)". */
function endedBy(step: TaskEvent | undefined): string {
  if (step === undefined) return '';
  // To the minute, as a decision's reply says when the task was decided (`already`).
  if (step.type === 'lease_expired') return ` (its lease ran out at ${atMinuteUtc(step.createdAt)})`;
  return ` (${step.type.replace('_', ' ')} by ${step.actor} at ${atMinuteUtc(step.createdAt)})`;
}

export function createQueueUseCases(
  deps: UseCaseDeps,
  tasks: ReturnType<typeof createTaskUseCases>,
  decisions: ReturnType<typeof createDecisionUseCases>,
) {
  const { store } = deps;

  /**
   * Why `assignee` does not hold `task`, from its log: never claimed by it ("T-1 is not claimed"),
   * held by another, or what ended its claim ("its lease ran out at …", "cancelled by … at …").
   */
  function notHeld(task: Task, assignee: string): string {
    const status = task.status.replace('_', ' ');
    const events = store.events.forTask(task.id);
    const claimed = events.findLastIndex((e) => e.type === 'claimed' && e.data.assignee === assignee);
    if (claimed === -1) {
      return task.claimedBy === null
        ? `${task.ref} is not claimed: it is ${status}`
        : `${task.ref} is claimed by ${task.claimedBy}, not ${assignee}`;
    }
    const ended = events.slice(claimed + 1).find((e) => e.fromStatus !== e.toStatus);
    const holder = task.claimedBy ? ` and held by ${task.claimedBy}` : '';
    return `${task.ref} is no longer claimed by ${assignee}: it is ${status}${holder}${endedBy(ended)}`;
  }

  /** Why `claim` no longer holds `task`, or null while it does. */
  function lostBecause(task: Task, claim: ClaimRef): string | null {
    const { assignee, runId } = claim;
    if (task.status !== 'in_progress' || task.claimedBy !== assignee) return notHeld(task, assignee);
    if (runId === undefined || runId === null) return null;
    const run = store.runs.get(runId);
    if (!run || run.taskId !== task.id) return `run #${runId} is not a run of ${task.ref}`;
    if (run.endedAt !== null) {
      return `${task.ref} is no longer claimed by run #${runId} of ${assignee}: that run ended (${run.result ?? 'unknown'})${run.result === 'lost' ? ' when its lease ran out' : ''}, and ${assignee} claimed the task again since`;
    }
    return null;
  }

  /**
   * A late report's run, filled in when `runId` names a run of `task` by `assignee` that has ended
   * without a report (its lease ran out, it was released, the task was decided meanwhile); what
   * became of it, for the report's answer. A run still open is the current holder's: a report
   * that is not the holder's never ends it.
   */
  function keepLateRun(
    task: Task,
    assignee: string,
    runId: number | null,
    end: Omit<RunEnd, 'result'>,
    now: string,
  ): string {
    if (runId === null) return 'without its runId, no run is recorded';
    const run = store.runs.get(runId);
    if (run === null || run.taskId !== task.id || run.assignee !== assignee) {
      return `run #${runId} is not a run of ${task.ref} by ${assignee}, so no run is recorded`;
    }
    if (run.endedAt === null) return `run #${runId} is still running, so no run is recorded`;
    return store.runs.endRun(run.id, { ...end, result: 'lost' }, now)
      ? `run #${runId} is kept (${run.result ?? 'lost'})`
      : `run #${runId} was already recorded (${run.result ?? 'unknown'})`;
  }

  /**
   * The task of `claim` while its holder still holds it, and the claim with its assignee named as
   * registered (names match ignoring case, as claiming does).
   * @throws ConflictError saying what happened; NotFoundError for an unknown task or assignee.
   */
  function heldBy(ctx: Ctx, claim: ClaimRef, what: string): { task: Task; claim: ClaimRef } {
    const task = tasks.requireTask(ctx, claim.ref);
    const assignee = requireAssignee(store, ctx, claim.assignee);
    actAs(store, ctx, assignee, `${what} ${assignee.name}'s claims`);
    const own = { ...claim, assignee: assignee.name };
    const why = lostBecause(task, own);
    if (why) throw new ConflictError(why);
    ownClaim(ctx, task, what);
    return { task, claim: own };
  }

  /**
   * Over the API, a claim is its claimer's: only the token that claimed the task (or an admin)
   * may renew, release or finish it, run id or not. The CLI and local workers hold the database.
   * @throws ForbiddenError naming who claimed it.
   */
  function ownClaim(ctx: Ctx, task: Task, what: string): void {
    if (ctx.source !== 'api' || ctx.role === 'admin') return;
    const claimer = claimerOf(store, task);
    if (claimer !== null && claimer !== ctx.actor) {
      throw new ForbiddenError(
        `${task.ref} was claimed by ${claimer}: only that token, or an admin, can ${what} it`,
      );
    }
  }

  /** What in a run's report says it failed (a non-zero exit, a signal, a timeout); null if nothing does. */
  function failingPartOf(run: RunReport): string | null {
    if (run.timedOut) return 'timedOut true';
    if (run.signal !== null) return `signal ${run.signal}`;
    if (run.exitCode !== null && run.exitCode !== 0) return `exit ${run.exitCode}`;
    return null;
  }

  /** Ends the claim's run: by its id when the holder named it, else the task's open run. */
  function endRun(task: Task, claim: ClaimRef, end: RunEnd, now: string): void {
    if (claim.runId !== undefined && claim.runId !== null) store.runs.endRun(claim.runId, end, now);
    else store.runs.end(task.id, end, now);
  }

  /** Returns a held task to the queue (approved, no holder), ending its run as released. */
  function giveBack(ctx: Ctx, task: Task, claim: ClaimRef, note: string, output: string): Task {
    const { assignee } = claim;
    const now = nowIso(deps);
    store.claims.clear(task.id);
    store.tasks.setStatus(task.id, 'in_progress', 'approved', now);
    // Given back for another to take: routed to nobody, as a claim had made it the claimant's.
    store.tasks.setAssignee(task.id, null, now);
    endRun(task, claim, { result: 'released', exitCode: null, signal: null, minutes: null, output }, now);
    recordStep(store, ctx, task, { type: 'released', to: 'approved', note, data: { assignee } }, now);
    return {
      ...task,
      status: 'approved' as const,
      assignee: null,
      claimedBy: null,
      leaseExpiresAt: null,
      updatedAt: now,
    };
  }

  return {
    /**
     * Gives `assignee` its next approved task — routed to it or to nobody, prerequisites done,
     * highest priority first — atomically: two claims at once never get the same task.
     */
    claim(
      ctx: Ctx,
      assigneeName: string,
      leaseMinutes = deps.learning.leaseMinutes,
      /** The worker process claiming (`host:pid`): its run is recorded with the claim. */
      worker?: string,
    ): ClaimResult {
      return store.transaction(() => {
        const assignee = requireAssignee(store, ctx, assigneeName);
        actAs(store, ctx, assignee, `claim ${assignee.name}'s work`);
        const now = nowIso(deps);
        const { requeued, failed: expiredFailed } = expireLeases(deps, ctx, now);
        const held = store.claims.held(ctx.workspaceId).filter((t) => t.claimedBy === assignee.name).length;
        if (held >= assignee.capacity) {
          return {
            task: null,
            reason: `${assignee.name} is at capacity (${held} of ${assignee.capacity} claimed)`,
            requeued,
            expiredFailed,
            runId: null,
          };
        }
        const next = store.claims.next(ctx.workspaceId, assignee.name);
        if (!next) {
          return {
            task: null,
            reason: nothingToClaim(store, ctx.workspaceId, assignee.name),
            requeued,
            expiredFailed,
            runId: null,
          };
        }
        const lease = new Date(Date.parse(now) + leaseMinutes * 60_000).toISOString();
        if (!store.claims.take(next.id, assignee.name, lease, now)) {
          throw new ConflictError(`${next.ref} was claimed by someone else; try again`);
        }
        recordStep(
          store,
          ctx,
          next,
          {
            type: 'claimed',
            to: 'in_progress',
            note: `claimed by ${assignee.name} until ${lease}`,
            data: {
              assignee: assignee.name,
              leaseExpiresAt: lease,
              attempt: next.attempts + 1,
              ...(worker === undefined ? {} : { worker }),
            },
          },
          now,
        );
        const task = store.tasks.findByRef(ctx.workspaceId, next.ref);
        let runId: number | null = null;
        if (worker !== undefined && task) {
          runId = store.runs.start(
            {
              workspaceId: ctx.workspaceId,
              taskId: task.id,
              assignee: assignee.name,
              worker,
              attempt: task.attempts,
            },
            now,
          );
        }
        return { task, reason: null, requeued, expiredFailed, runId };
      });
    },

    /**
     * Extends the lease of a claim `assignee` still holds (a worker's heartbeat).
     * @throws ConflictError when the claim is no longer its own (expired and requeued, or finished).
     */
    renew(ctx: Ctx, claim: ClaimRef, leaseMinutes = deps.learning.leaseMinutes): Task {
      return store.transaction(() => {
        const { task, claim: own } = heldBy(ctx, claim, 'renew');
        const lease = new Date(Date.parse(nowIso(deps)) + leaseMinutes * 60_000).toISOString();
        store.claims.renew(task.id, own.assignee, lease);
        return { ...task, leaseExpiresAt: lease };
      });
    },

    /**
     * Gives a claimed task back to the queue without an outcome (the worker is stopping, or could
     * not start the command): it is approved again, for any worker, and the run is kept.
     */
    release(ctx: Ctx, claim: ClaimRef, reason: string, output = ''): Task {
      return store.transaction(() => {
        const { task, claim: own } = heldBy(ctx, claim, 'release');
        return giveBack(ctx, task, own, `${own.assignee} gave it back: ${reason}`, output);
      });
    },

    /**
     * Takes a claimed task back from whoever holds it (`goalpost queue release T-4`), without an
     * outcome: it is approved again, for any worker. A worker still running it finds its claim gone
     * at its next heartbeat and stops the command.
     * @throws ConflictError when nobody holds the task; NotFoundError for an unknown task.
     */
    releaseTask(ctx: Ctx, ref: unknown, reason: string): Task {
      return store.transaction(() => {
        const task = tasks.requireTask(ctx, ref);
        if (task.status !== 'in_progress' || task.claimedBy === null) {
          throw new ConflictError(
            `${task.ref} is not claimed: it is ${task.status.replace('_', ' ')}; only a task a worker or \`queue claim\` holds can be released`,
          );
        }
        const claim = { ref, assignee: task.claimedBy };
        ownClaim(ctx, task, 'release');
        return giveBack(ctx, task, claim, `taken back from ${task.claimedBy}: ${reason}`, '');
      });
    },

    /**
     * Records how a worker's run of a claimed task ended: done on success, failed with the reason
     * otherwise, the measured minutes going into learning, the output kept with the run. If the
     * claim is no longer this worker's (its lease ran out and the task moved on), the run named by
     * its run id is kept as lost and the task is left alone.
     */
    finish(ctx: Ctx, claim: ClaimRef, run: RunReport): FinishResult {
      const failing = failingPartOf(run);
      if (run.success && failing !== null) {
        throw new ValidationError(
          `run.success: a run that succeeded exits 0, with no signal and no timeout (got ${failing}); nothing was recorded`,
          'run.success',
        );
      }
      // Said of the report's field: the step's own check speaks of the command line's --reason.
      if (!run.success && run.reason !== null && withoutControlCharacters(run.reason).trim() === '') {
        throw new ValidationError(
          `run.reason: say why the run failed, as text, or null to record its exit code (got ${JSON.stringify(run.reason)}); nothing was recorded`,
          'run.reason',
        );
      }
      return store.transaction(() => {
        const task = tasks.requireTask(ctx, claim.ref);
        // As registered: names match ignoring case, as claiming does.
        const assignee = requireAssignee(store, ctx, claim.assignee).name;
        const own = { ...claim, assignee };
        const now = nowIso(deps);
        const result = run.success ? 'done' : run.timedOut ? 'timed_out' : 'failed';
        const end = { exitCode: run.exitCode, signal: run.signal, minutes: run.minutes, output: run.output };
        const lost = lostBecause(task, own);
        if (!lost) ownClaim(ctx, task, 'finish');
        // A report of a task this assignee never claimed is no late report: refused, as a renewal
        // is (a review's worker 'finished' a task it never held and read 200 as done).
        if (lost && !store.runs.list(task.id).some((r) => r.assignee === assignee)) {
          throw new ConflictError(
            `${assignee} never claimed ${task.ref} (it is ${task.status.replace('_', ' ')}${task.claimedBy ? `, claimed by ${task.claimedBy}` : ''}): a worker reports only on a task it claimed; nothing was recorded`,
          );
        }
        if (lost) {
          // Without its run id a late report cannot tell its run from the current holder's: it
          // leaves the runs alone. A run id is taken only for a run of this very task (of this
          // workspace) not reported yet.
          const kept = keepLateRun(task, assignee, claim.runId ?? null, end, now);
          return { task, recorded: false, why: `${lost}; ${kept}, the task is unchanged` };
        }
        endRun(task, claim, { ...end, result }, now);
        const decided = decisions.decide(ctx, {
          taskId: task.id,
          action: run.success ? 'done' : 'fail',
          assignee,
          minutes: run.minutes,
          fromRun: true,
          ...(run.success
            ? {}
            : {
                // The tail of a command's stderr: colour codes and the like are taken out.
                note: withoutControlCharacters(
                  run.reason ?? `exit ${run.exitCode ?? run.signal ?? '?'}`,
                ).slice(-1000),
              }),
        });
        return { task: decided.task, recorded: true, why: null };
      });
    },

    /**
     * Who holds what and for how long, what waits, and which of it waits for prerequisites.
     * Expired leases are returned first.
     */
    view(ctx: Ctx): QueueView {
      const now = nowIso(deps);
      // Expired leases are returned under the write lock, taken only when there are some: a look
      // at the queue does not wait for it while another process writes.
      const { requeued, failed: expiredFailed } =
        store.claims.expired(ctx.workspaceId, now).length > 0
          ? store.transaction(() => expireLeases(deps, ctx, now))
          : { requeued: [], failed: [] };
      return store.snapshot(() => {
        const nowMs = Date.parse(now);
        const claims = store.claims.held(ctx.workspaceId).map((task) => {
          const since = store.events.lastAt(task.id, ['claimed']) ?? task.updatedAt;
          return {
            task,
            heldMinutes: minutesBetween(Date.parse(since), nowMs),
            leaseLeftMinutes: task.leaseExpiresAt
              ? minutesBetween(nowMs, Date.parse(task.leaseExpiresAt))
              : 0,
          };
        });
        const started = store.tasks
          .list(ctx.workspaceId, { status: ['in_progress'], limit: 1000 })
          .filter((task) => task.claimedBy === null)
          .map((task) => {
            const since = store.events.lastAt(task.id, ['started', 'claimed']) ?? task.updatedAt;
            return { task, heldMinutes: minutesBetween(Date.parse(since), nowMs) };
          });
        const waiting = store.tasks.list(ctx.workspaceId, { status: ['approved'], limit: 1000 });
        return {
          claims,
          started,
          waiting,
          blocked: blockedTasks(store, ctx.workspaceId, waiting),
          requeued,
          expiredFailed,
        };
      });
    },
  };
}
