/**
 * What a reader of a Slack message gets from its mrkdwn: who is pinged and which links are shown
 * under which label. Slack reads `<…>` as a control sequence — `<@U…>` pings a user, `<!channel>`,
 * `<!here>`, `<!everyone>` and `<!subteam^…>` ping many, `<url|label>` shows `label` linking to
 * `url` — while `&lt;` is just a "<". plain_text objects are never parsed.
 */
export interface MrkdwnEffects {
  /** `U123` for a user, `!channel`, `!here`, `!everyone`, `!subteam^S1` for broadcasts. */
  pings: string[];
  links: Array<{ url: string; label: string }>;
}

function effectsOf(text: string, into: MrkdwnEffects): void {
  for (const m of text.matchAll(/<([^<>]*)>/g)) {
    const [target = '', label] = (m[1] ?? '').split('|', 2);
    if (target.startsWith('@')) into.pings.push(target.slice(1));
    else if (/^!(channel|here|everyone|subteam\^)/.test(target)) into.pings.push(target);
    else if (target.startsWith('#') || target.startsWith('!date')) continue;
    else into.links.push({ url: target, label: label ?? target });
  }
}

function walk(value: unknown, into: MrkdwnEffects): void {
  if (Array.isArray(value)) {
    for (const v of value) walk(v, into);
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  const o = value as Record<string, unknown>;
  if (o.type === 'mrkdwn' && typeof o.text === 'string') effectsOf(o.text, into);
  for (const [k, v] of Object.entries(o)) if (k !== 'text' || typeof v !== 'string') walk(v, into);
}

/** The pings and links of a message sent as `{ text, blocks }` (chat.postMessage, respond, …). */
export function mrkdwnEffects(message: { text?: unknown; blocks?: unknown }): MrkdwnEffects {
  const into: MrkdwnEffects = { pings: [], links: [] };
  if (typeof message.text === 'string') effectsOf(message.text, into);
  walk(message.blocks, into);
  return into;
}
