import type { CommandDef } from '../../src/index.js';
import { choiceName, optionValues } from './command-options.js';
import { clip } from './render-limits.js';

/** Discord shows at most 25 suggestions, each named in at most 100 characters. */
const MAX_SUGGESTIONS = 25;
export const SUGGESTION_NAME_MAX = 100;

/** One autocomplete choice: what Discord shows, and what the option then holds. */
export interface Suggestion {
  name: string;
  value: string;
}

/**
 * The suggestions that hold what was typed (case aside), those whose value starts with it first,
 * at most as many as Discord shows.
 */
export function matching(suggestions: readonly Suggestion[], typed: string): Suggestion[] {
  const t = typed.trim().toLowerCase();
  const holds = suggestions.filter(
    (s) => s.name.toLowerCase().includes(t) || s.value.toLowerCase().includes(t),
  );
  const first = holds.filter((s) => s.value.toLowerCase().startsWith(t));
  const rest = holds.filter((s) => !s.value.toLowerCase().startsWith(t));
  return [...first, ...rest].slice(0, MAX_SUGGESTIONS);
}

/** Every grammar command for `help`, named with what it does: `me hours · the hours you work`. */
const commandSuggestions = (commands: readonly CommandDef[]): Suggestion[] =>
  commands.map((c) => ({ name: clip(`${c.name} · ${c.summary}`, SUGGESTION_NAME_MAX), value: c.name }));

/**
 * What to suggest for an option whose values the grammar knows, filtered by what was typed:
 * `help`'s command, or an enum's values (`tasks` `status`, `vision set` `field`); null for an
 * option it does not know the values of.
 */
export function grammarSuggestions(
  def: CommandDef,
  option: string,
  commands: readonly CommandDef[],
  typed: string,
): Suggestion[] | null {
  if (def.name === 'help' && option === 'command') return matching(commandSuggestions(commands), typed);
  const values = optionValues(def, option);
  if (values === null) return null;
  return matching(
    values.map((value) => ({ name: choiceName(value), value })),
    typed,
  );
}
