import * as z from 'zod';
import type { Ctx } from '../domain/ctx.js';
import { atMinuteUtc } from '../domain/duration.js';
import { type BugSeverity, isOpenItem } from '../domain/project.js';
import { bareReaction } from '../domain/reply.js';
import {
  type AffectsSuggested,
  type FailedBackBy,
  type Rejection,
  type RejectionHold,
  type Task,
  type TaskStatus,
  type WaitsSuggested,
  WITHDRAWN_BY_PLAN,
} from '../domain/task.js';
import { TASK_ACTIONS, type TaskAction } from '../domain/task-lifecycle.js';
import { lazySchema, validate } from '../domain/validate.js';
import { SEVERITY_AT_RISK } from '../engine/BacklogItem.js';
import { formatShare } from '../engine/format.js';
import { failedHoldEnds, failureMemoryDays } from '../engine/memory.js';
import { namedShare, namesTooBig, namesWrongProduct, reasonWaitsOnTitle } from '../engine/reason-dates.js';
import { notTheTeamsWork } from '../engine/reason-owner.js';
import { ConflictError, ForbiddenError, NotFoundError } from '../errors.js';
import { keyedRequest, keyReused } from './add-once.js';
import { outsideScope } from './assignee-scope.js';
import { requireAssignee } from './assignees.js';
import { nowIso, type UseCaseDeps } from './deps.js';
import type { createMemberUseCases } from './members.js';
import { claimerOf, recordStep } from './record-step.js';
import { heldByRejection, waitedTask } from './rejection-hold.js';
import { type ReleasedDependent, undoDependentSteps } from './release-dependents.js';
import { overCapacity } from './route-batch.js';
import type { createTaskUseCases, OutcomeInput, RetryResult } from './tasks.js';
import { actAs } from './token-scope.js';

export interface DecisionInput extends OutcomeInput {
  /** `T-12`; or give `taskId` (a button or reaction knows the id of the task it sits on). */
  ref?: unknown;
  taskId?: number;
  action: TaskAction;
  note?: string;
  /**
   * The status the decider saw (a button carries its card's status). If the task moved since,
   * nothing is written and the decider is told who moved it: two people deciding at once get one
   * winner, even when one approves and the other rejects.
   */
  expectedStatus?: TaskStatus;
  /**
   * The platform's id for this event (Slack retry, click, reaction). The same id twice changes
   * nothing the second time.
   */
  eventId?: string;
  /** A decision made by an emoji reaction: recorded so removing that reaction can undo it. */
  reaction?: string;
  /**
   * An outcome a worker agent's run reported: its note is the tail of the command's output, not a
   * reason anyone wrote, so it is never read as a block outside the work (see namesBlock): mocha's
   * "2 pending" excused a failing run, and routing learned nothing of the agent.
   */
  fromRun?: true;
}

/** A task routed by hand: whether that changed anything, and when it is of none of the assignee's projects, so. */
export interface Assignment {
  task: Task;
  changed: boolean;
  /**
   * `tom works on Ledgerly Mobile, not Developer Portal`, `docs_bot takes infrastructure work, not
   * bugfix`; null when it is theirs to take.
   */
  outside: string | null;
  /** `ana holds 3 open tasks now (proposals routed to them included), over a capacity of 2: …`; null within it. */
  over: string | null;
}

export interface DecisionResult {
  task: Task;
  action: TaskAction;
  /** False when nothing was written. */
  changed: boolean;
  /** True when `eventId` had already been handled. */
  duplicate: boolean;
  /** For an unchanged task: who took it there and when, e.g. "approved by slack:U1 at …". */
  already: string | null;
  /** Open tasks that waited for this one and no longer do (it failed, was cancelled or rejected). */
  released: ReleasedDependent[];
  /** A rejected task approved after all: the rejection it overturns (see TransitionResult). */
  overturned?: Rejection;
  /** What approving it after all set right (see TransitionResult). */
  setRight?: string[];
  /** Approved for someone whose slots were full: said (see TransitionResult.over). */
  over?: string;
  /** A rejection's: how long plans hold its work back (absent for work memory does not key). */
  held?: RejectionHold;
  /**
   * A failure's: when plans propose its work again (ISO), a day on so what stopped it can clear,
   * or later when its reason says (see failedHoldEnds; absent for work memory does not key, and
   * when failures hold nothing back: a rejection cooldown of 0 days).
   */
  proposedAgainFrom?: string;
  /** A failure's, when its reason holds its work longer than a day: why (see FailedBackBy). */
  proposedAgainBy?: FailedBackBy;
  /**
   * A cancel's, of a task made from a backlog item still open: the item (`feature #5`), which a
   * later plan may propose again, as a cancel holds nothing back (a rejection does).
   */
  itemLeftOpen?: string;
  /**
   * A done's, of a task made from a GitHub issue still open (`acme/app#2`, and its page): the item
   * closes when the issue does, so until someone closes it there its project counts the work as
   * open (see closeItem). A review's feature, marked done here, stayed `in_progress` and its
   * project at 0 % done, with nothing saying why.
   */
  issueLeftOpen?: { ref: string; url: string };
  /**
   * A backlog feature rejected as too big (see namesTooBig): its reply says how to put its parts
   * in the backlog instead (see splitText). Absent otherwise.
   */
  splitSuggested?: true;
  /**
   * A backlog item rejected as done already ("we already did this": see namesDoneAlready), its
   * reason not judging it: its reply says how to mark it done (see doneText). Absent otherwise.
   */
  doneSuggested?: true;
  /**
   * A backlog item rejected as filed under the wrong product (see namesWrongProduct): its reply
   * says how to put it under the right one (see moveText). Absent otherwise.
   */
  moveSuggested?: true;
  /**
   * A backlog bug rejected with a reason naming the share of its people it touches (`under 1% of
   * listeners`: see namedShare), not judged so yet: that share as written, and the one plans count
   * for its severity, for the reply to offer `bug affects` (see affectsText). Absent otherwise.
   */
  affectsSuggested?: AffectsSuggested;
  /**
   * A backlog feature rejected with a reason saying it waits for another open feature of its
   * project, by title (see reasonWaitsOnTitle), that it does not wait for already: that feature,
   * for the reply to offer `feature after` (see waitsText), which brings the work back once it is
   * done, where the rejection alone holds it its while. Absent otherwise.
   */
  waitsSuggested?: WaitsSuggested;
  /** A failure's, for a block outside the work (see TransitionResult.blocked, blockedText). */
  blocked?: true;
}

/**
 * What a rejected task's reason says of the share of its people its bug touches, beside the share
 * plans count for its severity (see DecisionResult.affectsSuggested); null for other work, a bug
 * the team judged already, one whose severity counts nothing, or a reason naming no share.
 */
function suggestedAffects(task: Task, note: string | undefined): AffectsSuggested | null {
  const severity = task.facts.severity as BugSeverity | undefined;
  if (task.item?.kind !== 'bug' || task.facts.affects !== undefined) return null;
  if (severity === undefined || !Object.hasOwn(SEVERITY_AT_RISK, severity)) return null;
  const share = namedShare(note);
  const counted = SEVERITY_AT_RISK[severity];
  // Only a share below its severity's: `bug affects` refuses more, which the severity says instead.
  if (share === null || Number.parseFloat(share) / 100 >= counted) return null;
  return { share, counted: formatShare(counted), severity };
}

/** Decisions a removed reaction may undo; done and fail recorded an outcome and stay. */
const UNDOABLE: ReadonlySet<TaskAction> = new Set(['approve', 'reject', 'start']);

export interface UndoResult {
  task: Task;
  changed: boolean;
  /** Why nothing changed, for the log. */
  why: string | null;
}

const eventIdSchema = lazySchema(() => z.object({ eventId: z.string().trim().min(1).max(200).optional() }));

/**
 * What a decision asked for, as remembered with its event id: the action and task, then a digest
 * of the details, so the same id sent again with other details is told apart from a retry.
 */
const requestOf = (task: Task, input: DecisionInput): string =>
  keyedRequest(`${input.action} ${task.ref}`, [
    input.note ?? null,
    input.minutes ?? null,
    input.assignee ?? null,
  ]);

/**
 * The one function every decision and step goes through, from every surface (chat command,
 * button, reaction, HTTP, CLI). In one write transaction it checks the event id, the actor's
 * role and the task's current state, then moves the task; so a repeat is a no-op, a refused
 * attempt writes nothing, and of two deciders at once exactly one wins and the other is told
 * who did.
 */
export function createDecisionUseCases(
  deps: UseCaseDeps,
  tasks: ReturnType<typeof createTaskUseCases>,
  members: ReturnType<typeof createMemberUseCases>,
) {
  const { store } = deps;

  function findTask(ctx: Ctx, input: DecisionInput): Task {
    if (input.taskId !== undefined) {
      const task = store.tasks.findById(input.taskId);
      if (!task || task.workspaceId !== ctx.workspaceId)
        throw new NotFoundError(`unknown task #${input.taskId}`);
      return task;
    }
    return tasks.requireTask(ctx, input.ref);
  }

  /**
   * "approved by slack:U1 at 2026-11-21T09:01:00.000Z", from the task's latest event into `status`;
   * null while it is as it was proposed (nobody moved it: who generated it says nothing here).
   */
  function lastMove(task: Task): string | null {
    const events = store.events.forTask(task.id);
    const last = [...events]
      .reverse()
      .find((e) => e.toStatus === task.status && e.fromStatus !== e.toStatus && e.type !== 'created');
    // To the minute, as a person reads a time (the event log keeps the instant). A claim is the
    // assignee's who took it (`claimed by bot2`), not the actor who ran the command for it.
    if (!last) return null;
    const at = atMinuteUtc(last.createdAt);
    // A plan's withdrawal is nobody's cancel: it says why (`withdrawn with batch 4: …`).
    if (last.type === 'cancelled' && last.data.via === WITHDRAWN_BY_PLAN && last.note)
      return `${last.note} (at ${at})`;
    const by =
      last.type === 'claimed' && typeof last.data.assignee === 'string' ? last.data.assignee : last.actor;
    // A rejection's reason stands: one typed again with another reason changes nothing, and says so.
    const why = last.type === 'rejected' && last.note ? `: '${last.note}'` : '';
    return `${last.type} by ${by} at ${at}${why}`;
  }

  /**
   * The task is no longer in the status the decider saw, nor where the action leads: a
   * ConflictError saying who moved it (two people deciding at once get one winner); null otherwise.
   */
  function movedOn(task: Task, action: TaskAction, expectedStatus?: TaskStatus): ConflictError | null {
    if (expectedStatus === undefined || task.status === expectedStatus) return null;
    if (task.status === TASK_ACTIONS[action].to) return null;
    const move = lastMove(task);
    const is = `it is ${task.status.replace('_', ' ')}${move ? ` (${move})` : ''}`;
    // Never in the status the caller expected, it did not change under them: they mistook it.
    const expected = String(expectedStatus).replace('_', ' ');
    const was = store.events.forTask(task.id).some((e) => e.toStatus === expectedStatus);
    return new ConflictError(
      was
        ? `${task.ref} changed while you were deciding: ${is}; nothing changed`
        : `${task.ref} was never ${expected} (you expected it ${expected}): ${is}; nothing changed`,
    );
  }

  /**
   * How long plans hold back the work of a task just rejected: the cooldown, longer for work
   * rejected again (see rejectHoldDays), counted as a plan counts it. Null for work memory does not
   * key (a task typed by hand), and when rejections hold nothing back (a cooldown of 0 days).
   */
  function holdOf(task: Task): RejectionHold | null {
    if (task.memoryKey === null) return null;
    const held = heldByRejection(deps, task.workspaceId, task.memoryKey, nowIso(deps), task.projectName);
    if (held === null) return null;
    // A playbook's work rejected as not the team's is held on every product (see recallElsewhere).
    const everywhere =
      held.hold.waitsOn === undefined &&
      task.playbookKey !== null &&
      task.projectId !== null &&
      notTheTeamsWork(held.rejected.reason, [task.projectName], Date.parse(held.rejected.at));
    return everywhere ? { ...held.hold, everyProduct: true } : held.hold;
  }

  /**
   * When plans propose a task's work again after it failed for `note`, as a plan's recall holds it
   * (see failedHoldEnds), and why when its reason holds it past a day: a time it names, or a task
   * it waits for that is open now.
   */
  function failedBack(task: Task, note: string | undefined): { from: string; by?: FailedBackBy } | null {
    // A cooldown of 0 days holds nothing back: memory keeps no failure, so plans propose the work
    // again at once, and the reply promises no hold (it said "from tomorrow", and the next plan
    // proposed the work at the top).
    if (failureMemoryDays(deps.rejectCooldownDays) === 0) return null;
    const held = failedHoldEnds(task.updatedAt, note?.trim() || null, deps.rejectCooldownDays, task.ref);
    if (held.judged)
      return {
        from: held.until,
        by: { judged: true, rememberedDays: failureMemoryDays(deps.rejectCooldownDays) },
      };
    const { waitsOn } = held;
    const waited = waitsOn === undefined ? null : waitedTask(store, task.workspaceId, waitsOn);
    const open =
      waitsOn === undefined || waited === null
        ? null
        : { openTask: waitsOn, ...(waited === 'failed' ? { failed: true as const } : {}) };
    if (held.asked === undefined)
      return open === null ? { from: held.until } : { from: held.until, by: open };
    const { at, rememberedDays } = held.asked;
    const asked = rememberedDays === undefined ? {} : { asked: at, rememberedDays };
    return { from: held.until, by: { ...open, reason: true, ...asked } };
  }

  /** The backlog item a task was made from, named (`feature #5`), while it is still open work. */
  function openItemOf(task: Task): string | null {
    const { item } = task;
    if (item === null) return null;
    const now = item.kind === 'feature' ? store.projects.feature(item.id) : store.projects.bug(item.id);
    if (now === null || !isOpenItem(item.kind, now.status)) return null;
    return item.source ? `${item.source.ref} on GitHub` : `${item.kind} #${item.id}`;
  }

  /** The feature a rejected feature's reason says it waits for (see DecisionResult.waitsSuggested), or null. */
  function suggestedWait(ctx: Ctx, task: Task, note: string | undefined): WaitsSuggested | null {
    const { item } = task;
    if (item?.kind !== 'feature' || task.projectId === null || note === undefined) return null;
    const others = store.projects
      .features(ctx.workspaceId, task.projectId)
      .filter((f) => f.id !== item.id && f.status !== 'done');
    const title = reasonWaitsOnTitle(
      note,
      others.map((f) => f.title),
    );
    const named = others.find((f) => f.title === title);
    if (named === undefined) return null;
    // Already waiting for it, or it waits for this one (a wait the other way is refused).
    if (store.projects.waitsFor(item.id, named.id) || store.projects.waitsFor(named.id, item.id)) return null;
    return { feature: named.id, title: named.title };
  }

  /**
   * A claim is its token's (as the queue's renew, release and finish hold): another member token
   * may not record the outcome of a task a worker holds over the API, and so credit whom it
   * likes and end the holder's run. People (approvers, admins) may still mark it by hand.
   */
  function heldByAnother(ctx: Ctx, task: Task): void {
    if (ctx.source !== 'api' || ctx.role !== 'member' || task.claimedBy === null) return;
    const claimer = claimerOf(store, task);
    if (claimer !== null && claimer !== ctx.actor) {
      throw new ForbiddenError(
        `${task.ref} was claimed by ${claimer}: only that token, or an approver, can record its outcome`,
      );
    }
  }

  /**
   * Over the API, a member token starts or records the outcome only of work held by or routed to
   * an assignee it acts for, and credits an outcome only to one (see actAs): naming a worker it
   * acts for does not let it fail a person's task. Work routed to nobody, or to an assignee since
   * removed, is anyone's.
   */
  function actingFor(ctx: Ctx, task: Task, input: DecisionInput): void {
    if (ctx.source !== 'api' || ctx.role !== 'member') return;
    // The name as typed; one that is no name is refused by the step itself.
    const named =
      typeof input.assignee === 'string' && input.assignee.trim() !== '' ? input.assignee.trim() : null;
    const whose = task.claimedBy ?? task.assignee;
    for (const name of new Set([whose, input.action === 'start' ? null : named])) {
      const assignee = name === null ? null : store.assignees.find(ctx.workspaceId, name);
      if (assignee === null) continue;
      const what =
        input.action === 'start' ? `start ${assignee.name}'s work` : `record ${assignee.name}'s outcomes`;
      actAs(store, ctx, assignee, what);
    }
  }

  return {
    decide(ctx: Ctx, input: DecisionInput): DecisionResult {
      // Most decisions (CLI, a worker's report) carry no event id: nothing to check then.
      const { eventId } =
        input.eventId === undefined
          ? { eventId: undefined }
          : validate(eventIdSchema(), { eventId: input.eventId });
      return store.transaction(() => {
        const task = findTask(ctx, input);
        // Only an event id is remembered with its request: without one, no digest to make.
        const request = eventId === undefined ? '' : requestOf(task, input);
        if (eventId !== undefined) {
          const seen = store.processed.outcome(ctx.workspaceId, ctx.source, eventId);
          // An API caller picks its own keys, and may reuse one by mistake; a chat platform's event
          // id names one event, so whatever arrives again under it is that event again.
          if (seen !== null && seen !== request && ctx.source === 'api' && seen.includes(' #')) {
            throw keyReused(seen);
          }
          if (seen !== null) {
            return {
              task,
              action: input.action,
              changed: false,
              duplicate: true,
              already: lastMove(task),
              released: [],
            };
          }
        }
        members.authorize(ctx, TASK_ACTIONS[input.action].role, `${input.action} ${task.ref}`);
        if (input.action === 'done' || input.action === 'fail') heldByAnother(ctx, task);
        if (input.action === 'start' || input.action === 'done' || input.action === 'fail')
          actingFor(ctx, task, input);
        const conflict = movedOn(task, input.action, input.expectedStatus);
        if (conflict) throw conflict;
        let result: ReturnType<typeof tasks.transition>;
        try {
          result = tasks.transition(
            ctx,
            task,
            input.action,
            input.note,
            { assignee: input.assignee, minutes: input.minutes },
            input.reaction === undefined ? {} : { via: 'reaction', reaction: input.reaction },
            input.fromRun !== true,
          );
        } catch (error) {
          if (error instanceof ConflictError) {
            const now = store.tasks.findById(task.id) ?? task;
            const move = lastMove(now);
            throw new ConflictError(move ? `${error.message}; ${move}` : error.message);
          }
          throw error;
        }
        if (eventId !== undefined) {
          store.processed.mark(ctx.workspaceId, ctx.source, eventId, request, nowIso(deps));
        }
        const held = result.changed && input.action === 'reject' ? holdOf(result.task) : null;
        const back =
          result.changed && input.action === 'fail' && result.task.memoryKey !== null
            ? failedBack(result.task, input.note)
            : null;
        const leftOpen = result.changed && input.action === 'cancel' ? openItemOf(result.task) : null;
        const source = result.task.item?.source;
        const issueOpen =
          result.changed &&
          input.action === 'done' &&
          source !== undefined &&
          openItemOf(result.task) !== null
            ? { ref: source.ref, url: source.url }
            : null;
        const split = held !== null && namesTooBig(input.note) && result.task.item?.kind === 'feature';
        // As the hold read the reason (see rejectionHold): done already, not judged.
        const doneAlready =
          held?.byReason?.duplicate === true && held.byReason.done === true && result.task.item !== null;
        const move = held !== null && result.task.item !== null && namesWrongProduct(input.note);
        const affects = held !== null ? suggestedAffects(result.task, input.note) : null;
        const waits =
          held !== null && held.waitsOn === undefined ? suggestedWait(ctx, result.task, input.note) : null;
        return {
          task: result.task,
          action: input.action,
          changed: result.changed,
          duplicate: false,
          already: result.changed ? null : lastMove(result.task),
          released: result.released,
          ...(result.overturned === undefined ? {} : { overturned: result.overturned }),
          ...(result.setRight === undefined ? {} : { setRight: result.setRight }),
          ...(result.over === undefined ? {} : { over: result.over }),
          ...(held === null ? {} : { held }),
          ...(back === null ? {} : { proposedAgainFrom: back.from }),
          ...(back?.by === undefined ? {} : { proposedAgainBy: back.by }),
          ...(leftOpen === null ? {} : { itemLeftOpen: leftOpen }),
          ...(issueOpen === null ? {} : { issueLeftOpen: issueOpen }),
          ...(split ? { splitSuggested: true as const } : {}),
          ...(doneAlready ? { doneSuggested: true as const } : {}),
          ...(move ? { moveSuggested: true as const } : {}),
          ...(affects === null ? {} : { affectsSuggested: affects }),
          ...(waits === null ? {} : { waitsSuggested: waits }),
          ...(result.blocked ? { blocked: true as const } : {}),
        };
      });
    },

    /**
     * What deciding `action` on a card showing `expectedStatus` would come to, read without
     * writing, for a step that asks for more first (Reject's reason form): throws decide's
     * ConflictError when the task moved on since; the unchanged result when it is where the action
     * leads already; null when the card is current (deciding would go ahead).
     */
    stale(
      ctx: Ctx,
      input: { taskId: number; action: TaskAction; expectedStatus?: TaskStatus },
    ): DecisionResult | null {
      const task = findTask(ctx, input);
      if (input.expectedStatus === undefined || task.status === input.expectedStatus) return null;
      const conflict = movedOn(task, input.action, input.expectedStatus);
      if (conflict) throw conflict;
      return {
        task,
        action: input.action,
        changed: false,
        duplicate: false,
        already: lastMove(task),
        released: [],
      };
    },

    /**
     * Undoes a decision made by a reaction when that reaction is removed: only the person who
     * reacted, only while that decision is still the task's latest step, and never a done or
     * failed outcome (routing already learned from it). `othersLeft`, as the platform tells it:
     * true when the person still has another reaction of that action on the message (👍 taken
     * back, their ✅ left), which holds the decision; false when none is left, so it goes
     * whichever of theirs made it; unknown, only the emoji that made it undoes it (skin tones
     * aside). Returns `changed: false` otherwise.
     */
    undo(
      ctx: Ctx,
      input: { taskId: number; action: TaskAction; reaction: string; othersLeft?: boolean; eventId?: string },
    ): UndoResult {
      const { eventId } = validate(eventIdSchema(), { eventId: input.eventId });
      return store.transaction(() => {
        const task = findTask(ctx, { taskId: input.taskId, action: input.action });
        const no = (why: string): UndoResult => ({ task, changed: false, why });
        if (
          eventId !== undefined &&
          !store.processed.mark(ctx.workspaceId, ctx.source, eventId, 'undo', nowIso(deps))
        ) {
          return no('already handled');
        }
        if (!UNDOABLE.has(input.action)) return no(`${input.action} cannot be undone`);
        if (input.othersLeft === true) return no('another reaction of theirs of that action is left');
        const last = store.events.forTask(task.id).at(-1);
        const rule = TASK_ACTIONS[input.action];
        const byThisReaction =
          last !== undefined &&
          last.type === rule.past &&
          last.actor === ctx.actor &&
          last.data.via === 'reaction' &&
          typeof last.data.reaction === 'string' &&
          (input.othersLeft === false || bareReaction(last.data.reaction) === bareReaction(input.reaction)) &&
          task.status === rule.to &&
          last.fromStatus !== null;
        if (!byThisReaction || last.fromStatus === null)
          return no('a later step happened, or the reaction did not decide it');
        members.authorize(ctx, TASK_ACTIONS[input.action].role, `undo ${input.action} ${task.ref}`);
        const now = nowIso(deps);
        if (!store.tasks.setStatus(task.id, task.status, last.fromStatus, now))
          return no('the task changed meanwhile');
        const note = `${rule.past} undone: the reaction was removed`;
        recordStep(
          store,
          ctx,
          task,
          { type: 'undone', to: last.fromStatus, note, data: { undoes: last.id } },
          now,
        );
        // What the step did to the tasks waiting for this one is undone with it, each as it was:
        // an approval after all that held them back again lets them go, a rejection that released
        // them (an approved one back to proposed) holds them back, approved again.
        undoDependentSteps(
          deps,
          ctx,
          task,
          last.id,
          `${task.ref} is no longer ${rule.past} (the reaction was removed)`,
          now,
        );
        return { task: { ...task, status: last.fromStatus, updatedAt: now }, changed: true, why: null };
      });
    },

    /**
     * Routes a task to an assignee by hand (overriding the learned route). Needs approver.
     * @throws ConflictError for a closed task.
     */
    assign(ctx: Ctx, ref: unknown, assigneeName: string): Assignment {
      return store.transaction(() => {
        const task = tasks.requireTask(ctx, ref);
        members.authorize(ctx, 'approver', `assign ${task.ref}`);
        const assignee = requireAssignee(store, ctx, assigneeName);
        if (!(['proposed', 'approved', 'in_progress'] as const).some((s) => s === task.status)) {
          throw new ConflictError(`cannot assign ${task.ref}: it is ${task.status.replace('_', ' ')}`);
        }
        // Given by hand, it is theirs all the same; the reply says when it is not of their projects
        // or of the kinds of work they take.
        const outside = outsideScope(assignee, task);
        if (task.assignee === assignee.name) return { task, changed: false, outside, over: null };
        const now = nowIso(deps);
        store.tasks.setAssignee(task.id, assignee.name, now);
        // Given by hand past their capacity: said, as routing would have given it nobody.
        const over = overCapacity(store, ctx.workspaceId, assignee.name);
        recordStep(
          store,
          ctx,
          task,
          {
            type: 'assigned',
            to: task.status,
            // Said in its history: "assigned by cli:ana via cli — to bo (was cy)".
            note: `to ${assignee.name}${task.assignee === null ? '' : ` (was ${task.assignee})`}`,
            data: { from: task.assignee, to: assignee.name },
          },
          now,
        );
        return { task: { ...task, assignee: assignee.name, updatedAt: now }, changed: true, outside, over };
      });
    },

    /**
     * Tries a failed task again as a new approved task (see tasks.retry), in one write
     * transaction. Needs approver: it commits the team to the work again, as approving does.
     */
    retry(ctx: Ctx, ref: unknown, note?: string, eventId?: string): RetryResult {
      // A chat platform's event id names one click or reaction: delivered again, it changes nothing.
      const seenId = eventId === undefined ? undefined : validate(eventIdSchema(), { eventId }).eventId;
      return store.transaction(() => {
        const task = tasks.requireTask(ctx, ref);
        if (seenId !== undefined && store.processed.outcome(ctx.workspaceId, ctx.source, seenId) !== null) {
          return { failed: task, task, changed: false, said: [], duplicate: true };
        }
        members.authorize(ctx, 'approver', `retry ${task.ref}`);
        const result = tasks.retry(ctx, task, note);
        if (seenId !== undefined) {
          store.processed.mark(ctx.workspaceId, ctx.source, seenId, `retry ${task.ref}`, nowIso(deps));
        }
        return result;
      });
    },

    /** The assignee linked to a platform user (`slack:U1` → the assignee with that Slack id). */
    assigneeForUser(ctx: Ctx, user: string): string | null {
      const [platform, id] = [user.slice(0, user.indexOf(':')), user.slice(user.indexOf(':') + 1)];
      const all = store.assignees.list(ctx.workspaceId);
      // A console user is an assignee of their name, in any case, as `--assignee` matches names:
      // `assignee add Dev` is the console's `dev` (exactly so first, where two differ by case).
      const hit =
        all.find(
          (a) =>
            (platform === 'slack' && a.slackUser === id) ||
            (platform === 'discord' && a.discordUser === id) ||
            (platform === 'console' && a.name === id),
        ) ??
        (platform === 'console' ? all.find((a) => a.name.toLowerCase() === id.toLowerCase()) : undefined);
      return hit?.name ?? null;
    },
  };
}
