// What a JSON body must be before it is parsed: UTF-8 that decodes, nested no deeper than a
// request of the API does, without a key given twice in one object, and without a number too
// large for a double.

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Half of a UTF-16 surrogate pair without its other half: no character, and no UTF-8 holds it. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** An escape of a surrogate in JSON text (`\ud800`): only so can a body that is UTF-8 hold one. */
const SURROGATE_ESCAPE = /\\u[dD][89a-fA-F]/;

/**
 * The first field of parsed JSON `value` (or its text `text`) whose key or string holds a lone
 * surrogate (see LONE_SURROGATE), named as a message names one (`title`, `points.1.context.plan`;
 * `body` for the body itself); null when none does. A review's `{"title":"\ud800 …"}` was stored as
 * bytes that are not UTF-8, and shown as three replacement characters in every list.
 */
export function loneSurrogateAt(text: string, value: unknown): string | null {
  if (!SURROGATE_ESCAPE.test(text)) return null;
  const walk = (v: unknown, path: string): string | null => {
    if (typeof v === 'string') return LONE_SURROGATE.test(v) ? path || 'body' : null;
    if (typeof v !== 'object' || v === null) return null;
    for (const [key, item] of Object.entries(v)) {
      const at = path === '' ? key : `${path}.${key}`;
      if (LONE_SURROGATE.test(key)) return at;
      const found = walk(item, at);
      if (found !== null) return found;
    }
    return null;
  };
  return walk(value, '');
}

/** What a refusal of a lone surrogate in `field` says (see loneSurrogateAt). */
export const loneSurrogateText = (field: string): string =>
  `${field}: holds half of a UTF-16 surrogate pair (an escape \\uD800 to \\uDFFF alone), which is no character; send the text whole`;

/** The body's bytes as text, or null when they are not valid UTF-8 (JSON's encoding, RFC 8259). */
export function utf8Text(bytes: Buffer): string | null {
  try {
    return utf8.decode(bytes);
  } catch {
    return null;
  }
}

/**
 * What a scan of JSON text found: how deep it nests, the first key given twice, as a path, and the
 * first number too large for a double.
 */
export interface JsonShape {
  depth: number;
  /** `decision`, `run.reason`: a key given twice in the same object; null when none is. */
  repeated: string | null;
  /**
   * A number past what a double holds (`1e309`), as written, and the field it is the value of, as
   * a message names one (`points.1.value`; an item of a list by its list): JSON.parse reads it as
   * Infinity, which JSON prints as null, so nothing after the parse can quote what was sent.
   * Null when there is none.
   */
  tooLarge: { field: string; text: string } | null;
}

const QUOTE = 34;
const BACKSLASH = 92;
const COMMA = 44;
const MINUS = 45;
const isSpace = (c: number): boolean => c === 32 || c === 9 || c === 10 || c === 13;
const isDigit = (c: number): boolean => c >= 48 && c <= 57;
/** What a number goes on with after its first character: digits, `.`, `e`, `E`, `+` and `-`. */
const inNumber = (c: number): boolean =>
  isDigit(c) || c === 46 || c === 101 || c === 69 || c === 43 || c === MINUS;

/**
 * How deep arrays and objects nest in JSON text, and the first key given twice in one object
 * (JSON.parse keeps the last, so `{"decision":"approve","decision":"reject"}` rejected a task an
 * ambiguous request named both ways), and the first number too large for a double (see
 * JsonShape), in one pass outside strings. Text that is not JSON scans to something; the parse
 * after it says what is wrong.
 */
export function jsonShape(text: string): JsonShape {
  // Per open container: the keys seen (an object's), or null (an array's); with each, its key, and
  // an array's the index of the item it is at.
  const keys: Array<Set<string> | null> = [];
  const path: Array<string | undefined> = [];
  const items: number[] = [];
  let deepest = 0;
  let repeated: string | null = null;
  let tooLarge: JsonShape['tooLarge'] = null;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      const start = i;
      for (i++; i < text.length; i++) {
        const s = text.charCodeAt(i);
        if (s === BACKSLASH) i++;
        else if (s === QUOTE) break;
      }
      const top = keys.at(-1);
      if (repeated !== null || top == null) continue;
      let next = i + 1;
      while (next < text.length && isSpace(text.charCodeAt(next))) next++;
      if (text.charCodeAt(next) !== 58) continue; // not followed by ':': a value, not a key
      const key = keyOf(text.slice(start, i + 1));
      const level = keys.length - 1;
      if (top.has(key)) repeated = [...path.slice(0, level).filter((k) => k !== undefined), key].join('.');
      top.add(key);
      path[level] = key;
    } else if (c === 123 || c === 91) {
      // The keys above it stand; what a sibling before it at this depth said does not.
      path.length = keys.length;
      keys.push(c === 123 ? new Set() : null);
      items.push(0);
      deepest = Math.max(deepest, keys.length);
    } else if (c === 125 || c === 93) {
      keys.pop();
      items.pop();
    } else if (c === COMMA) {
      if (keys.at(-1) === null) items[items.length - 1] = (items.at(-1) ?? 0) + 1;
    } else if (c === MINUS || isDigit(c)) {
      const start = i;
      while (i + 1 < text.length && inNumber(text.charCodeAt(i + 1))) i++;
      // Infinity only: text that reads as no number at all (NaN) is the parse's to name.
      if (tooLarge === null && Math.abs(Number(text.slice(start, i + 1))) === Infinity)
        tooLarge = { field: fieldAt(keys, path, items), text: text.slice(start, i + 1) };
    }
  }
  return { depth: deepest, repeated, tooLarge };
}

/** The field a value at this point of the scan is, as a message names it: `points.1.value`. */
function fieldAt(keys: Array<Set<string> | null>, path: Array<string | undefined>, items: number[]): string {
  const parts = keys.map((k, level) => (k === null ? String(items[level]) : (path[level] ?? '')));
  // An item of a list is named by its list, as validate names it (`tags`, not `tags.1`).
  while (parts.length > 0 && keys[parts.length - 1] === null) parts.pop();
  return parts.join('.');
}

/** A JSON string literal's text (escapes read), or the literal itself when it does not parse. */
function keyOf(literal: string): string {
  if (!literal.includes('\\')) return literal.slice(1, -1);
  try {
    return JSON.parse(literal) as string;
  } catch {
    return literal;
  }
}
