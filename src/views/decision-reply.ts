import type { Goalpost } from '../app.js';
import type { Ctx } from '../domain/ctx.js';
import { type Reply, reply, TASK_BUTTONS } from '../domain/reply.js';
import { rejectionText } from '../domain/task.js';
import type { DecisionResult } from '../use-cases/decisions.js';
import { taskCard } from './cards.js';
import { mention } from './mention.js';

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
  return {
    visibility: 'channel',
    messages: [
      reply.text(
        `${EMOJI[result.action] ?? ''} ${task.ref} ${past}${result.overturned ? ' after all' : ''} by ${mention(ctx.actor)}${why} — ${task.title}${result.overturned ? ` (it was ${rejectionText(result.overturned, mention)})` : ''}${(result.setRight ?? []).map((line) => `; it ${line}`).join('')}`,
        'success',
      ),
    ],
    updates: [card],
    duplicate: false,
  };
}
