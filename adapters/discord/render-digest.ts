import type { APIEmbed, APIEmbedField } from 'discord-api-types/v10';
import { batchSentence, type DigestHeaderView, visionFacts } from '../../src/index.js';
import { fitEmbed, fitLines, LIMITS } from './render-limits.js';
import { progressValue, STATUS_COLORS } from './render-progress.js';
import { escapeText } from './render-text.js';

/** Goals get their own fields up to this many; the rest are summed up in one more. */
const GOAL_FIELDS = 20;

/** The vision as Markdown lines: primary goal, statement, focus areas (the team's words escaped). */
export const visionLines = (v: Parameters<typeof visionFacts>[0]): string[] =>
  visionFacts(v).map((f) => `**${f.label}:** ${escapeText(f.text)}`);

function goalFields(goals: DigestHeaderView['goalsAtRisk']): APIEmbedField[] {
  const shown = goals
    .slice(0, GOAL_FIELDS)
    .map((g) => ({ name: `⚠️ ${escapeText(g.label)}`, value: progressValue(g) }));
  const left = goals.length - shown.length;
  return left > 0 ? [...shown, { name: '…', value: `and ${left} more goals at risk` }] : shown;
}

/**
 * The digest's first message as one embed: the title, the vision as its description, then fields
 * for revenue (a text progress bar and the detail), each goal at risk, feeds gone quiet, suggestions
 * and the batch;
 * the footer names the day and how to decide. Each task follows as its own message.
 */
export function digestEmbed(h: DigestHeaderView): APIEmbed {
  const fields: APIEmbedField[] = [];
  if (h.revenue) fields.push({ name: `💰 ${escapeText(h.revenue.label)}`, value: progressValue(h.revenue) });
  if (h.goalsAtRisk.length > 0) fields.push(...goalFields(h.goalsAtRisk));
  if (h.warnings.length > 0) {
    const lines = h.warnings.map((w) => `⚠️ ${escapeText(w)}`);
    fields.push({ name: 'Feeds gone quiet', value: fitLines(lines, LIMITS.fieldValue) });
  }
  if (h.suggestions.length > 0) {
    const lines = h.suggestions.map((s) => `• ${escapeText(s.trim())}`);
    fields.push({ name: 'Suggestions', value: fitLines(lines, LIMITS.fieldValue) });
  }
  fields.push({ name: "Today's batch", value: batchSentence(h.batch) });
  return fitEmbed(
    {
      title: h.title,
      ...(h.vision ? { description: visionLines(h.vision).join('\n') } : {}),
      color: STATUS_COLORS[h.revenue?.status ?? 'no_data'],
      fields,
      footer: { text: `${h.date} · decide on each task below: its buttons, or react ✅ ❌` },
    },
    1,
  );
}
