import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SLACK_TEST_IDS } from './slack-signing.js';

type Args = Record<string, unknown>;

/** One Web API request the fake received. */
export interface FakeSlackCall {
  method: string;
  /** From `Authorization: Bearer …`, else the body's `token`; null when neither was sent. */
  token: string | null;
  /** The body's fields (without `token`); JSON-valued form fields such as `blocks` parsed. */
  args: Args;
  /** True when the fake answered 429 to this attempt. */
  rateLimited?: true;
  /** The `error` of an `ok: false` answer. */
  error?: string;
}

/** A JSON body POSTed to a {@link FakeSlack.responseUrl} (Bolt's `respond()`). */
export interface FakeSlackResponse {
  name: string;
  body: unknown;
}

export interface FakeSlackFailure {
  /** HTTP status; 429 (with `Retry-After`) by default. */
  status?: number;
  retryAfterSeconds?: number;
  /** The `error` to answer with (defaults: `ratelimited` for 429, `internal_error` otherwise). */
  error?: string;
}

export interface FakeSlackUser {
  tz?: string;
  name?: string;
  teamId?: string;
}

export interface FakeSlackOptions {
  teamId?: string;
  botUserId?: string;
  botId?: string;
  users?: Record<string, FakeSlackUser>;
  /** Extra or overriding methods: return the body to answer with (add `ok` yourself). */
  handlers?: Record<string, (args: Args, call: FakeSlackCall) => Args>;
}

/** A local stand-in for slack.com's Web API and response URLs, recording what it was sent. */
export interface FakeSlack {
  /** `http://127.0.0.1:PORT` */
  readonly url: string;
  /** `http://127.0.0.1:PORT/api/`: WebClient's `slackApiUrl` (Bolt: `clientOptions.slackApiUrl`). */
  readonly apiUrl: string;
  readonly calls: FakeSlackCall[];
  readonly responses: FakeSlackResponse[];
  /** The calls of one method, in order. */
  callsTo(method: string): FakeSlackCall[];
  /** Makes the next call of `method` fail once (default: HTTP 429 with `Retry-After: 1`). */
  failNext(method: string, failure?: FakeSlackFailure): void;
  /** A response_url on this server; what is POSTed to it lands in `responses` under `name`. */
  responseUrl(name: string): string;
  /** Resolves once `predicate` holds (polled every 20 ms); rejects with the calls seen on timeout. */
  waitFor(
    predicate: (calls: FakeSlackCall[], responses: FakeSlackResponse[]) => boolean,
    timeoutMs?: number,
  ): Promise<FakeSlackCall[]>;
  close(): Promise<void>;
}

/** Fields WebClient JSON-encodes into form bodies and tests want back as objects. */
const JSON_FIELDS = new Set(['blocks', 'attachments', 'view', 'metadata', 'user_auth_blocks']);

function parseBody(raw: string, contentType: string): Args {
  if (contentType.includes('application/json')) {
    const json: unknown = raw ? JSON.parse(raw) : {};
    return typeof json === 'object' && json !== null ? (json as Args) : {};
  }
  const args: Args = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    const looksJson = JSON_FIELDS.has(key) || (key !== 'text' && /^[[{]/.test(value));
    try {
      args[key] = looksJson ? JSON.parse(value) : value;
    } catch {
      args[key] = value;
    }
  }
  return args;
}

const pick = (a: Args, ...keys: string[]): Args =>
  Object.fromEntries(keys.flatMap((k) => (a[k] === undefined ? [] : [[k, a[k]]])));

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** Starts the fake on 127.0.0.1 on a free port. */
export async function startFakeSlack(options: FakeSlackOptions = {}): Promise<FakeSlack> {
  const teamId = options.teamId ?? SLACK_TEST_IDS.teamId;
  const botUserId = options.botUserId ?? SLACK_TEST_IDS.botUserId;
  const botId = options.botId ?? SLACK_TEST_IDS.botId;
  const users: Record<string, FakeSlackUser> = { [botUserId]: { name: 'goalpost' }, ...options.users };
  const calls: FakeSlackCall[] = [];
  const responses: FakeSlackResponse[] = [];
  const failures = new Map<string, FakeSlackFailure[]>();
  const reactions = new Set<string>();
  let tsCounter = 0;
  const nextTs = (): string => {
    const micro = ++tsCounter * 100;
    return `${1_700_000_000 + Math.floor(micro / 1e6)}.${String(micro % 1e6).padStart(6, '0')}`;
  };

  const bot = { user: botUserId, bot_id: botId };
  const methods: Record<string, (a: Args) => Args> = {
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
      if (!str(a.channel)) return { ok: false, error: 'channel_not_found' };
      if (!str(a.text) && !a.blocks && !a.attachments) return { ok: false, error: 'no_text' };
      const ts = nextTs();
      const message = {
        type: 'message',
        text: a.text ?? '',
        ...bot,
        ts,
        team: teamId,
        ...pick(a, 'blocks', 'thread_ts'),
      };
      return { ok: true, channel: a.channel, ts, message };
    },
    'chat.update': (a) => {
      if (!str(a.channel)) return { ok: false, error: 'channel_not_found' };
      if (!str(a.ts)) return { ok: false, error: 'message_not_found' };
      const message = { text: a.text ?? '', ...bot, ...pick(a, 'blocks') };
      return { ok: true, channel: a.channel, ts: a.ts, text: a.text ?? '', message };
    },
    'chat.postEphemeral': (a) => {
      if (!str(a.channel)) return { ok: false, error: 'channel_not_found' };
      if (!str(a.user)) return { ok: false, error: 'user_not_in_channel' };
      return { ok: true, message_ts: nextTs() };
    },
    'views.publish': (a) =>
      str(a.user_id) && typeof a.view === 'object'
        ? { ok: true, view: { id: 'V123', team_id: teamId, ...(a.view as Args) } }
        : { ok: false, error: 'invalid_arguments' },
    'views.open': (a) => {
      if (!str(a.trigger_id)) return { ok: false, error: 'invalid_trigger_id' };
      if (typeof a.view !== 'object') return { ok: false, error: 'invalid_arguments' };
      return { ok: true, view: { id: 'V123', team_id: teamId, ...(a.view as Args) } };
    },
    'users.info': (a) => {
      const id = str(a.user) ?? '';
      const user = users[id];
      if (!user) return { ok: false, error: 'user_not_found' };
      const tz = user.tz ?? 'UTC';
      const profile = { id, name: user.name ?? id.toLowerCase(), tz, team_id: user.teamId ?? teamId };
      return { ok: true, user: { ...profile, is_bot: id === botUserId } };
    },
    'reactions.add': (a) => {
      if (!str(a.channel) || !str(a.timestamp) || !str(a.name))
        return { ok: false, error: 'invalid_arguments' };
      const key = `${a.channel}/${a.timestamp}/${a.name}`;
      if (reactions.has(key)) return { ok: false, error: 'already_reacted' };
      reactions.add(key);
      return { ok: true };
    },
  };

  const answer = (res: ServerResponse, status: number, body: Args, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
    res.end(JSON.stringify(body));
  };

  function handleApi(method: string, req: IncomingMessage, raw: string, res: ServerResponse): void {
    const { token: bodyToken, ...args } = parseBody(raw, req.headers['content-type'] ?? '');
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const token = bearer ?? str(bodyToken) ?? null;
    const call: FakeSlackCall = { method, token, args };
    calls.push(call);
    const failure = failures.get(method)?.shift();
    const status = failure ? (failure.status ?? 429) : 200;
    const custom = options.handlers?.[method];
    const builtin = methods[method];
    let body: Args;
    if (failure)
      body = { ok: false, error: failure.error ?? (status === 429 ? 'ratelimited' : 'internal_error') };
    else if (token === null) body = { ok: false, error: 'not_authed' };
    else if (!token.startsWith('xoxb-')) body = { ok: false, error: 'invalid_auth' };
    else if (custom) body = custom(args, call);
    else if (builtin) body = builtin(args);
    else body = { ok: false, error: 'unknown_method' };
    if (body.ok === false && typeof body.error === 'string') call.error = body.error;
    if (status === 429) call.rateLimited = true;
    const retryAfter = String(failure?.retryAfterSeconds ?? 1);
    answer(res, status, body, status === 429 ? { 'retry-after': retryAfter } : {});
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
      const api = /^\/api\/([\w.]+)$/.exec(path)?.[1];
      const respond = /^\/respond\/([^/]+)$/.exec(path)?.[1];
      try {
        if (req.method === 'POST' && api) handleApi(api, req, raw, res);
        else if (req.method === 'POST' && respond) {
          const body = parseBody(raw, req.headers['content-type'] ?? 'application/json');
          responses.push({ name: decodeURIComponent(respond), body });
          answer(res, 200, { ok: true });
        } else answer(res, 404, { ok: false, error: 'not_found' });
      } catch (error) {
        answer(res, 400, { ok: false, error: 'invalid_json', detail: String(error) });
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;

  return {
    url,
    apiUrl: `${url}/api/`,
    calls,
    responses,
    callsTo: (method) => calls.filter((c) => c.method === method),
    failNext(method, failure = {}) {
      failures.set(method, [...(failures.get(method) ?? []), failure]);
    },
    responseUrl: (name) => `${url}/respond/${encodeURIComponent(name)}`,
    waitFor(predicate, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      return new Promise((resolve, reject) => {
        const poll = (): void => {
          if (predicate(calls, responses)) resolve(calls);
          else if (Date.now() <= deadline) setTimeout(poll, 20);
          else {
            const seen = JSON.stringify({ calls, responses }, null, 2).slice(0, 20_000);
            reject(new Error(`fake Slack: condition not met within ${timeoutMs} ms; saw ${seen}`));
          }
        };
        poll();
      });
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
