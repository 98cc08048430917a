import type { DueDelivery } from '../domain/webhook.js';
import { type PostLike, RefusedTarget } from './post-webhook.js';
import { signWebhook } from './sign-webhook.js';

/**
 * What one attempt came to: a 2xx status, the status and error to record for a retry, or
 * `stopped`: the deliverer aborted it as it stopped, so it was no attempt of the receiver's.
 */
export type SendResult =
  | { ok: true; status: number }
  | { ok: false; status: number | null; error: string }
  | { ok: false; stopped: true };

/** The JSON body of a delivery; the same bytes on every retry. */
export function deliveryBody(d: DueDelivery): string {
  return JSON.stringify({
    id: d.deliveryId,
    event: d.event,
    workspace: d.workspaceId,
    createdAt: d.createdAt,
    data: JSON.parse(d.payload) as unknown,
  });
}

/**
 * What a failed attempt is recorded as. A receiver that answered gets its status; anything else
 * (refused, reset, timed out, no such host) is one "no answer", so the list of webhooks cannot
 * be used to probe which ports are open.
 */
function describe(error: unknown): string {
  if (error instanceof RefusedTarget) return `refused: ${error.message}`;
  return 'no answer from the receiver (could not connect, or it timed out)';
}

/**
 * POSTs one signed delivery. Never throws: a network error or timeout is a failed attempt, and
 * `stop` aborting it is `stopped`.
 */
export async function sendDelivery(
  post: PostLike,
  d: DueDelivery,
  nowMs: number,
  timeoutMs: number,
  stop?: AbortSignal,
): Promise<SendResult> {
  const body = deliveryBody(d);
  try {
    const status = await post(d.url, {
      body,
      timeoutMs,
      signal: stop,
      headers: {
        'Content-Type': 'application/json',
        'User-Agent': 'Goalpost-Webhooks',
        'X-Goalpost-Event': d.event,
        'X-Goalpost-Delivery': d.deliveryId,
        'X-Goalpost-Signature': signWebhook(d.secret, nowMs / 1000, body),
      },
    });
    if (status >= 200 && status < 300) return { ok: true, status };
    return { ok: false, status, error: `HTTP ${status}` };
  } catch (error) {
    if (stop?.aborted) return { ok: false, stopped: true };
    return { ok: false, status: null, error: describe(error) };
  }
}
