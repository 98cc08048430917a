import type { Goalpost } from '../app.js';
import type { DigestHeaderView, TaskCardView } from '../domain/reply.js';
import type { DigestPost } from '../store/digest-post-repository.js';
import { digestPostView } from '../views/digest-post.js';
import type { ChatPort, ChatTarget } from './chat-port.js';
import { postingCtx } from './remember.js';

/** What refreshing did: messages edited, tasks whose change a compact digest shows, refusals. */
export interface Refreshed {
  edited: number;
  /** Tasks of compact digests edited: their change shows there, as on a card of their own. */
  shown: Set<number>;
  refused: unknown[];
}

/** Two decisions at once can each edit the header from a read older than the other's: read again this often. */
const MAX_EDITS = 3;

/** Whether two headers show the same: the tally, and a compact digest's tasks. */
const sameShown = (a: DigestHeaderView, b: DigestHeaderView): boolean =>
  JSON.stringify([a.decisions, a.tasks ?? null]) === JSON.stringify([b.decisions, b.tasks ?? null]);

/**
 * After tasks changed, edits every digest on the port's platform that shows one of them: its
 * header's tally ("1 of 5 decided · 1 approved"), and a compact digest's task rows, whose thread
 * then gets `line` (its tasks have no message of their own). What the header shows is kept, so a
 * step that changes nothing on it (a start, after an approval) edits nothing; a header edited from
 * a read that a decision made meanwhile outdated is edited again. What the platform refuses is
 * returned, never thrown: the decision stands either way.
 */
export async function refreshDigests(
  deps: { app: Goalpost; port: ChatPort },
  workspaceId: string,
  cards: readonly TaskCardView[],
  line: string | null,
): Promise<Refreshed> {
  const { app, port } = deps;
  const done: Refreshed = { edited: 0, shown: new Set(), refused: [] };
  if (!port.update) return done;
  const ctx = postingCtx(app, { workspaceId, platform: port.platform });
  const posts = new Map<number, DigestPost>();
  for (const card of cards) {
    for (const post of app.chat.digests.showing(ctx, port.platform, card.taskId)) posts.set(post.id, post);
  }
  for (const post of posts.values()) {
    const target: ChatTarget = { workspaceId, platform: port.platform, channelId: post.channelId };
    try {
      // What the header shows now, as last edited: a step that changes nothing on it edits nothing.
      let shown = post.header;
      for (let n = 0; n < MAX_EDITS; n++) {
        const view = digestPostView(app, ctx, post, cards);
        if (sameShown(view, shown)) break;
        await port.update(target, post.messageId, view);
        shown = view;
      }
      if (shown === post.header) continue;
      app.chat.digests.revise(post.id, { style: post.style, thread: post.thread, header: shown });
      done.edited += 1;
      if (post.header.tasks === undefined) continue;
      for (const card of cards) if (post.taskIds.includes(card.taskId)) done.shown.add(card.taskId);
      if (line) await port.threadReply?.(target, post.messageId, line);
    } catch (error) {
      done.refused.push(error);
    }
  }
  return done;
}
