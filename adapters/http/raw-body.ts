import type { IncomingMessage, ServerResponse } from 'node:http';

/** Answers `status` with `body` as JSON. */
export function answerJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
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
        answerJson(res, 413, { error: `${what} is at most ${limit} bytes` });
        resolve(null);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(size > limit ? null : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
