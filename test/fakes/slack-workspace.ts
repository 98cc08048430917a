import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { packageRoot } from '../../src/paths.js';

/**
 * The conversations of the fake's workspace and who is in them, as Slack sees them from the bot:
 * - a public channel (`C…` unless said otherwise) can be joined (`conversations.join`, scope
 *   `channels:join`) and posted to without joining (`chat:write.public`); otherwise
 *   `not_in_channel`;
 * - a private channel (`G…`, or any id declared private) and a direct message (`D…`) are
 *   invisible to a bot that is not in them: `channel_not_found`; only `/invite @goalpost` (here
 *   {@link SlackWorkspace.invite}) lets it in; `conversations.join` cannot;
 * - Slack sends events (reactions) only from conversations the bot is a member of.
 */
export type ChannelKind = 'public' | 'private' | 'im' | 'mpim';

export interface FakeSlackChannel {
  kind: ChannelKind;
  archived?: boolean;
  /** True when the bot is already in it (invited before the test starts). */
  botIsMember?: boolean;
}

export interface Conversation {
  id: string;
  kind: ChannelKind;
  archived: boolean;
}

/** The bot scopes manifest.yml grants, read now: removing one there makes the fake refuse it here. */
export function manifestScopes(): string[] {
  const manifest = parse(readFileSync(join(packageRoot(), 'manifest.yml'), 'utf8')) as {
    oauth_config?: { scopes?: { bot?: string[] } };
  };
  return manifest.oauth_config?.scopes?.bot ?? [];
}

/** The scope each Web API method needs with a bot token; absent: none. */
export const METHOD_SCOPES: Record<string, string> = {
  'chat.postMessage': 'chat:write',
  'chat.postEphemeral': 'chat:write',
  'chat.update': 'chat:write',
  'chat.delete': 'chat:write',
  'conversations.join': 'channels:join',
  'users.info': 'users:read',
  'reactions.add': 'reactions:write',
  'reactions.get': 'reactions:read',
  'files.getUploadURLExternal': 'files:write',
  'files.completeUploadExternal': 'files:write',
};

export interface SlackWorkspace {
  readonly scopes: ReadonlySet<string>;
  /** The conversation, or null when the id names none Slack knows. */
  find(id: string): Conversation | null;
  isMember(id: string): boolean;
  /** `/invite @goalpost` typed in the conversation. */
  invite(id: string): void;
  /** Someone removes the bot from the conversation. */
  remove(id: string): void;
  join(id: string): void;
  /**
   * An admin adds `scope` to the app and reinstalls it (the README's upgrade step): Slack grants
   * it to the bot token the workspace already has.
   */
  grant(scope: string): void;
  /** The bot user leaves every conversation (its token was revoked: the app was uninstalled). */
  leaveAll(): void;
  archive(id: string): void;
  /** `{ ok: false, error: 'missing_scope', needed, provided }` when the token lacks `scope`. */
  missing(scope: string | undefined): Record<string, unknown> | null;
  /** Why Slack would refuse the bot posting in `id`, or null (chat.postMessage, postEphemeral). */
  postRefusal(id: unknown): string | null;
}

function kindOf(id: string): ChannelKind | null {
  if (/^C[A-Z0-9]+$/.test(id)) return 'public';
  if (/^G[A-Z0-9]+$/.test(id)) return 'private';
  if (/^D[A-Z0-9]+$/.test(id)) return 'im';
  return null;
}

export function createSlackWorkspace(
  channels: Record<string, FakeSlackChannel> = {},
  scopes: readonly string[] = manifestScopes(),
): SlackWorkspace {
  const declared = new Map(Object.entries(channels));
  const members = new Set(
    Object.entries(channels)
      .filter(([, c]) => c.botIsMember)
      .map(([id]) => id),
  );
  const archived = new Set(
    Object.entries(channels)
      .filter(([, c]) => c.archived)
      .map(([id]) => id),
  );
  const granted = new Set(scopes);

  const find = (id: string): Conversation | null => {
    const kind = declared.get(id)?.kind ?? kindOf(id);
    return kind ? { id, kind, archived: archived.has(id) } : null;
  };

  return {
    scopes: granted,
    find,
    isMember: (id) => members.has(id),
    invite(id) {
      if (!find(id)) throw new Error(`fake Slack: no conversation ${id} to invite the bot to`);
      members.add(id);
    },
    remove(id) {
      members.delete(id);
    },
    join(id) {
      members.add(id);
    },
    grant(scope) {
      granted.add(scope);
    },
    leaveAll() {
      members.clear();
    },
    archive(id) {
      archived.add(id);
    },
    missing(scope) {
      if (scope === undefined || granted.has(scope)) return null;
      return { ok: false, error: 'missing_scope', needed: scope, provided: [...granted].join(',') };
    },
    postRefusal(id) {
      const c = typeof id === 'string' ? find(id) : null;
      if (!c) return 'channel_not_found';
      const member = members.has(c.id);
      if (c.kind !== 'public' && !member) return 'channel_not_found';
      if (c.archived) return 'is_archived';
      if (!member && !granted.has('chat:write.public')) return 'not_in_channel';
      return null;
    },
  };
}
