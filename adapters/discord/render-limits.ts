import type { APIEmbed } from 'discord-api-types/v10';

/**
 * Discord's message limits (discord.com/developers/docs/resources/message#embed-object-embed-limits,
 * …/components/reference): past any of them Discord rejects the whole message with 400 Invalid Form Body.
 */
export const LIMITS = {
  content: 2000,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  /** Title, description, field names and values, footer and author of every embed in a message together. */
  embedTotal: 6000,
  buttonsPerRow: 5,
  buttonLabel: 80,
  customId: 100,
  modalTitle: 45,
  inputLabel: 45,
  placeholder: 100,
} as const;

/** Characters as Discord counts them: code points (an emoji outside the BMP is one, not two). */
export const codePoints = (text: string): number => {
  let n = 0;
  for (const _ of text) n += 1;
  return n;
};

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * `text` cut to at most `max` characters as Discord counts them, ending in `ellipsis` when cut.
 * It cuts between graphemes, so an emoji (a surrogate pair, a skin tone, a family joined by ZWJ)
 * is kept whole or left out, never halved.
 */
export function clip(text: string, max: number, ellipsis = '…'): string {
  if (codePoints(text) <= max) return text;
  const room = max - codePoints(ellipsis);
  let kept = '';
  let size = 0;
  for (const { segment } of graphemes.segment(text)) {
    const n = codePoints(segment);
    if (size + n > room) break;
    kept += segment;
    size += n;
  }
  return `${kept}${ellipsis}`;
}

/** Discord refuses empty field values and names: an empty string becomes "—". */
export const orDash = (text: string): string => (text.trim() === '' ? '—' : text);

/** `discord:80351110224678912` user keys in core text as Discord mentions (`<@80351110224678912>`). */
export const discordMentions = (text: string): string => text.replace(/\bdiscord:(\d{15,21})\b/g, '<@$1>');

/**
 * Lines joined by newlines within `max` chars; lines that do not fit are replaced by a last line
 * "…and N more" (room for it is kept back). A single line too long is clipped.
 */
export function fitLines(lines: string[], max: number, more = (n: number) => `…and ${n} more`): string {
  const kept: string[] = [];
  let size = 0;
  for (const [i, raw] of lines.entries()) {
    const left = lines.length - i - 1;
    const reserve = left > 0 ? more(left + 1).length + 1 : 0;
    const line = clip(raw, Math.max(1, max - reserve));
    const added = (kept.length > 0 ? 1 : 0) + line.length;
    if (size + added + reserve > max) {
      kept.push(more(lines.length - i));
      break;
    }
    kept.push(line);
    size += added;
  }
  return clip(kept.join('\n'), max);
}

const embedSize = (e: APIEmbed): number =>
  (e.title?.length ?? 0) +
  (e.description?.length ?? 0) +
  (e.footer?.text.length ?? 0) +
  (e.author?.name.length ?? 0) +
  (e.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0);

/**
 * An embed within every Discord limit: each piece clipped, at most 25 fields, and all text ≤ 6000.
 * Past 6000 the description is shortened (to no less than 1024), then fields are dropped from the end
 * (except the last `keepLast`, say a summary line), then the description is shortened further.
 */
export function fitEmbed(embed: APIEmbed, keepLast = 0): APIEmbed {
  const out: APIEmbed = { ...embed };
  if (out.title !== undefined) out.title = clip(orDash(out.title), LIMITS.embedTitle);
  if (out.description !== undefined) out.description = clip(orDash(out.description), LIMITS.embedDescription);
  if (out.footer) out.footer = { ...out.footer, text: clip(orDash(out.footer.text), LIMITS.footer) };
  const fields = (out.fields ?? []).map((f) => ({
    ...f,
    name: clip(orDash(f.name), LIMITS.fieldName),
    value: clip(orDash(f.value), LIMITS.fieldValue),
  }));
  const kept = fields.slice(Math.max(0, fields.length - keepLast));
  let droppable = fields.slice(0, fields.length - kept.length).slice(0, LIMITS.embedFields - kept.length);
  if (out.fields) out.fields = [...droppable, ...kept];
  const shorten = (floor: number): void => {
    const over = embedSize(out) - LIMITS.embedTotal;
    if (over > 0 && out.description !== undefined && out.description.length > floor) {
      out.description = clip(out.description, Math.max(floor, out.description.length - over));
    }
  };
  shorten(LIMITS.fieldValue);
  while (embedSize(out) > LIMITS.embedTotal && droppable.length > 0) {
    droppable = droppable.slice(0, -1);
    out.fields = [...droppable, ...kept];
  }
  shorten(1);
  return out;
}
