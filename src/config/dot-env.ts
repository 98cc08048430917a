import { ConfigError } from '../errors.js';

/**
 * `KEY=…`, `export KEY=…`, `KEY = …`: a name as Node's reader takes it (with `.` and `-`, which a
 * `.env` shared with other tools may hold: `spring.datasource.url`), and what follows its `=`.
 */
const ASSIGNMENT = /^\s*(?:export\s+)?([\w.-]+)\s*=[ \t]*(.*)$/;
const QUOTES = new Set(['"', "'", '`']);

/**
 * Reads a `.env` file's text as Node's `--env-file` does (comments, `export`, quotes, a quoted
 * value over several lines, `\n` in double quotes), but refuses what it would take silently: a
 * line that is no `KEY=value`, a quote never closed (Node's reader keeps it in the value, or takes
 * the lines up to a later quote into it), text after a closing quote, a name given twice (which one wins is no way to say it).
 * @throws ConfigError naming `file` and each bad line.
 */
export function parseDotEnv(text: string, file: string): Record<string, string> {
  const lines = text.split(/\r?\n/);
  const values: Record<string, string> = {};
  const firstLine = new Map<string, number>();
  // A line's text is never quoted back: it may hold a token or a secret.
  const problems: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1;
    const line = lines[i] ?? '';
    if (/^\s*(#.*)?$/.test(line)) continue;
    const m = ASSIGNMENT.exec(line);
    if (!m) {
      problems.push(`line ${lineNo}: not KEY=value, a # comment or blank`);
      continue;
    }
    const key = m[1] ?? '';
    let rest = m[2] ?? '';
    let value: string;
    const quote = rest[0] ?? '';
    if (QUOTES.has(quote)) {
      // The value runs to the same quote, on this line or a later one.
      let body = rest.slice(1);
      let end = body.indexOf(quote);
      let j = i;
      while (end === -1 && j + 1 < lines.length) {
        j += 1;
        body = `${body}\n${lines[j] ?? ''}`;
        end = body.indexOf(quote);
      }
      if (end === -1) {
        problems.push(`line ${lineNo}: ${key} opens a ${quote} quote that is never closed`);
        break;
      }
      i = j;
      rest = body.slice(end + 1);
      if (!/^\s*(#.*)?$/.test(rest)) {
        problems.push(
          `line ${i + 1}: ${key} has text after its closing ${quote} quote; quote the whole value`,
        );
        continue;
      }
      value = body.slice(0, end);
      if (quote === '"') value = value.replace(/\\n/g, '\n');
    } else {
      value = (rest.split('#')[0] ?? '').trim();
    }
    const first = firstLine.get(key);
    if (first !== undefined) {
      problems.push(`line ${lineNo}: ${key} again (first on line ${first}); keep one of the two`);
      continue;
    }
    firstLine.set(key, lineNo);
    values[key] = value;
  }
  if (problems.length > 0) {
    throw new ConfigError(`invalid ${file}:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  }
  return values;
}
