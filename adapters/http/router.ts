import type { IncomingHttpHeaders } from 'node:http';
import { type Ctx, type Goalpost, ValidationError } from '../../src/index.js';
import { HttpError } from './http-error.js';

/** A role a route needs: member < approver < admin. */
export type Role = NonNullable<Ctx['role']>;
/** The methods the API routes use. */
export type Method = 'GET' | 'POST' | 'PUT';

/** An authenticated, authorised request as a route handler sees it. */
export interface ApiRequest {
  app: Goalpost;
  ctx: Ctx;
  /** Path parameters, decoded: `/api/tasks/:ref` → `{ ref: 'T-12' }`. */
  params: Record<string, string>;
  query: URLSearchParams;
  /** The JSON body; `{}` when there is none. */
  body: Record<string, unknown>;
  headers: IncomingHttpHeaders;
  /** The API token's name. */
  client: string;
}

/** A handler's answer: the status and the JSON body. */
export interface ApiReply {
  status: number;
  body: unknown;
}

/** One route: the role it needs is checked before `handle` runs, so a refusal writes nothing. */
export interface Route {
  method: Method;
  path: string;
  role: Role;
  /** What a refusal names: "changing the vision needs the admin role…". */
  what: string;
  handle(req: ApiRequest): ApiReply;
}

/** 200 with `body`. */
export const ok = (body: unknown): ApiReply => ({ status: 200, body });
/** 201 with `body`. */
export const created = (body: unknown): ApiReply => ({ status: 201, body });

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

/** @throws ValidationError for a field the route does not take (a typo should not be ignored). */
export function onlyFields(
  body: Record<string, unknown>,
  allowed: readonly string[],
): Record<string, unknown> {
  const unknown = Object.keys(body).find((k) => !allowed.includes(k));
  if (unknown !== undefined) {
    throw new ValidationError(
      `${unknown}: not a field here; expected ${allowed.length ? allowed.join(', ') : 'no body'}`,
      unknown,
    );
  }
  return body;
}
