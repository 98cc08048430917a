/**
 * How a digest is laid out in a channel. `thread`: the header is the one top-level post and each
 * task card is a reply in its thread. `cards`: the header, then one top-level message per task.
 * `compact`: one message holding every task and its buttons, for small batches.
 */
export const DIGEST_STYLES = ['thread', 'cards', 'compact'] as const;
export type DigestStyle = (typeof DIGEST_STYLES)[number];

/** The style of a channel without a digest subscription, and of a new subscription. */
export const DEFAULT_DIGEST_STYLE: DigestStyle = 'thread';

/**
 * The most tasks a compact digest holds. Discord takes five rows of buttons on a message and a
 * compact digest gives each task its own row; a larger batch is posted as a thread instead.
 */
export const COMPACT_MAX_TASKS = 5;

/** How each style reads in a sentence. */
export const DIGEST_STYLE_WORDS: Record<DigestStyle, string> = {
  thread: 'one post, its tasks in its thread',
  cards: 'a post per task',
  compact: 'one message with every task',
};
