import type { webApi } from '@slack/bolt';
import type { Logger } from '../../src/index.js';
import { platformError } from './slack-refusals.js';

/** How long a join (or a channel found not joinable) is trusted before Goalpost asks again. */
const JOIN_TTL_MS = 60 * 60 * 1000;
/** Least time between two warnings that the app lacks `channels:join`. */
const SCOPE_WARNING_MS = 60 * 60 * 1000;

/** Slack's answers that say the bot cannot join this conversation: the post then says why. */
const NOT_JOINABLE = new Set(['channel_not_found', 'method_not_supported_for_channel_type', 'is_archived']);

export interface ChannelJoiner {
  /**
   * Joins a public channel before Goalpost posts there, once per channel and bot token (cached an
   * hour; an uninstall takes the bot out of its channels, so a reinstall's new token joins again):
   * `chat:write.public` lets the bot post without joining, but Slack sends reactions only from
   * channels the bot is in. A missing `channels:join` is asked about again on the next post (a
   * reinstall grants it to the same token). Never throws: a private channel, a DM or a missing
   * `channels:join` leaves the post to succeed or to say why it cannot.
   */
  ensureIn(client: webApi.WebClient, workspaceId: string, channelId: string): Promise<void>;
}

export function createChannelJoiner(logger: Logger): ChannelJoiner {
  const tried = new Map<string, { at: number; done: Promise<void> }>();
  let warnedScopeAt = Number.NEGATIVE_INFINITY;

  async function join(client: webApi.WebClient, key: string, channelId: string): Promise<void> {
    try {
      await client.conversations.join({ channel: channelId });
    } catch (error) {
      const code = platformError(error)?.code;
      if (code === 'missing_scope') {
        // Tried again on the next post: the admin who adds the scope and reinstalls the app (the
        // README's upgrade step, the same token) should not wait an hour for Goalpost to join.
        tried.delete(key);
        if (Date.now() - warnedScopeAt >= SCOPE_WARNING_MS) {
          warnedScopeAt = Date.now();
          logger.warn(
            { channel: channelId },
            'slack: the app lacks channels:join (re-install it to grant it): reactions in channels Goalpost was not invited to will not reach it',
          );
        }
      } else if (!code || !NOT_JOINABLE.has(code)) {
        // Slack or the network failed: try again on the next post.
        tried.delete(key);
        logger.warn({ err: error, channel: channelId }, 'slack: could not join the channel');
      }
    }
  }

  return {
    ensureIn(client, workspaceId, channelId) {
      // Only channels can be joined (C…, and G… for old private ones); D… are direct messages.
      if (!/^[CG]/.test(channelId)) return Promise.resolve();
      const key = `${workspaceId}:${client.token ?? ''}:${channelId}`;
      const hit = tried.get(key);
      if (hit && Date.now() - hit.at < JOIN_TTL_MS) return hit.done;
      const done = join(client, key, channelId);
      tried.set(key, { at: Date.now(), done });
      return done;
    },
  };
}
