import type { types } from '@slack/bolt';
import { batchSentence, type DigestHeaderView, visionFacts } from '../../src/index.js';
import { context, escapeMrkdwn, header, packLines, section } from './render-limits.js';
import { progressText } from './render-progress.js';

/** The vision as mrkdwn lines: primary goal, statement, focus areas. */
export const visionLines = (v: Parameters<typeof visionFacts>[0]): string[] =>
  visionFacts(v).map((f) => `*${f.label}:* ${escapeMrkdwn(f.text)}`);

/**
 * The digest's first message: title, vision, revenue, goals at risk, feeds gone quiet, suggestions
 * and the batch line. Each task follows as its own message.
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
  return blocks;
}
