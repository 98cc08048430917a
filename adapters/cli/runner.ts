import type { Command } from 'commander';
import type { CliSession } from './session.js';

/** Runs one command with its own renderer; `--json` prints the raw result instead. */
export type Runner = <T>(
  command: Command,
  fn: (session: CliSession) => T | Promise<T>,
  render: (result: T) => string,
) => void | Promise<void>;

/** A repeatable option of comma lists (`--focus a,b --focus c`), as one list. */
export const collectList = (value: string, previous: string[] = []): string[] => [
  ...previous,
  ...value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== ''),
];
