import type { REST } from 'discord.js';
import { Routes } from 'discord.js';
import type { ChatPort, Logger, TaskCardView } from '../../src/index.js';
import { textContents } from './render-content.js';
import { renderDiscordMessage, renderDiscordMessages } from './render-discord.js';

/**
 * Discord's port: posts, edits in place, threads (started under a task's message on first use).
 * It has no `ephemeral`: Discord shows a message to one person only in answer to an interaction.
 */
export type DiscordPort = ChatPort & Required<Pick<ChatPort, 'update' | 'threadReply'>>;

/** Discord's error code for "a thread has already been created for this message". */
const THREAD_EXISTS = 160004;

/**
 * Goalpost's messages in Discord, over REST: posted in order (the REST client queues per route
 * and waits out 429s itself), task messages edited in place, decisions threaded under them (a
 * thread started from a message has that message's id).
 */
export function createDiscordPort(rest: REST, logger: Logger): DiscordPort {
  return {
    platform: 'discord',
    async post(target, messages, onPosted) {
      const ids: Array<string | null> = [];
      for (const [i, view] of messages.entries()) {
        // A long text takes several messages; the view is known by its first.
        let first: string | null | undefined;
        for (const body of renderDiscordMessages(view)) {
          const message = (await rest.post(Routes.channelMessages(target.channelId), { body })) as {
            id?: string;
          };
          first ??= message.id ?? null;
        }
        ids.push(first ?? null);
        onPosted?.(i, first ?? null);
      }
      return ids;
    },
    async update(target, messageId, card: TaskCardView) {
      await rest.patch(Routes.channelMessage(target.channelId, messageId), {
        body: renderDiscordMessage({ kind: 'task', card }),
      });
    },
    async threadReply(target, messageId, text) {
      const lines = textContents(text);
      try {
        await rest.post(Routes.threads(target.channelId, messageId), {
          body: { name: 'Decisions', auto_archive_duration: 10080 },
        });
      } catch (error) {
        if ((error as { code?: unknown }).code !== THREAD_EXISTS) {
          logger.warn(
            { err: error, message: messageId },
            'discord: cannot start a thread; replying in the channel',
          );
          for (const [n, content] of lines.entries()) {
            const reference = n === 0 ? { message_reference: { message_id: messageId } } : {};
            await rest.post(Routes.channelMessages(target.channelId), {
              body: { content, allowed_mentions: { parse: [] }, ...reference },
            });
          }
          return;
        }
      }
      for (const content of lines) {
        await rest.post(Routes.channelMessages(messageId), {
          body: { content, allowed_mentions: { parse: [] } },
        });
      }
    },
  };
}
