import type { Command } from 'commander';
import type { PartName } from '../../src/index.js';
import type { CliSession } from './session.js';

/**
 * Runs one command with its own renderer; `--json` prints the raw result instead. The session's
 * facade holds the parts K (a command group's: see command-groups.ts). `exitOf`, for a command
 * whose result can tell of a failure it printed (a scheduled digest that could not be posted),
 * gives the exit code once it is printed: a cron job reads 0 as done.
 */
export type Runner<K extends PartName = PartName> = <T>(
  command: Command,
  fn: (session: CliSession<K>) => T | Promise<T>,
  render: (result: T) => string,
  exitOf?: (result: T) => number,
) => void | Promise<void>;

/** A repeatable option of comma lists (`--focus a,b --focus c`), as one list. */
export const collectList = (value: string, previous: string[] = []): string[] => [
  ...previous,
  ...value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== ''),
];
