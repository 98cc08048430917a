import type { RespondFn } from '@slack/bolt';
import { type ChatTarget, deliverReply, type Goalpost, type Reply, showDecision } from '../../src/index.js';
import { renderMessage } from './render-blocks.js';
import type { SlackPort } from './slack-port.js';

/** Where a Reply goes back to: the channel, the person, and how they asked. */
export interface ReplyTarget extends ChatTarget {
  userId: string;
  /**
   * A typed command answers in the channel; a click or a reaction answers in the task's thread;
   * a click on App Home has no channel to answer in (Home is published again instead).
   */
  origin: 'command' | 'button' | 'reaction' | 'home';
  /** Slack's response_url helper, for ephemeral answers to commands and clicks. */
  respond?: RespondFn;
}

/**
 * Shows a Reply in Slack. Ephemeral replies go to the person only. A decision edits every
 * message showing the task in place and adds who decided to each one's thread; other channel
 * replies (a digest) are posted in order, and their task messages remembered for reactions.
 */
export async function presentReply(
  app: Goalpost,
  port: SlackPort,
  reply: Reply,
  to: ReplyTarget,
): Promise<void> {
  if (reply.duplicate) return;
  if (to.origin === 'home' && reply.visibility === 'ephemeral') return;
  if (reply.visibility === 'ephemeral') {
    if (to.respond) {
      for (const view of reply.messages) {
        await to.respond({ response_type: 'ephemeral', replace_original: false, ...renderMessage(view) });
      }
    } else {
      await port.ephemeral(to, to.userId, reply);
    }
    return;
  }
  if (reply.updates.length === 0) {
    await deliverReply(app, port, to, reply);
    return;
  }
  const shown = await showDecision(app, port, to.workspaceId, reply);
  // A typed decision is said in the channel too; a click or reaction already shows on its message.
  if (to.origin === 'command' || (shown === 0 && to.origin !== 'home'))
    await port.post(to, { ...reply, updates: [] });
}
