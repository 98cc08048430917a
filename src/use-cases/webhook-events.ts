import type { Ctx } from '../domain/ctx.js';
import type { Task, ValueChange } from '../domain/task.js';
import type { TaskAction } from '../domain/task-lifecycle.js';
import type { RescaledTask } from '../engine/batch-plan.js';
import type { Store } from '../store/create-store.js';

/*
 * The outbox writes: each runs inside the transaction that makes the change it reports, so a
 * rolled-back change leaves no delivery and a committed one always has its delivery.
 */

/**
 * `batch.generated`: a saved batch proposed at least one task, valued again a proposal awaiting a
 * decision (`revalued`: what its card showed, and shows now), said an open task's priority again on
 * its scale (`rescaled`: its ref, title, status and priority before and now), routed one nobody held
 * (`routed`: its ref, title and assignee), or withdrew one whose reason went (`withdrawn`: its ref,
 * title and why).
 */
export function enqueueBatchGenerated(
  store: Store,
  ctx: Ctx,
  batchId: number,
  tasks: ReadonlyArray<Pick<Task, 'title' | 'priority' | 'category' | 'assignee'> & { ref: string | null }>,
  revalued: readonly ValueChange[],
  rescaled: readonly RescaledTask[],
  routed: ReadonlyArray<{ ref: string; title: string; assignee: string }>,
  withdrawn: ReadonlyArray<{ ref: string; title: string; why: string }>,
  now: string,
): void {
  if (
    tasks.length === 0 &&
    revalued.length === 0 &&
    rescaled.length === 0 &&
    routed.length === 0 &&
    withdrawn.length === 0
  )
    return;
  store.webhooks.enqueue(
    ctx.workspaceId,
    'batch.generated',
    {
      batchId,
      actor: ctx.actor,
      source: ctx.source,
      tasks: tasks.map((t) => ({
        ref: t.ref,
        title: t.title,
        priority: t.priority,
        category: t.category,
        assignee: t.assignee,
      })),
      revalued,
      rescaled,
      routed,
      withdrawn,
    },
    now,
  );
}

const DECISIONS: Partial<Record<TaskAction, string>> = {
  approve: 'approved',
  reject: 'rejected',
  cancel: 'cancelled',
};

/** `task.decided`: a task was approved, rejected or cancelled. Other actions enqueue nothing. */
export function enqueueTaskDecided(
  store: Store,
  ctx: Ctx,
  task: Pick<Task, 'ref' | 'title'>,
  action: TaskAction,
  note: string | null,
  now: string,
  /** The failed task a retry does the work of: the approved task is new (see tasks.retry). */
  retryOf?: string,
): void {
  const decision = DECISIONS[action];
  if (decision === undefined) return;
  store.webhooks.enqueue(
    ctx.workspaceId,
    'task.decided',
    {
      ref: task.ref,
      title: task.title,
      decision,
      actor: ctx.actor,
      source: ctx.source,
      note,
      ...(retryOf === undefined ? {} : { retryOf }),
    },
    now,
  );
}

/** `outcome.recorded`: a task was done or failed (by a person, a worker or an expired lease). */
export function enqueueOutcomeRecorded(
  store: Store,
  ctx: Ctx,
  task: Pick<Task, 'ref' | 'title'>,
  outcome: {
    success: boolean;
    assignee: string | null;
    minutes: number | null;
    note: string | null;
    blocked?: boolean;
  },
  now: string,
): void {
  const { blocked, ...said } = outcome;
  store.webhooks.enqueue(
    ctx.workspaceId,
    'outcome.recorded',
    { ref: task.ref, title: task.title, ...said, ...(blocked === true ? { blocked: true } : {}) },
    now,
  );
}
