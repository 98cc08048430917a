import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import type { CommandDef } from '../../src/index.js';
import { discordName, optionSpecs, SUBSCRIBE_WORDS } from './command-options.js';
import { commandAtPath, SLASH_COMMAND } from './command-paths.js';

/**
 * One option of an interaction as Discord sends it (`data.options` of the raw API) and as
 * discord.js exposes it (`interaction.options.data`): a subcommand group or subcommand with its
 * own options, or a value.
 */
export interface InteractionOption {
  name: string;
  type: number;
  value?: string | number | boolean | undefined;
  options?: readonly InteractionOption[] | undefined;
}

/** Characters that make `tokenize()` read a word differently: whitespace, quotes, backslash. */
const NEEDS_QUOTES = /[\s"'“”‘’\\]/;

/** A word `tokenize()` reads back exactly: double-quoted, with `"` and `\` escaped, when needed. */
export function quoteWord(value: string): string {
  if (value !== '' && !NEEDS_QUOTES.test(value)) return value;
  return `"${value.replace(/[\\"]/g, '\\$&')}"`;
}

/** An option's value as a grammar word: users, channels and roles as mentions, numbers as given. */
function word(o: InteractionOption): string {
  const value = o.value === undefined ? '' : String(o.value);
  switch (o.type) {
    case ApplicationCommandOptionType.User:
      return `<@${value}>`;
    case ApplicationCommandOptionType.Channel:
      return `<#${value}>`;
    case ApplicationCommandOptionType.Role:
      return `<@&${value}>`;
    default:
      return quoteWord(value);
  }
}

/** `subscribe`'s named options back into its free words: `report 16:00 America/New_York fri`. */
function subscribeWords(values: Map<string, InteractionOption>): string[] {
  return SUBSCRIBE_WORDS.flatMap((name) => {
    const o = values.get(name);
    values.delete(name);
    return o === undefined || o.value === undefined || o.value === '' ? [] : [word(o)];
  });
}

/** The subcommand an interaction's option tree names, its own options, and its grammar command. */
export interface InvokedCommand {
  path: string[];
  leaf: readonly InteractionOption[];
  /** Undefined for a subcommand the grammar does not have (a stale registration). */
  def: CommandDef | undefined;
}

/**
 * Which subcommand of slash command `slash` an interaction's options (a command's or an
 * autocomplete's) invoke: `vision` `set` with its `field` and `value`; null when it names none.
 */
export function invokedCommand(
  data: readonly InteractionOption[],
  commands: readonly CommandDef[],
  slash = SLASH_COMMAND,
): InvokedCommand | null {
  let first = data[0];
  if (first?.name === slash && !commands.some((c) => c.name === slash)) {
    first = first.options?.[0]; // The whole command was passed, not its options.
  }
  if (first === undefined) return null;
  const path = [first.name];
  let leaf = first.options ?? [];
  if (first.type === ApplicationCommandOptionType.SubcommandGroup) {
    const sub = leaf[0];
    if (sub) path.push(sub.name);
    leaf = sub?.options ?? [];
  }
  return { path, leaf, def: commandAtPath(path, commands, slash) };
}

/**
 * The grammar's command line for an interaction of slash command `slash` (`/goalpost` or
 * `/backlog`), from its option tree: e.g. the subcommand `reject` with `ref: T-3`, `reason: not
 * this quarter` → `reject T-3 "not this quarter"`; `vision show` → `vision`; `max_tasks: 3` →
 * `--max-tasks 3`; `/backlog feature add` → `feature add …`. Positionals keep the grammar's order (a
 * skipped optional one before a given one becomes `""`), values are quoted so `tokenize()` reads
 * them back exactly. An unknown subcommand comes back as its words (the grammar then says it is
 * unknown); an unknown option as `--name value` (the grammar names it).
 */
export function toCommandText(
  data: readonly InteractionOption[],
  commands: readonly CommandDef[],
  slash = SLASH_COMMAND,
): string {
  const invoked = invokedCommand(data, commands, slash);
  if (invoked === null) return 'help';
  const { path, leaf, def } = invoked;
  if (def === undefined) return path.join(' ');

  const values = new Map(leaf.map((o) => [o.name, o]));
  const words = [def.name];
  if (def.name === 'subscribe') words.push(...subscribeWords(values));
  let skipped = 0;
  for (const { slot } of optionSpecs(def)) {
    if (def.name === 'subscribe' && slot.kind === 'rest') continue; // Its words are placed above.
    const name = discordName(slot.name);
    const o = values.get(name);
    if (o === undefined && (slot.kind === 'positional' || slot.kind === 'rest')) skipped += 1;
    if (o === undefined) continue;
    values.delete(name);
    if (slot.kind === 'flag') {
      if (o.value === true) words.push(`--${slot.name}`);
      else if (def.args.flags?.includes(`no-${slot.name}`)) words.push(`--no-${slot.name}`);
    } else if (slot.kind === 'option') {
      words.push(`--${slot.name}`, word(o));
    } else {
      words.push(...Array<string>(skipped).fill('""'), word(o));
      skipped = 0;
    }
  }
  for (const o of values.values()) words.push(`--${o.name.replace(/_/g, '-')}`, word(o));
  return words.join(' ');
}
