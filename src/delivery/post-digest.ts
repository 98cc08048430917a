import { COMPACT_MAX_TASKS, type DigestStyle } from '../domain/digest-layout.js';
import type { Logger } from '../domain/logger.js';
import type { DigestHeaderView, TaskCardView, View } from '../domain/reply.js';
import { ChatRefusedError } from '../errors.js';
import type { ChatTarget } from './chat-port.js';
import { type PostDeps, postAndRemember, postingCtx } from './remember.js';

export interface DigestPostDeps extends PostDeps {
  logger: Logger;
}

const cardsOf = (views: readonly View[]): TaskCardView[] =>
  views.flatMap((v) => (v.kind === 'task' ? [v.card] : []));

/**
 * The style a digest is posted in here, and why when it is not the one asked for: a port that
 * cannot edit or thread (the console) posts cards; a compact batch too large for one message
 * becomes a thread.
 */
function styleHere(
  deps: PostDeps,
  header: DigestHeaderView,
  tasks: number,
): { style: DigestStyle; note?: string } {
  const { port } = deps;
  const asked = header.layout.style;
  if (!port.update || (asked === 'thread' && !port.startThread)) return { style: 'cards' };
  if (asked !== 'compact' || tasks <= COMPACT_MAX_TASKS) return { style: asked };
  const where = port.startThread ? "each is in this message's thread" : 'each follows as its own message';
  return {
    style: port.startThread ? 'thread' : 'cards',
    note: `${tasks} tasks are too many for one message (a compact digest holds ${COMPACT_MAX_TASKS}): ${where}.`,
  };
}

/**
 * Posts a digest as its layout says, and remembers it as soon as its header is out, so a decision
 * on a card edits the header even while the other cards are still being posted, and its undecided
 * tasks get their reminder:
 * - `thread`: the header is the one post in the channel; the cards (and anything after) are
 *   replies in its thread. A thread that cannot be started, or that refuses them (Discord's Send
 *   Messages in Threads), puts them in the channel, and the header is edited to say why.
 * - `compact`: one message, the header holding every task and its buttons (anything after them,
 *   like a note, in its thread).
 * - `cards`: the header, then one message per task.
 * Resolves to the ids of the messages posted, in order.
 */
export async function postDigest(
  deps: DigestPostDeps,
  target: ChatTarget,
  messages: readonly View[],
  batchId: number | null,
): Promise<Array<string | null>> {
  const [first, ...rest] = messages;
  if (first?.kind !== 'digest_header')
    throw new Error('postDigest: the first message is not a digest header');
  const cards = cardsOf(rest);
  const { style, note } = styleHere(deps, first, cards.length);
  const layout = { ...first.layout, style, ...(note ? { note } : {}) };
  const header: DigestHeaderView =
    style === 'compact' ? { ...first, layout, tasks: cards } : { ...first, layout };
  if (!deps.port.update) {
    // Nothing here is ever edited (the console): the digest goes out as one post, as it reads.
    const ids = await postAndRemember(deps, target, [header, ...rest], batchId);
    rememberDigest(deps, target, ids[0] ?? null, header, null, cards);
    return ids;
  }
  const ids = await postAndRemember(deps, target, [header], batchId);
  const headerId = ids[0] ?? null;
  // A compact digest's cards are in its header; what follows them (a note) goes in its thread.
  const after = style === 'compact' ? rest.filter((v) => v.kind !== 'task') : rest;
  if (style === 'compact' && headerId !== null && after.length > 0) {
    const opened = await openThread(deps, target, headerId, header);
    const thread = 'place' in opened ? opened.place : null;
    rememberDigest(deps, target, headerId, header, thread, cards);
    return [...ids, ...(await postAndRemember(deps, thread ?? target, after, batchId))];
  }
  if (style !== 'thread' || headerId === null) {
    rememberDigest(deps, target, headerId, header, null, cards);
    return [...ids, ...(await postAndRemember(deps, target, after, batchId))];
  }
  const record = (h: DigestHeaderView, thread: ChatTarget | null): number | null =>
    rememberDigest(deps, target, headerId, h, thread, cards);
  return [...ids, ...(await postThreaded(deps, target, { header, headerId, record }, after, batchId))];
}

/**
 * Remembers a digest as posted, so decisions edit its header and its undecided tasks are reminded
 * of; its id, null when there is nothing to remember (no header id, no tasks).
 */
function rememberDigest(
  deps: PostDeps,
  target: ChatTarget,
  messageId: string | null,
  header: DigestHeaderView,
  thread: ChatTarget | null,
  cards: readonly TaskCardView[],
): number | null {
  if (messageId === null || cards.length === 0) return null;
  return deps.app.chat.digests.record(postingCtx(deps.app, target), {
    platform: target.platform,
    channelId: target.channelId,
    messageId,
    style: header.layout.style,
    thread: thread?.threadId ? { channelId: thread.channelId, threadId: thread.threadId } : null,
    header,
    remindAt: header.layout.remindAt,
    taskIds: cards.map((c) => c.taskId),
  });
}

/** A digest whose header is out: where it is, and how to remember (then revise) it. */
interface Posted {
  header: DigestHeaderView;
  headerId: string;
  record(header: DigestHeaderView, thread: ChatTarget | null): number | null;
}

/**
 * The rest of a threaded digest, in its header's thread. A thread that cannot be started, or that
 * takes no posts, puts them in the channel instead, and the header is edited to say why.
 */
async function postThreaded(
  deps: DigestPostDeps,
  target: ChatTarget,
  posted: Posted,
  rest: readonly View[],
  batchId: number | null,
): Promise<Array<string | null>> {
  const { headerId } = posted;
  const opened = await openThread(deps, target, headerId, posted.header);
  if ('why' in opened) {
    posted.record(await saidInChannel(deps, target, headerId, posted.header, opened.why), null);
    return postAndRemember(deps, target, rest, batchId);
  }
  const postId = posted.record(posted.header, opened.place);
  try {
    return await postAndRemember(deps, opened.place, rest, batchId);
  } catch (error) {
    if (!(error instanceof ChatRefusedError)) throw error;
    deps.logger.warn(
      { err: error, message: headerId },
      'the digest thread refused its tasks; they go in the channel',
    );
    const header = await saidInChannel(deps, target, headerId, posted.header, error.message);
    if (postId !== null)
      deps.app.chat.digests.revise(postId, { style: header.layout.style, thread: null, header });
    return postAndRemember(deps, target, rest, batchId);
  }
}

/**
 * The header's thread, where its cards go, or why the platform would not start one (logged): any
 * failure, so the digest still gets out whole.
 */
async function openThread(
  deps: DigestPostDeps,
  target: ChatTarget,
  headerId: string,
  header: DigestHeaderView,
): Promise<{ place: ChatTarget } | { why: string }> {
  try {
    const place = await deps.port.startThread?.(target, headerId, header.title);
    return place ? { place } : { why: 'this chat has no threads' };
  } catch (error) {
    deps.logger.warn(
      { err: error, channel: target.channelId, message: headerId },
      'cannot start the digest thread; its tasks go in the channel',
    );
    return { why: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * The header of a digest whose tasks could not go in a thread, edited to say they follow in the
 * channel and why. An edit refused leaves it as posted: the tasks still follow.
 */
async function saidInChannel(
  deps: DigestPostDeps,
  target: ChatTarget,
  headerId: string,
  header: DigestHeaderView,
  why: string,
): Promise<DigestHeaderView> {
  const note = `Goalpost could not post in a thread here (${why.replace(/\.$/, '')}): the tasks follow in the channel.`;
  const said: DigestHeaderView = { ...header, layout: { ...header.layout, style: 'cards', note } };
  try {
    await deps.port.update?.(target, headerId, said);
  } catch (error) {
    deps.logger.warn({ err: error, message: headerId }, 'cannot say why the digest has no thread');
  }
  return said;
}
