import type { webApi } from '@slack/bolt';
import type { ChatPort, ChatTarget, Logger, TaskCardView, View } from '../../src/index.js';
import { createChannelJoiner } from './channel-joiner.js';
import { packMessages, renderCard, renderMessages } from './render-blocks.js';
import { refusing } from './slack-refusals.js';

export interface SlackPortOptions {
  /** The Web API client acting in a workspace (its bot token). */
  clientFor(teamId: string): Promise<webApi.WebClient>;
  /** Least time between two posts to one channel; Slack allows about one a second. */
  postIntervalMs: number;
  logger: Logger;
}

/** Slack does all a port can: posts, edits in place, threads, and messages one person sees. */
export type SlackPort = Required<ChatPort>;

/**
 * Goalpost's messages in Slack: posts in order, paced per channel (a digest of ten tasks
 * arrives whole and in order; on a 429 the Web API client waits `Retry-After` and retries),
 * edits task messages in place and threads decisions under them. It joins a public channel
 * before its first post there, so reactions arrive.
 * @throws ChatRefusedError when Slack refuses for a reason a retry will not cure (the bot is not
 * in a private channel, a scope is missing, the message breaks a limit), saying what to do.
 */
export function createSlackPort(options: SlackPortOptions): SlackPort {
  const lastPost = new Map<string, Promise<number>>();
  const joiner = createChannelJoiner(options.logger);

  /** Runs `send` no sooner than postIntervalMs after the channel's previous post. */
  function paced<T>(channel: string, send: () => Promise<T>): Promise<T> {
    const previous = lastPost.get(channel) ?? Promise.resolve(0);
    const result = previous.then(async (at) => {
      const wait = at + options.postIntervalMs - Date.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      return send();
    });
    lastPost.set(
      channel,
      result.then(
        () => Date.now(),
        () => Date.now(),
      ),
    );
    return result;
  }

  return {
    platform: 'slack',
    async post(target, messages, onPosted) {
      const client = await options.clientFor(target.workspaceId);
      await joiner.ensureIn(client, target.workspaceId, target.channelId);
      const ids: Array<string | null> = [];
      for (const [i, view] of messages.entries()) {
        // A view too long for one Slack message goes out as several; the first is the view's id.
        let first: string | null | undefined;
        for (const message of renderMessages(view)) {
          const res = await paced(target.channelId, () =>
            refusing(target.channelId, () =>
              client.chat.postMessage({
                channel: target.channelId,
                text: message.text,
                blocks: message.blocks,
              }),
            ),
          );
          if (first === undefined) {
            first = res.ts ?? null;
            onPosted?.(i, first);
          }
        }
        ids.push(first ?? null);
      }
      return ids;
    },
    async update(target, messageId, card: TaskCardView) {
      const client = await options.clientFor(target.workspaceId);
      const message = renderCard({ kind: 'task', card });
      await refusing(target.channelId, () =>
        client.chat.update({
          channel: target.channelId,
          ts: messageId,
          text: message.text,
          blocks: message.blocks,
        }),
      );
    },
    async threadReply(target, threadTs, text) {
      const client = await options.clientFor(target.workspaceId);
      await paced(target.channelId, () =>
        refusing(target.channelId, () =>
          client.chat.postMessage({ channel: target.channelId, thread_ts: threadTs, text }),
        ),
      );
    },
    async ephemeral(target: ChatTarget, userId: string, messages: readonly View[]) {
      const client = await options.clientFor(target.workspaceId);
      for (const message of packMessages(messages)) {
        await refusing(target.channelId, () =>
          client.chat.postEphemeral({
            channel: target.channelId,
            user: userId,
            text: message.text,
            blocks: message.blocks,
          }),
        );
      }
    },
  };
}
