import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type Clock,
  type Goalpost,
  type HeavyJobs,
  inlineJobs,
  type Logger,
  packageVersion,
  systemClock,
} from '../../src/index.js';
import { apiRoutes } from './api-routes.js';
import { authenticate } from './authenticate.js';
import type { BoundAddress } from './bind-address.js';
import { errorReply, HttpError } from './http-error.js';
import { refuseNumbersAsText } from './json-numbers.js';
import { openApiDocument } from './openapi.js';
import { discardRest, readJsonBody } from './read-json-body.js';
import {
  type ApiReply,
  bodyFields,
  createRouter,
  type Method,
  type PublicRoute,
  parseBody,
  parseQuery,
  type TokenRoute,
} from './router.js';
import { send } from './send-json.js';

/** What the HTTP server needs: the facade, a logger, and optional limits and hooks. */
export interface HttpServerOptions {
  app: Goalpost;
  logger: Logger;
  clock?: Clock;
  /**
   * Where generate and learn run (the bot's job thread, so a batch planned over a large workspace
   * never holds the other requests and the chat acks behind it); default: this thread.
   */
  jobs?: HeavyJobs;
  /** Largest accepted request body. Default 64 KiB. */
  maxBodyBytes?: number;
  /** Called after every successful write request (pass the webhook deliverer's `nudge`). */
  onWrite?: () => void;
  /** How long `close()` waits for requests in flight before dropping them. Default 10 s. */
  closeGraceMs?: number;
}

/** A raw handler for a mounted path (Slack's `/slack/events`): it owns the request and response. */
export type MountedHandler = (req: IncomingMessage, res: ServerResponse) => void;

/** The running API: listen on a port, mount more handlers on it, close it gracefully. */
export interface HttpServer {
  listen(port: number, host: string): Promise<{ url: string; port: number }>;
  /** Serves on an address bound before (bindAddress): taking it over cannot be refused. */
  listen(bound: BoundAddress): Promise<{ url: string; port: number }>;
  /** Stops accepting, lets requests in flight finish (up to the grace period), then resolves. */
  close(): Promise<void>;
  /** Hands every request under `pathPrefix` to `handler`, before auth and routing. */
  mount(pathPrefix: string, handler: MountedHandler): void;
}

/** A route's body, parsed by its schema, with no number sent as text where its document says a number. */
function parsedBody(route: TokenRoute, raw: Record<string, unknown>): unknown {
  const parsed = parseBody(route, raw);
  refuseNumbersAsText(route, raw);
  return parsed;
}

/**
 * The HTTP API on node:http: `GET /healthz`, its own OpenAPI document (`GET /api/openapi.json`),
 * the seed's `/api/goal-engine/*` routes, tasks, the worker queue, goals and metrics (`apiRoutes`).
 * Every other `/api` route needs `Authorization: Bearer <token>` and the route's role; errors map
 * to 400/401/403/404/405/409/413/415/500 with a JSON `{error}` body, and every response carries
 * `X-Request-Id`.
 */
export function createHttpServer(options: HttpServerOptions): HttpServer {
  const { app, logger } = options;
  const clock = options.clock ?? systemClock;
  const jobs = options.jobs ?? inlineJobs(app);
  const maxBodyBytes = options.maxBodyBytes ?? 64 * 1024;
  const route = createRouter(apiRoutes);
  let document: unknown;
  /** The API document, made on first request: it is the same until the code changes. */
  const openApi = (): unknown => {
    document ??= openApiDocument(apiRoutes, packageVersion());
    return document;
  };
  const mounts: Array<{ prefix: string; handler: MountedHandler }> = [];
  let closing = false;

  async function handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<number> {
    const method = req.method ?? 'GET';
    const { pathname } = url;
    refuseRepeatedHeaders(req);
    const match = route(method, pathname);
    if (match.kind === 'none') throw new HttpError(404, 'E_NOT_FOUND', `no route ${pathname}`);
    if (match.kind === 'method') {
      const allow = [...new Set<Method>(match.allow)].join(', ');
      throw new HttpError(
        405,
        'E_METHOD_NOT_ALLOWED',
        `${method} is not allowed on ${pathname} (allowed: ${allow})`,
        {
          headers: { Allow: allow },
        },
      );
    }
    const reply =
      match.route.role === 'none'
        ? answerPublic(match.route, url)
        : await answer({ route: match.route, params: match.params }, req, url);
    send(res, reply.status, reply.body);
    if (method !== 'GET' && method !== 'HEAD') {
      try {
        options.onWrite?.();
      } catch (error) {
        logger.warn({ err: error }, 'onWrite hook failed');
      }
    }
    return reply.status;
  }

  function answerPublic(publicRoute: PublicRoute, url: URL): ApiReply {
    parseQuery(publicRoute, url.searchParams);
    return publicRoute.handle({ app, logger, openApi });
  }

  /** Authenticates, authorises, reads and parses the request, then runs the route. */
  async function answer(
    match: { route: TokenRoute; params: Record<string, string> },
    req: IncomingMessage,
    url: URL,
  ): Promise<ApiReply> {
    const who = authenticate(app, req.headers.authorization);
    const ctx = app.context({
      workspaceId: who.workspaceId,
      actor: `api:${who.name}`,
      source: 'api',
      role: who.role,
    });
    app.members.authorize(ctx, match.route.role, match.route.what);
    const query = parseQuery(match.route, url.searchParams);
    const limit = Math.max(maxBodyBytes, match.route.maxBodyBytes ?? 0);
    const raw = match.route.method === 'GET' ? {} : await readJsonBody(req, limit, bodyFields(match.route));
    return match.route.handle({
      app,
      jobs,
      ctx,
      params: match.params,
      query,
      body: parsedBody(match.route, raw),
      headers: req.headers,
      client: who.name,
    });
  }

  /** Runs one API request to its end; never rejects (an error becomes its JSON answer). */
  async function serve(req: IncomingMessage, res: ServerResponse, requestId: string, url: URL | null) {
    const started = clock.now().getTime();
    let status: number;
    try {
      if (url === null)
        throw new HttpError(400, 'E_VALIDATION', 'the request URL is malformed', { field: 'url' });
      status = await handle(req, res, url);
    } catch (error) {
      const reply = errorReply(error, requestId, logger);
      status = reply.status;
      discardRest(req);
      if (res.headersSent) res.destroy();
      else send(res, reply.status, reply.body, reply.headers);
    }
    const ms = clock.now().getTime() - started;
    logger.debug({ requestId, method: req.method, path: url?.pathname, status, ms }, 'HTTP request');
  }

  const server = createServer((req, res) => {
    const requestId = randomUUID();
    res.setHeader('X-Request-Id', requestId);
    if (closing) res.setHeader('Connection', 'close');
    let url: URL | null = null;
    try {
      // A path is read as the path it is: `//api/goals` against a base is a host and `/goals` (a
      // review's answer named a route it never asked for).
      const target = req.url ?? '/';
      url = target.startsWith('/')
        ? new URL(`http://localhost${target}`)
        : new URL(target, 'http://localhost');
    } catch {
      // answered with a 400 by serve()
    }
    const path = url?.pathname;
    const mounted = mounts.find((m) => path === m.prefix || path?.startsWith(`${m.prefix}/`));
    if (!mounted) {
      void serve(req, res, requestId, url);
      return;
    }
    try {
      mounted.handler(req, res);
    } catch (error) {
      const reply = errorReply(error, requestId, logger);
      if (res.headersSent) res.destroy();
      else send(res, reply.status, reply.body, reply.headers);
    }
  });
  server.requestTimeout = 30_000;
  server.headersTimeout = 15_000;
  server.on('request', (_req, res: ServerResponse) => {
    res.on('finish', () => {
      if (closing) server.closeIdleConnections();
    });
  });

  function listen(at: number | BoundAddress, hostGiven?: string): Promise<{ url: string; port: number }> {
    const host = typeof at === 'number' ? (hostGiven ?? '127.0.0.1') : at.host;
    return new Promise((resolve, reject) => {
      const listening = () => {
        server.off('error', reject);
        const address = server.address() as AddressInfo;
        const shown = host.includes(':') ? `[${host}]` : host;
        resolve({ url: `http://${shown}:${address.port}`, port: address.port });
      };
      server.once('error', reject);
      if (typeof at === 'number') server.listen(at, host, listening);
      else server.listen(at.server, listening);
    });
  }

  return {
    listen,
    close() {
      if (!server.listening) return Promise.resolve();
      closing = true;
      return new Promise((resolve, reject) => {
        const force = setTimeout(() => server.closeAllConnections(), options.closeGraceMs ?? 10_000);
        force.unref();
        server.close((error) => {
          clearTimeout(force);
          if (error) reject(error);
          else resolve();
        });
        server.closeIdleConnections();
      });
    },
    mount(pathPrefix, handler) {
      const prefix = pathPrefix.replace(/\/+$/, '');
      if (!prefix.startsWith('/')) throw new Error(`mount path must start with / (got "${pathPrefix}")`);
      mounts.push({ prefix, handler });
    },
  };
}

/** Headers a request means one of: Node keeps the first of two, and acts on a request that said two things. */
const SINGLE_HEADERS = ['authorization', 'content-type', 'idempotency-key'] as const;

/**
 * Refuses a request that gives one of SINGLE_HEADERS twice (a review's two Authorization headers
 * went through on the first, whichever a proxy put first), as a JSON key given twice is refused.
 * @throws HttpError 400 naming the header.
 */
function refuseRepeatedHeaders(req: IncomingMessage): void {
  for (const name of SINGLE_HEADERS) {
    if ((req.headersDistinct[name]?.length ?? 0) > 1) {
      const shown = name.replace(/(^|-)([a-z])/g, (_m, dash: string, c: string) => dash + c.toUpperCase());
      throw new HttpError(400, 'E_VALIDATION', `${shown}: given twice; send it once`, { field: shown });
    }
  }
}
