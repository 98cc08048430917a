import type { types } from '@slack/bolt';
import { clip, clipMrkdwn, LIMITS } from './render-limits.js';

/** One Slack message: Block Kit blocks and the short `text` notifications show. */
export interface SlackMessage {
  text: string;
  blocks: types.KnownBlock[];
}

type TextObject = { type: string; text: string };

/** The text objects in blocks (section text and fields, context elements, headers, buttons…). */
function textObjects(value: unknown, into: TextObject[] = []): TextObject[] {
  if (Array.isArray(value)) {
    for (const v of value) textObjects(v, into);
  } else if (typeof value === 'object' && value !== null) {
    const o = value as Record<string, unknown>;
    if ((o.type === 'mrkdwn' || o.type === 'plain_text') && typeof o.text === 'string')
      into.push(o as TextObject);
    else for (const v of Object.values(o)) textObjects(v, into);
  }
  return into;
}

/** How much text blocks hold, as Slack counts it for `msg_blocks_too_long`. */
export const textLength = (blocks: readonly types.KnownBlock[]): number =>
  textObjects(blocks).reduce((n, t) => n + t.text.length, 0);

/**
 * Blocks cut down to `budget` characters of text, longest texts first, each ending in "…": for a
 * message that must stay one message (a task card, which reactions and edits find by its id).
 */
export function shrinkToFit(
  blocks: readonly types.KnownBlock[],
  budget: number = LIMITS.textPerMessage,
): types.KnownBlock[] {
  const copy = structuredClone(blocks) as types.KnownBlock[];
  const texts = textObjects(copy);
  let over = textLength(copy) - budget;
  while (over > 0) {
    const longest = texts.reduce((a, b) => (b.text.length > a.text.length ? b : a));
    const keep = Math.max(40, longest.text.length - over);
    if (keep >= longest.text.length) break;
    const before = longest.text.length;
    longest.text = longest.type === 'mrkdwn' ? clipMrkdwn(longest.text, keep) : clip(longest.text, keep);
    over -= before - longest.text.length;
  }
  return copy;
}

/**
 * Blocks as consecutive messages, in order, none past Slack's limits: at most 50 blocks and
 * {@link LIMITS.textPerMessage} characters of text each (Slack refuses a message whose blocks
 * hold more than about 12,000 with `msg_blocks_too_long`). A block too long on its own is cut.
 * Block ids repeated across what is packed together are made unique (Slack refuses repeats).
 */
export function splitBlocks(blocks: readonly types.KnownBlock[]): types.KnownBlock[][] {
  const messages: types.KnownBlock[][] = [];
  let current: types.KnownBlock[] = [];
  let size = 0;
  let ids = new Set<string>();
  for (const raw of blocks) {
    let block = textLength([raw]) > LIMITS.textPerMessage ? (shrinkToFit([raw])[0] ?? raw) : raw;
    const length = textLength([block]);
    if (
      current.length > 0 &&
      (current.length >= LIMITS.blocksPerMessage || size + length > LIMITS.textPerMessage)
    ) {
      messages.push(current);
      current = [];
      size = 0;
      ids = new Set();
    }
    if (block.block_id !== undefined) {
      let id = block.block_id;
      for (let n = 2; ids.has(id); n++) id = `${block.block_id}_${n}`;
      ids.add(id);
      if (id !== block.block_id) block = { ...block, block_id: id };
    }
    current.push(block);
    size += length;
  }
  if (current.length > 0) messages.push(current);
  return messages;
}

/** Messages with `fallback` as their notification text; parts of one reply say which part they are. */
export function asMessages(parts: types.KnownBlock[][], fallback: string): SlackMessage[] {
  if (parts.length <= 1) return [{ text: fallback, blocks: parts[0] ?? [] }];
  return parts.map((blocks, i) => ({
    text: `${clipMrkdwn(fallback, LIMITS.fallbackText - 10)} (${i + 1}/${parts.length})`,
    blocks,
  }));
}
