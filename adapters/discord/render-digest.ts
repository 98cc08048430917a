import type { APIEmbed, APIEmbedField } from 'discord-api-types/v10';
import {
  batchSentence,
  type DigestHeaderView,
  decisionsSentence,
  impactText,
  type TaskCardView,
  visionFacts,
} from '../../src/index.js';
import { lastEventText } from './render-card.js';
import { clip, codePoints, fitEmbed, fitLines, LIMITS } from './render-limits.js';
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

/** Where the team decides, by layout: in the header's thread, below it, or right here. */
const WHERE_TO_DECIDE: Record<DigestHeaderView['layout']['style'], string> = {
  thread: 'decide on each task in this message’s thread: its buttons, or react ✅ ❌',
  cards: 'decide on each task below: its buttons, or react ✅ ❌',
  compact: 'decide on each task with its buttons',
};

/** How long a compact digest's task field may be: five of them and the header fit one message. */
const TASK_FIELD = 600;

/**
 * A compact digest's task as a field: its headline, then its facts, business case and last step.
 * A long business case is clipped, not the last step after it (what a plan changed of the task).
 */
function taskField(card: TaskCardView): APIEmbedField {
  const why = card.reasoning.find((r) => r.trim() !== '');
  const facts = `${impactText(card)} · ${card.status.replace(/_/g, ' ')}`;
  const last = card.lastEvent ? clip(lastEventText(card.lastEvent), TASK_FIELD / 2) : null;
  // What the facts and the last step leave, less the newlines and the italics' two asterisks.
  const room = TASK_FIELD - codePoints(facts) - (last === null ? 0 : codePoints(last) + 1) - 3;
  const lines = [
    facts,
    ...(why ? [`*${clip(escapeText(why.trim()), room)}*`] : []),
    ...(last === null ? [] : [last]),
  ];
  return {
    name: clip(`${card.ref} · P${card.priority} · ${escapeText(card.title.trim())}`, LIMITS.fieldName),
    value: clip(lines.join('\n'), TASK_FIELD),
  };
}

/**
 * The digest's header as one embed: the title, the vision as its description, then fields for
 * revenue (a text progress bar and the detail), each goal at risk, feeds gone quiet, suggestions,
 * the batch and how its decisions stand; the footer names the day and where to decide. A compact
 * digest's tasks follow as fields of their own (their buttons are the message's rows); otherwise
 * each task is its own message, in the header's thread or after it.
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
  const note = h.layout.note ? `\n${escapeText(h.layout.note)}` : '';
  // It names assignees now (`T-1 → dev_worker1`): escaped, as an underscore would start italics.
  fields.push({ name: "Today's batch", value: `${escapeText(batchSentence(h.batch))}${note}` });
  const tally = decisionsSentence(h.decisions);
  if (tally) fields.push({ name: 'Decisions', value: tally });
  const tasks = (h.tasks ?? []).map(taskField);
  return fitEmbed(
    {
      title: h.title,
      ...(h.vision ? { description: visionLines(h.vision).join('\n') } : {}),
      color: STATUS_COLORS[h.revenue?.status ?? 'no_data'],
      fields: [...fields, ...tasks],
      footer: { text: `${h.date} · ${WHERE_TO_DECIDE[h.layout.style]}` },
    },
    // The batch, the tally and every task stay: goals at risk give way first.
    1 + (tally ? 1 : 0) + tasks.length,
  );
}
