import { type GitHubAnswer, githubError } from './github-http.js';

/** The primary rate limit, per token (and one for all unauthenticated callers), in real time. */
export interface FakeGitHubRateLimitOptions {
  /** Requests a token may make per window (GitHub: 5,000 an hour). */
  limit?: number;
  /** Requests per window without a token (GitHub: 60 an hour). */
  anonymousLimit?: number;
  windowSeconds?: number;
  /** The status of the refusal once a window is spent: GitHub sends 403 or 429 (default 403). */
  status?: 403 | 429;
}

/** A window's state, what `x-ratelimit-*` and `GET /rate_limit` report. */
export interface FakeGitHubRateLimitStatus {
  limit: number;
  used: number;
  remaining: number;
  /** When the window ends, in epoch seconds. */
  reset: number;
}

/** What a test sets on a caller's window: `{ remaining: 0, resetInSeconds: 1 }` to be limited now. */
export interface FakeGitHubRateLimitChange {
  limit?: number;
  remaining?: number;
  resetInSeconds?: number;
}

interface Bucket {
  limit: number;
  used: number;
  reset: number;
}

const RATE_DOCS = 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api';

/**
 * Primary rate-limit windows. Resets are real epoch seconds (`x-ratelimit-reset`), because a
 * client waits for them by the wall clock; a window that has passed its reset starts afresh.
 * Callers are keyed by token, `null` for anonymous.
 */
export function createRateLimits(options: FakeGitHubRateLimitOptions = {}) {
  const windowSeconds = options.windowSeconds ?? 3600;
  const buckets = new Map<string | null, Bucket>();
  const nowSeconds = () => Date.now() / 1000;

  function bucket(key: string | null): Bucket {
    const found = buckets.get(key);
    if (found && nowSeconds() < found.reset) return found;
    const limit = found?.limit ?? (key === null ? (options.anonymousLimit ?? 60) : (options.limit ?? 5000));
    const fresh = { limit, used: 0, reset: Math.floor(nowSeconds()) + windowSeconds };
    buckets.set(key, fresh);
    return fresh;
  }

  function status(key: string | null): FakeGitHubRateLimitStatus {
    const { limit, used, reset } = bucket(key);
    return { limit, used, remaining: Math.max(limit - used, 0), reset };
  }

  return {
    status,
    exhausted: (key: string | null) => status(key).remaining === 0,
    count(key: string | null) {
      bucket(key).used += 1;
    },
    set(key: string | null, change: FakeGitHubRateLimitChange) {
      const b = bucket(key);
      if (change.limit !== undefined) b.limit = change.limit;
      if (change.remaining !== undefined) b.used = Math.max(b.limit - change.remaining, 0);
      if (change.resetInSeconds !== undefined) b.reset = Math.ceil(nowSeconds() + change.resetInSeconds);
    },
    /** The five headers GitHub puts on every answer it counts. */
    headers(key: string | null): Record<string, string> {
      const s = status(key);
      return {
        'x-ratelimit-limit': String(s.limit),
        'x-ratelimit-remaining': String(s.remaining),
        'x-ratelimit-reset': String(s.reset),
        'x-ratelimit-used': String(s.used),
        'x-ratelimit-resource': 'core',
      };
    },
    /** The refusal once a window is spent, worded as GitHub words it for a user or an address. */
    refusal(who: string, requestId: string): GitHubAnswer {
      const whom = who.includes('.') ? who : `user ID ${who}`;
      const hint = who.includes('.')
        ? " (But here's the good news: Authenticated requests get a higher rate limit. Check out the documentation for more details.)"
        : '';
      const message = `API rate limit exceeded for ${whom}.${hint} If you reach out to GitHub Support for help, please include the request ID ${requestId}.`;
      return githubError(options.status ?? 403, message, RATE_DOCS);
    },
  };
}

export type RateLimits = ReturnType<typeof createRateLimits>;

/** GitHub's body for a secondary rate limit; clients tell it from the primary by these words. */
export const SECONDARY_MESSAGE =
  'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.';

export const secondaryLimited = (status: 403 | 429, requestId: string): GitHubAnswer =>
  githubError(
    status,
    `${SECONDARY_MESSAGE} If you reach out to GitHub Support for help, please include the request ID ${requestId}.`,
    'https://docs.github.com/free-pro-team@latest/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits',
  );
