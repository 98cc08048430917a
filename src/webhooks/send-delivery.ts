import type { DueDelivery } from '../domain/webhook.js';
import { signWebhook } from './sign-webhook.js';

/** The fetch the worker sends with: `globalThis.fetch` in production, a fake or a local server in tests. */
export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

/** What one attempt came to: a 2xx status, or the status and error to record for a retry. */
export type SendResult = { ok: true; status: number } | { ok: false; status: number | null; error: string };

/** The JSON body of a delivery; the same bytes on every retry. */
export function deliveryBody(d: DueDelivery): string {
  return JSON.stringify({
    id: d.id,
    event: d.event,
    workspace: d.workspaceId,
    createdAt: d.createdAt,
    data: JSON.parse(d.payload) as unknown,
  });
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  if (error.name === 'TimeoutError') return 'timed out';
  const cause = error.cause;
  if (cause instanceof Error) {
    const code = (cause as Error & { code?: unknown }).code;
    return `${error.message}: ${typeof code === 'string' ? code : cause.message}`;
  }
  return error.message;
}

/** POSTs one signed delivery. Never throws: a network error or timeout is a failed attempt. */
export async function sendDelivery(
  fetch: FetchLike,
  d: DueDelivery,
  nowMs: number,
  timeoutMs: number,
): Promise<SendResult> {
  const body = deliveryBody(d);
  try {
    const response = await fetch(d.url, {
      method: 'POST',
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
      headers: {
        'Content-Type': 'application/json',
        'User-Agent': 'Goalpost-Webhooks',
        'X-Goalpost-Event': d.event,
        'X-Goalpost-Delivery': String(d.id),
        'X-Goalpost-Signature': signWebhook(d.secret, nowMs / 1000, body),
      },
    });
    // The receiver's answer is not used; drop it so the connection is freed.
    await response.body?.cancel().catch(() => undefined);
    if (response.status >= 200 && response.status < 300) return { ok: true, status: response.status };
    return { ok: false, status: response.status, error: `HTTP ${response.status}` };
  } catch (error) {
    return { ok: false, status: null, error: describe(error) };
  }
}
