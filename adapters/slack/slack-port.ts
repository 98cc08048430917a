import type { webApi } from '@slack/bolt';
import type {
  AttachedChart,
  ChartView,
  ChatPort,
  ChatTarget,
  EditableView,
  Logger,
  View,
} from '../../src/index.js';
import { createChannelJoiner } from './channel-joiner.js';
import { type Mentionable, NO_MENTIONS, packMessages, renderCard, renderMessages } from './render-blocks.js';
import { clip, clipMrkdwn, escapeLine, LIMITS } from './render-limits.js';
import { refusing } from './slack-refusals.js';

export interface SlackPortOptions {
  /** The Web API client acting in a workspace (its bot token). */
  clientFor(teamId: string): Promise<webApi.WebClient>;
  /** Least time between two posts to one channel; Slack allows about one a second. */
  postIntervalMs: number;
  /** Draws charts as PNGs, in order, off the thread that acks Slack (renderCharts' own thread). */
  drawCharts(charts: readonly ChartView[]): Promise<Uint8Array[]>;
  logger: Logger;
}

/** Files in one upload message: Slack's clients attach at most 10 to a message. */
const FILES_PER_MESSAGE = 10;
/** Slack's limit on a file's alt text (files.getUploadURLExternal: alt_txt_too_large past it). */
const ALT_TEXT_MAX = 1000;
/** What Goalpost keeps of a file's title: Slack shows it above the image. */
const FILE_TITLE_MAX = 250;

/** Slack does all a port can: posts, edits in place, threads, and messages one person sees. */
export interface SlackPort extends Required<ChatPort> {
  /**
   * The same port for one request's reply, in which Goalpost's mentions of these Slack users
   * (who asked, and whom they named) stay mentions. Everywhere else a bare `<@U…>` is escaped
   * like the rest of what people wrote: text cannot tell Goalpost's mention from a forged one.
   */
  mentioning(userIds: Iterable<string>): SlackPort;
}

/**
 * Goalpost's messages in Slack: posts in order, paced per channel (a digest of ten tasks
 * arrives whole and in order; on a 429 the Web API client waits `Retry-After` and retries), in a
 * thread when the target names one (`thread_ts`, always the thread's parent, never a reply), edits
 * task messages and digest headers in place and threads decisions under them. It joins a public
 * channel before its first post there, so reactions arrive.
 * @throws ChatRefusedError when Slack refuses for a reason a retry will not cure (the bot is not
 * in a private channel, a scope is missing, the message breaks a limit), saying what to do.
 */
export function createSlackPort(options: SlackPortOptions): SlackPort {
  const lastPost = new Map<string, Promise<number>>();
  const joiner = createChannelJoiner(options.logger);

  /** Runs `send` no sooner than postIntervalMs after the channel's previous post. */
  function paced<T>(channel: string, send: () => Promise<T>): Promise<T> {
    const previous = lastPost.get(channel) ?? Promise.resolve(0);
    const result = previous.then(async (at) => {
      const wait = at + options.postIntervalMs - Date.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      return send();
    });
    lastPost.set(
      channel,
      result.then(
        () => Date.now(),
        () => Date.now(),
      ),
    );
    return result;
  }

  const build = (mentionable: Mentionable): SlackPort => ({
    platform: 'slack',
    mentioning: (userIds) => build(new Set(userIds)),
    async post(target, messages, onPosted) {
      const client = await options.clientFor(target.workspaceId);
      await joiner.ensureIn(client, target.workspaceId, target.channelId);
      const ids: Array<string | null> = [];
      for (const [i, view] of messages.entries()) {
        // A view too long for one Slack message goes out as several; the first is the view's id.
        let first: string | null | undefined;
        for (const message of renderMessages(view, mentionable)) {
          const res = await paced(target.channelId, () =>
            refusing(target.channelId, () =>
              client.chat.postMessage({
                channel: target.channelId,
                text: message.text,
                blocks: message.blocks,
                ...(target.threadId ? { thread_ts: target.threadId } : {}),
              }),
            ),
          );
          if (first === undefined) {
            first = res.ts ?? null;
            onPosted?.(i, first);
          }
        }
        ids.push(first ?? null);
      }
      return ids;
    },
    async update(target, messageId, view: EditableView) {
      const client = await options.clientFor(target.workspaceId);
      const message = renderCard(view);
      await refusing(target.channelId, () =>
        client.chat.update({
          channel: target.channelId,
          ts: messageId,
          text: message.text,
          blocks: message.blocks,
        }),
      );
    },
    async threadReply(target, messageTs, line) {
      const client = await options.clientFor(target.workspaceId);
      // What happened, in Goalpost's words around what people and workers wrote: escaped like a message.
      const text = clipMrkdwn(escapeLine(line, mentionable), LIMITS.plainMessage);
      // A card in a digest's thread is a reply: its line goes to that thread's parent.
      const threadTs = target.threadId ?? messageTs;
      await paced(target.channelId, () =>
        refusing(target.channelId, () =>
          client.chat.postMessage({ channel: target.channelId, thread_ts: threadTs, text }),
        ),
      );
    },
    /**
     * Uploads the charts as PNG files in the channel (in the thread, with `target.threadId`), ten
     * to a message, the way files.uploadV2 does (files.getUploadURLExternal, the bytes to the
     * upload URL, files.completeUploadExternal); each with its title and alt text.
     */
    async attach(target, charts) {
      const client = await options.clientFor(target.workspaceId);
      // Slack shares files only where the bot is a member: chat:write.public does not cover them.
      await joiner.ensureIn(client, target.workspaceId, target.channelId);
      const pngs = await options.drawCharts(charts);
      const attached: AttachedChart[] = [];
      for (let i = 0; i < charts.length; i += FILES_PER_MESSAGE) {
        const group = charts.slice(i, i + FILES_PER_MESSAGE);
        const uploads = group.map((chart, j) => ({
          file: Buffer.from(pngs[i + j] ?? new Uint8Array()),
          filename: `${chart.name}.png`,
          title: clip(chart.title, FILE_TITLE_MAX),
          alt_text: clip(chart.alt, ALT_TEXT_MAX),
        }));
        const where = target.threadId
          ? { channel_id: target.channelId, thread_ts: target.threadId }
          : { channel_id: target.channelId };
        const done = await paced(target.channelId, () =>
          refusing(target.channelId, () => client.filesUploadV2({ ...where, file_uploads: uploads })),
        );
        const ids = uploadedIds(done);
        attached.push(...group.map((chart, j) => ({ name: chart.name, fileId: ids[j] ?? null })));
      }
      return attached;
    },
    // A Slack thread exists as soon as a message replies to its parent: nothing to open.
    startThread: async (target, messageTs) => ({ ...target, threadId: messageTs }),
    async ephemeral(target: ChatTarget, userId: string, messages: readonly View[]) {
      const client = await options.clientFor(target.workspaceId);
      for (const message of packMessages(messages, mentionable)) {
        await refusing(target.channelId, () =>
          client.chat.postEphemeral({
            channel: target.channelId,
            user: userId,
            text: message.text,
            blocks: message.blocks,
          }),
        );
      }
    },
  });
  return build(NO_MENTIONS);
}

/** The file ids files.uploadV2 answers with, in the order of its uploads (one completion per message). */
function uploadedIds(done: { files?: unknown }): string[] {
  const completions = Array.isArray(done.files)
    ? (done.files as Array<{ files?: Array<{ id?: string }> }>)
    : [];
  return completions.flatMap((c) => (c.files ?? []).map((f) => f.id ?? ''));
}
