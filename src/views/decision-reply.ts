import type { Goalpost } from '../app.js';
import type { Ctx } from '../domain/ctx.js';
import { type Reply, reply, TASK_BUTTONS } from '../domain/reply.js';
import {
  affectsText,
  blockedText,
  doneText,
  failedBackText,
  holdText,
  issueLeftOpenText,
  leftOpenText,
  moveText,
  rejectionText,
  splitText,
  waitsText,
} from '../domain/task.js';
import type { DecisionResult } from '../use-cases/decisions.js';
import type { RetryResult } from '../use-cases/tasks.js';
import { taskCard } from './cards.js';
import { mention } from './mention.js';
import { alreadyRetried, retriedTo } from './words.js';

const EMOJI: Record<string, string> = {
  approve: TASK_BUTTONS.approve.emoji,
  reject: TASK_BUTTONS.reject.emoji,
  start: TASK_BUTTONS.start.emoji,
  done: TASK_BUTTONS.done.emoji,
  fail: '⚠️',
  cancel: '🗑️',
};

/**
 * What the channel sees after a decision: one line saying who did what, and the task's card
 * updated so adapters edit its message in place. A repeat or a no-op tells only the caller.
 */
export function decisionReply(app: Goalpost, ctx: Ctx, result: DecisionResult, note?: string): Reply {
  const { task } = result;
  if (result.duplicate) {
    return {
      ...reply.ephemeral(reply.text(`Already handled: ${task.ref} is ${task.status.replace('_', ' ')}.`)),
      duplicate: true,
    };
  }
  if (!result.changed) {
    return reply.ephemeral(
      reply.text(
        `${task.ref} was already ${task.status.replace('_', ' ')}${result.already ? ` (${result.already})` : ''}; nothing changed.`,
      ),
    );
  }
  const { events } = app.tasks.show(ctx, task.ref);
  const card = taskCard(task, events);
  const past = events.at(-1)?.type ?? result.action;
  const why = note?.trim() ? `: ${note.trim()}` : '';
  const credit =
    (past === 'done' || past === 'failed') && !result.blocked
      ? creditOf(app, ctx, events.at(-1)?.data.assignee)
      : '';
  const split = result.splitSuggested ? splitText(task) : null;
  const done = result.doneSuggested ? doneText(task) : null;
  const move = result.moveSuggested ? moveText(task) : null;
  const affects = result.affectsSuggested ? affectsText(task, result.affectsSuggested) : null;
  const waits = result.waitsSuggested ? waitsText(task, result.waitsSuggested) : null;
  return {
    visibility: 'channel',
    messages: [
      reply.text(
        `${EMOJI[result.action] ?? ''} ${task.ref} ${past}${result.overturned ? ' after all' : ''} by ${mention(ctx.actor)}${credit}${why} — ${task.title}${result.overturned ? ` (it was ${rejectionText(result.overturned, mention)})` : ''}${(result.setRight ?? []).map((line) => `; it ${line}`).join('')}${result.over ? `; ${result.over}` : ''}${result.held ? `; its work is ${holdText(result.held)}` : ''}${split === null ? '' : `; ${split}`}${done === null ? '' : `; ${done}`}${move === null ? '' : `; ${move}`}${affects === null ? '' : `; ${affects}`}${waits === null ? '' : `; ${waits}`}${result.blocked ? `; ${blockedText(task.assignee)}` : ''}${result.proposedAgainFrom ? `; ${failedBackText(result.proposedAgainFrom, result.proposedAgainBy)}` : ''}${result.itemLeftOpen ? `; its ${leftOpenText(result.itemLeftOpen)}` : ''}${result.issueLeftOpen ? `; its ${issueLeftOpenText(result.issueLeftOpen)}` : ''}`,
        'success',
      ),
    ],
    updates: [card],
    duplicate: false,
  };
}

/**
 * Whom an outcome teaches routing about, when that is news: the assignee credited when it is not
 * who recorded it (a lead marking done the task routed to a worker agent credits the agent), or
 * nobody (it had no assignee) where the team has assignees routing could have learned of.
 */
function creditOf(app: Goalpost, ctx: Ctx, credited: unknown): string {
  if (typeof credited !== 'string') {
    return app.assignees.list(ctx).length > 0 ? ', credited to nobody (it had no assignee)' : '';
  }
  const caller = app.decisions.assigneeForUser(ctx, ctx.actor);
  return caller?.toLowerCase() === credited.toLowerCase() ? '' : `, credited to ${credited}`;
}

/**
 * What the channel sees after a retry (by command, button or reaction): who retried which task as
 * which, and to whom, with the new task's card posted and the failed one's updated. A task retried
 * already tells only the caller, naming its retry.
 */
export function retryReply(app: Goalpost, ctx: Ctx, result: RetryResult, note?: string): Reply {
  const { failed, task } = result;
  if (result.duplicate) return { ...reply.ephemeral(), duplicate: true };
  if (!result.changed) return reply.ephemeral(reply.text(`${alreadyRetried(result)}.`));
  const shown = app.tasks.show(ctx, task.ref);
  const was = app.tasks.show(ctx, failed.ref);
  const why = note?.trim() ? `: ${note.trim()}` : '';
  return {
    ...reply.channel(
      reply.text(
        `${TASK_BUTTONS.retry.emoji} ${failed.ref} retried as ${task.ref} by ${mention(ctx.actor)}${why}, approved ${retriedTo(task)} — ${task.title}${result.said.map((line) => `; it ${line}`).join('')}`,
        'success',
      ),
      { kind: 'task', card: taskCard(shown.task, shown.events) },
    ),
    updates: [taskCard(was.task, was.events)],
  };
}
