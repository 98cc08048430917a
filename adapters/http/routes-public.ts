import type { DatabaseHealth } from '../../src/index.js';
import type { ApiReply, PublicRequest, PublicRoute } from './router.js';

/**
 * 200 while the database reads and takes writes (busy is a moment: the lock holder finishes);
 * 503 when it does not answer (its file gone or damaged), or a write would fail until someone
 * fixes it (read-only, full).
 */
function health({ app, logger }: PublicRequest): ApiReply {
  let database: DatabaseHealth;
  try {
    database = app.health();
  } catch (error) {
    logger.error({ err: error }, 'health check failed');
    return { status: 503, body: { status: 'unavailable', database: { readable: false } } };
  }
  const ok = database.writable === 'yes' || database.writable === 'busy';
  if (!ok) logger.warn({ database }, 'health check: writes would fail');
  return {
    status: ok ? 200 : 503,
    body: { status: ok ? 'ok' : 'unavailable', database: { readable: true, ...database } },
  };
}

const HEALTH = {
  path: '/healthz',
  role: 'none',
  what: 'checking health',
  responds: {
    200: '`{status:"ok", database:{readable:true, writable:"yes"}}` (`writable:"busy"` while another process holds the lock)',
    503: '`{status:"unavailable"}`: a write would fail now (`writable:"read-only"` or `"full"`), or the database does not answer (`readable:false`: its file is gone or damaged)',
  },
  handle: health,
} as const;

/** What anyone may ask without a token: is it up, and what is the API. */
export const publicRoutes: PublicRoute[] = [
  { ...HEALTH, method: 'GET' },
  { ...HEALTH, method: 'HEAD', what: 'checking health without a body' },
  {
    method: 'GET',
    path: '/api/openapi.json',
    role: 'none',
    what: 'describing the API',
    responds: {
      200: 'this document: OpenAPI 3.1, generated from the schemas that check each request',
    },
    handle: ({ openApi }) => ({ status: 200, body: openApi() }),
  },
];
