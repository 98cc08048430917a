import type { ProgressView } from '../../src/index.js';
import { clip, fitLines, LIMITS } from './render-limits.js';
import { progressText } from './render-progress.js';

/** The widest a table cell gets before it is clipped, so one long cell cannot wreck the columns. */
const CELL_MAX = 60;

/** A cell on one line, without backticks (they would close the code block), at most CELL_MAX wide. */
const cell = (text: string): string => clip(text.replace(/\s+/g, ' ').replace(/`/g, "'"), CELL_MAX);

/** Inline code that cannot be closed early by a backtick inside it. */
const code = (text: string): string => `\`${text.replace(/`/g, "'")}\``;

/** A text view as message content, clipped to 2000 chars. */
export const textContent = (text: string): string => clip(text.trim() === '' ? '—' : text, LIMITS.content);

/** "⚠️ message" and, when given, the usage line in inline code. */
export function errorContent(message: string, usage?: string): string {
  const usageLine = usage ? `\nUsage: ${code(clip(usage, 500))}` : '';
  return clip(`⚠️ ${message}${usageLine}`, LIMITS.content);
}

/**
 * A table as a bold title and one code block with aligned columns, within 2000 chars; rows that do
 * not fit are left out and counted after the block ("…and 12 more rows").
 */
export function tableContent(title: string, columns: string[], rows: string[][], empty: string): string {
  const head = clip(`**${title.trim()}**`, 300);
  if (rows.length === 0) return clip(`${head}\n${empty}`, LIMITS.content);
  const cols = columns.map(cell);
  const body = rows.map((r) => cols.map((_, i) => cell(r[i] ?? '')));
  const widths = cols.map((h, i) => Math.max(h.length, ...body.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  const top = [line(cols), line(widths.map((w) => '-'.repeat(w)))];
  const more = (n: number): string => `…and ${n} more row${n === 1 ? '' : 's'}`;
  const lines = [`${head}\n\`\`\``, ...top];
  let size = lines.join('\n').length;
  let shown = 0;
  for (const row of body) {
    const text = clip(line(row), 500);
    const left = body.length - shown - 1;
    const reserve = 4 + (left > 0 ? more(left).length + 1 : 0);
    if (size + 1 + text.length + reserve > LIMITS.content) break;
    lines.push(text);
    size += 1 + text.length;
    shown += 1;
  }
  const left = body.length - shown;
  return clip(`${lines.join('\n')}\n\`\`\`${left > 0 ? `\n${more(left)}` : ''}`, LIMITS.content);
}

/** Progress items under a bold title, each with its bar, within 2000 chars ("…and N more" past that). */
export function progressContent(title: string, items: ProgressView[], empty: string): string {
  const head = clip(`**${title.trim()}**`, 300);
  if (items.length === 0) return clip(`${head}\n${empty}`, LIMITS.content);
  return `${head}\n${fitLines(items.map(progressText), LIMITS.content - head.length - 1)}`;
}
