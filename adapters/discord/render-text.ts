import { escapeMarkdown } from 'discord.js';
import { onDiscord, SLASH_COMMAND } from './command-paths.js';
import { codePoints, discordMentions } from './render-limits.js';

/** Zero-width space: `@\u200beveryone` reads as @everyone and is no mention (as discord.js's cleanContent does it). */
const ZWSP = '\u200b';

/** Breaks `@everyone`, `@here` and role mentions: they would ping, or look like a ping, from Goalpost. */
const noMassMentions = (text: string): string =>
  text.replace(/@(everyone|here)/g, `@${ZWSP}$1`).replace(/<@&(\d+)>/g, `<@&${ZWSP}$1>`);

/** Line-start markup escapeMarkdown leaves alone: subtext (`-# `) and quotes (`>`, `>>>`). */
const escapeQuotesAndSubtext = (text: string): string => text.replace(/^(\s*)(-#|>)/gm, '$1\\$2');

/**
 * What a person typed or a process wrote (a title, a reason, a note, stderr), to show literally in
 * Discord: every Markdown mark escaped (bold, italics, underline, strike-through, spoilers, code,
 * headings, subtext, lists, quotes), `[` escaped so no masked link can hide where it goes, and
 * `@everyone`, `@here` and role mentions broken. A user mention stays a mention of that person;
 * `allowed_mentions` keeps every message silent.
 */
export function escapeText(text: string): string {
  const escaped = escapeMarkdown(text, { heading: true, bulletedList: true, numberedList: true });
  return noMassMentions(escapeQuotesAndSubtext(escaped).replace(/\[/g, '\\['));
}

/** A command Goalpost suggests, in inline code: `` `/goalpost subscribe 09:00` ``. */
const SUGGESTED = new RegExp(`\`/${SLASH_COMMAND} ([^\`\\n]+)\``, 'g');

/**
 * The commands Goalpost suggests (`` `/goalpost feature priority 1 high` ``), as Discord has them:
 * the backlog's under `/backlog`, and those Discord keeps in a group there (`/goalpost subscribe`
 * is `/goalpost schedule add`; see onDiscord).
 */
export const discordCommands = (text: string): string =>
  text.replace(SUGGESTED, (_whole, words: string) => `\`/${onDiscord(words)}\``);

/**
 * The core's chat text for Discord. It carries people's words inside Goalpost's sentences, so all
 * of it is shown literally ({@link escapeText}) except the inline code Goalpost writes (commands
 * like `/goalpost help`; nothing renders inside code), and people written as `discord:<id>` become
 * mentions.
 */
export function chatText(text: string): string {
  const parts = discordCommands(text).split(/(`[^`\n]+`)/);
  return discordMentions(parts.map((part, i) => (i % 2 === 1 ? part : escapeText(part))).join(''));
}

/** Line-start markup (headings, subtext, lists, quotes) escaped on a message that begins mid-line. */
export const escapeLineStart = (text: string): string =>
  escapeQuotesAndSubtext(
    escapeMarkdown(text, {
      ...{ codeBlock: false, inlineCode: false, bold: false, italic: false, underline: false },
      ...{ strikethrough: false, spoiler: false, escape: false },
      ...{ heading: true, bulletedList: true, numberedList: true },
    }),
  );

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
 * The core's chat text as Discord message contents: shown literally ({@link chatText}), in as many
 * messages of at most `max` characters as it takes.
 */
export const chatMessages = (text: string, max: number): string[] =>
  splitText(chatText(text), max, escapeLineStart);

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
