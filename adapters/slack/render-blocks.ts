import type { types } from '@slack/bolt';
import type { View } from '../../src/index.js';
import { cardBlocks } from './render-card.js';
import { digestBlocks } from './render-digest.js';
import { clipMrkdwn, escapeMrkdwn, fitBlocks, LIMITS, packLines, section } from './render-limits.js';
import { progressText } from './render-progress.js';
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

/**
 * One Goalpost view as one Slack message: Block Kit `blocks` within Slack's limits (long text is
 * clipped with "…" or split over several sections, never rejected) and a short `text` fallback
 * for notifications. User text is escaped; `<@U…>` mentions pass through.
 */
export function renderMessage(view: View): { text: string; blocks: types.KnownBlock[] } {
  return {
    text: clipMrkdwn(escapeMrkdwn(fallbackFor(view).trim()), LIMITS.fallbackText),
    blocks: fitBlocks(blocksFor(view), LIMITS.blocksPerMessage),
  };
}
