import type { types } from '@slack/bolt';
import { CHARTS_HEADING, chartLine, type View } from '../../src/index.js';
import { cardBlocks } from './render-card.js';
import { digestBlocks } from './render-digest.js';
import {
  clipMrkdwn,
  divider,
  escapeLine,
  escapeMrkdwn,
  LIMITS,
  type Mentionable,
  NO_MENTIONS,
  packLines,
  section,
} from './render-limits.js';
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
export { type Mentionable, NO_MENTIONS } from './render-limits.js';
export { type RejectModalSubmission, readRejectModal, rejectModal } from './render-modal.js';
export { bar } from './render-progress.js';
export type { SlackMessage } from './render-split.js';

const titled = (title: string, rest: string): types.SectionBlock =>
  section(`*${escapeMrkdwn(title)}*\n${escapeMrkdwn(rest)}`);

/**
 * Who a view may mention: the request's people, and the Slack users a text names to notify them
 * (a reminder's approvers).
 */
function mentionableIn(view: View, mentionable: Mentionable): Mentionable {
  if (view.kind !== 'text' || !view.notify?.length) return mentionable;
  const notified = view.notify.flatMap((key) => (key.startsWith('slack:') ? [key.slice(6)] : []));
  return new Set([...mentionable, ...notified]);
}

function blocksFor(view: View, mentionable: Mentionable): types.KnownBlock[] {
  switch (view.kind) {
    case 'text':
      return packLines(escapeLine(view.text, mentionableIn(view, mentionable)).split('\n'));
    case 'error': {
      const usage = view.usage ? `\n\`${escapeMrkdwn(view.usage.replace(/`/g, "'"))}\`` : '';
      return [section(`:warning: ${escapeLine(view.message, mentionable)}${usage}`)];
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
    case 'charts':
      return packLines([`*${CHARTS_HEADING}*`, ...view.charts.map((c) => escapeMrkdwn(chartLine(c)))]);
  }
}

/** The notification text of a view, escaped as its blocks are. */
function fallbackFor(view: View, mentionable: Mentionable): string {
  switch (view.kind) {
    case 'text':
      return escapeLine(view.text.trim(), mentionableIn(view, mentionable));
    case 'error':
      return `⚠️ ${escapeLine(view.message.trim(), mentionable)}`;
    case 'digest_header':
      return escapeMrkdwn(view.title.trim());
    case 'task':
      return `${escapeMrkdwn(view.card.ref)} · P${view.card.priority} · ${escapeMrkdwn(view.card.title.trim())}`;
    case 'table':
    case 'progress':
      return escapeMrkdwn(view.title.trim());
    case 'charts':
      return CHARTS_HEADING;
  }
}

const fallbackText = (view: View, mentionable: Mentionable = NO_MENTIONS): string =>
  clipMrkdwn(fallbackFor(view, mentionable), LIMITS.fallbackText);

/**
 * A task card or a digest's header as one Slack message: it must stay one, since reactions and
 * edits find it by its id and a digest's thread hangs under it.
 */
export function renderCard(view: Extract<View, { kind: 'task' | 'digest_header' }>): SlackMessage {
  const blocks = shrinkToFit(blocksFor(view, NO_MENTIONS)).slice(0, LIMITS.blocksPerMessage);
  return { text: fallbackText(view), blocks };
}

/**
 * One Goalpost view as Slack messages, in order: Block Kit `blocks` within Slack's limits (long
 * text split over sections, and over several messages when one would hold too much; a task card
 * or a digest's header is always one message, cut to fit) and a short `text` fallback for notifications. What people
 * wrote is escaped; only the bare mentions of `mentionable` users pass (see `escapeLine`).
 */
export function renderMessages(view: View, mentionable: Mentionable = NO_MENTIONS): SlackMessage[] {
  if (view.kind === 'task' || view.kind === 'digest_header') return [renderCard(view)];
  return asMessages(splitBlocks(blocksFor(view, mentionable)), fallbackText(view, mentionable));
}

/**
 * Several views packed into as few messages as Slack takes (a divider between views): for a
 * response_url, which takes five posts in all.
 */
export function packMessages(views: readonly View[], mentionable: Mentionable = NO_MENTIONS): SlackMessage[] {
  const first = views[0];
  if (!first) return [];
  const blocks = views.flatMap((view, i) => {
    const own =
      view.kind === 'task' || view.kind === 'digest_header'
        ? renderCard(view).blocks
        : blocksFor(view, mentionable);
    return i === 0 ? own : [divider(), ...own];
  });
  return asMessages(splitBlocks(blocks), fallbackText(first, mentionable));
}
