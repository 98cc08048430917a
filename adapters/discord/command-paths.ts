import type { CommandDef } from '../../src/index.js';

/** The one slash command; every grammar command is a subcommand of it. */
export const SLASH_COMMAND = 'goalpost';

/** The subcommand a one-word command gets when it also heads a group (`vision` → `vision show`). */
export const SHOW = 'show';

/**
 * Where a grammar command lives under `/goalpost`: `approve` → `['approve']`, `vision set` →
 * `['vision', 'set']`, and a one-word command that heads two-word siblings → `['vision', 'show']`.
 */
export function subcommandPath(name: string, commands: readonly CommandDef[]): [string] | [string, string] {
  const [first = name, second] = name.split(' ');
  if (second !== undefined) return [first, second];
  return commands.some((c) => c.name.startsWith(`${first} `)) ? [first, SHOW] : [first];
}

/** The grammar command at a subcommand path; undefined when there is none (stale registration). */
export function commandAtPath(
  path: readonly string[],
  commands: readonly CommandDef[],
): CommandDef | undefined {
  const key = path.join(' ');
  return commands.find((c) => subcommandPath(c.name, commands).join(' ') === key);
}
