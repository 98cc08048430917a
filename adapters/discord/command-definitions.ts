import {
  type APIApplicationCommandOption,
  type APIApplicationCommandSubcommandOption,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
  type RESTPutAPIApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import type { CommandDef } from '../../src/index.js';
import { DISCORD_NAME, optionSpecs } from './command-options.js';
import { BACKLOG_COMMAND, SHOW, SLASH_COMMAND, slashCommandOf, subcommandPath } from './command-paths.js';
import { clip } from './render-limits.js';

export {
  BACKLOG_COMMAND,
  commandAtPath,
  SHOW,
  SLASH_COMMAND,
  slashCommandOf,
  subcommandPath,
} from './command-paths.js';
export { type InteractionOption, invokedCommand, quoteWord, toCommandText } from './command-text.js';

/** What each slash command says of itself in Discord's command picker. */
const SLASH_DESCRIPTIONS: Readonly<Record<string, string>> = {
  [SLASH_COMMAND]: 'Goals, the daily digest, and decisions on proposed tasks',
  [BACKLOG_COMMAND]: 'Projects, features and bugs to plan from',
};

/** Discord allows at most 25 options (here: subcommands and groups) on a command. */
const MAX_OPTIONS = 25;
/** Discord's cap on a command's names, descriptions and choice names and values together. */
const MAX_COMMAND_CHARS = 4000;

/** The characters Discord counts toward {@link MAX_COMMAND_CHARS} in these options. */
const textSize = (options: readonly APIApplicationCommandOption[]): number =>
  options.reduce((n, o) => {
    const choices = 'choices' in o ? (o.choices ?? []) : [];
    const nested = 'options' in o ? textSize(o.options ?? []) : 0;
    const choiceChars = choices.reduce((m, c) => m + c.name.length + String(c.value).length, 0);
    return n + o.name.length + o.description.length + choiceChars + nested;
  }, 0);

const check = (ok: boolean, message: string): void => {
  if (!ok) throw new Error(`Discord command definitions: ${message}`);
};

/** A description Discord takes: one line, capitalised, 1–100 chars. */
const description = (text: string): string => {
  const flat = text.replace(/\s+/g, ' ').trim() || 'Goalpost command';
  const capital = flat.charAt(0).toUpperCase() + flat.slice(1);
  return clip(capital, 100);
};

/**
 * A summary without the role it names (`Approve a task (approver)`): Discord counts every
 * character of a command's descriptions against 4,000, and the role is said where it matters, in
 * the refusal of a member who lacks it (`… needs the approver role …`) and in `help`.
 */
const withoutRole = (summary: string): string => summary.replace(/\s*\((?:admin|approver|member)\)$/, '');

/** One grammar command as a subcommand with typed options, required ones first (Discord's rule). */
function subcommand(name: string, def: CommandDef): APIApplicationCommandSubcommandOption {
  check(DISCORD_NAME.test(name), `"${name}" (from "${def.name}") is not a valid Discord name`);
  const options = optionSpecs(def).map((s) => s.option);
  for (const o of options)
    check(DISCORD_NAME.test(o.name), `option "${o.name}" of "${def.name}" is not valid`);
  check(new Set(options.map((o) => o.name)).size === options.length, `"${def.name}" repeats an option name`);
  check(options.length <= MAX_OPTIONS, `"${def.name}" has more than ${MAX_OPTIONS} options`);
  const ordered = [...options.filter((o) => o.required), ...options.filter((o) => !o.required)];
  return {
    type: ApplicationCommandOptionType.Subcommand,
    name,
    description: description(withoutRole(def.summary)),
    ...(ordered.length > 0 ? { options: ordered } : {}),
  };
}

/**
 * Discord's application command JSON for the chat grammar: the guild-only chat-input commands
 * `/goalpost`, whose subcommands are the grammar's commands (`vision` and `vision set` become the
 * group `vision` with `show` and `set`), and `/backlog`, the backlog's (`feature add` is `/backlog
 * feature add`; see slashCommandOf). Bulk-overwrite them with PUT; they are the one source of truth.
 * @throws Error when the grammar cannot be expressed (more than 25 subcommands on a command, a bad
 * name, more than 4000 characters of names, descriptions and choices on one).
 */
export function buildCommandDefinitions(
  commands: readonly CommandDef[],
): RESTPutAPIApplicationCommandsJSONBody {
  return Object.entries(SLASH_DESCRIPTIONS).map(([name, about]) =>
    slashCommand(
      name,
      about,
      commands.filter((def) => slashCommandOf(def.name) === name),
      commands,
    ),
  );
}

/** One slash command of `defs`, their paths read among all the grammar's `commands`. */
function slashCommand(
  name: string,
  about: string,
  defs: readonly CommandDef[],
  commands: readonly CommandDef[],
): RESTPutAPIApplicationCommandsJSONBody[number] {
  const top: APIApplicationCommandOption[] = [];
  const groups = new Map<string, APIApplicationCommandSubcommandOption[]>();
  for (const def of defs) {
    const path = subcommandPath(def.name, commands);
    if (path.length === 1) {
      top.push(subcommand(path[0], def));
      continue;
    }
    const [group, sub] = path;
    check(!(sub === SHOW && def.name !== group), `"${def.name}" clashes with the group's "${SHOW}"`);
    let members = groups.get(group);
    if (!members) {
      members = [];
      groups.set(group, members);
      check(DISCORD_NAME.test(group), `group "${group}" is not a valid Discord name`);
      top.push({
        type: ApplicationCommandOptionType.SubcommandGroup,
        name: group,
        description: '',
        options: members,
      });
    }
    members.push(subcommand(sub, def));
  }
  for (const option of top) {
    if (option.type !== ApplicationCommandOptionType.SubcommandGroup) continue;
    const subs = option.options ?? [];
    check(subs.length <= MAX_OPTIONS, `group "${option.name}" has more than ${MAX_OPTIONS} subcommands`);
    // The group reads as its subcommands: "vision: show, set".
    option.description = description(`${option.name}: ${subs.map((s) => s.name).join(', ')}`);
  }
  check(
    top.length <= MAX_OPTIONS,
    `/${name} has ${top.length} subcommands and groups; Discord allows ${MAX_OPTIONS}`,
  );
  check(new Set(top.map((o) => o.name)).size === top.length, `two subcommands of /${name} share a name`);
  const size = name.length + about.length + textSize(top);
  check(
    size <= MAX_COMMAND_CHARS,
    `/${name} has ${size} characters of names and descriptions; Discord allows ${MAX_COMMAND_CHARS}`,
  );
  return {
    type: ApplicationCommandType.ChatInput,
    name,
    description: about,
    dm_permission: false,
    contexts: [InteractionContextType.Guild],
    integration_types: [ApplicationIntegrationType.GuildInstall],
    options: top,
  };
}

/** Every command the definitions register, as typed: `/goalpost approve`, `/goalpost vision show`, `/backlog feature add`. */
export function registeredPaths(commands: readonly CommandDef[]): string[] {
  return commands.map((c) => `/${[slashCommandOf(c.name), ...subcommandPath(c.name, commands)].join(' ')}`);
}
