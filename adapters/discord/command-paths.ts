import type { CommandDef } from '../../src/index.js';

/** The slash command every grammar command is a subcommand of, but the backlog's (see ON_BACKLOG). */
export const SLASH_COMMAND = 'goalpost';

/**
 * The second slash command: the backlog's commands (`project add`, `feature add`, `feature
 * priority`, `bug severity`, …), as `/backlog project add`, `/backlog feature priority`. Discord
 * allows 25 subcommands and groups on a command and 4,000 characters of names and descriptions,
 * and `/goalpost` has the 25 and nearly all the characters.
 */
export const BACKLOG_COMMAND = 'backlog';

/** The first words of the grammar commands under `/backlog`: each a group there. */
const ON_BACKLOG: ReadonlySet<string> = new Set(['project', 'feature', 'bug']);

/** The slash command a grammar command is registered under: `backlog` for ON_BACKLOG's, else `goalpost`. */
export const slashCommandOf = (name: string): string =>
  ON_BACKLOG.has(name.split(' ')[0] ?? '') ? BACKLOG_COMMAND : SLASH_COMMAND;

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
 * Where a grammar command lives under its slash command (see slashCommandOf): `approve` →
 * `['approve']`, `vision set` → `['vision', 'set']`, a one-word command that heads two-word
 * siblings → `['vision', 'show']`, the schedule commands → `['schedule', 'add']` (see
 * GROUPED_ON_DISCORD), and `feature add` → `['feature', 'add']` under `/backlog`.
 */
export function subcommandPath(
  name: string,
  commands: readonly Pick<CommandDef, 'name'>[],
): [string] | [string, string] {
  const grouped = GROUPED_ON_DISCORD[name];
  if (grouped) return grouped;
  const [first = name, second] = name.split(' ');
  if (second !== undefined) return [first, second];
  return commands.some((c) => c.name.startsWith(`${first} `)) ? [first, SHOW] : [first];
}

/**
 * A command as Discord has it, from chat's words for it after the slash: `feature add …` is
 * `backlog feature add …`, `subscribe 09:00` is `goalpost schedule add 09:00`, `task T-12` is
 * `goalpost task show T-12` (see GROUPED_ON_DISCORD); any other as it is, under `goalpost`.
 */
export function onDiscord(words: string): string {
  const [first = '', ...rest] = words.split(' ');
  const path = GROUPED_ON_DISCORD[first] ?? [first];
  return [slashCommandOf(first), ...path, ...rest].join(' ');
}

/**
 * The grammar command at a subcommand path of slash command `slash`; undefined when there is none
 * (a stale registration).
 */
export function commandAtPath(
  path: readonly string[],
  commands: readonly CommandDef[],
  slash = SLASH_COMMAND,
): CommandDef | undefined {
  const key = path.join(' ');
  const under = commands.filter((c) => slashCommandOf(c.name) === slash);
  return (
    under.find((c) => subcommandPath(c.name, commands).join(' ') === key) ??
    // A registration from before a command moved into a group (`task`, now `task show`), until
    // `discord register` runs again: its old path still names it.
    (path.length === 1 ? under.find((c) => c.name === key) : undefined)
  );
}
