import { nodeCrypto } from '../domain/lazy-builtin.js';

/**
 * The `X-Goalpost-Signature` header of a webhook delivery: `t=<unix seconds>,v1=<hex>`, where the hex
 * is HMAC-SHA256 keyed with the webhook's secret (the whole `whsec_…` string, as UTF-8) over
 * `"<t>.<raw request body>"`.
 *
 * To verify a delivery, a receiver takes the raw body bytes as received (before any JSON parsing),
 * recomputes the HMAC over `t + "." + body`, compares it with `v1` in constant time, and rejects
 * a `t` more than a few minutes from its own clock (replay protection). `X-Goalpost-Delivery`
 * is the same on every retry of one delivery, so receivers can deduplicate on it.
 */
export function signWebhook(secret: string, unixSeconds: number, body: string): string {
  const t = Math.floor(unixSeconds);
  const v1 = nodeCrypto().createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
  return `t=${t},v1=${v1}`;
}

/**
 * Checks a signature header against the body and the secret, for receivers written with this
 * library. False when malformed, when the HMAC differs, or when `t` is more than `toleranceSeconds`
 * from `nowSeconds`.
 */
export function verifyWebhookSignature(
  secret: string,
  header: string,
  body: string,
  nowSeconds: number,
  toleranceSeconds = 300,
): boolean {
  const parts = new Map(
    header.split(',').map((p): [string, string] => {
      const at = p.indexOf('=');
      return [p.slice(0, at).trim(), p.slice(at + 1).trim()];
    }),
  );
  const t = Number(parts.get('t'));
  const v1 = parts.get('v1') ?? '';
  if (!Number.isInteger(t) || !/^[0-9a-f]{64}$/.test(v1)) return false;
  if (Math.abs(nowSeconds - t) > toleranceSeconds) return false;
  const expected = signWebhook(secret, t, body).slice(`t=${t},v1=`.length);
  return nodeCrypto().timingSafeEqual(Buffer.from(expected, 'hex'), Buffer.from(v1, 'hex'));
}
