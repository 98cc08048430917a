import type { Goalpost } from '../app.js';
import type { Platform, Reply, TaskCardView } from '../domain/reply.js';
import type { Ctx } from '../use-cases/deps.js';

/** Where a message goes: a channel of a workspace on a platform. */
export interface ChatTarget {
  workspaceId: string;
  platform: Platform;
  channelId: string;
}

/**
 * The outbound side of a chat adapter. The scheduler and the bot post through it, so a
 * digest reaches Slack, Discord or the terminal the same way.
 */
export interface ChatPort {
  readonly platform: Platform;
  /**
   * Posts each message of `reply` in order; resolves to each one's platform id (null if none).
   * `onPosted` hears of each message as soon as it is out, so a reaction on the first card of a
   * long digest finds its task while the rest is still being posted.
   */
  post(
    target: ChatTarget,
    reply: Reply,
    onPosted?: (index: number, messageId: string | null) => void,
  ): Promise<Array<string | null>>;
  /** Edits a task's earlier message in place after it changed. */
  update?(target: ChatTarget, messageId: string, card: TaskCardView): Promise<void>;
}

/**
 * Posts `reply` through `port` and remembers which message shows which task (and the digest
 * header), so a reaction or a click on it later finds its task.
 */
export async function deliverReply(
  app: Goalpost,
  port: ChatPort,
  target: ChatTarget,
  reply: Reply,
  batchId: number | null = null,
): Promise<Array<string | null>> {
  const ctx: Ctx = {
    workspaceId: target.workspaceId,
    actor: `${target.platform}:goalpost`,
    source: 'scheduler',
  };
  const recorded = new Set<number>();
  const remember = (i: number, messageId: string | null | undefined): void => {
    const view = reply.messages[i];
    if (!view || messageId === undefined || messageId === null || recorded.has(i)) return;
    recorded.add(i);
    if (view.kind === 'task') {
      app.chat.record(ctx, {
        platform: target.platform,
        channelId: target.channelId,
        messageId,
        kind: 'task',
        taskId: view.card.taskId,
        batchId,
      });
    } else if (view.kind === 'digest_header') {
      app.chat.record(ctx, {
        platform: target.platform,
        channelId: target.channelId,
        messageId,
        kind: 'digest_header',
        taskId: null,
        batchId: view.batch.id,
      });
    }
  };
  const ids = await port.post(target, reply, remember);
  // Ports that do not report message by message are recorded at the end.
  ids.forEach((id, i) => {
    remember(i, id);
  });
  return ids;
}

/** After a decision: edits every message that shows the task, wherever it was posted. */
export async function updateTaskMessages(
  app: Goalpost,
  port: ChatPort,
  workspaceId: string,
  card: TaskCardView,
): Promise<number> {
  if (!port.update) return 0;
  const ctx: Ctx = { workspaceId, actor: `${port.platform}:goalpost`, source: 'scheduler' };
  const messages = app.chat.forTask(ctx, card.taskId).filter((m) => m.platform === port.platform);
  for (const m of messages) {
    await port.update({ workspaceId, platform: m.platform, channelId: m.channelId }, m.messageId, card);
  }
  return messages.length;
}
