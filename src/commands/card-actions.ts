import type { Goalpost } from '../app.js';
import type { Ctx } from '../domain/ctx.js';
import type { Logger } from '../domain/logger.js';
import { actionForReaction, type Platform, type Reply, reply } from '../domain/reply.js';
import type { Role } from '../domain/role.js';
import type { TaskStatus } from '../domain/task.js';
import { TASK_ACTIONS, type TaskAction } from '../domain/task-lifecycle.js';
import { taskCard } from '../views/cards.js';
import { decisionReply, retryReply } from '../views/decision-reply.js';
import { mention } from '../views/mention.js';

/** Who clicked or reacted, and where. */
export interface ChatActor {
  workspaceId: string;
  platform: Platform;
  userId: string;
  channelId: string;
  eventId?: string;
  /** See ChatInvocation.platformRole. */
  platformRole?: Role;
}

/** A button on a task card. */
export interface ChatButtonPress extends ChatActor {
  /** A step of the task, or `retry` (a failed task's card: its work again, as a new task). */
  action: TaskAction | 'retry';
  taskId: number;
  /** The card's status when it was rendered (buttons carry it): a stale click changes nothing. */
  expectedStatus?: TaskStatus;
  /** The reason (a submitted reject form); a reject without one answers with the form. */
  note?: string;
}

/** An emoji reaction added to a message. */
export interface ChatReaction extends ChatActor {
  messageId: string;
  /** A Unicode emoji (Discord) or an emoji name (Slack: `white_check_mark`). */
  reaction: string;
  /**
   * A removal only: the person's reactions still on the message, as the platform answered when
   * asked after the removal (Discord: those that stand for a card action). Undefined when it
   * could not be asked; then only the emoji that made the decision undoes it.
   */
  left?: readonly string[];
}

const NO_REASON = 'no reason given (decided from a button or reaction)';

/**
 * A click on a task card's button. Reject without a reason answers with the reason form, for
 * those who may reject a task that can still be rejected, from a card that shows it as it is; the
 * form's submission decides. A card out of date is answered at the click, as its submission would
 * be, so nobody types a reason only to have it refused.
 */
export function pressButton(app: Goalpost, ctx: Ctx, press: ChatButtonPress): Reply {
  const note = press.note?.trim();
  if (press.action === 'reject' && !note) {
    const rule = TASK_ACTIONS.reject;
    app.members.authorize(ctx, rule.role, 'rejecting a task');
    const stale = app.decisions.stale(ctx, {
      taskId: press.taskId,
      action: 'reject',
      ...(press.expectedStatus ? { expectedStatus: press.expectedStatus } : {}),
    });
    if (stale) return decisionReply(app, ctx, stale);
    const task = app.tasks.byId(ctx, press.taskId);
    if (!rule.from.some((s) => s === task.status)) {
      return reply.error(`${task.ref} is ${task.status.replace('_', ' ')}: it can no longer be rejected`);
    }
    const status = press.expectedStatus ?? task.status;
    return reply.form({ kind: 'reject_reason', taskId: task.id, ref: task.ref, title: task.title, status });
  }
  if (press.action === 'retry') return retryFrom(app, ctx, press.taskId, note || undefined, press.eventId);
  const recorded = note || (press.action === 'fail' ? NO_REASON : undefined);
  const result = app.decisions.decide(ctx, {
    taskId: press.taskId,
    action: press.action,
    ...(recorded ? { note: recorded } : {}),
    ...(press.eventId ? { eventId: press.eventId } : {}),
    ...(press.expectedStatus ? { expectedStatus: press.expectedStatus } : {}),
  });
  return decisionReply(app, ctx, result, note || undefined);
}

/** A failed task's card retried (its button or 🔁): its work again, as a new approved task. */
function retryFrom(app: Goalpost, ctx: Ctx, taskId: number, note?: string, eventId?: string): Reply {
  const { ref } = app.tasks.byId(ctx, taskId);
  return retryReply(app, ctx, app.decisions.retry(ctx, ref, note, eventId), note);
}

/** The task a reaction's message shows, and the action its emoji stands for; null for anything else. */
function reactedTask(app: Goalpost, ctx: Ctx, r: ChatReaction) {
  const action = actionForReaction(r.reaction);
  if (action === null) return null;
  const message = app.chat.find(ctx, r.platform, r.channelId, r.messageId);
  return message?.taskId == null ? null : { action, taskId: message.taskId };
}

/**
 * An emoji reaction: ✅ approves, ❌ rejects, 🚀 starts, 🏁 marks done, 🔁 retries a failed task —
 * on a message that shows a task. Null for any other emoji or message (nothing to say).
 */
export function react(app: Goalpost, ctx: Ctx, r: ChatReaction): Reply | null {
  const on = reactedTask(app, ctx, r);
  if (!on) return null;
  if (on.action === 'retry') return retryFrom(app, ctx, on.taskId, undefined, r.eventId);
  const result = app.decisions.decide(ctx, {
    taskId: on.taskId,
    action: on.action,
    reaction: r.reaction,
    ...(on.action === 'reject' ? { note: NO_REASON } : {}),
    ...(r.eventId ? { eventId: r.eventId } : {}),
  });
  return decisionReply(app, ctx, result);
}

/**
 * A reaction removed: undoes the decision that person made by reaction, while it is still the
 * task's latest step and they have no other reaction of the same action left on the message (👍
 * taken back with their ✅ still there keeps the approval, which the ✅ now holds). Null when there
 * is nothing to undo (nothing to say either).
 */
export function unreact(app: Goalpost, logger: Logger, ctx: Ctx, r: ChatReaction): Reply | null {
  const on = reactedTask(app, ctx, r);
  if (!on) return null;
  // A retry made a task of its own, which the team may have acted on since: `cancel` ends it.
  if (on.action === 'retry') return null;
  const undone = app.decisions.undo(ctx, {
    taskId: on.taskId,
    action: on.action,
    reaction: r.reaction,
    ...(r.left === undefined ? {} : { othersLeft: r.left.some((e) => actionForReaction(e) === on.action) }),
    ...(r.eventId ? { eventId: r.eventId } : {}),
  });
  if (!undone.changed) {
    logger.debug({ task: undone.task.ref, why: undone.why }, 'reaction removed: nothing to undo');
    return null;
  }
  const { events } = app.tasks.show(ctx, undone.task.ref);
  const { ref, status } = undone.task;
  return {
    ...reply.channel(
      reply.text(`↩️ ${ref} is ${status.replace('_', ' ')} again: ${mention(ctx.actor)} removed the reaction`),
    ),
    updates: [taskCard(undone.task, events)],
  };
}
