import type { BlockAction, RespondFn, webApi } from '@slack/bolt';
import type { Asker, View } from '../../src/index.js';
import { type Mentionable, packMessages, type SlackMessage } from './render-blocks.js';
import { noticeModal } from './render-notice.js';

/** How many posts Slack takes through one response_url (five within 30 minutes). */
const RESPONSE_URL_POSTS = 5;

/**
 * What is left of one response_url's posts, shared by everything answered through it, and whether
 * it answers in a direct message (where no invite lets Goalpost post).
 */
interface ResponseBudget {
  left: number;
  direct?: boolean;
}

/**
 * Shows messages through a slash command's or a click's response_url: to the person only
 * (`ephemeral`), or to everyone in the conversation (`in_channel`), which works where the bot
 * cannot post (a private channel it is not in, a direct message). A response_url takes five
 * posts: the messages are packed into as few as Slack takes, and what is shown to the channel
 * keeps one post back for the line that says why it came this way (and what to do). Past that,
 * the end is left out and a last line says how much.
 */
export const respondWith =
  (
    respond: RespondFn,
    responseType: 'ephemeral' | 'in_channel',
    mentionable: Mentionable,
    budget: ResponseBudget = { left: RESPONSE_URL_POSTS },
  ) =>
  async (messages: readonly View[]): Promise<void> => {
    const room = Math.max(1, budget.left - (responseType === 'in_channel' ? 1 : 0));
    const where = responseType === 'ephemeral' ? 'ephemeral' : budget.direct ? 'direct' : 'channel';
    for (const message of packWithin(messages, mentionable, room, where)) {
      budget.left -= 1;
      await respond({ response_type: responseType, replace_original: false, ...message });
    }
  };

/**
 * The views packed into at most `room` messages: all of them when they fit; else the most views
 * from the start that fit with a last line saying what was left out (a single view too big for
 * the room is cut at a message).
 */
function packWithin(
  views: readonly View[],
  mentionable: Mentionable,
  room: number,
  where: CutWhere,
): SlackMessage[] {
  const all = packMessages(views, mentionable);
  if (all.length <= room) return all;
  for (let shown = views.length - 1; shown > 0; shown--) {
    const packed = packMessages([...views.slice(0, shown), leftOut(views.slice(shown), where)], mentionable);
    if (packed.length <= room) return packed;
  }
  return [...all.slice(0, room - 1), ...packMessages([leftOut(views, where)], mentionable)];
}

/** Where a cut reply was shown: to the person alone, to a channel, or in a direct message. */
type CutWhere = 'ephemeral' | 'channel' | 'direct';

/** The line ending a reply cut to fit a response_url: how many tasks (or what) it leaves out, and how to see them. */
function leftOut(rest: readonly View[], where: CutWhere): View {
  const tasks = rest.filter((v) => v.kind === 'task').length;
  const what = tasks > 0 ? `${tasks} more task${tasks === 1 ? '' : 's'}` : 'more';
  const all = tasks > 0 ? 'them' : 'it';
  const see =
    where === 'channel'
      ? ` Type \`/invite @goalpost\` in this channel and ask again: Goalpost then posts ${all} all.`
      : where === 'direct'
        ? ` Goalpost cannot post in a conversation between people: ask in a channel it is in, where it posts ${all} all.`
        : '';
  return {
    kind: 'text',
    tone: 'warning',
    text: `…and ${what}, not shown: Slack takes only ${RESPONSE_URL_POSTS} messages in answer to a command.${see}`,
  };
}

/** The person behind a slash command or a click on a message: answered and shown through its response_url. */
export const askerVia = (
  userId: string,
  respond: RespondFn,
  names: Mentionable = mentionable(userId),
  channelId = '',
): Asker => {
  // A direct message's id starts with D (a group one's too, since 2021's conversations API).
  const budget: ResponseBudget = { left: RESPONSE_URL_POSTS, direct: channelId.startsWith('D') };
  return {
    userId,
    answer: respondWith(respond, 'ephemeral', names, budget),
    postInChannel: respondWith(respond, 'in_channel', names, budget),
  };
};

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
  if (body.channel?.id) return askerVia(userId, respond, mentionable(userId), body.channel.id);
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
