import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createChannels, type FakeAttachment, type FakeChannelOptions } from './discord-channel-routes.js';
import {
  type Answer,
  asJson,
  compile,
  error,
  type FakeDiscordFailure,
  type FakeUpload,
  type Json,
  ok,
  rateLimited,
  readBody,
  send,
} from './discord-http.js';
import { interactionRoutes } from './discord-interaction-routes.js';
import { commandProblems, invalidFormBody } from './discord-validate.js';

export type { FakeAttachment, FakeChannelOptions, FakePermission } from './discord-channel-routes.js';
export type { FakeDiscordFailure } from './discord-http.js';

type Params = Record<string, string>;

/** One REST request the fake received (path without `/api/v10` and without the query). */
export interface FakeDiscordCall {
  method: string;
  path: string;
  query: Params;
  /** The JSON body (or a multipart body's `payload_json`); undefined when there was none. */
  body: unknown;
  /** A multipart body's files: their form field (`files[0]`), name, type and size. */
  files?: Array<{ field: string; filename: string; contentType: string; size: number }>;
  /** The `Authorization` header, null when none was sent (interaction callbacks, webhooks). */
  auth: string | null;
  status: number;
  /** True when the fake answered 429 to this attempt. */
  rateLimited?: true;
}

/** A route's answer: status and JSON body (none for 204). */
export interface FakeDiscordAnswer {
  status: number;
  body?: unknown;
}

/** Ids, the accepted token, the channels and extra routes of a {@link startFakeDiscord} server. */
export interface FakeDiscordOptions {
  applicationId?: string;
  botUserId?: string;
  /** The only bot token accepted; any `Bot …` token when unset. */
  token?: string;
  /** What `GET /gateway/bot` answers (a fake gateway's `ws://` URL). */
  gatewayUrl?: string;
  /** The guild's text channels; any other channel id is Unknown Channel (10003), as on Discord. */
  channels?: Record<string, FakeChannelOptions>;
  /** The guild the channels are in (what a thread's THREAD_CREATE names). */
  guildId?: string;
  /** The most bytes of files one message takes (default 10 MiB, a server without boosts): past it, 40005. */
  uploadLimitBytes?: number;
  /**
   * Hears the gateway events Discord sends the bot about what its requests did (THREAD_CREATE for
   * a thread it started): a fake gateway's `dispatch`, so discord.js caches the thread as it would.
   */
  dispatch?: (event: string, data: Json) => void;
  /** Extra or overriding routes, checked before the built-in ones. */
  handlers?: Array<{
    method: string;
    path: RegExp;
    answer(match: RegExpExecArray, body: unknown): FakeDiscordAnswer;
  }>;
}

/**
 * A local stand-in for Discord's REST API v10, recording what it was sent. It refuses what
 * Discord refuses: bodies past the documented limits (50035), channels it does not know (10003)
 * or may not see (50001), what a denied permission forbids (50013; without Embed Links the embeds
 * are dropped, as Discord does), a second thread on a message (160004), and interaction answers
 * out of turn (see discord-interaction-routes.ts).
 */
export interface FakeDiscord {
  /** `http://127.0.0.1:PORT` */
  readonly url: string;
  /** `http://127.0.0.1:PORT/api`: @discordjs/rest's `api` option (it appends `/v10`), `DISCORD_API_URL`. */
  readonly apiUrl: string;
  readonly applicationId: string;
  readonly botUserId: string;
  readonly calls: FakeDiscordCall[];
  /** Guild members' role ids by `guildId:userId`, for `GET /guilds/:g/members/:u`. */
  readonly members: Map<string, string[]>;
  /** Every message posted (channel messages, interaction replies and follow-ups) by id. */
  readonly messages: Map<string, Json>;
  /** Files messages carried, in order, with their bytes and descriptions. */
  readonly attachments: readonly FakeAttachment[];
  /** Interaction callbacks received, in order. */
  readonly interactionResponses: Array<{ id: string; token: string; type: number; data: unknown }>;
  /** Adds a text channel (or changes what the bot is denied in it). */
  channel(id: string, options?: FakeChannelOptions): void;
  /** Deletes a channel: from now on it is Unknown Channel. */
  deleteChannel(id: string): void;
  /**
   * A person adds (`added`) or takes back a reaction on a message: the message's `reactions` and
   * Get Reactions show it from now on (the gateway event is the test's to send).
   */
  reaction(messageId: string, userId: string, emoji: string, added: boolean): void;
  /**
   * Archives a thread, as Discord does once it has been inactive past its auto-archive duration:
   * its messages can no longer be edited (50083) until a message is sent there or it is unarchived.
   */
  archiveThread(id: string): void;
  /** The messages in a channel or thread, oldest first. */
  messagesIn(channelId: string): Json[];
  /** Tells the fake which message a component interaction came from (what `@original` is after 6 or 7). */
  noteInteraction(id: string, messageId: string): void;
  /** The commands the last bulk overwrite stored: global without `guildId`. */
  commands(guildId?: string): Json[];
  callsTo(method: string, path: RegExp): FakeDiscordCall[];
  /** Makes the next matching request fail once (default: 429 with `retry_after` 0.5). */
  failNext(method: string, path: RegExp, failure?: FakeDiscordFailure): void;
  /** Resolves once `predicate` holds (polled every 20 ms); rejects with the calls seen on timeout. */
  waitFor(predicate: (calls: FakeDiscordCall[]) => boolean, timeoutMs?: number): Promise<FakeDiscordCall[]>;
  close(): Promise<void>;
}

type Handler = (
  p: Params,
  body: Json,
  query: Params,
  raw: unknown,
  match: RegExpExecArray,
  files: FakeUpload[],
) => Answer;

/** Starts the fake on 127.0.0.1 on a free port. */
export async function startFakeDiscord(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  const applicationId = options.applicationId ?? '1150000000000000001';
  const botUserId = options.botUserId ?? applicationId;
  const bot = {
    id: botUserId,
    username: 'goalpost',
    discriminator: '0',
    global_name: null,
    avatar: null,
    bot: true,
  };
  const calls: FakeDiscordCall[] = [];
  const members = new Map<string, string[]>();
  const interactionResponses: FakeDiscord['interactionResponses'] = [];
  const sources = new Map<string, string>();
  const stored = new Map<string, Json[]>();
  const failures: Array<{ method: string; path: RegExp; failure: FakeDiscordFailure }> = [];
  const store = createChannels(bot, {
    guildId: options.guildId ?? '1150000000000000001',
    ...(options.dispatch ? { dispatch: options.dispatch } : {}),
    ...(options.uploadLimitBytes === undefined ? {} : { uploadLimitBytes: options.uploadLimitBytes }),
  });
  const { messages, post, edit, snowflake } = store;
  for (const [id, o] of Object.entries(options.channels ?? {})) store.add(id, o);

  /** Bulk overwrite: the scope holds exactly these commands; a command keeps its id when its name stays. */
  const overwrite = (p: Params, body: unknown): Answer => {
    if (!Array.isArray(body)) return error(400, 'Invalid Form Body', 50035);
    // As Discord refuses a command past its limits (25 subcommands, 4,000 characters), storing none.
    const problems = commandProblems(body);
    if (problems.length > 0) {
      const refused = problems.map((message) => ({
        path: 'options',
        code: 'APPLICATION_COMMAND_INVALID',
        message,
      }));
      return { status: 400, body: invalidFormBody(refused) };
    }
    const key = p.guild ? `${p.app}:${p.guild}` : `${p.app}`;
    const before = stored.get(key) ?? [];
    const next = body.map(asJson).map((c) => {
      const same = before.find((b) => b.name === c.name && (b.type ?? 1) === (c.type ?? 1));
      const ids = { id: same?.id ?? snowflake(), application_id: p.app, version: snowflake() };
      return { type: 1, ...c, ...ids, ...(p.guild ? { guild_id: p.guild } : {}) };
    });
    stored.set(key, next);
    return ok(next);
  };
  const member = (p: Params): Answer => {
    const roles = members.get(`${p.guild}:${p.user}`);
    if (!roles) return error(404, 'Unknown Member', 10007);
    const user = { id: p.user, username: `user${p.user?.slice(-4)}`, discriminator: '0', avatar: null };
    return ok({ user, roles, nick: null, joined_at: '2026-01-01T00:00:00.000Z', deaf: false, mute: false });
  };
  const gateway = {
    url: options.gatewayUrl ?? 'wss://gateway.discord.gg',
    shards: 1,
    session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 1 },
  };

  const routes: Array<[string, string, Handler]> = [
    ['GET', '/users/@me', () => ok(bot)],
    ['GET', '/gateway/bot', () => ok(gateway)],
    ['GET', '/gateway', () => ok({ url: gateway.url })],
    ['GET', '/applications/@me', () => ok({ id: applicationId, name: 'Goalpost', bot, flags: 0 })],
    ['PUT', '/applications/:app/commands', (p, _b, _q, raw) => overwrite(p, raw)],
    ['PUT', '/applications/:app/guilds/:guild/commands', (p, _b, _q, raw) => overwrite(p, raw)],
    ['GET', '/applications/:app/commands', (p) => ok(stored.get(`${p.app}`) ?? [])],
    ['GET', '/applications/:app/guilds/:guild/commands', (p) => ok(stored.get(`${p.app}:${p.guild}`) ?? [])],
    ...store.routes.map(([method, path, handle]): [string, string, Handler] => [
      method,
      path,
      (p, b, q, _raw, _m, files) => handle(p, b, files, q),
    ]),
    ['GET', '/guilds/:guild/members/:user', member],
    ...interactionRoutes({ applicationId, responses: interactionResponses, sources, messages, post, edit }),
  ];
  const compiled = [
    ...(options.handlers ?? []).map((h): [string, RegExp, Handler] => [
      h.method,
      h.path,
      (_p, _b, _q, raw, m) => h.answer(m, raw),
    ]),
    ...routes.map(([method, path, handle]): [string, RegExp, Handler] => [method, compile(path), handle]),
  ];

  const authorized = (path: string, auth: string | null): boolean => {
    if (/^\/(interactions|webhooks)\//.test(path)) return true; // these carry the interaction token instead
    return options.token === undefined ? /^Bot \S+$/.test(auth ?? '') : auth === `Bot ${options.token}`;
  };

  function respond(
    method: string,
    path: string,
    query: Params,
    body: unknown,
    auth: string | null,
    files: FakeUpload[],
  ): Answer {
    const failAt = failures.findIndex((f) => f.method === method && f.path.test(path));
    const failure = failAt >= 0 ? failures.splice(failAt, 1)[0]?.failure : undefined;
    if (failure) {
      const status = failure.status ?? 429;
      return status === 429 ? rateLimited(failure) : error(status, `${status}: failure`, failure.code ?? 0);
    }
    if (!authorized(path, auth)) return error(401, '401: Unauthorized', 0);
    for (const [m, pattern, handle] of compiled) {
      const match = m === method ? pattern.exec(path) : null;
      if (match) return handle({ ...match.groups }, asJson(body), query, body, match, files);
    }
    return error(404, '404: Not Found', 0);
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const method = req.method ?? 'GET';
      // Recorded as Discord reads it: clients percent-encode `@original` and emoji.
      const path = /^\/api\/v10(\/.*)$/.exec(url.pathname)?.[1]?.split('/').map(decodeURIComponent).join('/');
      readBody(req, Buffer.concat(chunks))
        .then(({ body, files }) => {
          if (path === undefined) return send(res, error(404, '404: Not Found', 0));
          const query = Object.fromEntries(url.searchParams);
          const auth = req.headers.authorization ?? null;
          const answer = respond(method, path, query, body, auth, files);
          const limited = answer.status === 429 ? { rateLimited: true as const } : {};
          const parts = files.map(({ field, filename, contentType, bytes }) => ({
            field,
            filename,
            contentType,
            size: bytes.length,
          }));
          const sent = parts.length > 0 ? { files: parts } : {};
          calls.push({ method, path, query, body, auth, status: answer.status, ...limited, ...sent });
          send(res, answer);
        })
        .catch((e: unknown) => send(res, error(400, `400: Bad Request (${String(e)})`, 50109)));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;

  return {
    url,
    apiUrl: `${url}/api`,
    applicationId,
    botUserId,
    calls,
    members,
    messages,
    attachments: store.attachments,
    interactionResponses,
    channel: store.add,
    deleteChannel: store.remove,
    reaction: store.react,
    archiveThread: store.archive,
    messagesIn: (id) => [...messages.values()].filter((m) => m.channel_id === id),
    noteInteraction: (id, messageId) => void sources.set(id, messageId),
    commands: (guildId) => stored.get(guildId ? `${applicationId}:${guildId}` : applicationId) ?? [],
    callsTo: (method, path) => calls.filter((c) => c.method === method && path.test(c.path)),
    failNext(method, path, failure = {}) {
      failures.push({ method, path, failure });
    },
    waitFor(predicate, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      return new Promise((resolve, reject) => {
        const poll = (): void => {
          if (predicate(calls)) resolve(calls);
          else if (Date.now() <= deadline) setTimeout(poll, 20);
          else {
            const seen = JSON.stringify(calls, null, 2).slice(0, 20_000);
            reject(new Error(`fake Discord: condition not met within ${timeoutMs} ms; saw ${seen}`));
          }
        };
        poll();
      });
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((e) => (e ? reject(e) : resolve()));
        server.closeAllConnections();
      }),
  };
}
