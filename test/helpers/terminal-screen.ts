import { PassThrough } from 'node:stream';

/**
 * What a terminal shows after the bytes written to it: the few cursor sequences readline uses
 * (cursor to column, cursor up/down/left/right, erase line, erase below) applied to rows of text.
 * `\n` goes to the start of the next row, as a terminal's output processing (onlcr) makes it, and
 * text wraps at `columns`. Colour sequences are dropped. Enough to see where a prompt and a notice
 * really end up.
 */
export function screenOf(bytes: string, columns = Number.POSITIVE_INFINITY): string[] {
  const rows: string[] = [''];
  let row = 0;
  let col = 0;
  const down = (n: number): void => {
    row += n;
    while (rows.length <= row) rows.push('');
  };
  const put = (ch: string): void => {
    if (col >= columns) {
      down(1);
      col = 0;
    }
    const line = (rows[row] ?? '').padEnd(col);
    rows[row] = line.slice(0, col) + ch + line.slice(col + 1);
    col += 1;
  };
  // biome-ignore lint/suspicious/noControlCharactersInRegex: terminal sequences start with ESC.
  const sequence = /^\u001b\[(\d*)([A-Za-z])/;
  let i = 0;
  while (i < bytes.length) {
    const ch = bytes.charAt(i);
    const m = ch === '\u001b' ? sequence.exec(bytes.slice(i)) : null;
    if (m) {
      const n = m[1] === '' ? undefined : Number(m[1]);
      switch (m[2]) {
        case 'G':
          col = (n ?? 1) - 1;
          break;
        case 'A':
          row = Math.max(0, row - (n ?? 1));
          break;
        case 'B':
          down(n ?? 1);
          break;
        case 'C':
          col += n ?? 1;
          break;
        case 'D':
          col = Math.max(0, col - (n ?? 1));
          break;
        case 'K':
          rows[row] =
            n === 2
              ? ''
              : n === 1
                ? ' '.repeat(col) + (rows[row] ?? '').slice(col)
                : (rows[row] ?? '').slice(0, col);
          break;
        case 'J':
          rows[row] = (rows[row] ?? '').slice(0, col);
          rows.length = row + 1;
          break;
      }
      i += m[0].length;
      continue;
    }
    if (ch === '\n') {
      down(1);
      col = 0;
    } else if (ch === '\r') {
      col = 0;
    } else {
      put(ch);
    }
    i += 1;
  }
  return rows.map((r) => r.trimEnd());
}

/** A stream that passes for a terminal of `columns` columns (readline draws its line on it). */
export function fakeTerminal(columns = 80): PassThrough & { isTTY: true; columns: number } {
  const stream = new PassThrough() as PassThrough & { isTTY: true; columns: number };
  stream.isTTY = true;
  stream.columns = columns;
  return stream;
}
