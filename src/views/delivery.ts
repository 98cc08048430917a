import type { Goalpost } from '../app.js';
import type { Platform, Reply, TaskCardView } from '../domain/reply.js';

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
  const ctx = app.context({
    workspaceId: target.workspaceId,
    actor: `${target.platform}:goalpost`,
    source: 'scheduler',
  });
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

/** A port that can also add a line to a message's thread (Slack, Discord). */
export interface ThreadingPort extends ChatPort {
  threadReply(target: ChatTarget, messageId: string, text: string): Promise<void>;
}

/**
 * After a decision: edits every message of this platform that shows a changed task, in place,
 * and adds the reply's text to each one's thread. Resolves to how many messages showed a task,
 * so the caller can say it in the channel when none did. A message the platform refuses does not
 * keep the others from being edited; the first refusal is thrown once all were tried.
 */
export async function showDecision(
  app: Goalpost,
  port: ThreadingPort,
  workspaceId: string,
  reply: Reply,
): Promise<number> {
  const note = reply.messages.map((m) => (m.kind === 'text' ? m.text : '')).join('\n');
  const ctx = app.context({ workspaceId, actor: `${port.platform}:goalpost`, source: 'scheduler' });
  let shown = 0;
  let refused: unknown = null;
  for (const card of reply.updates) {
    for (const m of app.chat.forTask(ctx, card.taskId).filter((x) => x.platform === port.platform)) {
      const where = { workspaceId, platform: m.platform, channelId: m.channelId };
      try {
        await port.update?.(where, m.messageId, card);
        if (note) await port.threadReply(where, m.messageId, note);
      } catch (error) {
        refused ??= error;
      }
      shown += 1;
    }
  }
  if (refused !== null) throw refused;
  return shown;
}
