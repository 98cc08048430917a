import { fstatSync } from 'node:fs';
import { isatty } from 'node:tty';

/**
 * What file descriptor `fd` (standard input by default) is, for the console chat rule: a
 * `terminal`, a `stream` of lines (a pipe, a socket, a regular file), or `none` — `/dev/null` and
 * other devices (service managers and `nohup` give those) or a descriptor that is not open.
 */
export function stdinKind(fd = 0): 'terminal' | 'stream' | 'none' {
  if (isatty(fd)) return 'terminal';
  try {
    const stat = fstatSync(fd);
    return stat.isFIFO() || stat.isSocket() || stat.isFile() ? 'stream' : 'none';
  } catch {
    return 'none';
  }
}
