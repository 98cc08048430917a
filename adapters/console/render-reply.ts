import {
  batchSentence,
  CHARTS_HEADING,
  chartLine,
  clipToWidth,
  type DigestHeaderView,
  displayWidth,
  impactText,
  PROGRESS_STATUS_WORDS,
  type ProgressView,
  type TaskCardView,
  type View,
  visionFacts,
} from '../../src/index.js';
import { bar, table } from '../cli/format.js';

function progressLine(p: ProgressView): string {
  const fresh = p.freshness ? `\n    ${p.freshness}` : '';
  return `  ${p.label.padEnd(28)} ${bar(p.ratio)}  ${PROGRESS_STATUS_WORDS[p.status]}\n    ${p.detail}${fresh}`;
}

function renderHeader(h: DigestHeaderView): string {
  const out = [`━━ ${h.title} ━━`];
  if (h.vision) out.push(...visionFacts(h.vision).map((f) => `${f.label}: ${f.text}`));
  if (h.revenue) out.push('Revenue', progressLine(h.revenue));
  if (h.goalsAtRisk.length > 0) out.push('Goals at risk', ...h.goalsAtRisk.map(progressLine));
  if (h.warnings.length > 0) out.push('Feeds gone quiet', ...h.warnings.map((w) => `  ⚠ ${w}`));
  if (h.suggestions.length > 0) out.push('Suggestions', ...h.suggestions.map((s) => `  • ${s}`));
  out.push(batchSentence(h.batch));
  return out.join('\n');
}

/**
 * A task card: ref, priority, category, impact, alignment, assignee, then why, then what to do.
 * `brief` leaves out the reasoning (a card shown again after it changed).
 */
export function renderCard(c: TaskCardView, brief = false): string {
  const facts = [
    c.ref,
    `P${c.priority}`,
    c.category,
    ...(c.project ? [c.project] : []),
    impactText(c),
    `alignment ${c.alignment.toFixed(2)}`,
    c.assignee ? `→ ${c.assignee}` : 'unassigned',
    c.status.replace('_', ' '),
  ];
  const out = [`┌ ${facts.join(' · ')}`, `│ ${c.title}`];
  if (c.reasoning.length > 0 && !brief) out.push('│ Why:', ...c.reasoning.map((r) => `│   - ${r}`));
  if (c.source) out.push(`│ From: ${c.source}`);
  if (c.dependsOn.length > 0) out.push(`│ After: ${c.dependsOn.join(', ')}`);
  if (c.lastEvent) out.push(`│ Last: ${c.lastEvent}`);
  if (c.buttons.length > 0) {
    const hint = c.buttons
      .map((b) => `${b.emoji} /goalpost ${b.action} ${c.ref}${b.action === 'reject' ? ' <reason>' : ''}`)
      .join('   ');
    out.push(`└ ${hint}`);
  } else {
    // Nothing to do on it (decided, or read-only): its last line closes the card.
    out[out.length - 1] = `└${(out.at(-1) as string).slice(1)}`;
  }
  return out.join('\n');
}

/** How wide a table may be when the output is not a terminal (a pipe, a file) that says its width. */
export const DEFAULT_WIDTH = 110;

/** A clipped column keeps at least this many characters; narrower than that, rows are stacked. */
const MIN_CLIPPED = 16;

const widest = (text: string): number => Math.max(...text.split('\n').map(displayWidth));

/**
 * Columns as wide as `width` allows: one line per row. A row too wide has its `clip` column (a
 * title) cut short with `…`; a table that still does not fit (no such column, or too narrow a
 * screen) shows each row as its first cell, then `column: cell` lines.
 */
function fitTable(columns: string[], rows: string[][], width: number, clip?: number): string {
  const text = table(columns, rows);
  const over = widest(text) - width;
  if (over <= 0) return text;
  if (clip !== undefined) {
    const natural = Math.max(...[columns, ...rows].map((r) => displayWidth(r[clip] ?? '')));
    const room = natural - over;
    if (room >= MIN_CLIPPED) {
      return table(
        columns,
        rows.map((r) => r.map((cell, i) => (i === clip ? clipToWidth(cell, room) : cell))),
      );
    }
  }
  return rows
    .map(([first = '', ...rest]) =>
      [first, ...rest.map((cell, i) => `    ${columns[i + 1] ?? ''}: ${cell}`)].join('\n'),
    )
    .join('\n');
}

/** One view as terminal text; tables fit `width` columns. */
export function renderView(v: View, width = DEFAULT_WIDTH): string {
  switch (v.kind) {
    case 'text':
      // A text led by its own emoji (a decision's ✅) needs no ✔ before it.
      return v.tone === 'success' && !/^\p{Extended_Pictographic}/u.test(v.text)
        ? `✔ ${v.text}`
        : v.tone === 'warning'
          ? `! ${v.text}`
          : v.text;
    case 'error':
      return v.usage ? `✖ ${v.message}\n  usage: ${v.usage}` : `✖ ${v.message}`;
    case 'digest_header':
      return renderHeader(v);
    case 'task':
      return renderCard(v.card, v.changed === true);
    case 'table':
      return v.rows.length === 0
        ? `${v.title}\n  ${v.empty}`
        : `${v.title}\n${fitTable(v.columns, v.rows, width, v.clip)}`;
    case 'progress':
      return v.items.length === 0
        ? `${v.title}\n  ${v.empty}`
        : [v.title, ...v.items.map(progressLine)].join('\n');
    case 'charts':
      return [CHARTS_HEADING, ...v.charts.map((c) => `  ${chartLine(c)}`)].join('\n');
  }
}

/**
 * Messages as terminal text: each as a block, separated by a blank line; tables fit `width`
 * columns. A card shown again after a change (the terminal cannot edit what it printed) is brief:
 * no reasoning.
 */
export function renderMessages(messages: readonly View[], width = DEFAULT_WIDTH): string {
  return messages.map((m) => renderView(m, width)).join('\n\n');
}
