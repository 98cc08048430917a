import type { APIEmbed, APIEmbedField } from 'discord-api-types/v10';
import type { DigestHeaderView } from '../../src/index.js';
import { fitEmbed, fitLines, LIMITS } from './render-limits.js';
import { progressValue, STATUS_COLORS } from './render-progress.js';

/** Goals get their own fields up to this many; the rest are summed up in one more. */
const GOAL_FIELDS = 20;

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/** "5 new tasks proposed, 5 awaiting a decision, 1 skipped as a duplicate." */
export function batchLine(b: DigestHeaderView['batch']): string {
  const skipped =
    b.skipped > 0 ? `, ${b.skipped} skipped as ${b.skipped === 1 ? 'a duplicate' : 'duplicates'}` : '';
  return `${plural(b.newTasks, 'new task', 'new tasks')} proposed, ${b.proposed} awaiting a decision${skipped}.`;
}

/** The vision as Markdown lines: primary goal, statement, focus areas. */
export function visionLines(v: { statement: string; primaryGoal: string; focusAreas: string[] }): string[] {
  const lines = [`**Primary goal:** ${v.primaryGoal}`, `**Vision:** ${v.statement}`];
  if (v.focusAreas.length > 0) lines.push(`**Focus:** ${v.focusAreas.join(', ')}`);
  return lines;
}

function goalFields(goals: DigestHeaderView['goalsAtRisk']): APIEmbedField[] {
  const shown = goals.slice(0, GOAL_FIELDS).map((g) => ({ name: `⚠️ ${g.label}`, value: progressValue(g) }));
  const left = goals.length - shown.length;
  return left > 0 ? [...shown, { name: '…', value: `and ${left} more goals at risk` }] : shown;
}

/**
 * The digest's first message as one embed: the title, the vision as its description, then fields
 * for revenue (a text progress bar and the detail), each goal at risk, suggestions and the batch;
 * the footer names the day and how to decide. Each task follows as its own message.
 */
export function digestEmbed(h: DigestHeaderView): APIEmbed {
  const fields: APIEmbedField[] = [];
  if (h.revenue) fields.push({ name: `💰 ${h.revenue.label}`, value: progressValue(h.revenue) });
  if (h.goalsAtRisk.length > 0) fields.push(...goalFields(h.goalsAtRisk));
  if (h.suggestions.length > 0) {
    const lines = h.suggestions.map((s) => `• ${s.trim()}`);
    fields.push({ name: 'Suggestions', value: fitLines(lines, LIMITS.fieldValue) });
  }
  fields.push({ name: "Today's batch", value: batchLine(h.batch) });
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
