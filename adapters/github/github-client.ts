import { createAppAuth } from '@octokit/auth-app';
import { Octokit } from '@octokit/rest';
import {
  ConfigError,
  ForbiddenError,
  type Logger,
  NotFoundError,
  packageVersion,
  ServiceError,
} from '../../src/index.js';

/**
 * Who the connector signs in as: a token, or a GitHub App (its JWT, or, with `installationId`, a
 * token of that installation, made and renewed by @octokit/auth-app).
 */
export type GitHubCredential =
  | { token: string }
  | { app: { id: number; privateKey: string }; installationId?: number };

/** What the connector needs to talk to GitHub. */
export interface GitHubClientOptions {
  credential: GitHubCredential;
  /** `https://api.github.com`, or a GitHub Enterprise server's `https://HOST/api/v3`. */
  apiUrl: string;
  logger: Logger;
  /** Waits `ms`. */
  sleep?: (ms: number) => Promise<void>;
  /** The longest a request waits for a rate limit to reset before giving up. Default 15 minutes. */
  maxWaitMs?: number;
}

/** An error as Octokit throws it for an HTTP answer: its status and the answer's headers. */
interface HttpFailure {
  status: number;
  message: string;
  response?: { headers: Record<string, string | number | undefined> };
}

const isHttpFailure = (e: unknown): e is HttpFailure =>
  typeof e === 'object' && e !== null && typeof (e as { status?: unknown }).status === 'number';

/** Statuses whose answers carry no body (a Response built with one throws). */
const NULL_BODY = new Set([101, 103, 204, 205, 304]);

/**
 * fetch, reading the whole answer before Octokit sees it. A connection cut mid-answer must fail
 * the request: Octokit reads the body itself and takes a cut one as an empty page, which would
 * end a sync early and lose the rest of it silently.
 */
async function wholeAnswers(url: string | URL | Request, init?: RequestInit): Promise<Response> {
  const response = await fetch(url, init);
  let body: ArrayBuffer;
  try {
    body = await response.arrayBuffer();
  } catch (error) {
    throw new Error(`GitHub's answer was cut short (${(error as Error).message})`, { cause: error });
  }
  return new Response(NULL_BODY.has(response.status) ? null : body, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
}

/**
 * A success whose body is not JSON: a proxy's or a captive portal's page in front of GitHub, or a
 * broken answer. Octokit hands such a body on as text, which no caller can read as GitHub's.
 */
class NotJsonAnswer extends Error {
  constructor(
    readonly answered: number,
    readonly contentType: string,
  ) {
    super(`GitHub answered ${answered} with something that is not JSON (${contentType})`);
    this.name = 'NotJsonAnswer';
  }
}

/** Statuses whose success carries no body, so nothing to parse (Octokit's data is then ''). */
const NO_CONTENT = new Set([204, 205]);

/** `response`, when its body is JSON, as every GitHub endpoint Goalpost calls answers. @throws NotJsonAnswer */
function jsonOnly<T extends { status: number; data: unknown; headers: Record<string, unknown> }>(
  response: T,
): T {
  const { data } = response;
  if (NO_CONTENT.has(response.status)) return response;
  if (typeof data === 'object' && data !== null && !(data instanceof ArrayBuffer)) return response;
  const type = response.headers['content-type'];
  throw new NotJsonAnswer(
    response.status,
    typeof type === 'string' && type !== '' ? type : 'no content type',
  );
}

/** How many times one request waits for a rate limit before it gives up. */
const MAX_WAITS = 3;

/** GitHub's advice for a secondary rate limit that names no wait: a minute, doubled at each refusal after. */
const SECONDARY_WAIT_MS = 60_000;

/**
 * Whether a refusal's message names a rate limit: GitHub's secondary limits answer 403 (or 429)
 * with `x-ratelimit-remaining` above 0 and often no `retry-after`, so only their words ("You have
 * exceeded a secondary rate limit", formerly "abuse detection mechanism") tell them from a
 * missing permission.
 */
const namesRateLimit = (e: HttpFailure): boolean => /rate limit|abuse detection/i.test(e.message);

/** Whether a rate-limit refusal is the primary (hourly) limit, spent: `x-ratelimit-remaining` 0. */
const primarySpent = (e: HttpFailure): boolean =>
  String(e.response?.headers['x-ratelimit-remaining']) === '0';

/**
 * How long GitHub says to wait before asking again, or null when the failure is no rate limit:
 * `retry-after` (the secondary limits), or the primary limit's `x-ratelimit-reset` once
 * `x-ratelimit-remaining` is 0. A secondary limit that names no wait (a 429, or a 403 whose
 * message says so) waits a minute, then twice as long at each of the `waited` refusals before,
 * as GitHub's docs advise.
 */
export function rateLimitWaitMs(e: HttpFailure, nowMs: number, waited = 0): number | null {
  if (e.status !== 403 && e.status !== 429) return null;
  const headers = e.response?.headers ?? {};
  const retryAfter = Number(headers['retry-after']);
  if (Number.isFinite(retryAfter) && retryAfter >= 0 && headers['retry-after'] !== undefined) {
    return retryAfter * 1000;
  }
  if (primarySpent(e)) {
    const reset = Number(headers['x-ratelimit-reset']);
    if (Number.isFinite(reset)) return Math.max(0, reset * 1000 - nowMs) + 1000;
  }
  return e.status === 429 || namesRateLimit(e) ? SECONDARY_WAIT_MS * 2 ** waited : null;
}

/**
 * GitHub still rate-limiting a request after the client waited as often as it may (`waited`), or
 * naming a wait longer than it may wait (`waited` 0): when to ask again. `secondary`: GitHub's
 * secondary limit (too many requests in a short time), not the primary, hourly one.
 */
export class RateLimited extends Error {
  constructor(
    readonly retryAt: Date,
    readonly secondary: boolean,
    readonly waited: number,
    cause: unknown,
  ) {
    super(`GitHub is rate-limiting this token until ${utcMinute(retryAt)} UTC`, { cause });
    this.name = 'RateLimited';
  }
}

/** `2026-11-21 10:08`: a time to try again, to the minute. */
export const utcMinute = (at: Date): string => at.toISOString().slice(0, 16).replace('T', ' ');

/**
 * What a RateLimited means, naming `credential` and what it could not do: never a missing
 * permission, and when to try again.
 */
export function rateLimitedText(
  error: RateLimited,
  credential: string,
  action: string,
  repo: string,
): string {
  const limit = error.secondary
    ? 'its secondary rate limit, for too many requests in a short time'
    : 'its hourly rate limit is used up';
  const still = error.waited > 0 ? `still after ${error.waited} waits` : 'for longer than Goalpost waits';
  return `GitHub is rate-limiting ${credential} (${limit}), ${still}: could not ${action} in ${repo}`;
}

/**
 * An Octokit for `token` at `apiUrl` that survives rate limits by waiting for the reset GitHub
 * names (up to `maxWaitMs`), and logs nothing of its own.
 */
export function createGitHubClient(options: GitHubClientOptions): Octokit {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((done) => setTimeout(done, ms)));
  const maxWaitMs = options.maxWaitMs ?? 15 * 60_000;
  const { credential } = options;
  const octokit = new Octokit({
    ...('token' in credential
      ? { auth: credential.token }
      : {
          authStrategy: createAppAuth,
          auth: {
            appId: credential.app.id,
            privateKey: credential.app.privateKey,
            ...(credential.installationId === undefined ? {} : { installationId: credential.installationId }),
          },
        }),
    baseUrl: options.apiUrl,
    userAgent: `goalpost/${packageVersion()}`,
    request: { fetch: wholeAnswers },
    log: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
  });
  octokit.hook.wrap('request', async (request, params) => {
    for (let waits = 0; ; waits++) {
      let response: Awaited<ReturnType<typeof request>>;
      try {
        response = await request(params);
      } catch (error) {
        // GitHub's reset is on the wall clock, whatever time Goalpost plans at (`--now`).
        const wait = isHttpFailure(error) ? rateLimitWaitMs(error, Date.now(), waits) : null;
        if (wait === null) throw error;
        if (waits >= MAX_WAITS || wait > maxWaitMs) {
          const secondary = !primarySpent(error as HttpFailure);
          throw new RateLimited(new Date(Date.now() + wait), secondary, wait > maxWaitMs ? 0 : waits, error);
        }
        options.logger.warn({ waitMs: wait, url: params.url }, 'GitHub rate limit: waiting for the reset');
        await sleep(wait);
        continue;
      }
      return jsonOnly(response);
    }
  });
  return octokit;
}

/**
 * What an Octokit failure means to the person who ran the command, naming what they can do:
 * a refused token, a repository GitHub does not show this token, a missing permission, a rate
 * limit that outlasted the client's waits, or GitHub not answering.
 */
export function gitHubProblem(
  error: unknown,
  repo: string,
  action: string,
  credential = 'GITHUB_TOKEN',
): Error {
  if (error instanceof ServiceError) return error;
  if (error instanceof RateLimited) {
    return new ServiceError(
      `${rateLimitedText(error, credential, action, repo)}; nothing was changed, try again after ${utcMinute(error.retryAt)} UTC`,
      error,
    );
  }
  if (error instanceof NotJsonAnswer) {
    return new ServiceError(
      `${error.message} when asked to ${action} in ${repo}; nothing was changed, try again later`,
      error,
    );
  }
  // Octokit reports a request that got no answer (refused, cut, timed out) as a 500 without one.
  if (!isHttpFailure(error) || (error as { response?: unknown }).response === undefined) {
    const why = error instanceof Error ? error.message : String(error);
    return new ServiceError(`could not reach GitHub to ${action} (${why}); nothing was changed`, error);
  }
  switch (error.status) {
    case 401:
      return new ConfigError(
        credential === 'GITHUB_TOKEN'
          ? 'GitHub refused GITHUB_TOKEN (bad credentials: expired, revoked or mistyped); make a new one (Settings → Developer settings → Fine-grained tokens) and set GITHUB_TOKEN'
          : `GitHub refused ${credential} (${error.message}): check GITHUB_APP_ID and that GITHUB_PRIVATE_KEY is a current key of that App`,
      );
    case 404:
      return new NotFoundError(
        credential === 'GITHUB_TOKEN'
          ? `GitHub has no repository ${repo}, or GITHUB_TOKEN cannot see it (a fine-grained token must list it, with Issues and Pull requests: read); nothing was changed`
          : `GitHub has no repository ${repo}, or ${credential} cannot see it; nothing was changed`,
      );
    case 403:
      return new ForbiddenError(
        `GitHub refused to let ${credential} ${action} in ${repo} (${error.message}); give it that permission; nothing was changed`,
      );
    default:
      return new ServiceError(
        `GitHub answered ${error.status} when asked to ${action} in ${repo} (${error.message}); nothing was changed, try again later`,
        error,
      );
  }
}
