import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSlackFiles, type FakeSlackFile } from './slack-files.js';
import { blocksErrors, SLACK_MODEL } from './slack-limits.js';
import { type FakeSlackMessage, type FakeSlackUser, slackMethods, str } from './slack-methods.js';
import { createSlackReactions } from './slack-reactions.js';
import { eventBody, SLACK_TEST_IDS } from './slack-signing.js';
import {
  createSlackWorkspace,
  type FakeSlackChannel,
  METHOD_SCOPES,
  type SlackWorkspace,
} from './slack-workspace.js';

export type { FakeSlackFile } from './slack-files.js';
export type { FakeSlackMessage, FakeSlackUser } from './slack-methods.js';
export type { FakeSlackChannel } from './slack-workspace.js';

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

/** A JSON body POSTed to a {@link FakeSlack.responseUrl} (Bolt's `respond()`) and taken. */
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

export interface FakeSlackOptions {
  teamId?: string;
  botUserId?: string;
  botId?: string;
  users?: Record<string, FakeSlackUser>;
  /** Conversations other than the defaults (`C…` public, `G…` private, `D…` direct; the bot in none). */
  channels?: Record<string, FakeSlackChannel>;
  /** The bot token's scopes; by default those manifest.yml grants, read at startup. */
  scopes?: readonly string[];
  /** The workspace's upload limit in bytes (default Slack's 1 GB): past it, file_upload_size_restricted. */
  maxUploadBytes?: number;
  /** Extra or overriding methods: return the body to answer with (add `ok` yourself). */
  handlers?: Record<string, (args: Args, call: FakeSlackCall) => Args>;
}

/** A reaction someone adds or removes, for {@link FakeSlack.reactionEvent}. */
export interface FakeReaction {
  type?: 'reaction_added' | 'reaction_removed';
  user: string;
  reaction: string;
  channel: string;
  ts: string;
  eventId: string;
  /** The reacting person's own team, when it is not the workspace's (a shared channel). */
  userTeam?: string;
  isExtSharedChannel?: boolean;
}

/**
 * A local stand-in for slack.com's Web API and response URLs, recording what it was sent. It
 * refuses what Slack refuses (see slack-limits.ts and slack-workspace.ts): posts where the bot may
 * not post, blocks past Block Kit's limits, methods whose scope manifest.yml does not grant.
 */
export interface FakeSlack {
  /** `http://127.0.0.1:PORT` */
  readonly url: string;
  /** `http://127.0.0.1:PORT/api/`: WebClient's `slackApiUrl` (Bolt: `clientOptions.slackApiUrl`). */
  readonly apiUrl: string;
  readonly calls: FakeSlackCall[];
  /** What response URLs took (refused posts are not here). */
  readonly responses: FakeSlackResponse[];
  /** Conversations, membership and scopes: `/invite @goalpost` is `workspace.invite(id)`. */
  readonly workspace: SlackWorkspace;
  /** Files uploaded (files.getUploadURLExternal, the upload URL, files.completeUploadExternal), by id. */
  readonly files: ReadonlyMap<string, FakeSlackFile>;
  /**
   * The workspace uninstalls the app: Slack revokes its bot token (every call with it answers
   * `token_revoked`, "the app has been removed") and the bot user leaves its channels. A reinstall
   * is a new token, which the fake accepts like any `xoxb-` one.
   */
  revokeToken(token: string): void;
  /** Someone deletes a file in Slack: image blocks naming it are refused from now on. */
  deleteFile(id: string): void;
  /** What upload URLs took, in order: the file id, and the answer's HTTP status. */
  readonly uploads: Array<{ fileId: string | null; status: number }>;
  /** The calls of one method, in order. */
  callsTo(method: string): FakeSlackCall[];
  /** The bot's messages in a channel itself (not in a thread), oldest first, as they stand now. */
  topLevel(channel: string): FakeSlackMessage[];
  /** The bot's replies in the thread under `threadTs`, oldest first, as they stand now. */
  replies(channel: string, threadTs: string): FakeSlackMessage[];
  /**
   * Makes the next call of `method` fail once (default: HTTP 429 with `Retry-After: 1`); `upload`
   * is the next POST to an upload URL.
   */
  failNext(method: string, failure?: FakeSlackFailure): void;
  /**
   * A response_url on this server; what is POSTed to it lands in `responses` under `name`. Like
   * Slack's it takes five posts (docs.slack.dev: five times within 30 minutes), then answers 404
   * `used_url`; blocks past Block Kit's limits get 400 `invalid_blocks`.
   */
  responseUrl(name: string): string;
  /**
   * Someone adds or removes a reaction: the message's reactions change (reactions.get shows it),
   * and this is the Events API body Slack would send for it, or null when Slack sends none: the
   * bot is not in the channel, or the app lacks `reactions:read`.
   */
  reactionEvent(reaction: FakeReaction): string | null;
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

/** How many posts one response_url takes. */
const RESPONSE_URL_USES = 5;

/** Starts the fake on 127.0.0.1 on a free port. */
export async function startFakeSlack(options: FakeSlackOptions = {}): Promise<FakeSlack> {
  const teamId = options.teamId ?? SLACK_TEST_IDS.teamId;
  const botUserId = options.botUserId ?? SLACK_TEST_IDS.botUserId;
  const botId = options.botId ?? SLACK_TEST_IDS.botId;
  const users: Record<string, FakeSlackUser> = { [botUserId]: { name: 'goalpost' }, ...options.users };
  const workspace = createSlackWorkspace(options.channels, options.scopes);
  const calls: FakeSlackCall[] = [];
  const responses: FakeSlackResponse[] = [];
  const responseUses = new Map<string, number>();
  const failures = new Map<string, FakeSlackFailure[]>();
  const messages = new Map<string, FakeSlackMessage>();
  const uploads: FakeSlack['uploads'] = [];
  const revoked = new Set<string>();
  let tsCounter = 0;
  const nextTs = (): string => {
    const micro = ++tsCounter * 100;
    return `${1_700_000_000 + Math.floor(micro / 1e6)}.${String(micro % 1e6).padStart(6, '0')}`;
  };
  let url = '';
  const files = createSlackFiles({
    workspace,
    messages,
    nextTs,
    baseUrl: () => url,
    ...(options.maxUploadBytes === undefined ? {} : { maxUploadBytes: options.maxUploadBytes }),
  });
  const reactions = createSlackReactions();
  const methods = slackMethods({
    ...{ teamId, botUserId, botId, users, workspace },
    ...{ messages, files, reactions, nextTs },
  });
  const inChannel = (channel: string) => [...messages.values()].filter((m) => m.channel === channel);

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
    else if (revoked.has(token)) body = { ok: false, error: 'token_revoked' };
    else if (custom) body = custom(args, call);
    else if (builtin) body = workspace.missing(METHOD_SCOPES[method]) ?? builtin(args);
    else body = { ok: false, error: 'unknown_method' };
    if (body.ok === false && typeof body.error === 'string') call.error = body.error;
    if (status === 429) call.rateLimited = true;
    const retryAfter = String(failure?.retryAfterSeconds ?? 1);
    answer(res, status, body, status === 429 ? { 'retry-after': retryAfter } : {});
  }

  /** What a response_url answers: its status and body. */
  function respondTo(name: string, body: Args): [number, Args] {
    const uses = (responseUses.get(name) ?? 0) + 1;
    responseUses.set(name, uses);
    if (uses > RESPONSE_URL_USES) return [404, { ok: false, error: 'used_url' }];
    const text = typeof body.text === 'string' ? body.text : '';
    if (text.length > SLACK_MODEL.messageText) return [400, { ok: false, error: 'msg_too_long' }];
    if (body.blocks !== undefined) {
      const errors = blocksErrors(body.blocks, SLACK_MODEL.blocksPerMessage);
      if (errors.length > 0) return [400, { ok: false, error: 'invalid_blocks', errors }];
    }
    responses.push({ name, body });
    return [200, { ok: true }];
  }

  /** A POST to an upload URL: the bytes, or a 429 when failNext('upload') asked for one. */
  async function handleUpload(token: string, req: IncomingMessage, body: Buffer, res: ServerResponse) {
    const failure = failures.get('upload')?.shift();
    if (failure) {
      const status = failure.status ?? 429;
      const retryAfter = String(failure.retryAfterSeconds ?? 1);
      res.writeHead(status, status === 429 ? { 'retry-after': retryAfter } : {}).end('failure');
      uploads.push({ fileId: null, status });
      return;
    }
    const answer = await files.upload(token, req.headers['content-type'] ?? '', body);
    uploads.push({ fileId: answer.fileId, status: answer.status });
    res.writeHead(answer.status, { 'content-type': 'text/plain' }).end(answer.text);
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const raw = body.toString('utf8');
      const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
      const api = /^\/api\/([\w.]+)$/.exec(path)?.[1];
      const respond = /^\/respond\/([^/]+)$/.exec(path)?.[1];
      const upload = /^\/upload\/v1\/([\w]+)$/.exec(path)?.[1];
      try {
        if (req.method === 'POST' && upload) {
          handleUpload(upload, req, body, res).catch((error: unknown) => {
            res.writeHead(400, { 'content-type': 'text/plain' }).end(`Bad Request: ${String(error)}`);
          });
        } else if (req.method === 'POST' && api) handleApi(api, req, raw, res);
        else if (req.method === 'POST' && respond) {
          const body = parseBody(raw, req.headers['content-type'] ?? 'application/json');
          answer(res, ...respondTo(decodeURIComponent(respond), body));
        } else answer(res, 404, { ok: false, error: 'not_found' });
      } catch (error) {
        answer(res, 400, { ok: false, error: 'invalid_json', detail: String(error) });
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  url = `http://127.0.0.1:${port}`;

  return {
    url,
    apiUrl: `${url}/api/`,
    calls,
    responses,
    workspace,
    files: files.files,
    uploads,
    revokeToken(token) {
      revoked.add(token);
      workspace.leaveAll();
    },
    deleteFile(id) {
      const file = files.files.get(id);
      if (!file) throw new Error(`fake Slack: no file ${id} to delete`);
      file.deleted = true;
    },
    callsTo: (method) => calls.filter((c) => c.method === method),
    topLevel: (channel) => inChannel(channel).filter((m) => m.threadTs === null),
    replies: (channel, threadTs) => inChannel(channel).filter((m) => m.threadTs === threadTs),
    failNext(method, failure = {}) {
      failures.set(method, [...(failures.get(method) ?? []), failure]);
    },
    responseUrl: (name) => `${url}/respond/${encodeURIComponent(name)}`,
    reactionEvent(r) {
      // The person reacts whether or not Slack tells the bot: reactions.get sees it either way.
      if ((r.type ?? 'reaction_added') === 'reaction_added')
        reactions.add(r.channel, r.ts, r.reaction, r.user);
      else reactions.remove(r.channel, r.ts, r.reaction, r.user);
      if (!workspace.isMember(r.channel) || !workspace.scopes.has('reactions:read')) return null;
      return eventBody({
        teamId,
        eventId: r.eventId,
        botUserId,
        ...(r.isExtSharedChannel ? { isExtSharedChannel: true } : {}),
        event: {
          type: r.type ?? 'reaction_added',
          user: r.user,
          reaction: r.reaction,
          item: { type: 'message', channel: r.channel, ts: r.ts },
          item_user: botUserId,
          event_ts: `${Date.now() / 1000}`,
          ...(r.userTeam ? { user_team: r.userTeam } : {}),
        },
      });
    },
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
