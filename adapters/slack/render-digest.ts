import type { types } from '@slack/bolt';
import {
  batchSentence,
  type DigestHeaderView,
  decisionsSentence,
  impactText,
  type TaskCardView,
  visionFacts,
} from '../../src/index.js';
import { buttonsBlock, cardHeadline, lastEventText } from './render-card.js';
import { clipMrkdwn, context, escapeMrkdwn, header, packLines, section } from './render-limits.js';
import { progressText } from './render-progress.js';

/** The vision as mrkdwn lines: primary goal, statement, focus areas. */
export const visionLines = (v: Parameters<typeof visionFacts>[0]): string[] =>
  visionFacts(v).map((f) => `*${f.label}:* ${escapeMrkdwn(f.text)}`);

/** Where the team decides, by layout: in the header's thread, below it, or right here. */
const WHERE_TO_DECIDE: Record<DigestHeaderView['layout']['style'], string> = {
  thread: 'Decide on each task in this thread: its buttons, or react ✅ ❌ on it.',
  cards: 'Decide on each task below: its buttons, or react ✅ ❌ on it.',
  compact: 'Decide on each task with its buttons.',
};

/** A compact digest's task: its headline, facts, business case and last step, then its buttons. */
function compactTask(card: TaskCardView): types.KnownBlock[] {
  const facts = `${impactText(card)} · ${card.status.replace(/_/g, ' ')}`;
  const why = card.reasoning.find((r) => r.trim() !== '');
  const lines = [
    cardHeadline(card),
    facts,
    ...(why ? [`_${escapeMrkdwn(why.trim())}_`] : []),
    ...(card.lastEvent ? [lastEventText(card.lastEvent)] : []),
  ];
  const actions = buttonsBlock(card, `goalpost_task_${card.taskId}`);
  return [section(clipMrkdwn(lines.join('\n'), 1200)), ...(actions ? [actions] : [])];
}

/**
 * The digest's header: title, vision, revenue, goals at risk, feeds gone quiet, suggestions, the
 * batch line and how the decisions stand. In a compact digest every task follows in the same
 * message with its buttons; otherwise each task is its own message (in the header's thread, or
 * after it).
 */
export function digestBlocks(h: DigestHeaderView): types.KnownBlock[] {
  const blocks: types.KnownBlock[] = [header(h.title)];
  if (h.vision) blocks.push(...packLines(visionLines(h.vision)));
  if (h.revenue) blocks.push(section(progressText(h.revenue)));
  if (h.goalsAtRisk.length > 0) {
    blocks.push(...packLines(['*Goals at risk*', ...h.goalsAtRisk.map(progressText)]));
  }
  if (h.warnings.length > 0) {
    blocks.push(
      ...packLines(['*Feeds gone quiet*', ...h.warnings.map((w) => `:warning: ${escapeMrkdwn(w)}`)]),
    );
  }
  if (h.suggestions.length > 0) {
    blocks.push(...packLines(['*Suggestions*', ...h.suggestions.map((s) => `• ${escapeMrkdwn(s)}`)]));
  }
  blocks.push(context(escapeMrkdwn(batchSentence(h.batch))));
  const tally = decisionsSentence(h.decisions);
  if (tally) blocks.push(context(`*${escapeMrkdwn(tally)}*`, escapeMrkdwn(WHERE_TO_DECIDE[h.layout.style])));
  if (h.layout.note) blocks.push(context(`:information_source: ${escapeMrkdwn(h.layout.note)}`));
  for (const card of h.tasks ?? []) blocks.push(...compactTask(card));
  return blocks;
}
