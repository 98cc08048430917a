import type { ErrorCode, FinishResult, RunReport, Task } from '../../src/index.js';
import { UserError } from '../../src/index.js';
import type { WorkerBackend } from './backend.js';

/** The API's error codes a worker acts on; any other (or none) stays `E_USER`. */
const KEPT_CODES = new Set<string>(['E_CONFLICT', 'E_NOT_FOUND', 'E_VALIDATION', 'E_FORBIDDEN']);

/**
 * A failed call to the API, with what the API said: its HTTP status (null when it could not be
 * reached) and, as `code`, its error code — so a 409 `E_CONFLICT` is a conflict here too.
 */
export class ApiCallError extends UserError {
  readonly status: number | null;
  /** The API's own message, without the method and path (null when it gave none). */
  readonly apiMessage: string | null;
  constructor(
    message: string,
    status: number | null = null,
    code: ErrorCode = 'E_USER',
    apiMessage: string | null = null,
  ) {
    super(message, code);
    this.status = status;
    this.apiMessage = apiMessage;
  }
}

/**
 * Remote mode: the worker talks to a running Goalpost over its HTTP API with a bearer token, so
 * it can run on another machine (a CI runner, an agent's sandbox) than the bot and its database.
 */
export function httpBackend(apiUrl: string, token: string): WorkerBackend {
  let base: URL;
  try {
    base = new URL(apiUrl);
  } catch {
    throw new UserError(
      `--api: not a URL: ${JSON.stringify(apiUrl.slice(0, 80))} (like http://bot.internal:3000)`,
    );
  }
  if (base.protocol !== 'http:' && base.protocol !== 'https:') {
    throw new UserError(`--api: use an http:// or https:// URL, not ${base.protocol}`);
  }

  async function call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    let res: Response;
    try {
      res = await fetch(new URL(path, base), {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(30_000),
      });
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message;
      throw new ApiCallError(
        `cannot reach the Goalpost API at ${base.origin} (${cause}); is the bot running?`,
      );
    }
    const text = await res.text();
    let parsed: unknown = null;
    try {
      parsed = text === '' ? null : JSON.parse(text);
    } catch {
      // not JSON: said below
    }
    if (res.status === 401)
      throw new ApiCallError(`the API at ${base.origin} refused the token (401): check --token`, 401);
    if (!res.ok) {
      const error = (parsed as { error?: { code?: unknown; message?: string } } | null)?.error;
      const code = typeof error?.code === 'string' && KEPT_CODES.has(error.code) ? error.code : 'E_USER';
      throw new ApiCallError(
        `${method} ${path}: ${res.status} ${error?.message ?? text.slice(0, 200)}`,
        res.status,
        code as ErrorCode,
        error?.message ?? null,
      );
    }
    return parsed as T;
  }

  return {
    where: base.origin,
    async check(assignee) {
      try {
        await call('GET', `/api/assignees/${encodeURIComponent(assignee)}`);
      } catch (error) {
        // The bot says why the assignee is unknown, in the same words as in local mode.
        if (error instanceof ApiCallError && error.code === 'E_NOT_FOUND' && error.apiMessage) {
          throw new UserError(error.apiMessage);
        }
        throw error;
      }
    },
    claim: (assignee, leaseMinutes, worker) =>
      call<{
        task: Task | null;
        reason: string | null;
        runId: number | null;
        requeued?: string[];
        expiredFailed?: string[];
      }>('POST', '/api/queue/claim', {
        assignee,
        leaseMinutes,
        worker,
      }),
    async renew(claim, leaseMinutes) {
      // A 409 (the claim is no longer this run's) arrives as an E_CONFLICT ApiCallError.
      await call('POST', '/api/queue/renew', { ...claim, leaseMinutes });
    },
    async release(claim, reason, output) {
      await call('POST', '/api/queue/release', { ...claim, reason, output });
    },
    finish: (claim, run: RunReport) => call<FinishResult>('POST', '/api/queue/finish', { ...claim, run }),
    passing(error) {
      if (!(error instanceof ApiCallError)) return null;
      if (error.status === null) return `the API at ${base.origin} cannot be reached`;
      // 503: the bot's database busy or read-only for now; 502/504: a proxy in front of it; 507: its disk full.
      if ([502, 503, 504, 507].includes(error.status))
        return `the API at ${base.origin} answered ${error.status}`;
      return null;
    },
    async close() {},
  };
}
