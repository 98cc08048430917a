import type { Goalpost } from '../app.js';
import type { ChatPort, ChatTarget } from '../delivery/chat-port.js';
import type { Logger } from '../domain/logger.js';
import type { Platform } from '../domain/reply.js';
import { ChatRefusedError } from '../errors.js';
import type { DigestPost } from '../store/digest-post-repository.js';
import { reminderView } from '../views/reminder.js';

export interface RemindDeps {
  app: Goalpost;
  /** The chat connections of this process; a digest on another platform is left to the bot that has one. */
  ports: Partial<Record<Platform, ChatPort>>;
  logger: Logger;
}

/** One reminder posted: where, and for which tasks. */
export interface ReminderSent {
  workspaceId: string;
  platform: Platform;
  channelId: string;
  refs: string[];
}

/**
 * The approvers of a workspace on a platform (admins included) who a reminder may mention now:
 * at work at this moment (a working day, within their hours, not away); `all` is every approver
 * there, at work or not.
 */
function approversOn(
  app: Goalpost,
  workspaceId: string,
  platform: Platform,
): { all: string[]; atWork: string[] } {
  const ctx = app.context({ workspaceId, actor: 'scheduler', source: 'scheduler', role: 'admin' });
  const all = app.members
    .list(ctx)
    .filter((m) => m.role !== 'member' && m.userKey.startsWith(`${platform}:`))
    .map((m) => m.userKey);
  return { all, atWork: all.filter((u) => app.people.availability(workspaceId, u).available) };
}

/** Where a digest's reminder goes: the thread its cards are in, else the header's thread (opened now), else the channel. */
async function replyPlace(port: ChatPort, post: DigestPost): Promise<ChatTarget> {
  const channel = { workspaceId: post.workspaceId, platform: post.platform, channelId: post.channelId };
  if (post.thread) return { ...channel, channelId: post.thread.channelId, threadId: post.thread.threadId };
  return port.startThread ? port.startThread(channel, post.messageId, post.header.title) : channel;
}

/**
 * Nudges, with restraint: each task a digest asked a decision on that is still undecided when the
 * digest's reminder time has passed gets one reminder, in the thread of the latest digest that
 * showed it, mentioning the channel's approvers at work at that moment (away, off that day or
 * outside their hours, they are left out; with none at work, the reminder waits for a run that
 * finds one). A task's reminder is claimed before it is posted, so it is never sent twice (a
 * restart, a second process, a later digest showing the task again);
 * a post that fails for a passing reason gives the claim back for the next run, one the platform
 * refuses for good keeps it. Never rejects; a failing digest does not stop the others.
 */
export async function sendReminders(deps: RemindDeps): Promise<{ sent: ReminderSent[]; errors: number }> {
  const { app, logger } = deps;
  const result = { sent: [] as ReminderSent[], errors: 0 };
  for (const { post, taskIds } of app.chat.digests.dueReminders()) {
    const port = deps.ports[post.platform];
    if (!port) continue;
    const approvers = approversOn(app, post.workspaceId, post.platform);
    // Nobody to ask now (every approver away, off or outside their hours): it waits for one of them.
    if (approvers.all.length > 0 && approvers.atWork.length === 0) continue;
    const claimed = app.chat.digests.claimReminders(post, taskIds);
    if (claimed.length === 0) continue;
    const ctx = app.context({ workspaceId: post.workspaceId, actor: 'scheduler', source: 'scheduler' });
    const tasks = claimed.map((id) => app.tasks.byId(ctx, id));
    const refs = tasks.map((t) => t.ref);
    try {
      const view = reminderView(tasks, approvers.atWork);
      await port.post(await replyPlace(port, post), [view]);
      result.sent.push({
        workspaceId: post.workspaceId,
        platform: post.platform,
        channelId: post.channelId,
        refs,
      });
      logger.info({ workspace: post.workspaceId, channel: post.channelId, tasks: refs }, 'reminder posted');
    } catch (error) {
      result.errors += 1;
      const final = error instanceof ChatRefusedError;
      if (!final) app.chat.digests.releaseReminders(claimed);
      logger.warn(
        { err: error, workspace: post.workspaceId, channel: post.channelId, tasks: refs },
        final ? 'reminder refused; it is not sent again' : 'reminder failed; the next run tries again',
      );
    }
  }
  return result;
}
