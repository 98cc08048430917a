import type { SlackFiles } from './slack-files.js';
import { messageRefusal, viewRefusal } from './slack-limits.js';
import type { SlackReactions } from './slack-reactions.js';
import type { SlackWorkspace } from './slack-workspace.js';

type Args = Record<string, unknown>;

export interface FakeSlackUser {
  tz?: string;
  name?: string;
  teamId?: string;
}

/** A message the bot posted, as it stands now (edits applied). */
export interface FakeSlackMessage {
  channel: string;
  ts: string;
  /** The parent's ts when it is a reply in a thread. */
  threadTs: string | null;
  text: string;
  blocks: unknown;
  /** The files it shares (a file upload's message). */
  files?: string[];
}

export interface MethodContext {
  teamId: string;
  botUserId: string;
  botId: string;
  users: Record<string, FakeSlackUser>;
  workspace: SlackWorkspace;
  /** The bot's messages by `channel/ts`: what chat.update may edit and thread_ts may name. */
  messages: Map<string, FakeSlackMessage>;
  /** Uploaded files: what an image block's `slack_file` may name. */
  files: SlackFiles;
  /** Everyone's reactions on messages: the bot's from reactions.add, people's from their events. */
  reactions: SlackReactions;
  nextTs(): string;
}

/** A Slack timestamp as the Web API takes it: seconds, a dot, microseconds. */
const TS = /^\d{10}\.\d{6}$/;

/**
 * Why Slack would refuse `thread_ts`, or null: one that is not a timestamp is `invalid_thread_ts`
 * ("0 is not a valid thread_ts"); one naming no message of the channel is `thread_not_found`.
 */
function threadRefusal(a: Args, messages: Map<string, FakeSlackMessage>): string | null {
  if (a.thread_ts === undefined) return null;
  if (typeof a.thread_ts !== 'string' || !TS.test(a.thread_ts)) return 'invalid_thread_ts';
  return messages.has(`${a.channel}/${a.thread_ts}`) ? null : 'thread_not_found';
}

/**
 * Why Slack would refuse the files image blocks name (see SlackFiles.slackFileError), each with
 * where it is, as Slack lists them; empty when every one would show.
 */
function slackFileErrors(blocks: unknown, files: SlackFiles, pointer: string): string[] {
  if (!Array.isArray(blocks)) return [];
  return blocks.flatMap((b: unknown, i) => {
    const block = b as { type?: unknown; slack_file?: { id?: unknown; url?: unknown } } | null;
    if (block?.type !== 'image' || !block.slack_file) return [];
    // Only ids are modelled: the fake keeps no private URLs to check a `url` against.
    const { id } = block.slack_file;
    const error = typeof id === 'string' ? files.slackFileError(id) : 'invalid slack file';
    return error ? [`${error} [json-pointer:${pointer}/${i}/slack_file]`] : [];
  });
}

const pick = (a: Args, ...keys: string[]): Args =>
  Object.fromEntries(keys.flatMap((k) => (a[k] === undefined ? [] : [[k, a[k]]])));

export const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** Slack's Web API methods as the fake answers them (scopes are checked before any of these runs). */
export function slackMethods(c: MethodContext): Record<string, (a: Args) => Args> {
  const { teamId, botUserId, botId, users, workspace, messages, files, reactions, nextTs } = c;
  const triggers = new Set<string>();
  const bot = { user: botUserId, bot_id: botId };
  const content = (a: Args): Args | null => {
    if (!str(a.text) && a.blocks === undefined && a.attachments === undefined)
      return { ok: false, error: 'no_text' };
    const refused = messageRefusal(a);
    if (refused) return refused;
    const errors = slackFileErrors(a.blocks, files, '/blocks');
    return errors.length > 0 ? { ok: false, error: 'invalid_blocks', errors } : null;
  };
  const openView = (a: Args): Args => {
    const refused = viewRefusal(a.view);
    if (refused) return refused;
    const messages = slackFileErrors((a.view as Args).blocks, files, '/view/blocks');
    if (messages.length > 0)
      return { ok: false, error: 'invalid_arguments', response_metadata: { messages } };
    return { ok: true, view: { id: 'V123', team_id: teamId, ...(a.view as Args) } };
  };

  return {
    'auth.test': () => ({
      ok: true,
      url: 'https://goalpost-test.slack.com/',
      team: 'Goalpost Test',
      user: 'goalpost',
      team_id: teamId,
      user_id: botUserId,
      bot_id: botId,
      is_enterprise_install: false,
    }),
    'chat.postMessage': (a) => {
      const refused = workspace.postRefusal(a.channel);
      if (refused) return { ok: false, error: refused };
      const bad = content(a) ?? threadRefusal(a, messages);
      if (typeof bad === 'string') return { ok: false, error: bad };
      if (bad) return bad;
      const ts = nextTs();
      const threadTs = typeof a.thread_ts === 'string' ? a.thread_ts : null;
      const text = typeof a.text === 'string' ? a.text : '';
      messages.set(`${a.channel}/${ts}`, {
        channel: String(a.channel),
        ts,
        threadTs,
        text,
        blocks: a.blocks,
      });
      const message = { type: 'message', text: a.text ?? '', ...bot, ts, team: teamId };
      return { ok: true, channel: a.channel, ts, message: { ...message, ...pick(a, 'blocks', 'thread_ts') } };
    },
    'chat.update': (a) => {
      const refused = workspace.postRefusal(a.channel);
      if (refused && refused !== 'not_in_channel') return { ok: false, error: refused };
      const kept = messages.get(`${a.channel}/${a.ts}`);
      if (!str(a.ts) || !kept) return { ok: false, error: 'message_not_found' };
      const bad = content(a);
      if (bad) return bad;
      kept.text = typeof a.text === 'string' ? a.text : '';
      kept.blocks = a.blocks;
      const message = { text: a.text ?? '', ...bot, ...pick(a, 'blocks') };
      return { ok: true, channel: a.channel, ts: a.ts, text: a.text ?? '', message };
    },
    'chat.postEphemeral': (a) => {
      const refused = workspace.postRefusal(a.channel);
      if (refused) return { ok: false, error: refused };
      if (!str(a.user)) return { ok: false, error: 'user_not_in_channel' };
      return content(a) ?? { ok: true, message_ts: nextTs() };
    },
    'conversations.join': (a) => {
      const channel = workspace.find(String(a.channel ?? ''));
      if (!channel) return { ok: false, error: 'channel_not_found' };
      const member = workspace.isMember(channel.id);
      if (channel.kind === 'private' && !member) return { ok: false, error: 'channel_not_found' };
      if (channel.kind !== 'public') return { ok: false, error: 'method_not_supported_for_channel_type' };
      if (channel.archived) return { ok: false, error: 'is_archived' };
      workspace.join(channel.id);
      const info = { id: channel.id, is_channel: true, is_private: false, is_member: true };
      return member
        ? { ok: true, channel: info, warning: 'already_in_channel' }
        : { ok: true, channel: info };
    },
    'views.publish': (a) => (str(a.user_id) ? openView(a) : { ok: false, error: 'invalid_arguments' }),
    'views.open': (a) => {
      const trigger = str(a.trigger_id);
      if (!trigger) return { ok: false, error: 'invalid_trigger_id' };
      // A trigger opens one view (and expires after 3 s, which the fake does not model).
      if (triggers.has(trigger)) return { ok: false, error: 'trigger_exchanged' };
      const opened = openView(a);
      if (opened.ok) triggers.add(trigger);
      return opened;
    },
    'users.info': (a) => {
      const id = str(a.user) ?? '';
      const user = users[id];
      if (!user) return { ok: false, error: 'user_not_found' };
      const tz = user.tz ?? 'UTC';
      const profile = { id, name: user.name ?? id.toLowerCase(), tz, team_id: user.teamId ?? teamId };
      return { ok: true, user: { ...profile, is_bot: id === botUserId } };
    },
    ...files.methods,
    'reactions.add': (a) => {
      const [channel, ts, name] = [str(a.channel), str(a.timestamp), str(a.name)];
      if (!channel || !ts || !name) return { ok: false, error: 'invalid_arguments' };
      if (!reactions.add(channel, ts, name, botUserId)) return { ok: false, error: 'already_reacted' };
      return { ok: true };
    },
    // The message's reactions, each with every user who put it there (`full`: Slack may otherwise
    // cut a long list short, which the fake, with few people, never needs to).
    'reactions.get': (a) => {
      const channel = str(a.channel);
      const ts = str(a.timestamp);
      if (!channel || !ts) return { ok: false, error: 'no_item_specified' };
      if (workspace.find(channel) === null) return { ok: false, error: 'channel_not_found' };
      const message = messages.get(`${channel}/${ts}`);
      if (!message) return { ok: false, error: 'message_not_found' };
      const on = reactions.on(channel, ts);
      return {
        ok: true,
        type: 'message',
        channel,
        message: {
          type: 'message',
          text: message.text,
          ...bot,
          ts,
          ...(message.threadTs ? { thread_ts: message.threadTs } : {}),
          ...(on.length > 0 ? { reactions: on } : {}),
        },
      };
    },
  };
}
