import type { CommandDef } from '../../src/index.js';

/** The one slash command; every grammar command is a subcommand of it. */
export const SLASH_COMMAND = 'goalpost';

/** The subcommand a one-word command gets when it also heads a group (`vision` → `vision show`). */
export const SHOW = 'show';

/**
 * Commands Discord shows in a group of their own, as the command line names them: Discord allows
 * 25 subcommands and groups on a command, and the grammar has more one-word commands than that.
 */
const GROUPED_ON_DISCORD: Readonly<Record<string, [string, string]>> = {
  subscribe: ['schedule', 'add'],
  unsubscribe: ['schedule', 'remove'],
  subscriptions: ['schedule', 'list'],
  whoami: ['me', 'status'],
  away: ['me', 'away'],
  task: ['task', 'show'],
  cancel: ['task', 'cancel'],
};

/**
 * Where a grammar command lives under `/goalpost`: `approve` → `['approve']`, `vision set` →
 * `['vision', 'set']`, a one-word command that heads two-word siblings → `['vision', 'show']`, and
 * the schedule commands → `['schedule', 'add']` (see GROUPED_ON_DISCORD).
 */
export function subcommandPath(name: string, commands: readonly CommandDef[]): [string] | [string, string] {
  const grouped = GROUPED_ON_DISCORD[name];
  if (grouped) return grouped;
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
  return (
    commands.find((c) => subcommandPath(c.name, commands).join(' ') === key) ??
    // A registration from before a command moved into a group (`task`, now `task show`), until
    // `discord register` runs again: its old path still names it.
    (path.length === 1 ? commands.find((c) => c.name === key) : undefined)
  );
}
