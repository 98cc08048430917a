import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

type Json = Record<string, unknown>;
type Params = Record<string, string>;

/** One REST request the fake received (path without `/api/v10` and without the query). */
export interface FakeDiscordCall {
  method: string;
  path: string;
  query: Params;
  /** The JSON body (or a multipart body's `payload_json`); undefined when there was none. */
  body: unknown;
  /** The `Authorization` header, null when none was sent (interaction callbacks, webhooks). */
  auth: string | null;
  status: number;
  /** True when the fake answered 429 to this attempt. */
  rateLimited?: true;
}

/** How {@link FakeDiscord.failNext} fails a request. */
export interface FakeDiscordFailure {
  /** HTTP status; 429 (shaped like Discord's rate limit answer) by default. */
  status?: number;
  /** For 429: `retry_after` in the body (default 0.5); the `Retry-After` header is it rounded up, as Discord does. */
  retryAfterSeconds?: number;
  /** For 429: a global rate limit (`X-RateLimit-Global: true`). */
  global?: boolean;
  /** Discord's JSON error code for other statuses (default 0). */
  code?: number;
}

/** A route's answer: status and JSON body (none for 204). */
export interface FakeDiscordAnswer {
  status: number;
  body?: unknown;
}

/** Ids, the accepted token and extra routes of a {@link startFakeDiscord} server. */
export interface FakeDiscordOptions {
  applicationId?: string;
  botUserId?: string;
  /** The only bot token accepted; any `Bot …` token when unset. */
  token?: string;
  /** What `GET /gateway/bot` answers (a fake gateway's `ws://` URL). */
  gatewayUrl?: string;
  /** Extra or overriding routes, checked before the built-in ones. */
  handlers?: Array<{
    method: string;
    path: RegExp;
    answer(match: RegExpExecArray, body: unknown): FakeDiscordAnswer;
  }>;
}

/** A local stand-in for Discord's REST API v10, recording what it was sent. */
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
  /** Interaction callbacks received, in order. */
  readonly interactionResponses: Array<{ id: string; token: string; type: number; data: unknown }>;
  /** The commands the last bulk overwrite stored: global without `guildId`. */
  commands(guildId?: string): Json[];
  callsTo(method: string, path: RegExp): FakeDiscordCall[];
  /** Makes the next matching request fail once (default: 429 with `retry_after` 0.5). */
  failNext(method: string, path: RegExp, failure?: FakeDiscordFailure): void;
  /** Resolves once `predicate` holds (polled every 20 ms); rejects with the calls seen on timeout. */
  waitFor(predicate: (calls: FakeDiscordCall[]) => boolean, timeoutMs?: number): Promise<FakeDiscordCall[]>;
  close(): Promise<void>;
}

type Answer = FakeDiscordAnswer & { headers?: Record<string, string> };
/** A route: its path parameters, the body as an object (`raw`: as sent, e.g. an array), the query. */
type Handler = (p: Params, body: Json, query: Params, raw: unknown, match: RegExpExecArray) => Answer;

const ok = (body: unknown): Answer => ({ status: 200, body });
const noContent: Answer = { status: 204 };
const error = (status: number, message: string, code: number): Answer => ({
  status,
  body: { message, code },
});
const unknownMessage = error(404, 'Unknown Message', 10008);
const asJson = (v: unknown): Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : {};
const DISCORD_EPOCH = 1420070400000n;

/** `/channels/:channel/messages` → a regex with named groups. */
const compile = (path: string): RegExp =>
  new RegExp(`^${path.replace(/\//g, '\\/').replace(/:(\w+)/g, '(?<$1>[^/]+)')}$`);

/** Discord's 429: the body, `Retry-After` in whole seconds, and the `X-RateLimit-*` headers @discordjs/rest reads. */
function rateLimited(f: FakeDiscordFailure): Answer {
  const after = f.retryAfterSeconds ?? 0.5;
  const headers: Record<string, string> = {
    'retry-after': String(Math.ceil(after)),
    'x-ratelimit-limit': '5',
    'x-ratelimit-remaining': '0',
    'x-ratelimit-reset': String(Date.now() / 1000 + after),
    'x-ratelimit-reset-after': String(after),
    'x-ratelimit-bucket': 'fakebucket',
    'x-ratelimit-scope': f.global ? 'global' : 'user',
    // @discordjs/rest treats the mere presence of this header as a global limit.
    ...(f.global ? { 'x-ratelimit-global': 'true' } : {}),
  };
  const body = { message: 'You are being rate limited.', retry_after: after, global: f.global === true };
  return { status: 429, body, headers };
}

async function readBody(req: IncomingMessage, raw: Buffer): Promise<unknown> {
  const type = req.headers['content-type'] ?? '';
  if (raw.length === 0) return undefined;
  if (!type.startsWith('multipart/form-data')) return JSON.parse(raw.toString('utf8'));
  const payload = (await new Response(raw, { headers: { 'content-type': type } }).formData()).get(
    'payload_json',
  );
  return typeof payload === 'string' ? JSON.parse(payload) : {};
}

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
  const messages = new Map<string, Json>();
  const interactionResponses: FakeDiscord['interactionResponses'] = [];
  const stored = new Map<string, Json[]>();
  const failures: Array<{ method: string; path: RegExp; failure: FakeDiscordFailure }> = [];
  const originals = new Map<string, string>(); // interaction token → its original message id

  let last = 0n;
  const snowflake = (): string => {
    const now = (BigInt(Date.now()) - DISCORD_EPOCH) << 22n;
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
    if (!m) return unknownMessage;
    const { content, embeds, components, flags } = body;
    const changes = Object.entries({ content, embeds, components, flags }).filter(([, v]) => v !== undefined);
    Object.assign(m, Object.fromEntries(changes), { edited_timestamp: new Date().toISOString() });
    return ok(m);
  };
  /** Bulk overwrite: the scope holds exactly these commands; a command keeps its id when its name stays. */
  const overwrite = (p: Params, body: unknown): Answer => {
    if (!Array.isArray(body)) return error(400, 'Invalid Form Body', 50035);
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
  const callback = (p: Params, b: Json, q: Params): Answer => {
    const { id = '', token = '' } = p;
    if (interactionResponses.some((r) => r.id === id)) {
      return error(400, 'Interaction has already been acknowledged.', 40060);
    }
    const type = Number(b.type);
    interactionResponses.push({ id, token, type, data: b.data });
    let original: Json | undefined;
    // A reply (4) or a deferred reply (5, "is thinking…") creates the message `@original` edits.
    if (type === 4 || type === 5) {
      const extra = { webhook_id: applicationId, application_id: applicationId };
      const data = asJson(b.data);
      // A deferred reply shows "is thinking…" (flag 128), ephemeral when the defer asked (flag 64).
      original = post('0', type === 4 ? data : { flags: 128 | Number(data.flags ?? 0) }, extra);
      originals.set(token, String(original.id));
    }
    if (q.with_response !== 'true') return noContent;
    const interaction = { id, type: 2, response_message_loading: type === 5 };
    return ok({ interaction, resource: { type, ...(original ? { message: original } : {}) } });
  };
  const webhookMessage = (p: Params): string | undefined =>
    p.message === '@original' ? originals.get(p.token ?? '') : p.message;
  const member = (p: Params): Answer => {
    const roles = members.get(`${p.guild}:${p.user}`);
    if (!roles) return error(404, 'Unknown Member', 10007);
    const user = { id: p.user, username: `user${p.user?.slice(-4)}`, discriminator: '0', avatar: null };
    return ok({ user, roles, nick: null, joined_at: '2026-01-01T00:00:00.000Z', deaf: false, mute: false });
  };
  const thread = (p: Params, b: Json): Answer =>
    ok({ id: p.message, type: 11, parent_id: p.channel, name: b.name ?? 'thread', owner_id: botUserId });
  const gateway = {
    url: options.gatewayUrl ?? 'wss://gateway.discord.gg',
    shards: 1,
    session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 1 },
  };

  const MSG = '/channels/:channel/messages/:message';
  const HOOK = '/webhooks/:app/:token/messages/:message';
  const routes: Array<[string, string, Handler]> = [
    ['GET', '/users/@me', () => ok(bot)],
    ['GET', '/gateway/bot', () => ok(gateway)],
    ['GET', '/gateway', () => ok({ url: gateway.url })],
    ['GET', '/applications/@me', () => ok({ id: applicationId, name: 'Goalpost', bot, flags: 0 })],
    ['PUT', '/applications/:app/commands', (p, _b, _q, raw) => overwrite(p, raw)],
    ['PUT', '/applications/:app/guilds/:guild/commands', (p, _b, _q, raw) => overwrite(p, raw)],
    ['GET', '/applications/:app/commands', (p) => ok(stored.get(`${p.app}`) ?? [])],
    ['GET', '/applications/:app/guilds/:guild/commands', (p) => ok(stored.get(`${p.app}:${p.guild}`) ?? [])],
    ['GET', '/channels/:channel', (p) => ok({ id: p.channel, type: 0, name: 'general' })],
    ['POST', '/channels/:channel/messages', (p, b) => ok(post(`${p.channel}`, b))],
    ['GET', MSG, (p) => (messages.has(`${p.message}`) ? ok(messages.get(`${p.message}`)) : unknownMessage)],
    ['PATCH', MSG, (p, b) => edit(p.message, b)],
    ['DELETE', MSG, (p) => (messages.delete(`${p.message}`) ? noContent : unknownMessage)],
    ['PUT', `${MSG}/reactions/:emoji/@me`, () => noContent],
    ['DELETE', `${MSG}/reactions/:emoji/@me`, () => noContent],
    ['POST', `${MSG}/threads`, thread],
    ['GET', '/guilds/:guild/members/:user', member],
    ['POST', '/interactions/:id/:token/callback', callback],
    [
      'POST',
      '/webhooks/:app/:token',
      (p, b, q) => {
        if (!originals.has(`${p.token}`)) return error(404, 'Unknown Webhook', 10015);
        const sent = post('0', b, { webhook_id: p.app, application_id: p.app });
        return q.wait === 'true' ? ok(sent) : noContent;
      },
    ],
    [
      'GET',
      HOOK,
      (p) => {
        const m = messages.get(webhookMessage(p) ?? '');
        return m ? ok(m) : unknownMessage;
      },
    ],
    ['PATCH', HOOK, (p, b) => edit(webhookMessage(p), b)],
    ['DELETE', HOOK, (p) => (messages.delete(webhookMessage(p) ?? '') ? noContent : unknownMessage)],
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

  function respond(method: string, path: string, query: Params, body: unknown, auth: string | null): Answer {
    const failAt = failures.findIndex((f) => f.method === method && f.path.test(path));
    const failure = failAt >= 0 ? failures.splice(failAt, 1)[0]?.failure : undefined;
    if (failure) {
      const status = failure.status ?? 429;
      return status === 429 ? rateLimited(failure) : error(status, `${status}: failure`, failure.code ?? 0);
    }
    if (!authorized(path, auth)) return error(401, '401: Unauthorized', 0);
    for (const [m, pattern, handle] of compiled) {
      const match = m === method ? pattern.exec(path) : null;
      if (match) return handle({ ...match.groups }, asJson(body), query, body, match);
    }
    return error(404, '404: Not Found', 0);
  }

  const send = (res: ServerResponse, answer: Answer): void => {
    const headers = answer.headers ?? {};
    if (answer.body === undefined) {
      res.writeHead(answer.status, headers).end();
      return;
    }
    res.writeHead(answer.status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(answer.body));
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const method = req.method ?? 'GET';
      const path = /^\/api\/v10(\/.*)$/.exec(url.pathname)?.[1];
      readBody(req, Buffer.concat(chunks))
        .then((body) => {
          if (path === undefined) return send(res, error(404, '404: Not Found', 0));
          const query = Object.fromEntries(url.searchParams);
          const answer = respond(method, path, query, body, req.headers.authorization ?? null);
          const limited = answer.status === 429 ? { rateLimited: true as const } : {};
          calls.push({
            method,
            path,
            query,
            body,
            auth: req.headers.authorization ?? null,
            status: answer.status,
            ...limited,
          });
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
    interactionResponses,
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
