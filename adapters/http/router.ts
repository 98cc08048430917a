import type { IncomingHttpHeaders } from 'node:http';
import * as z from 'zod';
import {
  type Ctx,
  clipForMessage,
  type Goalpost,
  type HeavyJobs,
  type Logger,
  lazySchema,
  ValidationError,
  validate,
} from '../../src/index.js';
import { HttpError } from './http-error.js';

/** A role a route needs: member < approver < admin. */
export type Role = NonNullable<Ctx['role']>;
/** The methods the API routes use. */
export type Method = 'GET' | 'HEAD' | 'POST' | 'PUT';

/** An authenticated, authorised request as a route handler sees it, its body and query parsed. */
export interface ApiRequest<B, Q> {
  app: Goalpost;
  /** Where the heavy work (a generated batch, a learning rebuild) runs: off the thread that answers. */
  jobs: HeavyJobs;
  ctx: Ctx;
  /** Path parameters, decoded: `/api/tasks/:ref` → `{ ref: 'T-12' }`. */
  params: Record<string, string>;
  /** The query, as the route's `query` schema parsed it. */
  query: Q;
  /** The JSON body, as the route's `body` schema parsed it. */
  body: B;
  headers: IncomingHttpHeaders;
  /** The API token's name. */
  client: string;
}

/** What a route that needs no token sees: no caller, no body. */
export interface PublicRequest {
  app: Goalpost;
  logger: Logger;
  /** The OpenAPI document of every route. */
  openApi(): unknown;
}

/** A handler's answer: the status and the JSON body. */
export interface ApiReply {
  status: number;
  body: unknown;
}

/** What every route declares: where it is, what it takes, what it answers (for the API document). */
interface RouteBase {
  method: Method;
  path: string;
  /** What it does, for a refusal ("changing the vision needs the admin role…") and the document. */
  what: string;
  /** The answers it gives when it works, by status: `{ 200: 'the batch summary and tasks' }`. */
  responds: Record<number, string>;
}

/**
 * A route for token holders. The role is checked before the body is read; the body and query are
 * parsed by the route's own schemas before `handle` runs, so a refusal writes nothing, and the
 * same schemas are what `GET /api/openapi.json` describes.
 */
export interface TokenRoute<B = unknown, Q = unknown> extends RouteBase {
  role: Role;
  /** The JSON body, as a strict object (an unknown field is a 400); none means it takes no body. */
  body?: z.ZodType<B>;
  /** The query parameters, as a strict object of strings; none means it takes none. */
  query?: z.ZodType<Q>;
  /** Takes an `Idempotency-Key` header (a task step). */
  idempotent?: boolean;
  /** A larger body than the server's limit, in bytes: a worker's report carries its run's output. */
  maxBodyBytes?: number;
  handle(req: ApiRequest<B, Q>): ApiReply | Promise<ApiReply>;
}

/** A route anyone may call (health, the API document): no body, no query, no token. */
export interface PublicRoute extends RouteBase {
  role: 'none';
  handle(req: PublicRequest): ApiReply;
}

export type Route = TokenRoute | PublicRoute;

/** Declares a token route, typing its handler by its schemas. */
export const route = <B = Record<string, never>, Q = Record<string, never>>(r: TokenRoute<B, Q>): Route => r;

/** 200 with `body`. */
export const ok = (body: unknown): ApiReply => ({ status: 200, body });
/** 201 with `body`. */
export const created = (body: unknown): ApiReply => ({ status: 201, body });

const idempotencyKey = lazySchema(() =>
  z.object({
    'Idempotency-Key': z
      .string()
      .regex(/^[\x21-\x7e]{1,128}$/, { error: 'up to 128 visible ASCII characters, like a UUID' })
      .optional(),
  }),
);

/**
 * The request's `Idempotency-Key`, as the event id a use case remembers it under; undefined
 * without one. Keys are per token: another client's key never makes this request a repeat.
 * @throws ValidationError for a key that is not up to 128 visible ASCII characters.
 */
export function idempotencyKeyOf<B, Q>(req: ApiRequest<B, Q>): string | undefined {
  const header = req.headers['idempotency-key'];
  const key = validate(idempotencyKey(), { 'Idempotency-Key': Array.isArray(header) ? header[0] : header })[
    'Idempotency-Key'
  ];
  return key === undefined ? undefined : `${req.client}:${key}`;
}

/**
 * What an add under a key answers: 201 with what it added (`duplicate: false`), or 200 with it
 * when sent again (`duplicate: true`), as a decision's step says `duplicate` either way.
 */
export const addedOnce = (body: { duplicate?: true }): ApiReply =>
  body.duplicate === true ? ok(body) : created({ ...body, duplicate: false });

/** What a method and path lead to: a route, a 405 with the allowed methods, or a 404. */
export type Match =
  | { kind: 'route'; route: Route; params: Record<string, string> }
  | { kind: 'method'; allow: Method[] }
  | { kind: 'none' };

function matchPath(pattern: string[], segments: string[]): Record<string, string> | null {
  if (pattern.length !== segments.length) return null;
  const params: Record<string, string> = {};
  for (const [i, part] of pattern.entries()) {
    const segment = segments[i] ?? '';
    if (part.startsWith(':')) {
      try {
        params[part.slice(1)] = decodeURIComponent(segment);
      } catch {
        throw new HttpError(400, 'E_VALIDATION', `${part.slice(1)}: not a valid URL segment`, {
          field: part.slice(1),
        });
      }
    } else if (part !== segment) return null;
  }
  return params;
}

/** Finds the route for a method and path; a known path with another method gives its `Allow` list. */
export function createRouter(routes: readonly Route[]): (method: string, pathname: string) => Match {
  const compiled = routes.map((route) => ({ route, pattern: route.path.split('/').filter(Boolean) }));
  return (method, pathname) => {
    const segments = pathname.split('/').filter(Boolean);
    const allow: Method[] = [];
    for (const { route, pattern } of compiled) {
      const params = matchPath(pattern, segments);
      if (params === null) continue;
      if (route.method === method) return { kind: 'route', route, params };
      allow.push(route.method);
    }
    return allow.length > 0 ? { kind: 'method', allow } : { kind: 'none' };
  };
}

/** A route that takes no body: any field is unknown. */
const NO_FIELDS = z.strictObject({});

const names = new WeakMap<z.ZodType, { names: string[]; lists: ReadonlySet<string> }>();
const NO_FIELDS_KNOWN = { names: [], lists: new Set<string>() };

/** The field names of an object schema (a query or body), read once from its JSON Schema. */
function namesOf(schema: z.ZodType | undefined): string[] {
  return fieldsOf(schema).names;
}

/** A schema's field names, and those that take a list (a query parameter given more than once). */
function fieldsOf(schema: z.ZodType | undefined): { names: string[]; lists: ReadonlySet<string> } {
  if (schema === undefined) return NO_FIELDS_KNOWN;
  let known = names.get(schema);
  if (known === undefined) {
    const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as {
      properties?: Record<string, { type?: unknown }>;
    };
    const properties = Object.entries(json.properties ?? {});
    known = {
      names: properties.map(([name]) => name),
      lists: new Set(properties.filter(([, p]) => p.type === 'array').map(([name]) => name)),
    };
    names.set(schema, known);
  }
  return known;
}

/** The query as an object: a parameter given once is a string, given again a list of them. */
function queryObject(query: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(query.keys())) {
    const values = query.getAll(key);
    out[key] = values.length === 1 ? (values[0] ?? '') : values;
  }
  return out;
}

/**
 * The route's query, parsed. A parameter the route does not take is refused, naming the ones it
 * does: a typo or a body field sent in the URL (`?dryRun=true`) must not be silently ignored.
 * @throws ValidationError naming the parameter.
 */
export function parseQuery(route: Route, query: URLSearchParams): unknown {
  const fields = route.role === 'none' ? NO_FIELDS_KNOWN : fieldsOf(route.query);
  const allowed = fields.names;
  const given = queryObject(query);
  const unknown = Object.keys(given).find((key) => !allowed.includes(key));
  if (unknown !== undefined) {
    const inBody = route.role !== 'none' && namesOf(route.body).includes(unknown);
    throw new ValidationError(
      `${unknown}: not a query parameter of ${route.method} ${route.path}; ${allowed.length ? `it takes ${allowed.join(', ')}` : 'it takes none'}${inBody ? ` (${unknown} goes in the JSON body)` : ''}`,
      unknown,
    );
  }
  // `?limit=2&limit=3` is no limit: said so, not quoted back as the list it was read as.
  const repeated = Object.entries(given).find(([key, v]) => Array.isArray(v) && !fields.lists.has(key));
  if (repeated !== undefined) {
    const [key, values] = repeated as [string, string[]];
    throw new ValidationError(
      `${key}: given ${values.length} times (${values.map((v) => JSON.stringify(clipForMessage(v))).join(', ')}); give it once`,
      key,
    );
  }
  return route.role === 'none' || route.query === undefined ? {} : validate(route.query, given);
}

/** The fields a route's body takes, by name (none for a route without a body). */
export const bodyFields = (route: TokenRoute): readonly string[] => namesOf(route.body);

/** The route's JSON body, parsed by its schema (a route without one takes no fields). */
export function parseBody(route: TokenRoute, body: Record<string, unknown>): unknown {
  return validate(route.body ?? NO_FIELDS, body);
}
