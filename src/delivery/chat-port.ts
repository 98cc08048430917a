import type { ChartView } from '../domain/chart.js';
import type { Platform, ReasonForm, View } from '../domain/reply.js';

/** Where a message goes: a channel of a workspace on a platform, or a thread in it. */
export interface ChatTarget {
  workspaceId: string;
  platform: Platform;
  channelId: string;
  /**
   * A thread to post in, or the thread a message is in: Slack's parent `ts` in `channelId`; on
   * Discord the thread itself, which is then also `channelId`.
   */
  threadId?: string;
}

/** What a port edits in place: a task's card, a digest's header (a compact digest whole). */
export type EditableView = Extract<View, { kind: 'task' | 'digest_header' }>;

/** A chart as attached: its name, and the platform's id of its file (null when there is none to show again). */
export interface AttachedChart {
  name: string;
  fileId: string | null;
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
  /**
   * Edits an earlier message in place, as one message (Slack, Discord); a port without it shows a
   * changed card again.
   */
  update?(target: ChatTarget, messageId: string, view: EditableView): Promise<void>;
  /**
   * Adds a line to the thread under a message (Slack, Discord); with `target.threadId` the
   * message is itself in that thread, and the line goes there.
   */
  threadReply?(target: ChatTarget, messageId: string, text: string): Promise<void>;
  /**
   * Opens the thread under a message in `target`'s channel, named `name`, or finds the one already
   * there; resolves to where replies in it are posted (Slack, Discord).
   */
  startThread?(target: ChatTarget, messageId: string, name: string): Promise<ChatTarget>;
  /**
   * Draws charts (off the thread that acks chat) and attaches them as images in `target`, after
   * what was posted there (Slack's file upload, Discord's attachments); resolves to each one's
   * file, in order. A port without it shows a charts view as text, like any other view.
   * @throws ChatRefusedError when the platform refuses the files for good (a missing scope or
   * permission, too large), saying what to do.
   */
  attach?(target: ChatTarget, charts: readonly ChartView[]): Promise<AttachedChart[]>;
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
