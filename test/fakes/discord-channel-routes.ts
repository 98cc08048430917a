import {
  type Answer,
  asJson,
  type FakeUpload,
  type Json,
  noContent,
  ok,
  REFUSALS,
  snowflakeAt,
} from './discord-http.js';
import { createReactions } from './discord-reactions.js';
import {
  attachmentProblems,
  invalidFormBody,
  isEmptyMessage,
  messageProblems,
  type Problem,
  threadProblems,
} from './discord-validate.js';

type Params = Record<string, string>;
type Handler = (p: Params, body: Json, files: FakeUpload[], query: Params) => Answer;

/** The channel permissions Goalpost's requests depend on (discord.js's PermissionFlagsBits names). */
export type FakePermission =
  | 'ViewChannel'
  | 'SendMessages'
  | 'EmbedLinks'
  | 'ReadMessageHistory'
  | 'AddReactions'
  | 'CreatePublicThreads'
  | 'SendMessagesInThreads'
  | 'AttachFiles';

/** A channel the bot can see, its kind, and the permissions it is denied there. */
export interface FakeChannelOptions {
  deny?: FakePermission[];
  /** `text` (default), or `voice`: a voice channel's text chat takes messages but no threads. */
  type?: 'text' | 'voice';
}

interface Channel {
  /** The channel a thread was started in; threads go by their parent's permissions. */
  parentId: string | null;
  /** Discord's channel type: 0 text, 2 voice, 11 public thread. */
  type: number;
  deny: Set<FakePermission>;
  /**
   * A thread Discord archived (after its inactivity timer, or a moderator): only active threads can
   * be manipulated, so editing a message in it (or reacting) is 50083 "Thread is archived"; sending
   * a message unarchives it, and so does its creator setting `archived: false`
   * (discord.com/developers/docs/topics/threads#active-archived-threads).
   */
  archived?: boolean;
  /** A thread's channel object, as THREAD_CREATE gave it: THREAD_UPDATE sends it again. */
  thread?: Json;
}

/** What the channels tell the gateway (a thread created), the guild they are in, and its upload limit. */
export interface ChannelEvents {
  guildId: string;
  dispatch?: (event: string, data: Json) => void;
  /** The most bytes of files one message takes (Discord's default for a server: 10 MiB). */
  uploadLimitBytes?: number;
}

/** A file a message carries, with its bytes, as the fake keeps it for tests to look at. */
export interface FakeAttachment {
  messageId: string;
  channelId: string;
  id: string;
  filename: string;
  description: string | null;
  contentType: string;
  bytes: Buffer;
}

/** Discord's default upload limit for a server without boosts. */
const DEFAULT_UPLOAD_LIMIT = 10 * 1024 * 1024;

/** Discord's channel types the fake knows. */
const TYPES = { text: 0, voice: 2, thread: 11 } as const;

/**
 * The guild's channels, their messages and threads, as Discord keeps and refuses them: an unknown
 * channel is 10003, one the bot may not see 50001, what a denied permission forbids 50013 (Send
 * Messages; Send Messages in Threads in a thread; Read Message History to fetch or reply; Create
 * Public Threads; Attach Files to send files), and without Embed Links a bot's embeds are dropped,
 * as Discord does. Files (multipart `files[n]` with `payload_json`) over the upload limit in all
 * are 40005 (HTTP 413); more than 10, or an `attachments` list that names a file not sent, 50035.
 */
export function createChannels(bot: Json, events: ChannelEvents) {
  const channels = new Map<string, Channel>();
  const messages = new Map<string, Json>();
  const attachments: FakeAttachment[] = [];
  const reactions = createReactions(String(bot.id));
  let last = 0n;
  const snowflake = (): string => {
    const now = BigInt(snowflakeAt());
    last = now > last ? now : last + 1n;
    return String(last);
  };
  const post = (channelId: string, body: Json, extra: Json = {}): Json => {
    const { content = '', embeds = [], components = [], flags = 0 } = body;
    const m: Json = {
      ...{ id: snowflake(), type: 0, channel_id: channelId, author: bot, content, embeds, components, flags },
      ...{
        attachments: [],
        mentions: [],
        mention_roles: [],
        mention_everyone: false,
        pinned: false,
        tts: false,
      },
      ...{ timestamp: new Date().toISOString(), edited_timestamp: null, ...extra },
    };
    messages.set(String(m.id), m);
    return m;
  };
  const edit = (id: string | undefined, body: Json): Answer => {
    const m = id === undefined ? undefined : messages.get(id);
    if (!m) return REFUSALS.unknownMessage;
    const { content, embeds, components, flags } = body;
    const changes = Object.entries({ content, embeds, components, flags }).filter(([, v]) => v !== undefined);
    Object.assign(m, Object.fromEntries(changes), { edited_timestamp: new Date().toISOString() });
    return ok(m);
  };
  /** The channel whose permissions apply: a thread's parent, or the channel itself. */
  const governing = (channelId: string | undefined): Channel | undefined => {
    const ch = channels.get(channelId ?? '');
    return ch?.parentId ? channels.get(ch.parentId) : ch;
  };
  /** Why the bot may not do what needs these permissions in a channel; null when it may. */
  const refusal = (channelId: string | undefined, ...needed: FakePermission[]): Answer | null => {
    const ch = governing(channelId);
    if (!ch) return REFUSALS.unknownChannel;
    if (ch.deny.has('ViewChannel')) return REFUSALS.missingAccess;
    return needed.some((p) => ch.deny.has(p)) ? REFUSALS.missingPermissions : null;
  };
  const invalid = (problems: Problem[]): Answer | null =>
    problems.length > 0 ? { status: 400, body: invalidFormBody(problems) } : null;
  const visible = (channelId: string, b: Json): Json =>
    governing(channelId)?.deny.has('EmbedLinks') && b.embeds !== undefined ? { ...b, embeds: [] } : b;
  const inChannel = (p: Params): Json | undefined => {
    const m = messages.get(p.message ?? '');
    return m && m.channel_id === p.channel ? m : undefined;
  };

  /** The files as the message shows them, kept with their bytes; `attachments` gives descriptions. */
  const attach = (m: Json, b: Json, files: FakeUpload[]): void => {
    const described = Array.isArray(b.attachments) ? b.attachments.map(asJson) : [];
    m.attachments = files.map((f) => {
      const n = /^files\[(\d+)\]$/.exec(f.field)?.[1];
      const description = described.find((a) => String(a.id) === n)?.description;
      const kept: FakeAttachment = {
        messageId: String(m.id),
        channelId: String(m.channel_id),
        id: snowflake(),
        filename: f.filename,
        description: typeof description === 'string' ? description : null,
        contentType: f.contentType,
        bytes: f.bytes,
      };
      attachments.push(kept);
      const { id, filename, contentType: content_type } = kept;
      const url = `https://cdn.discordapp.com/attachments/${kept.channelId}/${id}/${filename}`;
      return { id, filename, content_type, size: f.bytes.length, url, proxy_url: url, description };
    });
  };

  /**
   * Archives or unarchives a thread, telling the gateway (THREAD_UPDATE) as Discord does when a
   * thread's archived state changes (docs: topics/gateway-events#thread-update).
   */
  const setArchived = (id: string, archived: boolean): void => {
    const ch = channels.get(id);
    if (ch?.parentId == null || (ch.archived === true) === archived) return;
    ch.archived = archived;
    const metadata = {
      ...asJson(ch.thread?.thread_metadata),
      archived,
      archive_timestamp: new Date().toISOString(),
    };
    ch.thread = { ...ch.thread, thread_metadata: metadata };
    events.dispatch?.('THREAD_UPDATE', ch.thread);
  };
  /** 50083 when the channel is an archived thread: nothing in it can be edited or reacted to. */
  const archivedRefusal = (channelId: string | undefined): Answer | null =>
    channels.get(channelId ?? '')?.archived ? REFUSALS.threadArchived : null;

  const createMessage: Handler = (p, b, files) => {
    const channel = p.channel ?? '';
    const inThread = channels.get(channel)?.parentId != null;
    const needs: FakePermission[] = [inThread ? 'SendMessagesInThreads' : 'SendMessages'];
    // Replying to a message needs Read Message History, and the message.
    if (b.message_reference !== undefined) needs.push('ReadMessageHistory');
    if (files.length > 0) needs.push('AttachFiles');
    const size = files.reduce((n, f) => n + f.bytes.length, 0);
    const bad =
      refusal(channel, ...needs) ??
      (size > (events.uploadLimitBytes ?? DEFAULT_UPLOAD_LIMIT) ? REFUSALS.tooLarge : null) ??
      invalid([
        ...messageProblems(b),
        ...attachmentProblems(
          b,
          files.map((f) => f.field),
        ),
      ]);
    if (bad) return bad;
    const reference = String(asJson(b.message_reference).message_id);
    if (b.message_reference !== undefined && !inChannel({ channel, message: reference })) {
      return invalid([
        { path: 'message_reference', code: 'MESSAGE_REFERENCE_UNKNOWN_MESSAGE', message: 'Unknown message' },
      ]) as Answer;
    }
    const kept = visible(channel, b);
    if (isEmptyMessage(kept, files.length)) return REFUSALS.emptyMessage;
    // Sending a message unarchives a thread (a locked one is not modelled).
    setArchived(channel, false);
    const m = post(channel, kept);
    if (files.length > 0) attach(m, b, files);
    return ok(m);
  };
  const editMessage: Handler = (p, b) => {
    const bad = refusal(p.channel) ?? invalid(messageProblems(b)) ?? archivedRefusal(p.channel);
    if (bad) return bad;
    const m = inChannel(p);
    if (!m) return REFUSALS.unknownMessage;
    if (asJson(m.author).id !== bot.id) return REFUSALS.notAuthor;
    return edit(p.message, visible(p.channel ?? '', b));
  };
  // Start Thread from Message: a text channel's message only (not in a thread, not a voice chat's).
  // Discord then tells the bot over the gateway (THREAD_CREATE), as it does for a thread it made.
  const startThread: Handler = (p, b) => {
    const bad = refusal(p.channel, 'CreatePublicThreads') ?? invalid(threadProblems(b));
    if (bad) return bad;
    if (channels.get(p.channel ?? '')?.type !== TYPES.text) return REFUSALS.wrongChannelType;
    const m = inChannel(p);
    if (!m) return REFUSALS.unknownMessage;
    if (channels.has(p.message ?? '')) return REFUSALS.threadExists;
    const thread: Json = {
      id: p.message,
      type: TYPES.thread,
      guild_id: events.guildId,
      parent_id: p.channel,
      name: b.name,
      owner_id: bot.id,
      thread_metadata: {
        archived: false,
        auto_archive_duration: b.auto_archive_duration ?? 4320,
        archive_timestamp: new Date().toISOString(),
        locked: false,
      },
      message_count: 0,
      member_count: 1,
    };
    m.thread = thread;
    channels.set(p.message ?? '', {
      parentId: p.channel ?? null,
      type: TYPES.thread,
      deny: new Set(),
      thread,
    });
    events.dispatch?.('THREAD_CREATE', { ...thread, newly_created: true });
    return ok(thread);
  };
  const react =
    (on: boolean): Handler =>
    (p) => {
      const bad =
        refusal(p.channel, 'ReadMessageHistory', 'AddReactions') ??
        archivedRefusal(p.channel) ??
        (inChannel(p) ? null : REFUSALS.unknownMessage);
      if (bad) return bad;
      reactions.set(p.message ?? '', String(bot.id), p.emoji ?? '', on);
      return noContent;
    };
  const fetchMessage: Handler = (p) => {
    const m = inChannel(p);
    const bad = refusal(p.channel, 'ReadMessageHistory') ?? (m ? null : REFUSALS.unknownMessage);
    return bad ?? ok({ ...m, ...reactions.field(p.message ?? '') });
  };
  // Discord's docs name no permission for Get Reactions beyond seeing the channel.
  const reactionUsers: Handler = (p, _b, _f, query) =>
    refusal(p.channel) ??
    (inChannel(p) ? reactions.users(p.message ?? '', p.emoji ?? '', query) : REFUSALS.unknownMessage);
  const deleteMessage: Handler = (p) =>
    refusal(p.channel) ??
    (inChannel(p) && messages.delete(`${p.message}`) ? noContent : REFUSALS.unknownMessage);

  const MSG = '/channels/:channel/messages/:message';
  const routes: Array<[string, string, Handler]> = [
    [
      'GET',
      '/channels/:channel',
      (p) =>
        refusal(p.channel) ??
        ok({ id: p.channel, type: channels.get(p.channel ?? '')?.type ?? TYPES.text, name: 'general' }),
    ],
    [
      'PATCH',
      '/channels/:channel',
      (p, b) => {
        const bad = refusal(p.channel);
        if (bad) return bad;
        const ch = channels.get(p.channel ?? '');
        // Only `archived: false` on a thread is modelled: the bot started every thread it is in.
        if (b.archived === false) setArchived(p.channel ?? '', false);
        const thread = ch?.parentId != null ? { thread_metadata: { archived: ch.archived === true } } : {};
        return ok({ id: p.channel, type: ch?.type ?? TYPES.text, ...thread });
      },
    ],
    ['POST', '/channels/:channel/messages', createMessage],
    ['GET', MSG, fetchMessage],
    ['PATCH', MSG, editMessage],
    ['DELETE', MSG, deleteMessage],
    ['PUT', `${MSG}/reactions/:emoji/@me`, react(true)],
    ['DELETE', `${MSG}/reactions/:emoji/@me`, react(false)],
    ['GET', `${MSG}/reactions/:emoji`, reactionUsers],
    ['POST', `${MSG}/threads`, startThread],
  ];
  return {
    messages,
    attachments,
    routes,
    post,
    edit,
    snowflake,
    /** Adds a text channel, or changes what the bot is denied in it. */
    add(id: string, o: FakeChannelOptions = {}): void {
      const was = channels.get(id);
      const type = o.type ? TYPES[o.type] : (was?.type ?? TYPES.text);
      channels.set(id, { parentId: was?.parentId ?? null, type, deny: new Set(o.deny ?? []) });
    },
    remove: (id: string): void => void channels.delete(id),
    /** A person adds (`on`) or takes back their `emoji` on a message (see FakeDiscord.reaction). */
    react(messageId: string, userId: string, emoji: string, on: boolean): void {
      if (!messages.has(messageId)) throw new Error(`fake Discord: no message ${messageId} to react to`);
      reactions.set(messageId, userId, emoji, on);
    },
    /** Discord archives a thread (its inactivity timer ran out): see Channel.archived. */
    archive(id: string): void {
      const thread = channels.get(id);
      if (thread?.parentId == null) throw new Error(`fake Discord: ${id} is no thread to archive`);
      setArchived(id, true);
    },
  };
}
