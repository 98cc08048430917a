import type { types } from '@slack/bolt';

/** Block Kit's limits (docs.slack.dev/reference/block-kit): past them Slack rejects the whole message. */
export const LIMITS = {
  blocksPerMessage: 50,
  blocksPerView: 100,
  sectionText: 3000,
  fieldText: 2000,
  fieldsPerSection: 10,
  contextElements: 10,
  headerText: 150,
  buttonText: 75,
  buttonValue: 2000,
  modalTitle: 24,
  privateMetadata: 3000,
  /** The `text` fallback used for notifications: kept short on purpose. */
  fallbackText: 300,
  /**
   * Text across one message's blocks. Slack does not document its cumulative limit: it refuses
   * with `msg_blocks_too_long` from about 12,000 characters (bolt-js#2509; #2867 saw 11,341
   * refused), so Goalpost keeps well below.
   */
  textPerMessage: 8000,
  /** A thread line or other text-only message (Slack advises staying under 4,000). */
  plainMessage: 4000,
} as const;

/**
 * `text` cut to at most `max` UTF-16 units, ending in "…" when cut; never splits a surrogate pair.
 * Slack refuses empty text objects, so an empty string becomes "—".
 */
export function clip(text: string, max: number): string {
  if (text.length === 0) return '—';
  if (text.length <= max) return text;
  let cut = text.slice(0, max - 1);
  const last = cut.charCodeAt(cut.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut = cut.slice(0, -1);
  return `${cut}…`;
}

/** `&`, `<` and `>` as Slack asks them escaped: what is left can start no control sequence. */
const entities = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A Slack control sequence: `<@U1>`, `<@U1|ana>`, `<#C1|general>`, `<!subteam^S1|@team>`, `<!channel>`, `<url|label>`. */
const CONTROL = /^<([^<>|]{1,300})(?:\|([^<>]{0,300}))?>/;

/** Slack user ids whose bare mentions (`<@U1>`) a message may keep: the people Goalpost itself names in it. */
export type Mentionable = ReadonlySet<string>;
export const NO_MENTIONS: Mentionable = new Set();

/** Any character escaping changes. */
const SPECIAL = /[&<>]/;

function escapeWith(text: string, mentionable: Mentionable): string {
  // Most text (titles, names, numbers) has nothing to escape; text without `<` has no control
  // sequence to read. Only a `<` needs a look at what follows it.
  if (!SPECIAL.test(text)) return text;
  let at = text.indexOf('<');
  if (at === -1) return entities(text);
  let out = '';
  let from = 0;
  while (at !== -1) {
    out += entities(text.slice(from, at));
    const m = CONTROL.exec(text.slice(at, at + 610));
    const [whole = '', target = '', label] = m ?? [];
    if (m && label === undefined && target.startsWith('@') && mentionable.has(target.slice(1))) {
      out += whole;
      from = at + whole.length;
    } else if (m && label !== undefined && /^(@[UW]|#C|!subteam\^)/.test(target)) {
      // A mention as Slack sends what people type (`<@U1|ana>`): shown as its name, pinging no one.
      const sigil = target.startsWith('#') ? '#' : '@';
      out += entities(`${sigil}${label.replace(/^[@#]/, '')}`);
      from = at + whole.length;
    } else {
      out += '&lt;';
      from = at + 1;
    }
    at = text.indexOf('<', from);
  }
  return out + entities(text.slice(from));
}

/**
 * Text people or processes wrote (a title, a reason, a note, a worker's output) made inert for
 * mrkdwn: `&`, `<` and `>` escaped, so it can ping no one (`<!channel>`, `<!subteam^…>`,
 * `<@U…>`) and disguise no link (`<https://…|Re-authenticate>` shows as typed). A mention as
 * Slack sends one typed in a command (`<@U1|ana>`) reads `@ana`. `*bold*` and `_italic_` pass.
 */
export const escapeMrkdwn = (text: string): string => escapeWith(text, NO_MENTIONS);

/**
 * A line Goalpost wrote around what people wrote (`✅ T-1 approved by <@U1>: <reason>`): escaped
 * as {@link escapeMrkdwn} does, except the mentions of the people Goalpost names in this reply
 * (who asked, and whom they named): text cannot tell Goalpost's `<@U1>` from one in a reason, so
 * only those people's pass.
 */
export const escapeLine = (text: string, mentionable: Mentionable): string => escapeWith(text, mentionable);

/** Like {@link clip} for escaped mrkdwn: also drops a half-cut `&amp;` entity or `<@U…>` mention. */
export function clipMrkdwn(text: string, max: number): string {
  if (text.length <= max) return clip(text, max);
  const cut = clip(text, max).slice(0, -1);
  return `${cut.replace(/&[a-z]{0,4}$|<[^<>]{0,200}$/, '')}…`;
}

export const mrkdwn = (text: string): types.MrkdwnElement => ({
  type: 'mrkdwn',
  text: clipMrkdwn(text, LIMITS.sectionText),
});

export const plain = (text: string, max: number): types.PlainTextElement => ({
  type: 'plain_text',
  text: clip(text, max),
  emoji: true,
});

/** A section of already-escaped mrkdwn, clipped to the section limit. */
export const section = (text: string): types.SectionBlock => ({ type: 'section', text: mrkdwn(text) });

/** A context block of already-escaped mrkdwn lines, at most ten elements. */
export const context = (...texts: string[]): types.ContextBlock => ({
  type: 'context',
  elements: texts.slice(0, LIMITS.contextElements).map(mrkdwn),
});

export const header = (text: string): types.HeaderBlock => ({
  type: 'header',
  text: plain(text, LIMITS.headerText),
});

export const divider = (): types.DividerBlock => ({ type: 'divider' });

/**
 * Lines (already escaped) packed into as few sections as fit `max` chars each; `wrap` puts each
 * section's text inside e.g. a code fence. A single line too long for a section is clipped.
 */
export function packLines(
  lines: string[],
  max: number = LIMITS.sectionText,
  wrap: (body: string) => string = (b) => b,
): types.SectionBlock[] {
  const overhead = wrap('').length;
  const room = max - overhead;
  const bodies: string[] = [];
  let current: string[] = [];
  let size = 0;
  for (const raw of lines) {
    // A blank line stays blank (clip would show an empty text as "—").
    const line = raw === '' ? '' : clipMrkdwn(raw, room);
    const added = (current.length > 0 ? 1 : 0) + line.length;
    if (current.length > 0 && size + added > room) {
      bodies.push(current.join('\n'));
      current = [];
      size = 0;
    }
    size += (current.length > 0 ? 1 : 0) + line.length;
    current.push(line);
  }
  if (current.length > 0) bodies.push(current.join('\n'));
  return bodies.map((body) => section(wrap(body)));
}
