import { codePoints } from './render-limits.js';

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** The longest start of `text` of whole graphemes within `max` characters (code points). */
function fitting(text: string, max: number): string {
  let kept = '';
  let size = 0;
  for (const { segment } of graphemes.segment(text)) {
    const n = codePoints(segment);
    if (size + n > max) break;
    kept += segment;
    size += n;
  }
  return kept;
}

/** Where to end a message within `head`: a line break, else a space, in its second half; -1 for none. */
function breakAt(head: string): number {
  const half = head.length / 2;
  const line = head.lastIndexOf('\n');
  if (line >= half) return line;
  const space = head.lastIndexOf(' ');
  return space >= half ? space : -1;
}

/**
 * Text as messages of at most `max` characters (as Discord counts them), in order, losing nothing:
 * each cut falls on a line break or a space in the second half of the room, which becomes the
 * boundary between two messages; a word longer than that is cut between graphemes, never inside
 * a `\x` escape. `startLine` fixes up a message that begins mid-line.
 */
export function splitText(text: string, max: number, startLine = (s: string) => s): string[] {
  const parts: string[] = [];
  let rest = text;
  let midLine = false;
  const push = (part: string): void => {
    if (part.trim() !== '') parts.push(midLine ? startLine(part) : part);
  };
  while (codePoints(rest) > max) {
    const head = fitting(rest, max);
    const at = breakAt(head);
    let cut = at >= 0 ? at : head.length;
    // A backslash left at the end would escape nothing here and leave what it escaped bare there.
    if (at < 0 && /(^|[^\\])(\\\\)*\\$/.test(head)) cut -= 1;
    if (cut <= 0) cut = Math.max(1, head.length);
    push(rest.slice(0, cut));
    midLine = at < 0 || rest[at] === ' ';
    rest = rest.slice(at >= 0 ? cut + 1 : cut);
  }
  push(rest);
  return parts.length > 0 ? parts : [''];
}
