// What a JSON body must be before it is parsed: UTF-8 that decodes, nested no deeper than a
// request of the API does, and without a key given twice in one object.

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The body's bytes as text, or null when they are not valid UTF-8 (JSON's encoding, RFC 8259). */
export function utf8Text(bytes: Buffer): string | null {
  try {
    return utf8.decode(bytes);
  } catch {
    return null;
  }
}

/** What a scan of JSON text found: how deep it nests, and the first key given twice, as a path. */
export interface JsonShape {
  depth: number;
  /** `decision`, `run.reason`: a key given twice in the same object; null when none is. */
  repeated: string | null;
}

const QUOTE = 34;
const BACKSLASH = 92;
const isSpace = (c: number): boolean => c === 32 || c === 9 || c === 10 || c === 13;

/**
 * How deep arrays and objects nest in JSON text, and the first key given twice in one object
 * (JSON.parse keeps the last, so `{"decision":"approve","decision":"reject"}` rejected a task an
 * ambiguous request named both ways), in one pass outside strings. Text that is not JSON scans to
 * something; the parse after it says what is wrong.
 */
export function jsonShape(text: string): JsonShape {
  // Per open container: the keys seen (an object's), or null (an array's); with each, its key.
  const keys: Array<Set<string> | null> = [];
  const path: Array<string | undefined> = [];
  let deepest = 0;
  let repeated: string | null = null;
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
      deepest = Math.max(deepest, keys.length);
    } else if (c === 125 || c === 93) {
      keys.pop();
    }
  }
  return { depth: deepest, repeated };
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
