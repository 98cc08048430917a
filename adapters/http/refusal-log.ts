import type { Logger } from '../../src/index.js';

/** At most one warning a minute per webhook: a sender with a stale secret retries for days. */
const EVERY_MS = 60_000;

/**
 * A warning for a delivery refused for its signature (GitHub's and Stripe's answered 401 and
 * logged nothing, where Slack's are logged: a secret rotated on one side only went unseen). At
 * most one line each `everyMs`; the next one counts those refused meanwhile (`alsoRefused`).
 * `reason` is the refusal's own words: never the secret, nor the signature sent.
 */
export function refusalWarning(
  log: Logger,
  message: string,
  everyMs = EVERY_MS,
  now: () => number = Date.now,
): (reason: string, from: string | undefined) => void {
  let last = Number.NEGATIVE_INFINITY;
  let quiet = 0;
  return (reason, from) => {
    const at = now();
    if (at - last < everyMs) {
      quiet += 1;
      return;
    }
    log.warn({ reason, from, ...(quiet > 0 ? { alsoRefused: quiet } : {}) }, message);
    last = at;
    quiet = 0;
  };
}
