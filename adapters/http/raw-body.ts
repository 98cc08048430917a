import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  asGoalpostError,
  DatabaseError,
  errorKind,
  isShown,
  type Logger,
  userMessage,
} from '../../src/index.js';
import { errorBody, fieldOf } from './http-error.js';

/** Answers `status` with `body` as JSON. */
export function answerJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/**
 * Answers a webhook's refusal as the API answers its own (`{"error": {"code", "message",
 * "field"?}}`, see errorBody), with the code the API gives the same refusal: a sender's script
 * reads both alike. `extra` as HttpError's: the field named, and headers (a 405's `Allow`).
 */
export function answerRefusal(
  res: ServerResponse,
  status: number,
  code: string,
  message: string,
  extra: { field?: string; headers?: Record<string, string> } = {},
): void {
  for (const [name, value] of Object.entries(extra.headers ?? {})) res.setHeader(name, value);
  answerJson(res, status, errorBody(code, message, { field: extra.field }));
}

/**
 * Answers a webhook delivery that failed as the error table says: its status (a busy database with
 * `Retry-After: 1`, as the API), and for the sender its message, or when the details are ours the
 * words naming the id it is logged under. `suffix` follows the message of a refusal of what was
 * sent; a database error's own message already says what became of the write. `what` names the
 * delivery in the log.
 */
export function answerFailure(
  res: ServerResponse,
  log: Logger,
  error: unknown,
  what: string,
  suffix = '',
): void {
  const e = asGoalpostError(error);
  // Logged and answered as the API does a failure of its own: under `requestId`, which the body
  // names in its own field too (a script reads it there, not out of the message).
  const requestId = randomUUID().slice(0, 8);
  if (isShown(e)) log.warn({ err: error }, `${what} refused`);
  else log.error({ err: error, requestId }, `${what} failed`);
  if (!res.headersSent) {
    if (e.code === 'E_DB_BUSY') res.setHeader('retry-after', '1');
    const said = e instanceof DatabaseError ? e.message : `${e.message}${suffix}`;
    answerJson(
      res,
      errorKind(e).http,
      isShown(e)
        ? errorBody(e.code, said, { field: fieldOf(e) })
        : errorBody('E_INTERNAL', userMessage(e, requestId), { requestId }),
    );
  }
}

/**
 * A request's raw body, for a signature that covers its exact bytes (GitHub's, Stripe's); null once
 * it passed `limit` bytes, answered 413 with what the limit is.
 */
export function readRawBody(
  req: IncomingMessage,
  res: ServerResponse,
  limit: number,
  what: string,
): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.resume();
        answerRefusal(res, 413, 'E_TOO_LARGE', `${what} is at most ${limit} bytes`);
        resolve(null);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(size > limit ? null : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
