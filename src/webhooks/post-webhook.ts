import type * as Dns from 'node:dns';
import type { LookupAddress } from 'node:dns';
import type * as Http from 'node:http';
import type { RequestOptions } from 'node:http';
import type * as Https from 'node:https';
import type { LookupFunction } from 'node:net';
import { lazyBuiltin } from '../domain/lazy-builtin.js';
import { ALLOW_PRIVATE_ENV, isPrivateAddress, webhookTargetProblem } from '../domain/webhook-target.js';

// Loaded on the first post: every command builds the deliverer, few post.
const dns = lazyBuiltin<typeof Dns>('node:dns');
const http = lazyBuiltin<typeof Http>('node:http');
const https = lazyBuiltin<typeof Https>('node:https');

/**
 * One POST to a receiver: resolves to its HTTP status; rejects when no answer came, or when
 * `signal` aborted it first (the deliverer stopping).
 */
export type PostLike = (
  url: string,
  request: { body: string; headers: Record<string, string>; timeoutMs: number; signal?: AbortSignal },
) => Promise<number>;

/** Why a delivery was not even attempted: the target is not one webhooks may reach. */
export class RefusedTarget extends Error {}

/**
 * Resolves a receiver's name and refuses to connect when any address it resolves to is private
 * (unless allowed); the connection then goes to the address that was checked, so a name cannot
 * resolve to a public address for the check and a private one for the connection.
 */
const guardedLookup =
  (allowPrivate: boolean): LookupFunction =>
  (hostname, options, callback) => {
    dns().lookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '', 0);
      if (!allowPrivate && addresses.some((a) => isPrivateAddress(a.address))) {
        const refusal = new RefusedTarget(
          `${hostname} resolves to a private address (set ${ALLOW_PRIVATE_ENV}=on to allow private receivers)`,
        );
        return callback(refusal, '', 0);
      }
      const first = addresses[0];
      if ((options as { all?: boolean }).all)
        return (callback as (e: null, a: LookupAddress[]) => void)(null, addresses);
      return callback(null, first?.address ?? '', first?.family ?? 4);
    });
  };

/**
 * A signal that aborts after `timeoutMs`, or when `stop` does, and `done` to call once the request
 * has settled. Its own timer rather than `AbortSignal.any([AbortSignal.timeout(…), stop])`: on Node
 * 20 a timeout signal held only inside `any()` may be garbage-collected and never fire
 * (nodejs/node#57736), and a receiver that never answered then hung `webhook deliver` for good.
 */
function deadline(timeoutMs: number, stop?: AbortSignal): { signal: AbortSignal; done: () => void } {
  const halt = new AbortController();
  const timer = setTimeout(
    () => halt.abort(new DOMException('The operation was aborted due to timeout', 'TimeoutError')),
    timeoutMs,
  );
  const stopped = () => halt.abort(stop?.reason);
  if (stop?.aborted) stopped();
  else stop?.addEventListener('abort', stopped, { once: true });
  return {
    signal: halt.signal,
    done: () => {
      clearTimeout(timer);
      stop?.removeEventListener('abort', stopped);
    },
  };
}

/**
 * The production transport: node's http/https with the address check above, no redirects
 * followed, the answer's body dropped, and a timeout for the whole request, which the caller's
 * signal ends sooner.
 */
export function createWebhookPost(options: { allowPrivate: boolean }): PostLike {
  const lookup = guardedLookup(options.allowPrivate);
  return (url, { body, headers, timeoutMs, signal }) => {
    const target = new URL(url);
    const problem = webhookTargetProblem(target, options.allowPrivate);
    if (problem) return Promise.reject(new RefusedTarget(problem));
    const limit = deadline(timeoutMs, signal);
    const answered = new Promise<number>((resolve, reject) => {
      const send = target.protocol === 'https:' ? https().request : http().request;
      const init: RequestOptions = {
        method: 'POST',
        headers: { ...headers, 'Content-Length': String(Buffer.byteLength(body)) },
        lookup,
        signal: limit.signal,
      };
      const req = send(target, init, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(body);
    });
    return answered.finally(limit.done);
  };
}
