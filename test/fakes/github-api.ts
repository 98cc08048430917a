import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Caller, callerOf, type FakeGitHubToken } from './github-access.js';
import { bearerOf, createApps } from './github-apps.js';
import { createInjections, type FakeGitHubFault, type FakeGitHubSecondaryLimit } from './github-faults.js';
import { etagMatches, type GitHubAnswer, githubError, notFound, send, weakEtag } from './github-http.js';
import {
  createRateLimits,
  type FakeGitHubRateLimitChange,
  type FakeGitHubRateLimitOptions,
  type FakeGitHubRateLimitStatus,
  secondaryLimited,
} from './github-limits.js';
import { githubRoutes, type Handler } from './github-routes.js';
import { stableId } from './github-shapes.js';
import {
  createClock,
  createGitHubState,
  type FakeGitHubClock,
  type FakeGitHubIssue,
  type FakeGitHubIssueInput,
  type FakeGitHubIssuePatch,
  type FakeGitHubMilestone,
  type FakeGitHubMilestoneInput,
  type FakeGitHubRepo,
} from './github-state.js';

export type { FakeGitHubToken } from './github-access.js';
export type { FakeGitHubFault, FakeGitHubSecondaryLimit } from './github-faults.js';
export type { FakeGitHubRateLimitOptions, FakeGitHubRateLimitStatus } from './github-limits.js';
export type {
  FakeGitHubIssue,
  FakeGitHubIssueInput,
  FakeGitHubMilestone,
  FakeGitHubRepo,
} from './github-state.js';

/** One request the fake received, and what it answered. */
export interface FakeGitHubCall {
  method: string;
  /** Without the query. */
  path: string;
  query: Record<string, string>;
  /** Request headers, names in lower case (`authorization`, `if-none-match`, `user-agent`, …). */
  headers: Record<string, string>;
  /** The token the `Authorization` header carried, known or not; null without one. */
  token: string | null;
  /** The parsed JSON body; undefined when there was none. */
  body: unknown;
  status: number;
  /** True when the connection was cut mid-body (an injected fault). */
  destroyed?: true;
}

export interface FakeGitHubOptions {
  /** Tokens the fake accepts and what each may do; any other token is "Bad credentials". */
  tokens?: Record<string, FakeGitHubToken>;
  rateLimit?: FakeGitHubRateLimitOptions;
  /** Where the fake's clock (issue times, `since`) starts (default 2026-01-05T09:00:00Z). */
  now?: string;
}

/**
 * A local stand-in for api.github.com, on 127.0.0.1, that refuses what GitHub refuses: unknown
 * tokens (401), private repositories the token may not read (404, as GitHub hides them), writes
 * without permission (403), bad query values and bodies (422), spent rate limits (403 with
 * `x-ratelimit-*`), and `page` past the first 1,000 issues (422, use the cursors). It pages
 * issues by cursor and milestones by number with `Link` headers as GitHub writes them, answers a
 * matching `If-None-Match` with 304 (uncounted), and records every request.
 */
export interface FakeGitHub {
  /** `http://127.0.0.1:PORT`: Octokit's `baseUrl`, `GITHUB_API_URL`. */
  readonly url: string;
  readonly calls: FakeGitHubCall[];
  /** The time issues are stamped with when they change; set or advance it between calls. */
  readonly clock: FakeGitHubClock;
  addToken(token: string, grant: FakeGitHubToken): void;
  addRepo(fullName: string, options?: { private?: boolean }): FakeGitHubRepo;
  /** The repository, named in any case; throws when there is none. */
  repo(fullName: string): FakeGitHubRepo;
  /** Adds an issue or pull request with the next number; `updated_at` is the clock's time. */
  addIssue(fullName: string, input: FakeGitHubIssueInput): FakeGitHubIssue;
  addIssues(fullName: string, inputs: readonly FakeGitHubIssueInput[]): FakeGitHubIssue[];
  /** Changes an issue as someone on GitHub would; `updated_at` moves to the clock's time. */
  updateIssue(fullName: string, number: number, patch: FakeGitHubIssuePatch): FakeGitHubIssue;
  issue(fullName: string, number: number): FakeGitHubIssue;
  /** Deletes an issue: in no listing from then on, 410 Gone when asked for (see the state's deleteIssue). */
  deleteIssue(fullName: string, number: number): void;
  /** Transfers an issue to `toFullName`; returns it there (see the state's transferIssue). */
  transferIssue(fullName: string, number: number, toFullName: string): FakeGitHubIssue;
  /**
   * Issue `number` of `fullName` is blocked by issue `blockerNumber` of `blockerFullName` (any
   * repository). Neither `updated_at` moves (see the state's blockIssue).
   */
  blockIssue(fullName: string, number: number, blockerFullName: string, blockerNumber: number): void;
  /** Takes a "blocked by" back; `updated_at` unmoved. */
  unblockIssue(fullName: string, number: number, blockerFullName: string, blockerNumber: number): void;
  addMilestone(fullName: string, input: FakeGitHubMilestoneInput): FakeGitHubMilestone;
  updateMilestone(
    fullName: string,
    number: number,
    patch: Partial<FakeGitHubMilestoneInput>,
  ): FakeGitHubMilestone;
  /** Deletes a milestone; its issues' `updated_at` stays (see the state's deleteMilestone). */
  deleteMilestone(fullName: string, number: number): void;
  /** Renames a label on every issue carrying it; their `updated_at` stays (see the state's renameLabel). */
  renameLabel(fullName: string, from: string, to: string): { id: number; name: string };
  /** Deletes a label from every issue carrying it; their `updated_at` stays. */
  deleteLabel(fullName: string, name: string): void;
  /** A caller's primary rate-limit window (`null`: anonymous callers), e.g. `{ remaining: 0, resetInSeconds: 1 }`. */
  setRateLimit(token: string | null, change: FakeGitHubRateLimitChange): void;
  rateLimit(token: string | null): FakeGitHubRateLimitStatus;
  /** The next matching request(s) hit a secondary rate limit (default: once, 403, `retry-after: 1`). */
  secondaryLimit(limit?: FakeGitHubSecondaryLimit): void;
  /** Registers a GitHub App by id with its public key (PEM); its JWTs are checked against it. */
  addApp(id: number, publicKeyPem: string, slug?: string): void;
  /** Installs App `id` on `repos`; returns the installation id. Its tokens read them (and write, if `write`). */
  installApp(id: number, repos: string[], options?: { write?: boolean }): number;
  /** The owner changes an installation's Issues permission: tokens it issues from now on write or only read. */
  permitInstallation(installation: number, options: { write: boolean }): void;
  /**
   * The next matching request(s) fail: a 5xx (default 502), with `destroy` a cut connection, or
   * with `notJson` a 200 that is not JSON.
   */
  failNext(fault?: FakeGitHubFault): void;
  callsTo(method: string, path: RegExp): FakeGitHubCall[];
  close(): Promise<void>;
}

/** GitHub's message for a status an injected fault answers with (a 404: what was there is gone). */
const FAULT_MESSAGES: Readonly<Record<number, string>> = { 404: 'Not Found', 503: 'Service Unavailable' };

/** Sends the headers and half the body of `answer`, then drops the connection. */
function cutShort(res: ServerResponse, answer: GitHubAnswer): void {
  const json = JSON.stringify(answer.body ?? {});
  const length = String(Buffer.byteLength(json));
  res.writeHead(answer.status, {
    ...answer.headers,
    'content-type': 'application/json; charset=utf-8',
    'content-length': length,
  });
  res.write(json.slice(0, Math.floor(json.length / 2)), () => res.socket?.destroy());
}

const compile = (path: string): RegExp => new RegExp(`^${path.replace(/:(\w+)/g, '(?<$1>[^/]+)')}$`);

/** API versions GitHub accepts in `X-GitHub-Api-Version`, newest first; the last is the default. */
const API_VERSIONS = ['2026-03-10', '2022-11-28'];

/** GitHub's 400 for a version it does not have; here `errors` is a sentence, not a list. */
const unsupportedVersion = (version: string): GitHubAnswer =>
  githubError(400, 'Bad Request', undefined, {
    errors: `The version you specified in the "X-GitHub-API-Version" request header, "${version}", is not a supported version. The following versions are currently supported: "2026-03-10" (most recent) and "2022-11-28".`,
  });

function readJson(raw: string): { body: unknown } | GitHubAnswer {
  if (raw.trim() === '') return { body: undefined };
  try {
    return { body: JSON.parse(raw) };
  } catch {
    return githubError(400, 'Problems parsing JSON');
  }
}

interface Gated {
  caller: Caller;
  handler: Handler;
  params: Record<string, string>;
}

/** Starts the fake on 127.0.0.1 on a free port. */
export async function startFakeGitHub(options: FakeGitHubOptions = {}): Promise<FakeGitHub> {
  const clock = createClock(options.now);
  const state = createGitHubState(clock);
  const tokens = new Map(Object.entries(options.tokens ?? {}));
  const limits = createRateLimits(options.rateLimit);
  const injections = createInjections();
  const apps = createApps(state, tokens);
  const calls: FakeGitHubCall[] = [];
  let requests = 0;
  let api = '';
  let routes: Array<[string, RegExp, Handler]> = [];

  /**
   * What GitHub checks before an endpoint runs, in GitHub's order: the route (an unknown path is
   * 404 whatever the token), the credentials, the API version, then the primary rate limit.
   */
  function gate(req: IncomingMessage, path: string, requestId: string): Gated | GitHubAnswer {
    const matched = routes.find(([m, pattern]) => m === req.method && pattern.test(path));
    const caller = callerOf(req.headers.authorization, tokens);
    if (!matched && caller === 'bad credentials') return notFound();
    if (caller === 'bad credentials') return githubError(401, 'Bad credentials');
    if (!matched) {
      limits.count(caller.token);
      return { ...notFound(), headers: limits.headers(caller.token) };
    }
    const version = req.headers['x-github-api-version'];
    if (typeof version === 'string' && !API_VERSIONS.includes(version)) return unsupportedVersion(version);
    if (path !== '/rate_limit' && limits.exhausted(caller.token)) {
      const who = caller.grant
        ? String(stableId(caller.login ?? ''))
        : (req.socket.remoteAddress ?? '127.0.0.1');
      const refusal = limits.refusal(who.replace(/^::ffff:/, ''), requestId);
      return { ...refusal, headers: limits.headers(caller.token) };
    }
    return { caller, handler: matched[2], params: { ...matched[1].exec(path)?.groups } };
  }

  /** The answer to a request that got past any injected 5xx. */
  function respond(
    req: IncomingMessage,
    url: URL,
    raw: string,
    call: FakeGitHubCall,
    requestId: string,
  ): GitHubAnswer {
    const gated = gate(req, url.pathname, requestId);
    if ('status' in gated) return gated;
    const key = gated.caller.token;
    const secondary = injections.take('secondary', call.method, call.path);
    if (secondary?.kind === 'secondary') {
      limits.count(key);
      const after = secondary.spec.retryAfterSeconds === undefined ? 1 : secondary.spec.retryAfterSeconds;
      const headers = { ...limits.headers(key), ...(after === null ? {} : { 'retry-after': String(after) }) };
      return { ...secondaryLimited(secondary.spec.status ?? 403, requestId), headers };
    }
    const parsed = readJson(raw);
    if ('status' in parsed) return parsed;
    call.body = parsed.body;
    const { caller, params, handler } = gated;
    const result = handler({ caller, params, query: url.searchParams, body: parsed.body });
    const etag = req.method === 'GET' && result.status === 200 ? weakEtag(JSON.stringify(result.body)) : null;
    if (etag && etagMatches(req.headers['if-none-match'], etag))
      return { status: 304, headers: { etag, ...limits.headers(key) } };
    if (url.pathname !== '/rate_limit') limits.count(key);
    return { ...result, headers: { ...result.headers, ...(etag ? { etag } : {}), ...limits.headers(key) } };
  }

  /** The two endpoints a GitHub App calls with its JWT; null for any other request. */
  function appRoute(req: IncomingMessage, url: URL): GitHubAnswer | null {
    const jwt = bearerOf(req.headers.authorization);
    const installation = /^\/repos\/([^/]+)\/([^/]+)\/installation$/.exec(url.pathname);
    const exchange = /^\/app\/installations\/(\d+)\/access_tokens$/.exec(url.pathname);
    if (!(installation && req.method === 'GET') && !(exchange && req.method === 'POST')) return null;
    if (jwt === null || !apps.isJwt(jwt)) {
      return githubError(401, 'A JSON web token could not be decoded');
    }
    return installation
      ? apps.repoInstallation(jwt, `${installation[1]}/${installation[2]}`)
      : apps.accessToken(jwt, Number(exchange?.[1]));
  }

  function handle(req: IncomingMessage, res: ServerResponse, raw: string): void {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests += 1;
    const requestId = `FAKE:${requests.toString(16).toUpperCase().padStart(6, '0')}`;
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
    const token = /^(?:token|bearer)\s+(\S+)/i.exec(req.headers.authorization ?? '')?.[1] ?? null;
    const call: FakeGitHubCall = {
      ...{ method: req.method ?? 'GET', path: url.pathname, query: Object.fromEntries(url.searchParams) },
      ...{ headers, token, body: undefined, status: 0 },
    };
    calls.push(call);
    const fault = injections.take('fault', call.method, call.path);
    const spec = fault?.kind === 'fault' ? fault.spec : null;
    const result =
      spec && !spec.destroy
        ? githubError(spec.status ?? 502, FAULT_MESSAGES[spec.status ?? 502] ?? 'Server Error')
        : (appRoute(req, url) ?? respond(req, url, raw, call, requestId));
    call.status = result.status;
    const pinned = String(req.headers['x-github-api-version']);
    const selected = API_VERSIONS.includes(pinned) ? pinned : '2022-11-28';
    const extra = { 'x-github-request-id': requestId, 'x-github-api-version-selected': selected };
    const answered = { ...result, headers: { ...extra, ...result.headers } };
    if (spec?.notJson) {
      call.status = 200;
      res.writeHead(200, { ...extra, 'content-type': spec.notJson.contentType }).end(spec.notJson.body);
    } else if (spec?.destroy) {
      call.destroyed = true;
      cutShort(res, answered);
    } else send(res, answered);
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => handle(req, res, Buffer.concat(chunks).toString('utf8')));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  api = `http://127.0.0.1:${port}`;
  routes = githubRoutes({ state, api, limits }).map(([m, p, h]) => [m, compile(p), h]);

  return {
    url: api,
    calls,
    clock,
    addToken: (token, grant) => void tokens.set(token, grant),
    addApp: apps.addApp,
    installApp: apps.install,
    permitInstallation: apps.permit,
    addRepo: state.addRepo,
    repo: state.repo,
    addIssue: state.addIssue,
    addIssues: (fullName, inputs) => inputs.map((input) => state.addIssue(fullName, input)),
    updateIssue: state.updateIssue,
    blockIssue: state.blockIssue,
    unblockIssue: state.unblockIssue,
    deleteIssue: state.deleteIssue,
    transferIssue: state.transferIssue,
    issue(fullName, number) {
      const found = state.repo(fullName).issues.get(number);
      if (!found) throw new Error(`fake GitHub: ${fullName} has no issue #${number}`);
      return found;
    },
    addMilestone: state.addMilestone,
    updateMilestone: state.updateMilestone,
    deleteMilestone: state.deleteMilestone,
    renameLabel: state.renameLabel,
    deleteLabel: state.deleteLabel,
    setRateLimit: limits.set,
    rateLimit: limits.status,
    secondaryLimit: (limit = {}) =>
      injections.add({ kind: 'secondary', spec: limit, left: limit.times ?? 1 }),
    failNext: (fault = {}) => injections.add({ kind: 'fault', spec: fault, left: fault.times ?? 1 }),
    callsTo: (method, path) => calls.filter((c) => c.method === method && path.test(c.path)),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
