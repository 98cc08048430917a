import type { Goalpost } from '../app.js';
import type { Ctx } from '../domain/ctx.js';
import type { View } from '../domain/reply.js';
import type { ChatPort, ChatTarget } from './chat-port.js';

/** What posting needs: the app to remember messages in, the port to post through. */
export interface PostDeps {
  app: Goalpost;
  port: ChatPort;
}

/** The context Goalpost posts under in a workspace: its own, as the scheduler. */
export const postingCtx = (app: Goalpost, target: Pick<ChatTarget, 'workspaceId' | 'platform'>): Ctx =>
  app.context({ workspaceId: target.workspaceId, actor: `${target.platform}:goalpost`, source: 'scheduler' });

/**
 * Posts messages in order and remembers which one shows which task (and the digest header), with
 * the thread it went to, so a reaction or a click on it later finds its task.
 */
export async function postAndRemember(
  deps: PostDeps,
  target: ChatTarget,
  messages: readonly View[],
  batchId: number | null,
): Promise<Array<string | null>> {
  const { app } = deps;
  const ctx = postingCtx(app, target);
  const recorded = new Set<number>();
  const remember = (i: number, messageId: string | null | undefined): void => {
    const view = messages[i];
    if (!view || messageId === undefined || messageId === null || recorded.has(i)) return;
    recorded.add(i);
    const where = {
      platform: target.platform,
      channelId: target.channelId,
      messageId,
      threadId: target.threadId ?? null,
    };
    if (view.kind === 'task') {
      app.chat.record(ctx, { ...where, kind: 'task', taskId: view.card.taskId, batchId });
    } else if (view.kind === 'digest_header') {
      app.chat.record(ctx, { ...where, kind: 'digest_header', taskId: null, batchId: view.batch.id });
    }
  };
  const ids = await deps.port.post(target, messages, remember);
  // Ports that do not report message by message are recorded at the end.
  ids.forEach((id, i) => {
    remember(i, id);
  });
  return ids;
}
