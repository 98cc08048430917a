import {
  type APIActionRowComponent,
  type APIButtonComponentWithCustomId,
  type APIEmbed,
  ButtonStyle,
  ComponentType,
} from 'discord-api-types/v10';
import {
  impactText,
  reactionHint,
  TASK_STATUSES,
  type TaskCardView,
  type TaskStatus,
} from '../../src/index.js';
import { clip, discordMentions, fitEmbed, fitLines, LIMITS } from './render-limits.js';
import { chatText, discordCommands, escapeText } from './render-text.js';

/** The task actions a card's buttons stand for. */
export type ButtonAction = 'approve' | 'reject' | 'start' | 'done' | 'retry';

const BUTTON_ACTIONS: readonly ButtonAction[] = ['approve', 'reject', 'start', 'done', 'retry'];

const asButtonAction = (action: string): ButtonAction | null =>
  BUTTON_ACTIONS.find((a) => a === action) ?? null;

type CardButtonStyle = ButtonStyle.Success | ButtonStyle.Danger | ButtonStyle.Secondary;

const BUTTON_STYLES: Record<ButtonAction, CardButtonStyle> = {
  approve: ButtonStyle.Success,
  reject: ButtonStyle.Danger,
  start: ButtonStyle.Secondary,
  done: ButtonStyle.Success,
  retry: ButtonStyle.Success,
};

/** The card's colour by status: blurple proposed, green approved/done, yellow in progress, red rejected/failed. */
const STATUS_COLORS: Record<TaskStatus, number> = {
  proposed: 0x5865f2,
  approved: 0x57f287,
  in_progress: 0xfee75c,
  done: 0x3ba55c,
  failed: 0xed4245,
  rejected: 0xed4245,
  cancelled: 0x99aab5,
};

/** Matches a card button's custom id: `goalpost:<action>:<taskId>:<status>`. */
export const CUSTOM_ID_PATTERN = /^goalpost:(approve|reject|start|done|retry):(\d{1,15}):([a-z_]{1,20})$/;

/**
 * A card button's custom id: the action, the task, and the status the card showed when rendered
 * (so a click on a stale card can be told apart).
 * @throws Error past Discord's 100 characters (not possible for real task ids and statuses).
 */
export function customId(action: ButtonAction, taskId: number, status: TaskStatus): string {
  const id = `goalpost:${action}:${taskId}:${status}`;
  if (id.length > LIMITS.customId) throw new Error(`custom_id "${id}" is longer than ${LIMITS.customId}`);
  return id;
}

/** Reads a card button's custom id back; null for any other id (another bot's, a malformed one). */
export function parseCustomId(
  id: string,
): { action: ButtonAction; taskId: number; status: TaskStatus } | null {
  const m = CUSTOM_ID_PATTERN.exec(id);
  const action = asButtonAction(m?.[1] ?? '');
  const taskId = Number(m?.[2]);
  const status = TASK_STATUSES.find((s) => s === m?.[3]);
  if (action === null || status === undefined || !Number.isSafeInteger(taskId) || taskId < 1) return null;
  return { action, taskId, status };
}

const words = (status: string): string => status.replace(/_/g, ' ');
/** A person as a mention; an assignee by name, shown literally. */
const who = (assignee: string | null): string =>
  assignee ? discordMentions(escapeText(assignee)) : 'unassigned';

/** The card's buttons, de-duplicated, that Goalpost knows. */
const cardActions = (card: TaskCardView) => {
  const seen = new Set<ButtonAction>();
  return card.buttons.flatMap((b) => {
    const action = asButtonAction(b.action);
    if (action === null || seen.has(action)) return [];
    seen.add(action);
    return [{ action, emoji: b.emoji, label: b.label }];
  });
};

/** A card's buttons as action rows (five buttons each); empty when it offers none, which clears old ones on edit. */
export function cardComponents(card: TaskCardView): APIActionRowComponent<APIButtonComponentWithCustomId>[] {
  const buttons: APIButtonComponentWithCustomId[] = cardActions(card).map((b) => ({
    type: ComponentType.Button,
    style: BUTTON_STYLES[b.action],
    label: clip(`${b.emoji} ${b.label}`, LIMITS.buttonLabel),
    custom_id: customId(b.action, card.taskId, card.status),
  }));
  const rows: APIActionRowComponent<APIButtonComponentWithCustomId>[] = [];
  for (let i = 0; i < buttons.length; i += LIMITS.buttonsPerRow) {
    rows.push({ type: ComponentType.ActionRow, components: buttons.slice(i, i + LIMITS.buttonsPerRow) });
  }
  return rows;
}

/** "Approved by <@123> — ship it" from the core's "approved by discord:123 — ship it", the note shown literally. */
export function lastEventText(lastEvent: string): string {
  const text = lastEvent.trim();
  return chatText(text.charAt(0).toUpperCase() + text.slice(1));
}

/** The reasoning as "• line" bullets, then what it waits on and what happened last, within 4096 chars. */
function cardDescription(card: TaskCardView): string | undefined {
  const notes: string[] = [];
  if (card.source) notes.push(clip(`**From:** ${escapeText(card.source)}`, 300));
  if (card.dependsOn.length > 0) notes.push(clip(`**After:** ${card.dependsOn.join(', ')}`, 500));
  if (card.lastEvent) notes.push(clip(lastEventText(card.lastEvent), 1200));
  const tail = notes.join('\n');
  const bullets = card.reasoning
    .filter((r) => r.trim())
    .map((r) => clip(`• ${escapeText(discordCommands(r.trim()))}`, 500));
  const room = LIMITS.embedDescription - (tail ? tail.length + 2 : 0);
  const why = bullets.length > 0 ? fitLines(bullets, room) : '';
  const text = [why, tail].filter((t) => t !== '').join('\n\n');
  return text === '' ? undefined : text;
}

/**
 * A task card as an embed: `T-12 · P8 · title`, the reasoning as bullets with what it waits on and
 * the last step, the facts as inline fields, and a footer naming the reactions that do what the
 * buttons do.
 */
export function cardEmbed(card: TaskCardView): APIEmbed {
  const actions = cardActions(card);
  const hint = reactionHint(
    card.status,
    actions.map((b) => b.action),
  );
  const description = cardDescription(card);
  return fitEmbed({
    title: `${card.ref} · P${card.priority} · ${escapeText(card.title.trim())}`,
    ...(description ? { description } : {}),
    color: STATUS_COLORS[card.status],
    fields: [
      ['Priority', `P${card.priority}`],
      ['Category', card.category],
      ['Project', card.project ? escapeText(card.project) : '—'],
      ['Impact', impactText(card)],
      ['Alignment', card.alignment.toFixed(2)],
      ['Assignee', who(card.assignee)],
      ['Status', words(card.status)],
    ].map(([name = '', value = '']) => ({ name, value, inline: true })),
    ...(hint === null ? {} : { footer: { text: hint } }),
  });
}
