import type { IncomingMessage } from 'node:http';
import { clipForMessage } from '../../src/index.js';
import { HttpError } from './http-error.js';
import { jsonShape, loneSurrogateAt, loneSurrogateText, utf8Text } from './json-text.js';

/** Past this much unread body after the answer, the connection is dropped instead of drained. */
const DRAIN_CAP_BYTES = 1024 * 1024;

/** Whether a Content-Type is JSON's (`application/json`, or a `+json` type), parameters aside. */
export const isJson = (type: string): boolean => {
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
 * Why a JSON body sent so cannot be read, or null: a charset other than UTF-8 (JSON's own: a body
 * declared ISO-8859-1 was read as UTF-8, its "é" stored as U+FFFD), or a Content-Encoding (a body
 * said to be gzip was read as it came).
 */
function unreadable(type: string, encoding: string | undefined): HttpError | null {
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(type)?.[1]?.toLowerCase();
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
    return new HttpError(
      415,
      'E_UNSUPPORTED_MEDIA_TYPE',
      `send JSON in UTF-8 (Content-Type: application/json; charset=utf-8, or no charset; got charset=${charset})`,
    );
  }
  if (encoding !== undefined && encoding.trim().toLowerCase() !== 'identity') {
    return new HttpError(
      415,
      'E_UNSUPPORTED_MEDIA_TYPE',
      `send the body uncompressed, without Content-Encoding (got ${encoding})`,
    );
  }
  return null;
}

/**
 * The request's JSON body: `{}` when there is none. `fields`: the route's own (see parseJsonBody).
 * @throws HttpError 415 (not JSON), 413 (over `limit` bytes: reading stops there), 400 (malformed
 * JSON, or JSON that is not an object).
 */
export function readJsonBody(
  req: IncomingMessage,
  limit: number,
  fields?: readonly string[],
): Promise<Record<string, unknown>> {
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
  const refused = unreadable(type, req.headers['content-encoding']);
  if (refused !== null) return Promise.reject(refused);
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
        resolve(parseJsonBody(Buffer.concat(chunks), fields));
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

/**
 * The body's bytes as the request's JSON object. A number too large for a double is refused in
 * a field of `fields` (all, without them): in another it is left for the route's check to refuse
 * as a field it does not take, which is what is wrong with it.
 * @throws HttpError 400: not UTF-8, nested too deep, a key given twice, not JSON, not an object, or
 * holding a number too large for a double.
 */
export function parseJsonBody(bytes: Buffer, fields?: readonly string[]): Record<string, unknown> {
  const text = utf8Text(bytes);
  if (text === null) {
    throw new HttpError(400, 'E_VALIDATION', 'body: not valid UTF-8, which JSON is sent in', {
      field: 'body',
    });
  }
  return parse(text, fields);
}

function parse(text: string, fields: readonly string[] | undefined): Record<string, unknown> {
  if (text.trim() === '') return {};
  const shape = jsonShape(text);
  if (shape.depth > MAX_DEPTH) {
    throw new HttpError(400, 'E_VALIDATION', `body: nested deeper than ${MAX_DEPTH} levels`, {
      field: 'body',
    });
  }
  // JSON.parse keeps the last of a key given twice: an ambiguous request is not acted on.
  if (shape.repeated !== null) {
    throw new HttpError(400, 'E_VALIDATION', `${shape.repeated}: given twice; give it once`, {
      field: shape.repeated,
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
  const lone = loneSurrogateAt(text, value);
  if (lone !== null) throw new HttpError(400, 'E_VALIDATION', loneSurrogateText(lone), { field: lone });
  const top = shape.tooLarge?.field.split(/[.[]/)[0] ?? '';
  if (shape.tooLarge !== null && (fields === undefined || fields.includes(top))) {
    const { field } = shape.tooLarge;
    throw new HttpError(400, 'E_VALIDATION', tooLargeNumber(shape.tooLarge), { field });
  }
  return value as Record<string, unknown>;
}

/**
 * Why a number past what a double holds is refused, quoting it as it was written
 * (`maxTasks: a number too large to read (got 1e309)`): once read it is Infinity, which a refusal
 * further on would quote as JSON writes it, null.
 */
export const tooLargeNumber = ({ field, text }: { field: string; text: string }): string =>
  `${field}: a number too large to read (got ${clipForMessage(text)})`;
