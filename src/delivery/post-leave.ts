import type { Logger } from '../domain/logger.js';
import { type Platform, reply } from '../domain/reply.js';
import type { ChatPort, ChatTarget } from './chat-port.js';

/** What saying leave news needs: this process's chat connections, and a log for what failed. */
export interface LeaveNewsDeps {
  ports?: Partial<Record<Platform, ChatPort>>;
  logger: Logger;
}

/** A subscription as far as leave news reads it. */
interface Subscribed {
  kind: string;
  platform: Platform;
  channelId: string;
}

/** Where leave news was said (`slack:C1`), and where saying it failed, with why. */
export interface LeaveNewsPosted {
  posted: string[];
  failed: Array<{ channel: string; error: string }>;
}

const channelName = (t: Pick<ChatTarget, 'platform' | 'channelId'>) => `${t.platform}:${t.channelId}`;

/**
 * The workspace's digest channels, each once (two digests a day in one channel are one channel):
 * where the team reads what a leave moved, beginning or ending.
 */
export function digestChannels(workspaceId: string, subscriptions: readonly Subscribed[]): ChatTarget[] {
  const seen = new Map<string, ChatTarget>();
  for (const s of subscriptions) {
    if (s.kind !== 'digest') continue;
    seen.set(channelName(s), { workspaceId, platform: s.platform, channelId: s.channelId });
  }
  return [...seen.values()];
}

/**
 * Posts what a leave moved (one text of `lines`) in each of `channels` this process has a
 * connection for: the `leave` job's hand-on and `away off`'s bring-back go the same way, so the
 * team that read one reads the other. A failed post is logged and returned, never thrown: the
 * move is written already, and each task's history says it.
 */
export async function postLeaveNews(
  deps: LeaveNewsDeps,
  channels: readonly ChatTarget[],
  lines: readonly string[],
): Promise<LeaveNewsPosted> {
  const result: LeaveNewsPosted = { posted: [], failed: [] };
  for (const target of channels) {
    const port = deps.ports?.[target.platform];
    if (!port) continue;
    try {
      await port.post(target, [reply.text(lines.join('\n'))]);
      result.posted.push(channelName(target));
    } catch (error) {
      deps.logger.warn({ err: error, channel: target.channelId }, 'could not post the work moved for leave');
      const message = error instanceof Error ? error.message : String(error);
      result.failed.push({ channel: channelName(target), error: message });
    }
  }
  return result;
}
