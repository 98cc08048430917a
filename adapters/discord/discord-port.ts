import type { REST } from 'discord.js';
import { Routes } from 'discord.js';
import type { RESTPostAPIChannelMessageJSONBody } from 'discord-api-types/v10';
import type { ChartView, ChatPort, EditableView, Logger } from '../../src/index.js';
import { renderCharts } from '../charts/render-charts.js';
import { type DiscordStep, discordCode, noEmbedLinks, refusal } from './discord-refusals.js';
import { textContents } from './render-content.js';
import { renderDiscordMessage, renderDiscordMessages } from './render-discord.js';
import { clip } from './render-limits.js';

/**
 * Discord's port: posts, edits in place, threads (started under a message on first use), charts
 * as attachments. It has no `ephemeral`: Discord shows a message to one person only in answer to
 * an interaction.
 */
export type DiscordPort = ChatPort &
  Required<Pick<ChatPort, 'update' | 'threadReply' | 'startThread' | 'attach'>>;

/** Discord's error code for "a thread has already been created for this message". */
const THREAD_EXISTS = 160004;
const MESSAGE_GONE = 10008;
/**
 * Discord's "Thread is archived": only active threads can be manipulated, so a message in a thread
 * left without a message past its auto-archive duration can no longer be edited.
 */
const THREAD_ARCHIVED = 50083;
/** A week without a message before Discord archives a thread (the longest it offers). */
const ARCHIVE_AFTER_MINUTES = 10080;
/** Discord's limit on a thread's name. */
const THREAD_NAME = 100;
/** Discord takes at most 10 attachments on a message. */
const FILES_PER_MESSAGE = 10;
/** Discord's limit on an attachment's description (its alt text). */
const DESCRIPTION_MAX = 1024;

type Body = RESTPostAPIChannelMessageJSONBody;
interface Sent {
  id?: string;
  embeds?: unknown[];
}

/**
 * Goalpost's messages in Discord, over REST: posted in order (the REST client queues per route
 * and waits out 429s itself), task messages and digest headers edited in place, decisions threaded
 * under them (a thread started from a message has that message's id, and is a channel of its own:
 * a digest's cards are posted there). What Discord refuses for good (a missing
 * permission, a channel that is gone, a malformed message) is thrown as a ChatRefusedError that
 * says what a server admin should do; the scheduler does not send it again.
 */
export function createDiscordPort(
  rest: REST,
  logger: Logger,
  drawCharts: (charts: readonly ChartView[]) => Promise<Uint8Array[]> = renderCharts,
): DiscordPort {
  /**
   * Sends a message (or an edit), turning Discord's refusals into what to do about them. Without
   * Embed Links Discord drops a bot's embeds and keeps the rest (a card would be buttons alone):
   * that is a refusal too, and `undo` takes back what was shown.
   */
  async function send(
    step: DiscordStep,
    request: () => Promise<unknown>,
    body: Body,
    undo?: (sent: Sent) => Promise<unknown>,
  ): Promise<Sent> {
    const embeds = body.embeds?.length ?? 0;
    let sent: Sent;
    try {
      sent = (await request()) as Sent;
    } catch (error) {
      throw refusal(error, step, embeds > 0);
    }
    if ((sent.embeds?.length ?? 0) < embeds) {
      await undo?.(sent).catch(() => {});
      throw noEmbedLinks();
    }
    return sent;
  }
  const post = (channelId: string, body: Body, step: DiscordStep = 'post'): Promise<Sent> =>
    send(
      step,
      () => rest.post(Routes.channelMessages(channelId), { body }),
      body,
      (sent) => rest.delete(Routes.channelMessage(channelId, sent.id ?? '')),
    );

  return {
    platform: 'discord',
    async post(target, messages, onPosted) {
      const ids: Array<string | null> = [];
      for (const [i, view] of messages.entries()) {
        // A long text takes several messages; the view is known by its first.
        let first: string | null | undefined;
        for (const body of renderDiscordMessages(view)) {
          const message = await post(target.channelId, body, target.threadId ? 'threadPost' : 'post');
          first ??= message.id ?? null;
        }
        ids.push(first ?? null);
        onPosted?.(i, first ?? null);
      }
      return ids;
    },
    /**
     * Edits a task's card or a digest's header. A card in a digest's thread is in a thread Discord
     * archives after a week without a message (a task often takes longer): then Goalpost, which
     * started the thread, unarchives it (docs: topics/threads, Editing & Deleting Threads) and edits.
     */
    async update(target, messageId, view: EditableView) {
      const body = renderDiscordMessage(view);
      const edit = () =>
        send('edit', () => rest.patch(Routes.channelMessage(target.channelId, messageId), { body }), body);
      try {
        await edit();
      } catch (error) {
        if (discordCode(error) !== THREAD_ARCHIVED) throw error;
        try {
          await rest.patch(Routes.channel(target.channelId), { body: { archived: false } });
        } catch (unarchiving) {
          throw refusal(unarchiving, 'edit');
        }
        await edit();
      }
    },
    /**
     * Draws the charts (on renderCharts' own thread) and posts them as PNG attachments, ten to a
     * message, each described by its alt text, as discord.js sends files: multipart/form-data with
     * `files[n]` and `payload_json` naming each in `attachments`. Discord keeps no file to show
     * again elsewhere: no file ids.
     */
    async attach(target, charts) {
      const pngs = await drawCharts(charts);
      for (let i = 0; i < charts.length; i += FILES_PER_MESSAGE) {
        const group = charts.slice(i, i + FILES_PER_MESSAGE);
        const names = group.map((chart) => `${chart.name}.png`);
        const body = {
          attachments: group.map((chart, j) => ({
            id: j,
            filename: names[j],
            description: clip(chart.alt, DESCRIPTION_MAX),
          })),
          allowed_mentions: { parse: [] },
        };
        const files = group.map((_, j) => ({
          name: names[j] ?? 'chart.png',
          data: Buffer.from(pngs[i + j] ?? new Uint8Array()),
          contentType: 'image/png',
        }));
        try {
          await rest.post(Routes.channelMessages(target.channelId), { body, files });
        } catch (error) {
          throw refusal(error, 'attach');
        }
      }
      return charts.map((chart) => ({ name: chart.name, fileId: null }));
    },
    async startThread(target, messageId, name) {
      try {
        await rest.post(Routes.threads(target.channelId, messageId), {
          body: { name: clip(name, THREAD_NAME), auto_archive_duration: ARCHIVE_AFTER_MINUTES },
        });
      } catch (error) {
        if (discordCode(error) !== THREAD_EXISTS) throw refusal(error, 'thread');
      }
      return { ...target, channelId: messageId, threadId: messageId };
    },
    async threadReply(target, messageId, text) {
      const lines = textContents(text);
      // A card in a digest's thread: no thread can be started under it, its line goes in that thread.
      if (target.threadId) {
        for (const content of lines)
          await post(target.channelId, { content, allowed_mentions: { parse: [] } }, 'threadPost');
        return;
      }
      try {
        await rest.post(Routes.threads(target.channelId, messageId), {
          body: { name: 'Decisions', auto_archive_duration: ARCHIVE_AFTER_MINUTES },
        });
      } catch (error) {
        const code = discordCode(error);
        if (code === MESSAGE_GONE) throw refusal(error, 'thread');
        if (code !== THREAD_EXISTS) {
          const why = refusal(error, 'thread');
          logger.warn(
            { err: why, message: messageId },
            `discord: cannot start a thread; replying in the channel (${why instanceof Error ? why.message : 'unknown'})`,
          );
          for (const [n, content] of lines.entries()) {
            const reference = n === 0 ? { message_reference: { message_id: messageId } } : {};
            await post(target.channelId, { content, allowed_mentions: { parse: [] }, ...reference });
          }
          return;
        }
      }
      for (const content of lines)
        await post(messageId, { content, allowed_mentions: { parse: [] } }, 'threadPost');
    },
  };
}
