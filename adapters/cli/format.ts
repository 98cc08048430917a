/** Text helpers shared by the CLI's renderers. */

import { columnWidths, formatCents, formatCount, formatUsd, padToWidth } from '../../src/index.js';

// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/**
 * Text safe to print on a terminal: control characters other than newline and tab (ESC among
 * them, so no escape sequence from a task title, a note or a command's output can move the cursor,
 * recolour or retitle the terminal) are shown as `�`.
 */
export const forTerminal = (text: string): string => text.replace(CONTROL, '\uFFFD');

/** Dollars and cents as en-US writes them (`$1,234.50`, `-$5.00`): the engine's formatCents. */
export const usd = formatCents;

/**
 * What a task is counted to win, as its reasoning writes it (`$3,680`, `$16.98`: whole dollars
 * from $100 up, cents below): an estimate, not a sum of money. In cents, a share of the gap cut
 * down to the cent read `$3,679.98` in a task's header above `$3,680` in its reasoning, and a
 * batch's new revenue `$1,599.99` of a $1,600 gap.
 */
export const estimate = formatUsd;

export const pct = (ratio: number | null): string => (ratio === null ? '—' : `${Math.round(ratio * 100)}%`);

export const RULE = '='.repeat(70);

/** A 20-cell bar for a 0–1 ratio (clamped), e.g. `[████████░░░░░░░░░░░░] 42%`. */
export function bar(ratio: number | null, width = 20): string {
  if (ratio === null) return `[${'·'.repeat(width)}]  —`;
  const filled = Math.round(Math.max(0, Math.min(1, ratio)) * width);
  return `[${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${pct(ratio)}`;
}

/** Left-aligned columns from rows of cells. */
export function table(header: string[], rows: string[][]): string {
  // As wide as each cell shows (a CJK character or an emoji takes two columns), not its length.
  const widths = columnWidths(header, rows);
  const line = (cells: string[]) =>
    cells
      .map((c, i) => padToWidth(c, widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/** `32,123 candidates`, `1 outcome`: a count grouped as people read it, and its word. */
export const plural = (n: number, word: string): string => `${formatCount(n)} ${word}${n === 1 ? '' : 's'}`;
