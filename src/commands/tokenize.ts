import { clipForMessage } from '../domain/validate.js';
import { ValidationError } from '../errors.js';

const QUOTES: Record<string, string> = { '"': '"', "'": "'", '“': '”', '‘': '’', '”': '”' };

/**
 * Splits a command line into words. "Double", 'single' and “curly” quotes (Slack and phones
 * turn straight quotes curly) group words; a backslash escapes the next character.
 * @throws ValidationError for an unterminated quote.
 */
export function tokenize(line: string): string[] {
  const tokens: string[] = [];
  let current = '';
  let inToken = false;
  let closing: string | null = null;
  for (let i = 0; i < line.length; i++) {
    const ch = line.charAt(i);
    if (ch === '\\' && i + 1 < line.length) {
      current += line.charAt(++i);
      inToken = true;
    } else if (closing !== null) {
      if (ch === closing) closing = null;
      else current += ch;
    } else if (QUOTES[ch] !== undefined && !(ch === "'" && inToken && /\w/.test(line.charAt(i + 1)))) {
      // An apostrophe inside a word ("don't") is a letter, not a quote.
      closing = QUOTES[ch] ?? null;
      inToken = true;
    } else if (/\s/.test(ch)) {
      if (inToken) tokens.push(current);
      current = '';
      inToken = false;
    } else {
      current += ch;
      inToken = true;
    }
  }
  if (closing !== null)
    throw new ValidationError(`a quote is not closed; add the closing ${closing}`, 'text');
  if (inToken) tokens.push(current);
  return tokens;
}

/** What a command takes: named positionals (the last may be `...rest`), `--options`, `--flags`. */
export interface ArgSpec {
  positionals?: readonly string[];
  options?: readonly string[];
  flags?: readonly string[];
}

/**
 * Maps words onto a command's arguments. `--name value`, `--name=value`; a trailing `...rest`
 * positional takes every remaining word, joined by spaces.
 * @throws ValidationError for an unknown option, a missing option value, an option given twice
 * with two values, or extra words.
 */
export function parseArgs(words: readonly string[], spec: ArgSpec): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const positionals = spec.positionals ?? [];
  const loose: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i] ?? '';
    const m = /^--([a-z][a-z-]*)(?:=(.*))?$/.exec(word);
    if (!m?.[1]) {
      loose.push(word);
      continue;
    }
    const name = m[1];
    const key = name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
    if (spec.flags?.includes(name)) {
      // `--revenue-bearing=false` was read as the flag given, and written so: a flag is there or not.
      if (m[2] !== undefined) {
        const off = spec.flags.includes(`no-${name}`)
          ? ` (\`--no-${name}\` says no)`
          : ', leave it out for no';
        throw new ValidationError(
          `--${name} takes no value: give it for yes${off} (got "${clipForMessage(m[2])}")`,
          key,
        );
      }
      out[key] = true;
    } else if (spec.options?.includes(name)) {
      const value = m[2] ?? words[++i];
      if (value === undefined) throw new ValidationError(`--${name} needs a value`, key);
      // Which of two values was meant is the person's to say, not the last one's.
      if (key in out && out[key] !== value) {
        throw new ValidationError(
          `--${name} was given twice ("${clipForMessage(String(out[key]))}" and "${clipForMessage(value)}"): give it once`,
          key,
        );
      }
      out[key] = value;
    } else {
      const known = [...(spec.options ?? []), ...(spec.flags ?? [])].map((o) => `--${o}`);
      throw new ValidationError(
        `unknown option --${clipForMessage(name)}${known.length ? `; this command takes ${known.join(', ')}` : ''}`,
        key,
      );
    }
  }
  positionals.forEach((name, i) => {
    if (name.startsWith('...')) {
      const taken = loose.slice(i);
      if (taken.length > 0) out[name.slice(3)] = taken.join(' ');
    } else if (loose[i] !== undefined) {
      // `goal add signups 200 --target 300`: the word and the option name one thing twice.
      if (name in out && out[name] !== loose[i]) {
        throw new ValidationError(
          `${name} was given twice ("${clipForMessage(loose[i] ?? '')}" and --${name} "${clipForMessage(String(out[name]))}"): give it once`,
          name,
        );
      }
      out[name] = loose[i];
    }
  });
  const hasRest = positionals.some((p) => p.startsWith('...'));
  if (!hasRest && loose.length > positionals.length) {
    throw new ValidationError(`unexpected "${clipForMessage(loose[positionals.length] ?? '')}"`, 'text');
  }
  return out;
}
