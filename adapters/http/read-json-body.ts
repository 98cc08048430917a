import type { IncomingMessage } from 'node:http';
import { HttpError } from './http-error.js';

/** Past this much unread body after the answer, the connection is dropped instead of drained. */
const DRAIN_CAP_BYTES = 1024 * 1024;

const isJson = (type: string): boolean => {
  const media = (type.split(';')[0] ?? '').trim().toLowerCase();
  return media === 'application/json' || /^application\/[a-z0-9.+-]+\+json$/.test(media);
};

const hasBody = (req: IncomingMessage): boolean =>
  req.headers['transfer-encoding'] !== undefined ||
  (req.headers['content-length'] !== undefined && req.headers['content-length'] !== '0');

function tooLarge(limit: number): HttpError {
  return new HttpError(413, 'E_TOO_LARGE', `the request body is over the ${limit}-byte limit`);
}

/**
 * Reads what is left of a request we will not use without buffering it, so the client can still
 * read our answer; drops the connection when more than 1 MiB keeps coming.
 */
export function discardRest(req: IncomingMessage): void {
  if (req.complete) return;
  let seen = 0;
  req.removeAllListeners('data');
  req.on('data', (chunk: Buffer) => {
    seen += chunk.length;
    if (seen > DRAIN_CAP_BYTES) req.socket.destroy();
  });
  req.on('error', () => undefined);
  req.resume();
}

/**
 * The request's JSON body: `{}` when there is none.
 * @throws HttpError 415 (not JSON), 413 (over `limit` bytes: reading stops there), 400 (malformed
 * JSON, or JSON that is not an object).
 */
export function readJsonBody(req: IncomingMessage, limit: number): Promise<Record<string, unknown>> {
  if (!hasBody(req)) return Promise.resolve({});
  const type = req.headers['content-type'] ?? '';
  if (!isJson(type)) {
    return Promise.reject(
      new HttpError(
        415,
        'E_UNSUPPORTED_MEDIA_TYPE',
        `send JSON with Content-Type: application/json (got ${type || 'none'})`,
      ),
    );
  }
  if (Number(req.headers['content-length'] ?? 0) > limit) return Promise.reject(tooLarge(limit));
  return new Promise<Record<string, unknown>>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) {
        chunks.push(chunk);
        return;
      }
      cleanup();
      chunks.length = 0;
      reject(tooLarge(limit));
    };
    const onEnd = () => {
      cleanup();
      try {
        resolve(parse(Buffer.concat(chunks).toString('utf8')));
      } catch (error) {
        reject(error);
      }
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    const cleanup = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  });
}

/** No request of the API nests deeper than this; a deeper body is refused before it is parsed. */
const MAX_DEPTH = 32;

/** How deep arrays and objects nest in JSON text, counted outside strings. */
function nesting(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92)
        i++; // a backslash escapes the next character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) deepest = Math.max(deepest, ++depth);
    else if (c === 125 || c === 93) depth--;
  }
  return deepest;
}

function parse(text: string): Record<string, unknown> {
  if (text.trim() === '') return {};
  if (nesting(text) > MAX_DEPTH) {
    throw new HttpError(400, 'E_VALIDATION', `body: nested deeper than ${MAX_DEPTH} levels`, {
      field: 'body',
    });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const why = error instanceof Error ? error.message : 'malformed';
    throw new HttpError(400, 'E_VALIDATION', `body: not valid JSON (${why})`, { field: 'body' });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    // No example: each route takes its own fields, and the one shown was a single route's.
    const got = value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`;
    throw new HttpError(400, 'E_VALIDATION', `body: a JSON object of the route's fields, {…} (got ${got})`, {
      field: 'body',
    });
  }
  return value as Record<string, unknown>;
}
