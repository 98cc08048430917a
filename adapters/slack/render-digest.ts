import type { types } from '@slack/bolt';
import type { DigestHeaderView } from '../../src/index.js';
import { context, escapeMrkdwn, header, packLines, section } from './render-limits.js';
import { progressText } from './render-progress.js';

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/** "5 new tasks proposed, 5 awaiting a decision, 1 skipped as a duplicate." */
export function batchLine(b: DigestHeaderView['batch']): string {
  const skipped =
    b.skipped > 0 ? `, ${b.skipped} skipped as ${b.skipped === 1 ? 'a duplicate' : 'duplicates'}` : '';
  return `${plural(b.newTasks, 'new task', 'new tasks')} proposed, ${b.proposed} awaiting a decision${skipped}.`;
}

/** The vision as mrkdwn lines: primary goal, statement, focus areas. */
export function visionLines(v: { statement: string; primaryGoal: string; focusAreas: string[] }): string[] {
  const lines = [`*Primary goal:* ${escapeMrkdwn(v.primaryGoal)}`, `*Vision:* ${escapeMrkdwn(v.statement)}`];
  if (v.focusAreas.length > 0) lines.push(`*Focus:* ${escapeMrkdwn(v.focusAreas.join(', '))}`);
  return lines;
}

/**
 * The digest's first message: title, vision, revenue, goals at risk, suggestions and the batch
 * line. Each task follows as its own message.
 */
export function digestBlocks(h: DigestHeaderView): types.KnownBlock[] {
  const blocks: types.KnownBlock[] = [header(h.title)];
  if (h.vision) blocks.push(...packLines(visionLines(h.vision)));
  if (h.revenue) blocks.push(section(progressText(h.revenue)));
  if (h.goalsAtRisk.length > 0) {
    blocks.push(...packLines(['*Goals at risk*', ...h.goalsAtRisk.map(progressText)]));
  }
  if (h.suggestions.length > 0) {
    blocks.push(...packLines(['*Suggestions*', ...h.suggestions.map((s) => `• ${escapeMrkdwn(s)}`)]));
  }
  blocks.push(context(escapeMrkdwn(batchLine(h.batch))));
  return blocks;
}
