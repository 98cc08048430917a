import type { Platform, ReasonForm, TaskCardView, View } from '../domain/reply.js';

/** Where a message goes: a channel of a workspace on a platform. */
export interface ChatTarget {
  workspaceId: string;
  platform: Platform;
  channelId: string;
}

/**
 * The outbound side of a chat platform: what Goalpost can do in its channels. The core decides
 * what to do with a reply (`planDelivery`); a port only carries it out, in the platform's markup.
 */
export interface ChatPort {
  readonly platform: Platform;
  /**
   * Posts each message in order; resolves to each one's platform id (null if none). `onPosted`
   * hears of each message as soon as it is out, so a reaction on the first card of a long digest
   * finds its task while the rest is still being posted.
   */
  post(
    target: ChatTarget,
    messages: readonly View[],
    onPosted?: (index: number, messageId: string | null) => void,
  ): Promise<Array<string | null>>;
  /** Edits a task's earlier message in place (Slack, Discord); a port without it shows the card again. */
  update?(target: ChatTarget, messageId: string, card: TaskCardView): Promise<void>;
  /** Adds a line to the thread under a message (Slack, Discord). */
  threadReply?(target: ChatTarget, messageId: string, text: string): Promise<void>;
  /** Shows messages to one person only, in a channel (Slack's postEphemeral). */
  ephemeral?(target: ChatTarget, userId: string, messages: readonly View[]): Promise<void>;
}

/**
 * The person a reply answers, reachable for this one request only: a slash command's
 * response_url, a Discord interaction, the terminal. Each is optional: a reaction has neither.
 */
export interface Asker {
  userId: string;
  /** Answers the person only (a usage line, a refusal, an error). */
  answer?(messages: readonly View[]): Promise<void>;
  /** Opens a form for the person (Slack's modal, Discord's). */
  openForm?(form: ReasonForm): Promise<void>;
  /**
   * Shows messages to everyone in the channel the request came from, without the bot posting
   * there (Slack's response_url, in_channel): the way to answer in a channel the bot is not in.
   * Such messages have no id, so reactions on them and later edits do not reach Goalpost.
   */
  postInChannel?(messages: readonly View[]): Promise<void>;
}
