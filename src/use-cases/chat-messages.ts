import type { Ctx } from '../domain/ctx.js';
import type { Platform } from '../domain/reply.js';
import type { ChartFile } from '../store/chart-file-repository.js';
import type { DigestPost, DueReminder, NewDigestPost } from '../store/digest-post-repository.js';
import type { ChatMessage } from '../store/message-repository.js';
import { nowIso, type UseCaseDeps } from './deps.js';

/** A message to remember: where it is, what it shows, and the thread it is in, if any. */
export type NewChatMessage = Omit<ChatMessage, 'workspaceId' | 'threadId'> & { threadId?: string | null };

/** A chart just attached in a channel, as the platform keeps it. */
export type AttachedChartFile = Pick<ChartFile, 'name' | 'fileId' | 'title' | 'alt'>;

/** What a chart file keeps of a title or alt text (the database's limit, Block Kit's too). */
const CHART_TEXT_MAX = 2000;

/** Which platform message shows which task, so clicks and reactions find it and edits land. */
export function createChatMessageUseCases(deps: UseCaseDeps) {
  const { store } = deps;
  return {
    record(ctx: Ctx, message: NewChatMessage): void {
      store.transaction(() =>
        store.messages.record(
          { ...message, threadId: message.threadId ?? null, workspaceId: ctx.workspaceId },
          nowIso(deps),
        ),
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

    /** The files a report's charts went out as: App Home shows the latest of each without uploading again. */
    charts: {
      /** Remembers charts just attached in a channel; each replaces its chart's earlier file there. */
      record(ctx: Ctx, platform: Platform, channelId: string, files: readonly AttachedChartFile[]): void {
        const postedAt = nowIso(deps);
        store.transaction(() => {
          for (const f of files) {
            store.chartFiles.record({
              ...f,
              title: f.title.slice(0, CHART_TEXT_MAX),
              alt: f.alt.slice(0, CHART_TEXT_MAX),
              workspaceId: ctx.workspaceId,
              platform,
              channelId,
              postedAt,
            });
          }
        });
      },
      /** The latest file of each chart of the workspace on a platform. */
      latest: (ctx: Ctx, platform: Platform): ChartFile[] =>
        store.chartFiles.latest(ctx.workspaceId, platform),
    },

    /** Digests as posted: their headers are edited as decisions come in, and their tasks reminded of once. */
    digests: {
      /** Remembers a digest as posted; its id. */
      record: (ctx: Ctx, post: Omit<NewDigestPost, 'workspaceId'>): number =>
        store.transaction(() =>
          store.digestPosts.record({ ...post, workspaceId: ctx.workspaceId }, nowIso(deps)),
        ),
      /** Says how a recorded digest turned out: its tasks went in a thread, or in the channel after all. */
      revise: (post: number, layout: Pick<DigestPost, 'style' | 'thread' | 'header'>): void =>
        store.transaction(() => store.digestPosts.revise(post, layout)),
      /** The digests on a platform that show the task: what a decision on it edits. */
      showing: (ctx: Ctx, platform: Platform, taskId: number): DigestPost[] =>
        store.digestPosts.showing(ctx.workspaceId, platform, taskId),
      /**
       * Every workspace's digests whose reminder time has passed, with their tasks still awaiting a
       * decision and never reminded of (for the scheduler, which serves them all).
       */
      dueReminders: (): DueReminder[] =>
        store.digestPosts.dueReminders(nowIso(deps)).map(({ post, taskIds }) => ({
          post,
          taskIds: post.taskIds.filter((id) => taskIds.includes(id)),
        })),
      /** Claims the one reminder of each task, atomically; the tasks this caller may remind of. */
      claimReminders: (post: DigestPost, taskIds: readonly number[]): number[] =>
        store.transaction(() =>
          taskIds.filter((id) => store.digestPosts.claimReminder(id, post.id, nowIso(deps))),
        ),
      /** Gives claims back after a post that failed for a passing reason, so a later run tries again. */
      releaseReminders: (taskIds: readonly number[]): void =>
        store.transaction(() => {
          for (const id of taskIds) store.digestPosts.releaseReminder(id);
        }),
    },
  };
}
