import * as z from 'zod';
import type { Ctx } from '../domain/ctx.js';
import { isOpenItem } from '../domain/project.js';
import {
  type BacklogRef,
  OPEN_STATUSES,
  RETRY_CANCELLED,
  type Rejection,
  rejectionText,
  suggestedNobody,
  TASK_STATUSES,
  type Task,
  type TaskEvent,
  type TaskStatus,
  type TaskSummary,
} from '../domain/task.js';
import {
  actionParticiple,
  actionPhrase,
  reasonExample,
  TASK_ACTIONS,
  type TaskAction,
} from '../domain/task-lifecycle.js';
import {
  CANONICAL_TASK_REF,
  hasControlCharacters,
  hasReordering,
  type Loose,
  lazySchema,
  MINUTES_FORM,
  NO_REORDERING,
  oneOf,
  positiveInt,
  REASON_CHARS,
  shown,
  taskRef,
  typedMinutes,
  typedTaskRef,
  validate,
} from '../domain/validate.js';
import { namesBlock } from '../engine/reason-dates.js';
import { ConflictError, NotFoundError, ValidationError } from '../errors.js';
import type { TaskRun } from '../store/run-repository.js';
import type { TaskFilter } from '../store/task-repository.js';
import { scopeMiss } from './assignee-scope.js';
import { registeredAssignee } from './assignees.js';
import { nowIso, type UseCaseDeps } from './deps.js';
import { measuredMinutes, recordOutcome } from './record-outcome.js';
import { QUEUE, recordStep } from './record-step.js';
import {
  RELEASING,
  type ReleasedDependent,
  releaseDependents,
  restoreDependents,
} from './release-dependents.js';
import { overCapacity, overCommitted } from './route-batch.js';
import { enqueueTaskDecided } from './webhook-events.js';

/** Extra facts a done/fail step may carry: who did it and how long it took. */
export interface OutcomeInput {
  assignee?: unknown;
  minutes?: unknown;
}

/** The most minutes an outcome may report: a year. */
const MAX_MINUTES = 525_600;

export const outcomeInput = lazySchema(() =>
  z.object({
    assignee: z.string().trim().min(1, { error: 'an assignee name like dev_worker1' }).optional(),
    minutes: z
      .preprocess(
        (v) => (typeof v === 'string' ? (typedMinutes(v) ?? v) : v),
        z
          .number({ error: (i) => `${MINUTES_FORM} (got ${shown(i.input)})` })
          .min(0, { error: (i) => `${MINUTES_FORM} (got ${shown(i.input)})` })
          .max(MAX_MINUTES, { error: `at most ${MAX_MINUTES} minutes (a year)` }),
      )
      .optional(),
  }),
);

export interface TransitionResult {
  task: Task;
  /** False when the task was already where this action leads: nothing was written. */
  changed: boolean;
  action: TaskAction;
  /** Open tasks that waited for this one and no longer do (it failed, was cancelled or rejected). */
  released: ReleasedDependent[];
  /** A rejected task approved after all: the rejection it overturns, for the reply to say (see rejectionText). */
  overturned?: Rejection;
  /** What approving it after all set right: `no longer waits for T-1 (failed)`. */
  setRight?: string[];
  /** Approved for someone whose slots were full: that they hold more than their capacity now (see overCommitted). */
  over?: string;
  /**
   * Failed for a block outside the work, as its reason says (see namesBlock): routing learns
   * nothing from it, and it does not lower the work's odds when it comes back (see blockedText).
   */
  blocked?: true;
}

/** A failed task tried again (see retry): the new task, or the one that already was its retry. */
export interface RetryResult {
  failed: Task;
  task: Task;
  /** False when the task had been retried already: `task` is that retry, and nothing was written. */
  changed: boolean;
  /** What the retry does differently from the failed task: `waits for T-3, as T-2 did`. */
  said: string[];
  /** A click or reaction delivered again (its event id handled already): nothing was done or said. */
  duplicate?: true;
}

const refInput = lazySchema(() => z.object({ ref: taskRef() }));

/**
 * A task ref parsed: one already in its parsed form is taken as it is, the rest through taskRef
 * (`t-12`, ` 12 `, `T-012`, or an error). A decision reads one on every request, and zod's parse
 * of it cost more than the task's read.
 */
export function parseRef(ref: unknown): string {
  return typeof ref === 'string' && CANONICAL_TASK_REF.test(ref) ? ref : validate(refInput(), { ref }).ref;
}

/**
 * An outcome's details parsed: already in their parsed form (a trimmed assignee, minutes a
 * number in range) they are taken as they are, the rest through outcomeInput (a string of minutes,
 * an assignee with spaces around, or an error). A decision carries them on every request.
 */
export function parseOutcome(outcome: OutcomeInput): { assignee?: string; minutes?: number } {
  const { assignee, minutes } = outcome;
  const assigneeParsed =
    assignee === undefined ||
    (typeof assignee === 'string' && assignee !== '' && assignee.trim() === assignee);
  const minutesParsed =
    minutes === undefined || (typeof minutes === 'number' && minutes >= 0 && minutes <= MAX_MINUTES);
  if (assigneeParsed && minutesParsed) {
    return { assignee: assignee as string | undefined, minutes: minutes as number | undefined };
  }
  return validate(outcomeInput(), outcome);
}

/** What `tasks --status` takes: a status, `open` (every open one) or `all` (every status). */
const STATUS_FILTERS = [...TASK_STATUSES, 'open', 'all'] as const;

export const taskListInput = lazySchema(() =>
  z.object({
    status: z.array(oneOf(STATUS_FILTERS)).default([]),
    limit: positiveInt(50).default(100),
  }),
);

/** The store's filter for a listing: `all` is no filter at all, whatever else was named with it. */
function filterOf(input: Loose<ReturnType<typeof taskListInput>>): TaskFilter {
  // A task's ref where a status goes (`goalpost tasks T-1`): the reader wanted that task.
  const ref = Array.isArray(input.status)
    ? input.status.map(typedTaskRef).find((r) => r !== null)
    : undefined;
  if (ref != null)
    throw new ValidationError(
      `status: ${ref} is a task, not a status; \`goalpost task show ${ref}\` shows it`,
      'status',
    );
  const f = validate(taskListInput(), input);
  if (f.status.includes('all')) return { limit: f.limit };
  const status = f.status.flatMap((s) => (s === 'open' ? [...OPEN_STATUSES] : [s as TaskStatus]));
  return { status, limit: f.limit };
}

export function createTaskUseCases(deps: UseCaseDeps) {
  const { store } = deps;

  function requireTask(ctx: Ctx, ref: unknown): Task {
    const parsed = parseRef(ref);
    const task = store.tasks.findByRef(ctx.workspaceId, parsed);
    if (!task) throw new NotFoundError(`unknown task ${parsed}; \`goalpost tasks\` lists them`);
    return task;
  }

  /**
   * Done work on a backlog item closes the item in the same transaction: the feature is done, the
   * bug fixed. An item synced from GitHub stays as GitHub has it: it closes when its issue does.
   * Returns what was closed, for the event.
   */
  function closeItem(task: Task, now: string): { closed?: string } {
    if (task.item === null) return {};
    const { kind, id } = task.item;
    if (store.github.issueOfItem(kind, id) !== null) return {};
    const closed =
      kind === 'feature'
        ? store.projects.setFeatureStatus(task.workspaceId, id, 'done', now)
        : store.projects.setBugStatus(task.workspaceId, id, 'fixed', now);
    return closed === 'changed' ? { closed: `${kind} #${id}` } : {};
  }

  /** How a retry's reasoning line about its failure begins: `Retry of T-4, which failed on …`. */
  const RETRY_OF = 'Retry of ';

  /**
   * A retry cancelled: the failed task it retried says so, with a step its card and the chat watch
   * show, and offers Retry again (see retryStands).
   */
  function retryCancelled(ctx: Ctx, task: Task, reason: string, now: string): void {
    const failed = retried(task);
    if (failed === null || failed.status !== 'failed') return;
    recordStep(
      store,
      ctx,
      failed,
      {
        type: RETRY_CANCELLED,
        to: 'failed',
        note: `${task.ref}, its retry, was cancelled${reason ? ` (${reason})` : ''}: \`retry ${failed.ref}\` tries again`,
        data: { retry: task.ref },
      },
      now,
    );
  }

  /**
   * Why a rejected task cannot be approved after all, or a failed one retried, or null when it can:
   * the work was proposed again as another task (doing both would do it twice) or done as one since
   * it was rejected or failed (`task.updatedAt`), or its backlog item went (done, fixed, dropped
   * from the backlog).
   */
  function goneSince(task: Task): string | null {
    if (task.memoryKey !== null) {
      const other = store.tasks.openWithMemoryKey(task.workspaceId, task.memoryKey, task.id);
      if (other !== null) {
        return other.status === 'proposed'
          ? `${other.ref} proposes the same work now (approve ${other.ref} instead)`
          : `${other.ref} does the same work, ${other.status.replace('_', ' ')}`;
      }
      const done = store.tasks.lastWithMemoryKey(task.workspaceId, task.memoryKey, 'done', task.id);
      if (done !== null && done.updatedAt > task.updatedAt) {
        return `${done.ref} did the same work since, done on ${done.updatedAt.slice(0, 10)}`;
      }
    }
    if (task.item === null) return null;
    const { kind, id } = task.item;
    const item = itemOf(task.item);
    if (item === null) return `${kind} ${id} is no longer in the backlog`;
    return isOpenItem(kind, item.status)
      ? null
      : `${kind} ${id}, "${item.title}", is ${item.status.replace('wontfix', "won't fix")}`;
  }

  /** The failed task a retry does the work of, as its `created` step names it; null for any other task. */
  function retried(task: Pick<Task, 'id' | 'workspaceId'>): Task | null {
    const retryOf = store.events.forTask(task.id).find((e) => e.type === 'created')?.data.retryOf;
    return typeof retryOf === 'string' ? store.tasks.findByRef(task.workspaceId, retryOf) : null;
  }

  /** A backlog item as it stands, or null once it left the backlog. */
  const itemOf = (item: BacklogRef) =>
    item.kind === 'feature' ? store.projects.feature(item.id) : store.projects.bug(item.id);

  /**
   * A failed task's retries, in order: its latest retry, that one's if it failed and was retried
   * too, and so on; empty when it was never retried. `events`: the task's log, when read.
   */
  function retriesOf(task: Task, events = store.events.forTask(task.id)): Task[] {
    const chain: Task[] = [];
    let log = events;
    // A chain is as long as the team retried; the bound only guards a log edited by hand.
    for (let hops = 0; hops < 1000; hops++) {
      const next = log.findLast((e) => e.type === 'retried')?.data.retry;
      const found = typeof next === 'string' ? store.tasks.findByRef(task.workspaceId, next) : null;
      if (found === null) break;
      chain.push(found);
      log = store.events.forTask(found.id);
    }
    return chain;
  }

  /**
   * The retry doing a failed task's work now: its latest retry (see retriesOf), while that one is
   * open; null for a task that did not fail, was never retried, or whose retries all ended.
   */
  function openRetry(task: Task): Task | null {
    if (task.status !== 'failed') return null;
    const latest = retriesOf(task).at(-1);
    return latest !== undefined && (OPEN_STATUSES as readonly TaskStatus[]).includes(latest.status)
      ? latest
      : null;
  }

  /** Whether the task's latest assignment (an `assigned` step) gave it to `assignee` by hand. */
  const givenByHand = (events: readonly TaskEvent[], assignee: string): boolean =>
    events.findLast((e) => e.type === 'assigned')?.data.to === assignee;

  /**
   * Why a failed task's work may not be retried for a rejection: the same work, proposed again as
   * another task since it failed, was rejected (approving that one after all is the team's way
   * back); null when it was not.
   */
  function rejectedSince(task: Task): string | null {
    if (task.memoryKey === null) return null;
    const rejected = store.tasks.lastWithMemoryKey(task.workspaceId, task.memoryKey, 'rejected', task.id);
    if (rejected === null || rejected.updatedAt <= task.updatedAt) return null;
    const why = rejectionOf(
      store.events.forTask(store.tasks.findByRef(task.workspaceId, rejected.ref)?.id ?? 0),
    );
    return `${rejected.ref}, the same work proposed since, was ${why ? rejectionText(why) : 'rejected'} (\`approve ${rejected.ref}\` approves it after all)`;
  }

  /**
   * Why a closed task's assignee may no longer take it up again (approved after all, or retried),
   * as a task of theirs still open would have gone from them: no longer an assignee, away, or
   * moved to other projects; null when they may, or it has none. One given to them by hand stays
   * theirs, as `assignee set` keeps it.
   */
  function assigneeGone(task: Task, events: readonly TaskEvent[]): string | null {
    const { assignee } = task;
    if (assignee === null) return null;
    const a = store.assignees.find(task.workspaceId, assignee);
    const miss = a === null ? null : scopeMiss(a, task);
    const outside = miss !== null && !givenByHand(events, assignee);
    if (a?.active && !outside) return null;
    const now =
      a === null
        ? 'is no longer an assignee'
        : !a.active
          ? 'is away'
          : miss === 'kind'
            ? `takes ${a.categories.join(', ')} work now`
            : `works on ${a.projects.map((p) => p.name).join(', ')} now`;
    return `is no longer with ${assignee}, who ${now}: whoever works on its project may claim it from the queue`;
  }

  /** A reason or note as a step records it: trimmed, within REASON_CHARS, no control characters. */
  function stepNote(note: string | undefined): string {
    const reason = note?.trim() ?? '';
    if (reason.length > REASON_CHARS)
      throw new ValidationError(`reason: at most ${REASON_CHARS} characters`, 'reason');
    if (hasControlCharacters(reason)) {
      throw new ValidationError('reason: must not contain control characters', 'reason');
    }
    if (hasReordering(reason)) throw new ValidationError(`reason: ${NO_REORDERING}`, 'reason');
    return reason;
  }

  /** A task's latest rejection, from its log: who, when, why. */
  function rejectionOf(events: readonly TaskEvent[]): Rejection | undefined {
    const e = events.findLast((x) => x.type === 'rejected');
    return e === undefined ? undefined : { by: e.actor, at: e.createdAt, note: e.note };
  }

  /**
   * A ✅ reaction approves a rejected task after all only from whoever rejected it (they changed
   * their mind): another's may have been added as the rejection landed, unseen, and of two people
   * deciding at once one wins and the other is told who did. A command or a button is deliberate
   * (a button carries the status its card showed: a stale one is refused before this).
   */
  function refuseOverrulingReaction(ctx: Ctx, task: Task, rejection: Rejection | undefined): void {
    if (rejection === undefined || rejection.by === ctx.actor) return;
    const why = rejection.note ? ` ("${rejection.note}")` : '';
    throw new ConflictError(
      `cannot approve ${task.ref} by a reaction after another's rejection${why}: its card's Approve button or \`approve ${task.ref}\` approves it after all`,
    );
  }

  /**
   * What approving a rejected task after all sets right, for its event and its reply: its
   * assignee, if they are no longer an active assignee who may take its project (removed, paused,
   * moved to other projects while it was rejected), goes (`unassigned`), as a task of theirs still
   * open would have, but one given to them by hand stays theirs, as `assignee set` keeps it; and
   * it no longer waits for prerequisites that ended while it was rejected (`noLongerWaitsFor`),
   * which would otherwise send it back to awaiting a decision at the next queue read. Tasks
   * released from it when it was rejected do not wait for it again.
   */
  function approveAfterAll(
    task: Task,
    events: readonly TaskEvent[],
    now: string,
  ): { data: Record<string, unknown>; task: Task; said: string[] } {
    const data: Record<string, unknown> = {};
    const said: string[] = [];
    let assignee = task.assignee;
    const gone = assigneeGone(task, events);
    if (gone !== null) {
      store.tasks.setAssignee(task.id, null, now);
      data.unassigned = assignee;
      said.push(gone);
      assignee = null;
    }
    const ended: string[] = [];
    const dropped = new Set<string>();
    for (const ref of task.dependsOn) {
      const prerequisite = store.tasks.findByRef(task.workspaceId, ref);
      if (prerequisite === null || !RELEASING.has(prerequisite.status)) continue;
      store.dependencies.remove(task.id, prerequisite.id);
      ended.push(`${ref} (${prerequisite.status})`);
      dropped.add(ref);
    }
    if (ended.length > 0) {
      data.noLongerWaitsFor = ended;
      said.push(`no longer waits for ${ended.join(', ')}`);
    }
    return {
      data,
      said,
      task: { ...task, assignee, dependsOn: task.dependsOn.filter((ref) => !dropped.has(ref)) },
    };
  }

  return {
    requireTask,
    openRetry,
    retried,

    list(ctx: Ctx, input: Loose<ReturnType<typeof taskListInput>> = {}): Task[] {
      return store.tasks.list(ctx.workspaceId, filterOf(input));
    },

    /** The tasks `list` gives, in its order, as summaries: what a chat listing shows, read for a fraction of the cost. */
    summaries(ctx: Ctx, input: Loose<ReturnType<typeof taskListInput>> = {}): TaskSummary[] {
      return store.tasks.summaries(ctx.workspaceId, filterOf(input));
    },

    /** The task a button or message points at, by id. @throws NotFoundError outside this workspace. */
    byId(ctx: Ctx, id: number): Task {
      const task = store.tasks.findById(id);
      if (!task || task.workspaceId !== ctx.workspaceId) throw new NotFoundError(`unknown task #${id}`);
      return task;
    },

    /** A task with its history and the runs worker agents made of it (with their output). */
    show(ctx: Ctx, ref: unknown): { task: Task; events: TaskEvent[]; runs: TaskRun[] } {
      const task = requireTask(ctx, ref);
      return { task, events: store.events.forTask(task.id), runs: store.runs.list(task.id) };
    },

    /**
     * The one path every decision and step takes: moves `task` (read by the caller inside the
     * same write transaction; `decisions.decide` opens it) and appends the event. A task that fails,
     * is cancelled or rejected releases the open tasks waiting for it, in the same transaction.
     * Repeating a step that already happened changes nothing and says so (`changed: false`).
     * @throws ValidationError for a bad reason or outcome detail, before anything is written.
     * @throws ConflictError for an illegal transition, naming the task's current state.
     */
    transition(
      ctx: Ctx,
      task: Task,
      action: TaskAction,
      note?: string,
      outcome: OutcomeInput = {},
      /** Recorded with the event: how the step was taken (e.g. `{ via: 'reaction', emoji }`). */
      meta: Record<string, unknown> = {},
      /** The note is a reason someone wrote (not a worker run's output): a failure's may name a block. */
      written = true,
    ): TransitionResult {
      const rule = TASK_ACTIONS[action];
      const detail = parseOutcome(outcome);
      const isOutcome = action === 'done' || action === 'fail';
      if (!isOutcome && (detail.assignee !== undefined || detail.minutes !== undefined)) {
        throw new ValidationError(`--assignee and --minutes go with done or fail, not ${action}`, 'assignee');
      }
      if (rule.needsReason && (note?.trim() ?? '') === '') {
        throw new ValidationError(
          `reason: say why the task is ${rule.past}, e.g. --reason "${reasonExample(action)}"`,
          'reason',
        );
      }
      const reason = stepNote(note);
      if (task.status === rule.to) return { task, changed: false, action, released: [] };
      if (!(rule.from as readonly TaskStatus[]).includes(task.status)) {
        throw new ConflictError(
          `cannot ${actionPhrase(action, task.ref)}: it is ${task.status.replace('_', ' ')} (only a task that is ${rule.from.map((s) => s.replace('_', ' ')).join(' or ')} can be ${actionParticiple(action)})`,
        );
      }
      let afterAll: Record<string, unknown> = {};
      let overturned: Rejection | undefined;
      let setRight: string[] = [];
      let rejectedAt = 0;
      if (action === 'approve' && task.status === 'rejected') {
        const gone = goneSince(task);
        if (gone !== null) throw new ConflictError(`cannot approve ${task.ref}: ${gone}`);
        // Its log, read once: the rejection it overturns, and whether its assignee was given it by hand.
        const events = store.events.forTask(task.id);
        overturned = rejectionOf(events);
        rejectedAt = events.findLast((e) => e.type === 'rejected')?.id ?? 0;
        if (meta.via === 'reaction') refuseOverrulingReaction(ctx, task, overturned);
        const after = approveAfterAll(task, events, nowIso(deps));
        ({ data: afterAll, said: setRight, task } = after);
      }
      const now = nowIso(deps);
      // As registered: names match ignoring case, as the assignee table compares them, and an
      // outcome learned under another spelling would count for nobody routing picks.
      const named =
        detail.assignee === undefined ? undefined : registeredAssignee(store, ctx, detail.assignee);
      let data: Record<string, unknown> = { ...meta };
      let assignee = task.assignee;
      let moved: boolean;
      let blocked = false;
      if (isOutcome) {
        assignee = named ?? task.claimedBy ?? task.assignee;
        const minutes = detail.minutes ?? measuredMinutes(deps, task, now, assignee);
        blocked = action === 'fail' && written && namesBlock(reason || null, Date.parse(now));
        // A block's outcome names nobody in the log (what learning reads, live and rebuilt alike):
        // who held the work is kept beside it, for its history.
        data = blocked
          ? { ...meta, assignee: null, heldBy: assignee, blocked: true, minutes, success: false }
          : { ...meta, assignee, minutes, success: action === 'done' };
        moved = store.tasks.finish(task.id, task.status, rule.to, assignee, now);
        if (moved && action === 'done') data = { ...data, ...closeItem(task, now) };
        if (moved) {
          recordOutcome(
            deps,
            ctx,
            task,
            { assignee, minutes, success: action === 'done', note: reason || null, blocked },
            now,
          );
        }
      } else {
        moved = store.tasks.setStatus(task.id, task.status, rule.to, now);
      }
      if (!moved) throw new ConflictError(`${task.ref} changed while deciding; try again`);
      // Decided under a worker's claim by someone else (cancelled, done from chat): that run is
      // over. The worker's own report ends its run before deciding, so this finds none then.
      if (task.claimedBy !== null && rule.to !== 'in_progress') {
        store.runs.lose(task.id, now);
      }
      recordStep(
        store,
        ctx,
        task,
        { type: rule.past, to: rule.to, note: reason || null, data: { ...data, ...afterAll } },
        now,
      );
      enqueueTaskDecided(store, ctx, task, action, reason || null, now);
      const released = releaseDependents(deps, ctx, task, rule.to, reason || null, now);
      if (rule.to === 'cancelled') retryCancelled(ctx, task, reason, now);
      // Approved after all, its work is being done: what its rejection released waits for it again.
      if (overturned !== undefined) {
        const why = `${task.ref} approved after all`;
        const again = restoreDependents(deps, ctx, [task], task, rejectedAt, why, now);
        if (again.length > 0)
          setRight = [...setRight, `holds back ${again.join(', ')} again until it is done`];
      }
      // Approved for someone already full: said, as assigning by hand past capacity says it.
      const over =
        action === 'approve' && assignee !== null
          ? overCommitted(store, ctx.workspaceId, assignee, task.ref)
          : null;
      return {
        task: { ...task, status: rule.to, assignee, claimedBy: null, leaseExpiresAt: null, updatedAt: now },
        changed: true,
        action,
        released,
        ...(overturned === undefined ? {} : { overturned }),
        ...(setRight.length === 0 ? {} : { setRight }),
        ...(over === null ? {} : { over }),
        ...(blocked ? { blocked: true as const } : {}),
      };
    },

    /**
     * A failed task tried again (inside the caller's write transaction, as transition is): its
     * work becomes a new task, approved, with the failed one's value, reasoning and routing. A
     * failure is an outcome routing and confidence learned from, one per task, so the failed task
     * stays as it ended, with a `retried` step naming the new one. The new task goes to whoever
     * failed it unless they may no longer take it (see assigneeGone), and waits for the failed
     * one's prerequisites still open; it serves the goal its item serves now, and takes over the
     * GitHub issue the failed one was exported to. The tasks the failure released that have not
     * started wait for it (see restoreDependents). Retrying a task again changes nothing and names
     * its latest retry (see retriesOf), unless that retry was cancelled.
     * @throws ConflictError for a task that did not fail, whose work went since (see goneSince) or
     * was proposed again and rejected since.
     */
    retry(ctx: Ctx, asked: Task, note?: string): RetryResult {
      const reason = stepNote(note);
      const askedEvents = store.events.forTask(asked.id);
      const chain = [asked, ...retriesOf(asked, askedEvents)];
      const before = chain.length > 1 ? (chain.at(-1) as Task) : null;
      if (before !== null && before.status !== 'cancelled') {
        return { failed: asked, task: before, changed: false, said: [] };
      }
      // Past a cancelled retry, the work is tried again from its latest failure: that task's
      // assignee, failure and issue are the ones that stand.
      const task = chain.findLast((t) => t.status === 'failed') ?? asked;
      const events = task === asked ? askedEvents : store.events.forTask(task.id);
      if (task.status !== 'failed') {
        throw new ConflictError(
          `cannot retry ${task.ref}: it is ${task.status.replace('_', ' ')} (only a failed task can be retried${task.status === 'rejected' ? `; \`approve ${task.ref}\` approves it after all` : ''})`,
        );
      }
      const gone = goneSince(task) ?? rejectedSince(task);
      // Retried from a later task of the chain than the one named: both are said.
      const named = task === asked ? task.ref : `${asked.ref} (its latest failed retry is ${task.ref})`;
      if (gone !== null) throw new ConflictError(`cannot retry ${named}: ${gone}`);
      const same = store.tasks.openWithFingerprint(task.workspaceId, task.fingerprint);
      if (same !== null) {
        throw new ConflictError(
          `cannot retry ${named}: ${same.ref} does the same work, ${same.status.replace('_', ' ')}${same.status === 'proposed' ? ` (approve ${same.ref} instead)` : ''}`,
        );
      }
      const said: string[] = [];
      const failure = events.findLast((e) => e.type === 'failed');
      // Failed by the queue, its holder's leases running out: a worker that stopped answering is
      // no one to hand it back to.
      const lostLeases = failure?.actor === QUEUE.actor && task.assignee !== null;
      const away = lostLeases
        ? `is no longer with ${task.assignee}: ${task.ref} failed as its leases ran out (${failure?.note ?? 'lease expired'}), so whoever works on its project may claim it from the queue`
        : assigneeGone(task, events);
      if (away !== null) said.push(away);
      const assignee = away === null ? task.assignee : null;
      const failedOn = `failed on ${task.updatedAt.slice(0, 10)}${failure?.note ? ` ("${failure.note}")` : ''}`;
      const now = nowIso(deps);
      const seq = store.tasks.nextSeq(task.workspaceId);
      const ref = `T-${seq}`;
      const id = store.tasks.insert(
        {
          workspaceId: task.workspaceId,
          batchId: task.batchId,
          title: task.title,
          category: task.category,
          projectId: task.projectId,
          playbookKey: task.playbookKey,
          signal: task.signal,
          subject: task.subject,
          goalId: task.item === null ? task.goalId : (itemOf(task.item)?.goalId ?? null),
          item: task.item,
          memoryKey: task.memoryKey,
          facts: task.facts,
          focusArea: task.focusArea,
          priority: task.priority,
          revenueImpact: task.revenueImpact,
          goalValue: task.goalValue,
          alignment: task.alignment,
          confidence: task.confidence,
          effortHours: task.effortHours,
          score: task.score,
          // Said last, as the first line is the work's headline (a digest's one line, a worker's
          // "why"): the lines before it are the work's as it was first proposed, not a plan's of
          // today; a retry of a retry says only the latest failure.
          // Not why routing suggested nobody then ("no assignees yet (`assignee add <name>`)"): a
          // review's retry said so to a team of three. The retry goes back to whoever held the
          // failed task, or to whoever claims it, as its card says.
          reasoning: [
            ...task.reasoning.filter((line) => !line.startsWith(RETRY_OF) && !suggestedNobody(line)),
            `${RETRY_OF}${task.ref}, which ${failedOn}; the lines above are as the work was first proposed`,
          ],
          assignee,
          fingerprint: task.fingerprint,
        },
        seq,
        now,
      );
      // Its prerequisites still open hold it back as they held the failed one; ended ones do not.
      const waits: string[] = [];
      const ended: string[] = [];
      for (const prerequisiteRef of task.dependsOn) {
        const prerequisite = store.tasks.findByRef(task.workspaceId, prerequisiteRef);
        if (prerequisite === null || prerequisite.status === 'done') continue;
        if (RELEASING.has(prerequisite.status)) {
          ended.push(`${prerequisiteRef} (${prerequisite.status})`);
          continue;
        }
        store.tasks.addDependency(id, prerequisite.id);
        waits.push(prerequisiteRef);
      }
      if (waits.length > 0) said.push(`waits for ${waits.join(', ')}, as ${task.ref} did`);
      if (ended.length > 0) said.push(`no longer waits for ${ended.join(', ')}`);
      // Back to whoever failed it past their capacity: said, as assigning by hand says it.
      const over = assignee === null ? null : overCapacity(store, task.workspaceId, assignee);
      if (over !== null) said.push(`goes back all the same, though ${over}`);
      const data = { retryOf: task.ref };
      const created = { id, status: 'proposed' as const };
      recordStep(
        store,
        ctx,
        created,
        { type: 'created', from: null, to: 'proposed', note: `retry of ${task.ref}`, data },
        now,
      );
      if (!store.tasks.setStatus(id, 'proposed', 'approved', now))
        throw new ConflictError(`${ref} changed while retrying; try again`);
      recordStep(store, ctx, created, { type: 'approved', to: 'approved', note: reason || null, data }, now);
      // Given to them by hand, it stays theirs by hand: a retry of this retry keeps it so too.
      if (assignee !== null && givenByHand(events, assignee)) {
        recordStep(
          store,
          ctx,
          { id, status: 'approved' },
          {
            type: 'assigned',
            to: 'approved',
            note: `to ${assignee}, as ${task.ref} was by hand`,
            data: { from: null, to: assignee },
          },
          now,
        );
      }
      recordStep(
        store,
        ctx,
        task,
        {
          type: 'retried',
          to: task.status,
          note: `as ${ref}${reason ? `: ${reason}` : ''}`,
          data: { retry: ref },
        },
        now,
      );
      // What its failure released waits for the retry: the work it waited for is being done. The
      // work is retried from `task`, so from its failure on: its releases, and those of the
      // retries cancelled after it.
      const since = failure?.id ?? 0;
      const from = chain.slice(chain.indexOf(task));
      const again = restoreDependents(
        deps,
        ctx,
        from,
        { id, ref },
        since,
        `${task.ref} retried as ${ref}`,
        now,
      );
      if (again.length > 0) {
        said.push(`holds back ${again.join(', ')} again until it is done, as ${task.ref} did`);
      }
      // Its GitHub issue, if it was exported, tracks the retry now: closing it closes the retry. A
      // cancelled retry may hold it, handed on to it before.
      let issue: ReturnType<typeof store.github.moveTaskIssue> = null;
      let holder = task;
      for (const t of [...chain].reverse()) {
        issue = store.github.moveTaskIssue(t.id, id);
        holder = t;
        if (issue !== null) break;
      }
      // Closed on GitHub since its task failed: it stays the failed task's, and the export gives
      // the retry an issue of its own.
      if (issue !== null && !issue.moved) {
        said.push(`leaves ${issue.ref} to ${holder.ref}: the issue was closed on GitHub`);
      } else if (issue !== null) {
        const tracked = `tracked as ${issue.ref} on GitHub, ${holder.ref}'s issue: ${issue.url}`;
        recordStep(
          store,
          ctx,
          { id, status: 'approved' },
          { type: 'exported', to: 'approved', note: tracked, data: { issue: issue.url } },
          now,
        );
        said.push(`is tracked by ${issue.ref}, ${holder.ref}'s issue`);
      }
      const retried = store.tasks.findById(id);
      if (retried === null) throw new ConflictError(`${ref} is gone while retrying; try again`);
      enqueueTaskDecided(store, ctx, retried, 'approve', reason || null, now, task.ref);
      return { failed: task, task: retried, changed: true, said };
    },
  };
}
