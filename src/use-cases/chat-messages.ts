import type { Ctx } from '../domain/ctx.js';
import type { Platform } from '../domain/reply.js';
import type { ChatMessage } from '../store/message-repository.js';
import { nowIso, type UseCaseDeps } from './deps.js';

/** Which platform message shows which task, so clicks and reactions find it and edits land. */
export function createChatMessageUseCases(deps: UseCaseDeps) {
  const { store } = deps;
  return {
    record(ctx: Ctx, message: Omit<ChatMessage, 'workspaceId'>): void {
      store.transaction(() =>
        store.messages.record({ ...message, workspaceId: ctx.workspaceId }, nowIso(deps)),
      );
    },
    /** The message a reaction or click landed on, if Goalpost posted it in this workspace. */
    find(ctx: Ctx, platform: Platform, channelId: string, messageId: string): ChatMessage | null {
      const m = store.messages.find(platform, channelId, messageId);
      return m && m.workspaceId === ctx.workspaceId ? m : null;
    },
    forTask: (ctx: Ctx, taskId: number): ChatMessage[] =>
      store.messages.forTask(taskId).filter((m) => m.workspaceId === ctx.workspaceId),
    /**
     * Records a chat event (a slash command's id) as handled; false when it already was: a
     * retry, or a signed request replayed, which must change nothing and say nothing again.
     */
    claimEvent: (ctx: Ctx, eventId: string, what: string): boolean =>
      store.transaction(() =>
        store.processed.mark(ctx.workspaceId, ctx.source, eventId.slice(0, 200), what, nowIso(deps)),
      ),
  };
}
