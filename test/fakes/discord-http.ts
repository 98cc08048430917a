import type { IncomingMessage, ServerResponse } from 'node:http';

export type Json = Record<string, unknown>;

/** A route's answer: status and JSON body (none for 204), and any headers. */
export interface Answer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
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

export const ok = (body: unknown): Answer => ({ status: 200, body });
export const noContent: Answer = { status: 204 };
export const error = (status: number, message: string, code: number): Answer => ({
  status,
  body: { message, code },
});

/** Discord's JSON error codes the fake answers with (discord.com/developers/docs/topics/opcodes-and-status-codes). */
export const REFUSALS = {
  unknownChannel: error(404, 'Unknown Channel', 10003),
  unknownMessage: error(404, 'Unknown Message', 10008),
  unknownWebhook: error(404, 'Unknown Webhook', 10015),
  unknownInteraction: error(404, 'Unknown interaction', 10062),
  notAuthor: error(403, 'Cannot edit a message authored by another user', 50005),
  emptyMessage: error(400, 'Cannot send an empty message', 50006),
  missingAccess: error(403, 'Missing Access', 50001),
  missingPermissions: error(403, 'Missing Permissions', 50013),
  invalidWebhookToken: error(401, 'Invalid Webhook Token', 50027),
  alreadyAcknowledged: error(400, 'Interaction has already been acknowledged.', 40060),
  threadExists: error(400, 'A thread has already been created for this message', 160004),
  threadArchived: error(400, 'Thread is archived', 50083),
  wrongChannelType: error(400, 'Cannot execute action on this channel type', 50024),
  tooLarge: error(413, 'Request entity too large', 40005),
} as const;

export const asJson = (v: unknown): Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : {};

export const DISCORD_EPOCH = 1420070400000n;

/** When a snowflake was made (ms since 1970); null when `id` is not a snowflake. */
export function snowflakeTime(id: string): number | null {
  if (!/^\d{15,21}$/.test(id)) return null;
  return Number((BigInt(id) >> 22n) + DISCORD_EPOCH);
}

/** A snowflake for `at` (default now), as Discord makes them. */
export const snowflakeAt = (at = Date.now(), increment = 0): string =>
  String(((BigInt(at) - DISCORD_EPOCH) << 22n) + BigInt(increment));

/** `/channels/:channel/messages` → a regex with named groups. */
export const compile = (path: string): RegExp =>
  new RegExp(`^${path.replace(/\//g, '\\/').replace(/:(\w+)/g, '(?<$1>[^/]+)')}$`);

/** Discord's 429: the body, `Retry-After` in whole seconds, and the `X-RateLimit-*` headers @discordjs/rest reads. */
export function rateLimited(f: FakeDiscordFailure): Answer {
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

/** A file part of a multipart request: its form field (`files[0]`), name, type and bytes. */
export interface FakeUpload {
  field: string;
  filename: string;
  contentType: string;
  bytes: Buffer;
}

/**
 * The JSON body, or a multipart body's `payload_json` (undefined when there is none), and the
 * files a multipart body carries, as discord.js sends them.
 */
export async function readBody(
  req: IncomingMessage,
  raw: Buffer,
): Promise<{ body: unknown; files: FakeUpload[] }> {
  const type = req.headers['content-type'] ?? '';
  if (raw.length === 0) return { body: undefined, files: [] };
  if (!type.startsWith('multipart/form-data')) return { body: JSON.parse(raw.toString('utf8')), files: [] };
  const form = await new Response(raw, { headers: { 'content-type': type } }).formData();
  const files: FakeUpload[] = [];
  for (const [field, value] of form.entries()) {
    if (typeof value === 'string') continue;
    const blob = value as Blob & { name?: string };
    files.push({
      field,
      filename: blob.name ?? '',
      contentType: blob.type,
      bytes: Buffer.from(await blob.arrayBuffer()),
    });
  }
  const payload = form.get('payload_json');
  return { body: typeof payload === 'string' ? JSON.parse(payload) : {}, files };
}

export function send(res: ServerResponse, answer: Answer): void {
  const headers = answer.headers ?? {};
  if (answer.body === undefined) {
    res.writeHead(answer.status, headers).end();
    return;
  }
  res.writeHead(answer.status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(answer.body));
}
