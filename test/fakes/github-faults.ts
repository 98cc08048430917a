/** Which requests an injected failure applies to; every request when both are left out. */
export interface FakeGitHubMatch {
  method?: string;
  /** The path without the query: equal to a string, or matching a RegExp. */
  path?: string | RegExp;
  /** How many matching requests it answers (default 1). */
  times?: number;
}

/**
 * A failure on GitHub's side: a 5xx before the request is handled (nothing written), a 404 (what
 * was there went between two requests: an issue deleted or transferred), with `destroy`, the
 * connection cut halfway through the body of the real answer (a write has then happened, as it
 * would have on GitHub, and the client never learns its outcome), or, with `notJson`, a 200 whose
 * body is not JSON (a proxy's or captive portal's page in front of GitHub), nothing handled.
 */
export interface FakeGitHubFault extends FakeGitHubMatch {
  status?: 404 | 500 | 502 | 503 | 504;
  destroy?: boolean;
  notJson?: { body: string; contentType: string };
}

/** A secondary rate limit: 403 or 429 with `retry-after` (seconds), the body clients recognise. */
export interface FakeGitHubSecondaryLimit extends FakeGitHubMatch {
  status?: 403 | 429;
  /** `retry-after` in seconds (default 1); null sends none, as GitHub sometimes does. */
  retryAfterSeconds?: number | null;
}

export type Injection =
  | { kind: 'fault'; spec: FakeGitHubFault; left: number }
  | { kind: 'secondary'; spec: FakeGitHubSecondaryLimit; left: number };

const matches = (spec: FakeGitHubMatch, method: string, path: string) =>
  (spec.method === undefined || spec.method.toUpperCase() === method) &&
  (spec.path === undefined || (typeof spec.path === 'string' ? spec.path === path : spec.path.test(path)));

/** Injected failures, taken in the order they were added by the requests they match. */
export function createInjections() {
  const queue: Injection[] = [];
  return {
    add(injection: Injection) {
      queue.push(injection);
    },
    /** The first pending injection of a kind matching this request, used up once per request. */
    take(kind: Injection['kind'], method: string, path: string): Injection | undefined {
      const at = queue.findIndex((i) => i.kind === kind && matches(i.spec, method, path));
      const found = queue[at];
      if (!found) return undefined;
      found.left -= 1;
      if (found.left <= 0) queue.splice(at, 1);
      return found;
    },
    get pending(): number {
      return queue.length;
    },
  };
}
