import type { ReasonForm, Reply, TaskCardView, View } from '../domain/reply.js';

/**
 * Where a reply comes from: a typed command, a card's button, an emoji reaction, a submitted
 * form, a click on Slack's App Home, Goalpost posting on its own (the scheduler, a feed), or the
 * chat watch (a change made elsewhere).
 */
export type Origin = 'command' | 'button' | 'reaction' | 'modal' | 'home' | 'schedule' | 'watch';

/** What to do with a reply, step by step, in this order. */
export interface DeliveryPlan {
  /** Open this form for the caller; nothing else happens until it is submitted. */
  form: ReasonForm | null;
  /** Messages only the caller sees. */
  answer: View[];
  /** Edit in place every message that shows one of these tasks. */
  edit: TaskCardView[];
  /** A line added to the thread of each edited message: who did what. */
  thread: string | null;
  /** Messages posted in the channel, in order (task messages are remembered, for reactions). */
  post: View[];
  /** `unshown`: post only if no message showed a changed task (a click already shows on its card). */
  postWhen: 'always' | 'unshown';
}

/** A plan that does nothing: a fresh one each time, so no caller can change another's. */
const nothing = (): DeliveryPlan => ({
  form: null,
  answer: [],
  edit: [],
  thread: null,
  post: [],
  postWhen: 'always',
});

/** The text lines of a reply: what a decision's thread line says. */
const textOf = (reply: Reply): string | null =>
  reply.messages.map((m) => (m.kind === 'text' ? m.text : '')).join('\n') || null;

/**
 * Decides how a reply is delivered, the same way on every platform:
 * - a repeat of an event already handled says nothing again;
 * - a form is opened for the caller, and nothing else is shown;
 * - an ephemeral reply answers the caller only (from the scheduler, which has no caller, it is
 *   posted; from the watch, dropped);
 * - a change to tasks edits their messages in place with a line in each thread; a typed command
 *   also says it in the channel, a click, form or reaction only when no message showed the task
 *   or when it brings a task no message shows yet (a retry's new task, whose card must be seen to
 *   be acted on), and App Home and the watch never post;
 * - anything else is posted in the channel.
 * `canEdit` is false for a platform that cannot edit a message (the console): there the changed
 * cards are posted again, after what the reply says, and the watch leaves it to the feeds.
 */
export function planDelivery(reply: Reply, origin: Origin, canEdit: boolean): DeliveryPlan {
  if (reply.duplicate) return nothing();
  if (reply.form) return { ...nothing(), form: reply.form };
  if (reply.visibility === 'ephemeral') {
    if (origin === 'watch') return nothing();
    if (origin === 'schedule') return { ...nothing(), post: reply.messages };
    return { ...nothing(), answer: reply.messages };
  }
  if (reply.updates.length === 0) return { ...nothing(), post: reply.messages };
  if (!canEdit) {
    if (origin === 'watch' || origin === 'home') return nothing();
    const shown = new Set(reply.messages.flatMap((m) => (m.kind === 'task' ? [m.card.taskId] : [])));
    const again: View[] = reply.updates
      .filter((card) => !shown.has(card.taskId))
      .map((card) => ({ kind: 'task', card, changed: true }));
    return { ...nothing(), post: [...reply.messages, ...again] };
  }
  const change = { ...nothing(), edit: reply.updates, thread: textOf(reply) };
  switch (origin) {
    case 'command':
    case 'schedule':
      return { ...change, post: reply.messages };
    case 'button':
    case 'modal':
    case 'reaction': {
      const edited = new Set(reply.updates.map((card) => card.taskId));
      const fresh = reply.messages.some((m) => m.kind === 'task' && !edited.has(m.card.taskId));
      return { ...change, post: reply.messages, postWhen: fresh ? 'always' : 'unshown' };
    }
    case 'home':
    case 'watch':
      return change;
  }
}
