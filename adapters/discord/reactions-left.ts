import { type REST, Routes } from 'discord.js';
import { actionForReaction, type Logger } from '../../src/index.js';

/** Discord's most people per Get Reactions page. */
const PAGE = 100;

interface MessageReactions {
  reactions?: Array<{ emoji: { id: string | null; name: string | null } }>;
}

/** Whether `userId` is among those who reacted with `emoji`, page by page. */
async function reactedWith(
  rest: REST,
  at: { channelId: string; messageId: string },
  emoji: string,
  userId: string,
) {
  const route = Routes.channelMessageReaction(at.channelId, at.messageId, encodeURIComponent(emoji));
  let after: string | undefined;
  for (;;) {
    const query = new URLSearchParams({ limit: String(PAGE), ...(after ? { after } : {}) });
    const users = (await rest.get(route, { query })) as Array<{ id: string }>;
    if (users.some((u) => u.id === userId)) return true;
    if (users.length < PAGE) return false;
    after = users.at(-1)?.id;
  }
}

/**
 * The card emoji (those that stand for a card action) `userId` still has on a message, as Discord
 * answers now: the message's reactions (which needs Read Message History), then who put each
 * card emoji there, a request each. Discord tells it whatever events came twice or while Goalpost
 * was down; undefined when it won't (logged): then only the emoji that made a decision undoes it.
 */
export async function discordReactionsLeft(
  rest: REST,
  logger: Logger,
  at: { channelId: string; messageId: string; userId: string },
): Promise<string[] | undefined> {
  try {
    const message = (await rest.get(Routes.channelMessage(at.channelId, at.messageId))) as MessageReactions;
    const cardEmoji = (message.reactions ?? []).flatMap(({ emoji }) =>
      emoji.id === null && emoji.name && actionForReaction(emoji.name) !== null ? [emoji.name] : [],
    );
    const left: string[] = [];
    for (const emoji of cardEmoji) if (await reactedWith(rest, at, emoji, at.userId)) left.push(emoji);
    return left;
  } catch (error) {
    logger.warn(
      { err: error, channel: at.channelId, message: at.messageId },
      'discord: cannot read the reactions left on the message; only the emoji that decided undoes it',
    );
    return undefined;
  }
}
