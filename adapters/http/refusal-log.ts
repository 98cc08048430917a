import type { Logger } from '../../src/index.js';

/** At most one warning a minute per webhook: a sender with a stale secret retries for days. */
const EVERY_MS = 60_000;

/** Runs `fn` in `ms`, without keeping the process alive for it. */
const later = (fn: () => void, ms: number): void => {
  setTimeout(fn, ms).unref();
};

/**
 * A warning for a delivery refused for its signature (GitHub's and Stripe's answered 401 and
 * logged nothing, where Slack's are logged: a secret rotated on one side only went unseen). At
 * most one line each `everyMs`: those refused meanwhile are counted (`alsoRefused`) on the next
 * line, or on one of their own at the window's end when no other refusal comes (a burst that
 * stopped was otherwise never counted). `reason` is the refusal's own words: never the secret, nor
 * the signature sent.
 */
export function refusalWarning(
  log: Logger,
  message: string,
  everyMs = EVERY_MS,
  now: () => number = Date.now,
  schedule: (fn: () => void, ms: number) => void = later,
): (reason: string, from: string | undefined) => void {
  let last = Number.NEGATIVE_INFINITY;
  let quiet = 0;
  let lastQuiet: { reason: string; from: string | undefined } | null = null;
  const flush = () => {
    if (quiet === 0 || lastQuiet === null) return;
    // The last refused, standing for the others too.
    log.warn({ ...lastQuiet, ...(quiet > 1 ? { alsoRefused: quiet - 1 } : {}) }, message);
    last = now();
    quiet = 0;
  };
  return (reason, from) => {
    const at = now();
    if (at - last < everyMs) {
      if (quiet === 0) schedule(flush, last + everyMs - at);
      quiet += 1;
      lastQuiet = { reason, from };
      return;
    }
    log.warn({ reason, from, ...(quiet > 0 ? { alsoRefused: quiet } : {}) }, message);
    last = at;
    quiet = 0;
  };
}
