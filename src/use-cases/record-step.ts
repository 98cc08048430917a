import type { Ctx } from '../domain/ctx.js';
import type { Task, TaskStatus } from '../domain/task.js';
import type { Store } from '../store/create-store.js';

/** Who takes a step: a person or program, in a workspace, from a surface. */
export type StepBy = Pick<Ctx, 'workspaceId' | 'actor' | 'source'>;

/** Goalpost's own steps (expired leases, releases of dependents) are the queue's, on the scheduler. */
export const QUEUE = { actor: 'goalpost:queue', source: 'scheduler' } as const satisfies Omit<
  StepBy,
  'workspaceId'
>;

/** Who last claimed a task (`api:worker-a`, `worker:bot1`), by its log; null if nobody ever did. */
export function claimerOf(store: Store, task: Pick<Task, 'id'>): string | null {
  return store.events.forTask(task.id).findLast((e) => e.type === 'claimed')?.actor ?? null;
}

/** One step a task took, for its event log. */
export interface Step {
  /** What happened, in the past tense: `approved`, `claimed`, `lease_expired`. */
  type: string;
  /** Its status before the step; the task's current status when left out (null: it was just created). */
  from?: TaskStatus | null;
  /** Its status after the step (the same as before for a step that moves nothing, like `assigned`). */
  to: TaskStatus;
  note?: string | null;
  data?: Record<string, unknown>;
}

/**
 * Appends a step to a task's event log, as `by` took it. The caller has already moved the task
 * (compare-and-set) in the same transaction; the log is what history, undo, reports and the chat
 * watch read.
 */
export function recordStep(
  store: Store,
  by: StepBy,
  task: Pick<Task, 'id' | 'status'>,
  step: Step,
  now: string,
): void {
  store.events.append(
    {
      workspaceId: by.workspaceId,
      taskId: task.id,
      type: step.type,
      fromStatus: step.from === undefined ? task.status : step.from,
      toStatus: step.to,
      actor: by.actor,
      source: by.source,
      note: step.note ?? null,
      data: step.data ?? {},
    },
    now,
  );
}
