import type { ProgressView } from '../../src/index.js';
import { columnWidths, padToWidth } from '../../src/index.js';
import { clip, codePoints, LIMITS } from './render-limits.js';
import { progressText } from './render-progress.js';
import {
  chatMessages,
  chatText,
  discordCommands,
  escapeLineStart,
  escapeText,
  splitText,
} from './render-text.js';

/** The widest a table cell gets before it is clipped, so one long cell cannot wreck the columns. */
const CELL_MAX = 60;

/** A cell on one line, without backticks (they would close the code block), at most CELL_MAX wide. */
const cell = (text: string): string => clip(text.replace(/\s+/g, ' ').replace(/`/g, "'"), CELL_MAX);

/** Inline code that cannot be closed early by a backtick inside it. */
const code = (text: string): string => `\`${text.replace(/`/g, "'")}\``;

/** A text view as message contents of at most 2000 characters each, in order, all of it, shown literally. */
export const textContents = (text: string): string[] =>
  chatMessages(text.trim() === '' ? '—' : text, LIMITS.content);

/** "⚠️ message" (shown literally) and, when given, the usage line in inline code. */
export function errorContents(message: string, usage?: string): string[] {
  // As Discord has the command: `/backlog feature add …`, not `/goalpost feature add …`.
  const usageLine = usage ? `\nUsage: ${discordCommands(code(clip(usage, 500)))}` : '';
  return splitText(`⚠️ ${chatText(message)}${usageLine}`, LIMITS.content, escapeLineStart);
}

/**
 * Lines grouped into as few messages as fit: each message is `open`, its lines, `close`, within
 * 2000 characters; the first starts with `head`. Every line is kept.
 */
function grouped(head: string, lines: string[], open = '', close = ''): string[] {
  const messages: string[] = [];
  let batch: string[] = [];
  const render = (rows: string[]): string =>
    `${messages.length === 0 ? `${head}\n` : ''}${open}${rows.join('\n')}${close}`;
  for (const line of lines) {
    if (batch.length > 0 && codePoints(render([...batch, line])) > LIMITS.content) {
      messages.push(render(batch));
      batch = [];
    }
    batch.push(line);
  }
  messages.push(render(batch));
  return messages;
}

/**
 * A table as a bold title and aligned columns in code blocks: as many messages as its rows take,
 * each its own code block starting with the column heads.
 */
export function tableContents(title: string, columns: string[], rows: string[][], empty: string): string[] {
  const head = clip(`**${escapeText(title.trim())}**`, 300);
  if (rows.length === 0) return [clip(`${head}\n${empty}`, LIMITS.content)];
  const cols = columns.map(cell);
  const body = rows.map((r) => cols.map((_, i) => cell(r[i] ?? '')));
  // As wide as each cell shows in a code block (a CJK character or an emoji takes two columns).
  const widths = columnWidths(cols, body);
  const line = (cells: string[]): string =>
    cells
      .map((c, i) => padToWidth(c, widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  const top = `${line(cols)}\n${line(widths.map((w) => '-'.repeat(w)))}\n`;
  return grouped(
    head,
    body.map((r) => clip(line(r), 500)),
    `\`\`\`\n${top}`,
    '\n```',
  );
}

/** Progress items under a bold title, each with its bar, over as many messages as they take. */
export function progressContents(title: string, items: ProgressView[], empty: string): string[] {
  const head = clip(`**${escapeText(title.trim())}**`, 300);
  if (items.length === 0) return [clip(`${head}\n${empty}`, LIMITS.content)];
  return grouped(
    head,
    items.map((p) => clip(progressText(p), 1500)),
  );
}
