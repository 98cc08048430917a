// The person who runs the bot, as start-up meets them: their OS user, where their log goes, and
// paths as they type them.
import { userInfo } from 'node:os';
import { dirname, isAbsolute, join, relative } from 'node:path';

/** The OS user as a console user id (letters, digits, _.-), or `operator`. */
export function osUser(): string {
  try {
    const name = userInfo().username.replace(/[^A-Za-z0-9_.-]/g, '');
    return name === '' ? 'operator' : name;
  } catch {
    return 'operator';
  }
}

/**
 * Where the log goes while the console chat is on a terminal: a file beside the database
 * (`data/goalpost.log`), since log lines printed on the terminal would land between chat lines.
 */
export const defaultLogFile = (dbPath: string): string => join(dirname(dbPath), 'goalpost.log');

/** A path as the person typed paths in this folder: relative when it lies under it. */
export function shownPath(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return rel.startsWith('..') || isAbsolute(rel) ? path : rel;
}
