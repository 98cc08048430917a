import type { CommandDef } from './define-command.js';
import { assigneeCommands } from './handlers/assignee-commands.js';
import { backlogCommands } from './handlers/backlog-commands.js';
import { githubCommands } from './handlers/github-commands.js';
import { goalCommands } from './handlers/goal-commands.js';
import { peopleCommands } from './handlers/people-commands.js';
import { scheduleCommands } from './handlers/schedule-commands.js';
import { setupCommands } from './handlers/setup-commands.js';
import { taskCommands } from './handlers/task-commands.js';
import { teamCommands } from './handlers/team-commands.js';

/** Every chat command, in the order `help` lists them: the one grammar every chat surface shares. */
export function grammar(): CommandDef[] {
  const commands: CommandDef[] = [];
  commands.push(
    ...teamCommands(() => commands),
    ...peopleCommands,
    ...taskCommands,
    ...assigneeCommands,
    ...setupCommands,
    ...backlogCommands,
    ...goalCommands,
    ...scheduleCommands,
    ...githubCommands,
  );
  return commands;
}

/** The command `words` start with (two-word names first: `vision set`), and the words after it. */
export function findCommand(
  commands: readonly CommandDef[],
  words: readonly string[],
): { def: CommandDef; rest: string[] } | null {
  const two = words.slice(0, 2).join(' ').toLowerCase();
  const one = (words[0] ?? '').toLowerCase();
  const byTwo = commands.find((c) => c.name === two);
  if (byTwo) return { def: byTwo, rest: words.slice(2) };
  const byOne = commands.find((c) => c.name === one);
  return byOne ? { def: byOne, rest: words.slice(1) } : null;
}
