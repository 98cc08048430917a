import type { BlockAction, RespondFn, webApi } from '@slack/bolt';
import type { Asker, View } from '../../src/index.js';
import { type Mentionable, packMessages } from './render-blocks.js';
import { noticeModal } from './render-notice.js';

/**
 * Shows messages through a slash command's or a click's response_url: to the person only
 * (`ephemeral`), or to everyone in the conversation (`in_channel`), which works where the bot
 * cannot post (a private channel it is not in, a direct message). A response_url takes five
 * posts: the messages are packed into as few as Slack takes.
 */
export const respondWith =
  (respond: RespondFn, responseType: 'ephemeral' | 'in_channel', mentionable: Mentionable) =>
  async (messages: readonly View[]): Promise<void> => {
    for (const message of packMessages(messages, mentionable)) {
      await respond({ response_type: responseType, replace_original: false, ...message });
    }
  };

/** The person behind a slash command or a click on a message: answered and shown through its response_url. */
export const askerVia = (
  userId: string,
  respond: RespondFn,
  names: Mentionable = mentionable(userId),
): Asker => ({
  userId,
  answer: respondWith(respond, 'ephemeral', names),
  postInChannel: respondWith(respond, 'in_channel', names),
});

/**
 * A slash command's text as the person typed it: Slack sends a typed `&`, `<` and `>` as `&amp;`,
 * `&lt;` and `&gt;` (its own `<@U…|bo>` and `<#C…|general>` are not escaped), and a reason typed
 * "legal & finance" was stored and shown as "legal &amp; finance". `&amp;` is read last, so a typed
 * "&lt;" (sent `&amp;lt;`) stays "&lt;"; and a typed `<@`, `<#` or `<!` stays escaped, so text made
 * to look like a mention is not read as one (only Slack's own are: see mentionable).
 */
export const typedText = (text: string): string =>
  text
    .replace(/&lt;(?![@#!])/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

/**
 * The people a reply to `userId` may mention: them, and whoever they named in what they typed
 * (`role @bo approver` names bo: Slack sends a name typed in a command as `<@U…|bo>`, and a
 * typed `<` as `&lt;`, so a bare `<@U…>` there was not typed by a person).
 */
export function mentionable(userId: string, typed = ''): Mentionable {
  const named = [...typed.matchAll(/<@([UW][A-Z0-9]+)\|[^<>]*>/g)].map((m) => m[1] ?? '');
  return new Set([userId, ...named.filter(Boolean)]);
}

/**
 * The person who clicked: on a message, answered and shown through its response_url; on App
 * Home (no channel, no response_url), answered in a modal the click's trigger opens.
 */
export function clickerOf(body: BlockAction, respond: RespondFn, client: webApi.WebClient): Asker {
  const userId = body.user.id;
  if (body.channel?.id) return askerVia(userId, respond);
  return {
    userId,
    answer: async (messages) => {
      await client.views.open({
        trigger_id: body.trigger_id,
        view: noticeModal(messages, mentionable(userId)),
      });
    },
  };
}
