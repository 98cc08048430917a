import type { types } from '@slack/bolt';
import * as z from 'zod';
import {
  impactText,
  reactionHint,
  TASK_STATUSES,
  type TaskCardView,
  type TaskStatus,
  ValidationError,
} from '../../src/index.js';
import { clip, clipMrkdwn, context, escapeMrkdwn, LIMITS, mrkdwn, plain } from './render-limits.js';

/**
 * Every Block Kit identifier Goalpost uses, so the renderer, the Bolt listeners and the manifest
 * test share one source of truth: the four card buttons, the reject modal's callback id, and the
 * block and action ids of the modal's reason input.
 */
export const ACTION_IDS = {
  approve: 'goalpost_approve',
  reject: 'goalpost_reject',
  start: 'goalpost_start',
  done: 'goalpost_done',
  retry: 'goalpost_retry',
  rejectModal: 'goalpost_reject_modal',
  rejectReasonBlock: 'goalpost_reject_reason',
  rejectReasonInput: 'goalpost_reject_reason_input',
} as const;

/** The reject modal's `callback_id` (for `app.view(...)`). */
export const REJECT_MODAL_CALLBACK_ID = ACTION_IDS.rejectModal;

/** The task actions a card's buttons stand for. */
export type ButtonAction = 'approve' | 'reject' | 'start' | 'done' | 'retry';

const BUTTON_ACTIONS: readonly ButtonAction[] = ['approve', 'reject', 'start', 'done', 'retry'];

const asButtonAction = (action: string): ButtonAction | null =>
  BUTTON_ACTIONS.find((a) => a === action) ?? null;

const buttonValueSchema = z.object({ taskId: z.number().int().positive(), status: z.enum(TASK_STATUSES) });

/**
 * Reads a card button's `value` back: the task and the status the card showed when it was
 * rendered, so a click on a stale card can be told apart.
 * @throws ValidationError (field `button`) when the value is not what {@link cardBlocks} wrote:
 * a tampered click.
 */
export function parseButtonValue(value: string | undefined): { taskId: number; status: TaskStatus } {
  let json: unknown;
  try {
    json = JSON.parse(value ?? '');
  } catch {
    throw new ValidationError(
      `this button was not made by Goalpost: its value is not JSON (${clip(String(value), 100)})`,
      'button',
    );
  }
  const parsed = buttonValueSchema.safeParse(json);
  if (!parsed.success) {
    throw new ValidationError(
      `this button was not made by Goalpost: its value names no task (${z.prettifyError(parsed.error)})`,
      'button',
    );
  }
  return parsed.data;
}

const words = (status: string): string => status.replace(/_/g, ' ');

/** An assignee as Slack shows it: a Slack user key (`slack:U1`, never a typed name) as `<@U1>`, `unassigned` for none. */
const who = (assignee: string | null): string => {
  if (!assignee) return 'unassigned';
  const user = /^slack:([UW][A-Z0-9]+)$/.exec(assignee)?.[1];
  return user ? `<@${user}>` : escapeMrkdwn(assignee);
};

/** The buttons a card offers, as an actions block; null when it offers none. */
export function buttonsBlock(card: TaskCardView, blockId: string): types.ActionsBlock | null {
  const value = clip(JSON.stringify({ taskId: card.taskId, status: card.status }), LIMITS.buttonValue);
  const seen = new Set<string>();
  const elements: types.Button[] = [];
  for (const b of card.buttons) {
    const action = asButtonAction(b.action);
    // Action ids must be unique within the block; a repeated or unknown action is left out.
    if (action === null || seen.has(action)) continue;
    seen.add(action);
    const button: types.Button = {
      type: 'button',
      action_id: ACTION_IDS[action],
      text: plain(`${b.emoji} ${b.label}`, LIMITS.buttonText),
      value,
    };
    if (b.style !== 'default') button.style = b.style;
    elements.push(button);
  }
  return elements.length > 0 ? { type: 'actions', block_id: blockId, elements } : null;
}

/** One line for a card: `*T-12* · P8 · revenue · title`. */
export function cardHeadline(card: TaskCardView): string {
  return `*${escapeMrkdwn(card.ref)}* · P${card.priority} · ${escapeMrkdwn(card.category)} · ${escapeMrkdwn(card.title.trim())}`;
}

/** The compact line Home shows for an open task: ref, priority, status, category, title, assignee. */
export function compactTaskText(card: TaskCardView): string {
  return (
    `*${escapeMrkdwn(card.ref)}* · P${card.priority} · ${words(card.status)} · ${escapeMrkdwn(card.category)}` +
    ` · ${escapeMrkdwn(card.title.trim())} · ${who(card.assignee)}`
  );
}

/** The reasoning as "• line" rows, each ≤ 300 chars, as many as fit one context element. */
function reasoningText(reasoning: string[]): string | null {
  const lines = reasoning.filter((r) => r.trim()).map((r) => clipMrkdwn(`• ${escapeMrkdwn(r.trim())}`, 300));
  if (lines.length === 0) return null;
  const kept: string[] = [];
  let size = 0;
  for (const [i, line] of lines.entries()) {
    const left = lines.length - i - 1;
    const reserve = left > 0 ? 40 : 0;
    if (size + line.length + 1 + reserve > LIMITS.sectionText) {
      kept.push(`…and ${lines.length - i} more`);
      break;
    }
    kept.push(line);
    size += line.length + 1;
  }
  return kept.join('\n');
}

/**
 * "Approved by <@U1> — note" from the core's "approved by slack:U1 — note": the actor Goalpost
 * recorded becomes a mention; everything else (the note, a worker's words) mentions no one.
 */
export function lastEventText(lastEvent: string): string {
  const trimmed = lastEvent.trim();
  const actor = /^([a-z_]+ by )slack:([UW][A-Z0-9]+)(?=$| )/.exec(trimmed);
  const text = actor
    ? `${actor[1]}<@${actor[2]}>${escapeMrkdwn(trimmed.slice(actor[0].length))}`
    : escapeMrkdwn(trimmed);
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A task card as blocks: headline, facts, why, what it waits on, what happened last, what to do. */
export function cardBlocks(card: TaskCardView): types.KnownBlock[] {
  const fields = [
    ['Priority', `P${card.priority}`],
    ['Category', escapeMrkdwn(card.category)],
    ['Project', card.project ? escapeMrkdwn(card.project) : '—'],
    ['Impact', impactText(card)],
    ['Alignment', card.alignment.toFixed(2)],
    ['Assignee', who(card.assignee)],
    ['Status', words(card.status)],
  ].map(([name, value]) => mrkdwn(clip(`*${name}*\n${value}`, LIMITS.fieldText)));
  const blocks: types.KnownBlock[] = [
    { type: 'section', text: mrkdwn(cardHeadline(card)), fields: fields.slice(0, LIMITS.fieldsPerSection) },
  ];
  const why = reasoningText(card.reasoning);
  if (why) blocks.push(context(why));
  const notes: string[] = [];
  if (card.source) notes.push(`From: ${escapeMrkdwn(card.source)}`);
  if (card.dependsOn.length > 0) notes.push(`After: ${escapeMrkdwn(card.dependsOn.join(', '))}`);
  if (card.lastEvent) notes.push(lastEventText(card.lastEvent));
  if (notes.length > 0) blocks.push(context(...notes));
  const actions = buttonsBlock(card, `goalpost_task_${card.taskId}`);
  if (actions) {
    blocks.push(actions);
    const hint = reactionHint(
      card.status,
      card.buttons.map((b) => b.action),
    );
    if (hint !== null) blocks.push(context(hint));
  }
  return blocks;
}
