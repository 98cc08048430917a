import * as z from 'zod';
import type { Platform } from '../domain/reply.js';

/**
 * Reads a user as the platform writes a mention — Slack `<@U024BE7LH>` or `<@U024BE7LH|ana>`,
 * Discord `<@80351110224678912>` or `<@!…>`, the console `@ana` — or a full key `slack:U024BE7LH`,
 * and returns Goalpost's user key (`slack:U024BE7LH`); null when it is not a user.
 */
export function parseMention(word: string, platform: Platform): string | null {
  const full = /^(console|slack|discord):([A-Za-z0-9_.@-]{1,100})$/.exec(word);
  if (full) return word;
  const slack = /^<@([UW][A-Z0-9]{2,20})(?:\|[^>]*)?>$/.exec(word);
  if (slack?.[1] && platform === 'slack') return `slack:${slack[1]}`;
  const discord = /^<@!?(\d{15,21})>$/.exec(word);
  if (discord?.[1] && platform === 'discord') return `discord:${discord[1]}`;
  const plain = /^@?([A-Za-z0-9_.-]{1,100})$/.exec(word);
  if (plain?.[1] && platform === 'console') return `console:${plain[1]}`;
  return null;
}

export { mention } from '../domain/mention.js';

/** A zod field for a mention on `platform`, turned into a user key. */
export const mentionArg = (platform: Platform) =>
  z.string({ error: 'a user, like @ana' }).transform((word, c) => {
    const key = parseMention(word, platform);
    if (key === null) {
      c.addIssue({
        code: 'custom',
        message: `"${word}" is not a user; mention one, like ${platform === 'console' ? '@ana' : '@Ana'}`,
      });
      return z.NEVER;
    }
    return key;
  });
