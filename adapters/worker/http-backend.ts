import type { FinishResult, RunReport, Task } from '../../src/index.js';
import { UserError } from '../../src/index.js';
import type { WorkerBackend } from './backend.js';

/** A failed call to the API, with what the API said. */
export class ApiCallError extends UserError {}

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
      throw new ApiCallError(`the API at ${base.origin} refused the token (401): check --token`);
    if (!res.ok) {
      const message =
        (parsed as { error?: { message?: string } } | null)?.error?.message ?? text.slice(0, 200);
      throw new ApiCallError(`${method} ${path}: ${res.status} ${message}`);
    }
    return parsed as T;
  }

  return {
    where: base.origin,
    async check(assignee) {
      const { assignees } = await call<{ assignees: Array<{ name: string }> }>('GET', '/api/assignees');
      if (!assignees.some((a) => a.name === assignee)) {
        const known = assignees.map((a) => a.name);
        throw new UserError(
          `unknown assignee "${assignee}"; ${known.length ? `the assignees are ${known.join(', ')}` : 'there are none yet'} (add one with \`goalpost assignee add ${assignee} --kind worker\`)`,
        );
      }
    },
    claim: (assignee, leaseMinutes, worker) =>
      call<{ task: Task | null; reason: string | null }>('POST', '/api/queue/claim', {
        assignee,
        leaseMinutes,
        worker,
      }),
    async renew(ref, assignee, leaseMinutes) {
      await call('POST', '/api/queue/renew', { ref, assignee, leaseMinutes });
    },
    async release(ref, assignee, reason, output) {
      await call('POST', '/api/queue/release', { ref, assignee, reason, output });
    },
    finish: (ref, assignee, run: RunReport) =>
      call<FinishResult>('POST', '/api/queue/finish', { ref, assignee, run }),
    async close() {},
  };
}
