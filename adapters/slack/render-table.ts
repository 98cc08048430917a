import type { types } from '@slack/bolt';
import { clipToWidth, columnWidths, padToWidth } from '../../src/index.js';
import { escapeMrkdwn, LIMITS, packLines } from './render-limits.js';

/** The widest a table cell gets before it is clipped, so one long cell cannot wreck the columns. */
const CELL_MAX = 60;

/** A cell on one line, without backticks (they would close the code block), at most CELL_MAX wide. */
const cell = (text: string): string => {
  const flat = text.replace(/\s+/g, ' ').replace(/`/g, "'");
  return clipToWidth(flat, CELL_MAX);
};

/**
 * A table as code blocks with aligned columns; when the rows need more than one section (3000
 * chars each), each section repeats the header.
 */
export function tableBlocks(columns: string[], rows: string[][]): types.SectionBlock[] {
  const head = columns.map(cell);
  const body = rows.map((r) => head.map((_, i) => cell(r[i] ?? '')));
  // As wide as each cell shows in a code block (a CJK character or an emoji takes two columns).
  const widths = columnWidths(head, body);
  // A cell that is a user and nothing else (the roles table, written by Goalpost) stays a mention.
  const shown = (c: string, width: number): string =>
    /^<@[UW][A-Z0-9]+>$/.test(c) ? c.padEnd(width) : escapeMrkdwn(padToWidth(c, width));
  const line = (cells: string[]): string =>
    cells
      .map((c, i) => shown(c, widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  const top = `${line(head)}\n${line(widths.map((w) => '-'.repeat(w)))}`;
  return packLines(body.map(line), LIMITS.sectionText, (b) => `\`\`\`\n${top}\n${b}\n\`\`\``);
}
