import type { Task, TaskStatus } from '../domain/task.js';
import { listed } from '../domain/word-list.js';
import { ConflictError } from '../errors.js';
import type { Prerequisite } from '../store/dependency-repository.js';
import type { UseCaseDeps } from './deps.js';
import { QUEUE, recordStep, type StepBy } from './record-step.js';

/** The event a task gets when a prerequisite it waited for ends without shipping. */
export const DEPENDENCY_RELEASED = 'dependency_released';

/** How a prerequisite can end without shipping; each releases the tasks that wait for it. */
export const RELEASING: ReadonlySet<TaskStatus> = new Set(['failed', 'cancelled', 'rejected']);

/** A task that no longer waits for a prerequisite that ended without shipping. */
export interface ReleasedDependent {
  ref: string;
  /** Its status before: approved goes back to proposed, proposed and in progress stay. */
  from: TaskStatus;
  to: TaskStatus;
  /** What its event log says, e.g. "T-3 failed (exit 2): T-5 no longer waits for it and needs a new decision". */
  note: string;
}

/** The prerequisite's reason on one line, short enough for a chat thread. */
function brief(reason: string): string {
  const line = reason.replace(/\s+/g, ' ').trim();
  return line.length > 160 ? `${line.slice(0, 159)}…` : line;
}

/** "T-3 failed (exit 2: missing API key): T-5 no longer waits for it and needs a new decision". */
export function releaseNote(
  prerequisite: string,
  status: TaskStatus,
  reason: string | null,
  dependent: string,
  reproposed: boolean,
  /** What it still waits for, not done: the feature its own feature waits for (`feature after`). */
  still: readonly Prerequisite[] = [],
): string {
  const why = reason?.trim() ? ` (${brief(reason)})` : '';
  const then = reproposed ? ' and needs a new decision' : '';
  // A review read "T-2 no longer waits for it", approved T-2, and found the queue holding it for
  // feature 1, which T-1 was to build: the task's wait ended, its feature's did not.
  const waits =
    still.length === 0
      ? ''
      : `; it still waits for ${listed(still.map((s) => `${s.ref} '${s.title}' (${s.status.replace('_', ' ')})`))}: the queue hands it out once ${still.length === 1 ? 'that is' : 'those are'} done`;
  return `${prerequisite} ${status}${why}: ${dependent} no longer waits for it${then}${waits}`;
}

/**
 * The features a task's feature waits for (`feature after`) that are not done: the queue holds it
 * for them, whatever became of the task it waited for.
 */
function featureWaits(deps: UseCaseDeps, workspaceId: string, task: Task): Prerequisite[] {
  if (task.item?.kind !== 'feature' || task.projectId === null) return [];
  const { id } = task.item;
  const after = deps.store.projects.prerequisites(workspaceId, task.projectId).get(id) ?? [];
  if (after.length === 0) return [];
  const features = deps.store.projects.features(workspaceId, task.projectId);
  return after.flatMap((a) => {
    const f = features.find((x) => x.id === a);
    return f === undefined || f.status === 'done'
      ? []
      : [{ ref: `feature ${a}`, title: f.title, status: f.status }];
  });
}

/**
 * Releases the open tasks that wait for `prerequisite`, which has just ended in `status`: each
 * loses its edge to it, an approved one goes back to proposed (the team approved it assuming the
 * prerequisite would ship, so it needs a new decision), a proposed or in-progress one keeps its
 * status, and each gets a `dependency_released` event. Does nothing for any other status (a done
 * prerequisite satisfies its dependents). Call inside the transaction that ends the prerequisite.
 * @throws ConflictError when a dependent moved meanwhile; the caller's transaction then writes nothing.
 */
export function releaseDependents(
  deps: UseCaseDeps,
  /** Who ended the prerequisite: the release is recorded as part of their step. */
  by: StepBy,
  prerequisite: Pick<Task, 'id' | 'ref'>,
  status: TaskStatus,
  reason: string | null,
  now: string,
): ReleasedDependent[] {
  if (!RELEASING.has(status)) return [];
  const { store } = deps;
  const released: ReleasedDependent[] = [];
  for (const id of store.dependencies.openDependents(prerequisite.id)) {
    const dependent = store.tasks.findById(id);
    if (!dependent) continue;
    const from = dependent.status;
    const to: TaskStatus = from === 'approved' ? 'proposed' : from;
    store.dependencies.remove(id, prerequisite.id);
    if (to !== from && !store.tasks.setStatus(id, from, to, now)) {
      throw new ConflictError(
        `${dependent.ref} changed while releasing it from ${prerequisite.ref}; try again`,
      );
    }
    const still = featureWaits(deps, by.workspaceId, dependent);
    const note = releaseNote(prerequisite.ref, status, reason, dependent.ref, to !== from, still);
    recordStep(
      store,
      by,
      { id, status: from },
      {
        type: DEPENDENCY_RELEASED,
        to,
        note,
        data: { prerequisite: prerequisite.ref, prerequisiteStatus: status, reason },
      },
      now,
    );
    released.push({ ref: dependent.ref, from, to, note });
  }
  return released;
}

/**
 * Releases the tasks still waiting for a prerequisite that failed, was cancelled or was rejected
 * before releases existed (their edges would otherwise block them forever), with the reason the
 * prerequisite's own event gave. Runs inside the caller's transaction, like the lease sweep.
 */
export function releaseEndedPrerequisites(
  deps: UseCaseDeps,
  workspaceId: string,
  now: string,
): ReleasedDependent[] {
  const { store } = deps;
  const by: StepBy = { workspaceId, ...QUEUE };
  return store.dependencies.endedPrerequisites(workspaceId).flatMap((id) => {
    const prerequisite = store.tasks.findById(id);
    if (!prerequisite) return [];
    const ending = store.events
      .forTask(id)
      .findLast((e) => e.toStatus === prerequisite.status && e.fromStatus !== e.toStatus);
    return releaseDependents(deps, by, prerequisite, prerequisite.status, ending?.note ?? null, now);
  });
}

/**
 * The event a released task gets when it waits again: for the retry of the prerequisite that
 * released it, or for that prerequisite approved after all.
 */
export const DEPENDENCY_RESTORED = 'dependency_restored';

/** Statuses of a task still to start: released from a failed prerequisite, it waits for its retry. */
const NOT_STARTED: ReadonlySet<TaskStatus> = new Set(['proposed', 'approved']);

/**
 * Makes the tasks a prerequisite released wait for the task now doing its work: the work they
 * waited for is being done after all (a failed task's retry, a rejected one approved after all).
 * `chain`: the tasks whose ending released them (the failed task and its retries cancelled or
 * failed in turn; the rejected task); `since`: the event id of the first such ending, before which
 * none released them; `why`: what happened, the note's start (`T-4 retried as T-9`). Only a
 * dependent still to start (proposed or approved) waits again, keeping its status; one in progress
 * or ended goes on as it is. Each gets a `dependency_restored` event. Call inside the step's
 * transaction. Returns the refs that wait again.
 */
export function restoreDependents(
  deps: UseCaseDeps,
  by: StepBy,
  chain: readonly Pick<Task, 'id' | 'ref' | 'workspaceId'>[],
  doing: Pick<Task, 'id' | 'ref'>,
  since: number,
  why: string,
  now: string,
): string[] {
  const { store } = deps;
  const first = chain[0];
  if (first === undefined) return [];
  const inChain = new Set(chain.map((t) => t.id));
  const refs = chain.map((t) => t.ref);
  const waiting: string[] = [];
  for (const id of store.events.tasksWith(
    first.workspaceId,
    DEPENDENCY_RELEASED,
    since,
    'prerequisite',
    refs,
  )) {
    const dependent = store.tasks.findById(id);
    if (dependent === null || id === doing.id || !NOT_STARTED.has(dependent.status)) continue;
    // In the chain, or waiting for it already (restored before, and the step taken again).
    if (inChain.has(id) || dependent.dependsOn.includes(doing.ref)) continue;
    store.tasks.addDependency(id, doing.id);
    recordStep(
      store,
      by,
      dependent,
      {
        type: DEPENDENCY_RESTORED,
        to: dependent.status,
        note: `${why}: ${dependent.ref} waits for ${doing.ref} again`,
        data: { prerequisite: doing.ref, why },
      },
      now,
    );
    waiting.push(dependent.ref);
  }
  return waiting;
}

/**
 * Undoes what a step of `prerequisite` (its event `stepId`, being taken back) did to the tasks
 * waiting for it, each as it was before: a release (rejected, failed) is taken back by waiting for
 * it again, in the status it had (an approved task the release sent back to proposed is approved
 * again); a restore (approved after all) by waiting no more, its status untouched. A dependent that
 * moved since (started, decided, ended) is left as it is. `why` begins each note. Call inside the
 * undo's transaction.
 */
export function undoDependentSteps(
  deps: UseCaseDeps,
  by: StepBy,
  prerequisite: Pick<Task, 'id' | 'ref' | 'workspaceId'>,
  stepId: number,
  why: string,
  now: string,
): void {
  const { store } = deps;
  const types = [DEPENDENCY_RELEASED, DEPENDENCY_RESTORED];
  const ids = new Set(
    types.flatMap((type) =>
      store.events.tasksWith(prerequisite.workspaceId, type, stepId, 'prerequisite', [prerequisite.ref]),
    ),
  );
  for (const id of ids) {
    const dependent = store.tasks.findById(id);
    const step = store.events
      .forTask(id)
      .findLast((e) => e.id > stepId && types.includes(e.type) && e.data.prerequisite === prerequisite.ref);
    if (dependent === null || step === undefined || dependent.status !== step.toStatus) continue;
    const was = step.fromStatus ?? dependent.status;
    if (step.type === DEPENDENCY_RESTORED) {
      if (!store.dependencies.remove(id, prerequisite.id)) continue;
      const note = `${why}: ${dependent.ref} no longer waits for it`;
      recordStep(
        store,
        by,
        dependent,
        {
          type: DEPENDENCY_RELEASED,
          to: dependent.status,
          note,
          data: { prerequisite: prerequisite.ref, undoes: step.id },
        },
        now,
      );
      continue;
    }
    if (!NOT_STARTED.has(was)) continue;
    store.tasks.addDependency(id, prerequisite.id);
    if (was !== dependent.status && !store.tasks.setStatus(id, dependent.status, was, now)) {
      throw new ConflictError(`${dependent.ref} changed while undoing ${prerequisite.ref}'s step; try again`);
    }
    const again = was === dependent.status ? '' : `, ${was} again`;
    const note = `${why}: ${dependent.ref} waits for ${prerequisite.ref} again${again}`;
    recordStep(
      store,
      by,
      dependent,
      { type: DEPENDENCY_RESTORED, to: was, note, data: { prerequisite: prerequisite.ref, undoes: step.id } },
      now,
    );
  }
}
