import type { Ctx } from '../domain/ctx.js';
import type { Outcome } from '../domain/outcome.js';
import { workingMinutes } from '../domain/person.js';
import type { Task } from '../domain/task.js';
import { personOf } from './assignee-people.js';
import type { UseCaseDeps } from './deps.js';
import { enqueueOutcomeRecorded } from './webhook-events.js';

export interface OutcomeDetail {
  assignee: string | null;
  minutes: number | null;
  success: boolean;
  note: string | null;
  /**
   * A failure for a block outside the work (see namesBlock): stored as naming nobody, as its event
   * does, so routing learns nothing of `assignee` from it; its webhook still names who held it.
   */
  blocked?: boolean;
}

/**
 * Records a task's outcome and folds it into the (category, assignee) statistics. Call inside the
 * transaction that moves the task to done or failed; a task's outcome counts once, however often
 * it arrives (the outcome row is keyed by task).
 */
export function recordOutcome(
  deps: UseCaseDeps,
  ctx: Ctx,
  task: Task,
  detail: OutcomeDetail,
  now: string,
): boolean {
  const learning = deps.store.learning;
  const learnedOf = detail.blocked === true ? null : detail.assignee;
  const inserted = learning.insertOutcome({
    taskId: task.id,
    workspaceId: ctx.workspaceId,
    category: task.category,
    assignee: learnedOf,
    success: detail.success,
    minutes: detail.minutes,
    note: detail.note,
    at: now,
  });
  if (inserted) enqueueOutcomeRecorded(deps.store, ctx, task, detail, now);
  if (!inserted || learnedOf === null) return inserted;
  learning.addOutcome(
    ctx.workspaceId,
    outcomeForStats(task.category, learnedOf, detail.success, detail.minutes, now),
    deps.learning.halfLifeDays,
  );
  return true;
}

/**
 * The outcome as statistics see it: only a success says how long the work takes, so a failure's
 * minutes (often "gave up after 5 minutes") never shorten the expected completion time.
 */
export function outcomeForStats(
  category: Task['category'],
  assignee: string,
  success: boolean,
  minutes: number | null,
  at: string,
): Outcome {
  return { category, assignee, success, minutes: success ? minutes : null, at };
}

/**
 * Minutes from the task's start (or claim, or approval) to `now`, in the working time of the
 * person `assignee` is (see workingMinutes), on the clock for a worker agent or nobody; null when
 * it never started, and when a person's took less than a minute: marked done as it was approved,
 * it was done before, for how long nobody said (a trial's routing table read `median 0 min` for a
 * lead's features recorded after the fact).
 */
export function measuredMinutes(
  deps: UseCaseDeps,
  task: Task,
  now: string,
  assignee: string | null,
): number | null {
  const since =
    deps.store.events.lastAt(task.id, ['started', 'claimed']) ??
    deps.store.events.lastAt(task.id, ['approved']);
  if (since === null) return null;
  const who = assignee === null ? null : deps.store.assignees.find(task.workspaceId, assignee);
  const person = who === null ? null : personOf(deps, task.workspaceId, who);
  const [from, to] = [new Date(since), new Date(now)];
  const minutes =
    person === null
      ? (to.getTime() - from.getTime()) / 60_000
      : workingMinutes(person, from, to, deps.defaultTimeZone);
  if (person !== null && minutes < 1) return null;
  return Math.max(0, Math.round(minutes * 10) / 10);
}
