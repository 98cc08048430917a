import type { types } from '@slack/bolt';
import type { View } from '../../src/index.js';
import { cardBlocks } from './render-card.js';
import { digestBlocks } from './render-digest.js';
import { clipMrkdwn, divider, escapeMrkdwn, LIMITS, packLines, section } from './render-limits.js';
import { progressText } from './render-progress.js';
import { asMessages, type SlackMessage, shrinkToFit, splitBlocks } from './render-split.js';
import { tableBlocks } from './render-table.js';

export {
  ACTION_IDS,
  type ButtonAction,
  parseButtonValue,
  REJECT_MODAL_CALLBACK_ID,
} from './render-card.js';
export { renderHome } from './render-home.js';
export { type RejectModalSubmission, readRejectModal, rejectModal } from './render-modal.js';
export { bar } from './render-progress.js';
export type { SlackMessage } from './render-split.js';

const titled = (title: string, rest: string): types.SectionBlock =>
  section(`*${escapeMrkdwn(title)}*\n${escapeMrkdwn(rest)}`);

function blocksFor(view: View): types.KnownBlock[] {
  switch (view.kind) {
    case 'text':
      return packLines(escapeMrkdwn(view.text).split('\n'));
    case 'error': {
      const usage = view.usage ? `\n\`${escapeMrkdwn(view.usage.replace(/`/g, "'"))}\`` : '';
      return [section(`:warning: ${escapeMrkdwn(view.message)}${usage}`)];
    }
    case 'digest_header':
      return digestBlocks(view);
    case 'task':
      return cardBlocks(view.card);
    case 'table':
      if (view.rows.length === 0) return [titled(view.title, view.empty)];
      return [section(`*${escapeMrkdwn(view.title)}*`), ...tableBlocks(view.columns, view.rows)];
    case 'progress':
      if (view.items.length === 0) return [titled(view.title, view.empty)];
      return packLines([`*${escapeMrkdwn(view.title)}*`, ...view.items.map(progressText)]);
  }
}

function fallbackFor(view: View): string {
  switch (view.kind) {
    case 'text':
      return view.text;
    case 'error':
      return `⚠️ ${view.message}`;
    case 'digest_header':
      return view.title;
    case 'task':
      return `${view.card.ref} · P${view.card.priority} · ${view.card.title}`;
    case 'table':
    case 'progress':
      return view.title;
  }
}

const fallbackText = (view: View): string =>
  clipMrkdwn(escapeMrkdwn(fallbackFor(view).trim()), LIMITS.fallbackText);

/** A task card as one Slack message (it must stay one: reactions and edits find it by its id). */
export function renderCard(view: Extract<View, { kind: 'task' }>): SlackMessage {
  return { text: fallbackText(view), blocks: shrinkToFit(blocksFor(view)) };
}

/**
 * One Goalpost view as Slack messages, in order: Block Kit `blocks` within Slack's limits (long
 * text split over sections, and over several messages when one would hold too much; a task card
 * is always one message, cut to fit) and a short `text` fallback for notifications. User text is
 * escaped.
 */
export function renderMessages(view: View): SlackMessage[] {
  if (view.kind === 'task') return [renderCard(view)];
  return asMessages(splitBlocks(blocksFor(view)), fallbackText(view));
}

/**
 * Several views packed into as few messages as Slack takes (a divider between views): for a
 * response_url, which takes five posts in all.
 */
export function packMessages(views: readonly View[]): SlackMessage[] {
  const first = views[0];
  if (!first) return [];
  const blocks = views.flatMap((view, i) => {
    const own = view.kind === 'task' ? renderCard(view).blocks : blocksFor(view);
    return i === 0 ? own : [divider(), ...own];
  });
  return asMessages(splitBlocks(blocks), fallbackText(first));
}
