import * as z from 'zod';
import { errorStatusMeanings } from './error-statuses.js';
import type { Route } from './router.js';

type Json = Record<string, unknown>;

/** What each error status means on every route that can answer with it. */
const STATUS_MEANING = errorStatusMeanings();

/** The JSON Schema of what a request may send: the input side of the schema that checks it. */
export function jsonSchema(schema: z.ZodType): Json {
  const { $schema: _dialect, ...json } = z.toJSONSchema(schema, {
    io: 'input',
    unrepresentable: 'any',
    // zod leaves out the default of a field read kindly first (oneOf's preprocess, or a list of
    // such values) on the input side, where the default is what a request that omits it gets.
    override: ({ zodSchema, jsonSchema: described }) => {
      const def = zodSchema._zod.def as {
        type: string;
        defaultValue?: unknown;
        in?: z.ZodType;
        out?: z.ZodType;
      };
      if (def.type === 'default' && !('default' in described)) described.default = def.defaultValue;
      // A value checked as it came before its own schema reads it (ownKeysOnly's record): its
      // input is that schema's, not the anything the check takes first.
      if (def.type === 'pipe' && def.in?._zod.def.type === 'unknown' && def.out !== undefined)
        Object.assign(described, jsonSchema(def.out));
    },
  }) as Json;
  return json;
}

/** `/api/tasks/:ref` → `/api/tasks/{ref}`. */
const openApiPath = (path: string): string => path.replace(/:([A-Za-z]+)/g, '{$1}');

/** `POST /api/goal-engine/generate` → `postGoalEngineGenerate`; `:ref` → `ByRef`. */
function operationId(route: Route): string {
  const words = route.path
    .split('/')
    .filter((s) => s !== '' && s !== 'api')
    .flatMap((s) => (s.startsWith(':') ? ['by', s.slice(1)] : s.split(/[-.]/)));
  return route.method.toLowerCase() + words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
}

function parameters(route: Route): Json[] {
  const inPath = [...route.path.matchAll(/:([A-Za-z]+)/g)].map((m) => ({
    name: m[1],
    in: 'path',
    required: true,
    schema: { type: 'string' },
  }));
  if (route.role === 'none') return inPath;
  const query = route.query ? jsonSchema(route.query) : {};
  const required = (query.required as string[] | undefined) ?? [];
  const inQuery = Object.entries((query.properties as Record<string, Json> | undefined) ?? {}).map(
    ([name, { description, ...schema }]) => ({
      name,
      in: 'query',
      required: required.includes(name),
      ...(description === undefined ? {} : { description }),
      schema,
    }),
  );
  const key = route.idempotent
    ? [
        {
          name: 'Idempotency-Key',
          in: 'header',
          required: false,
          description: 'the same key again changes nothing and answers `duplicate: true` (per token)',
          schema: { type: 'string', pattern: '^[\\x21-\\x7e]{1,128}$' },
        },
      ]
    : [];
  return [...inPath, ...inQuery, ...key];
}

/** The refusals a route can answer with. */
function errorStatuses(route: Route): number[] {
  const refusals = [400];
  if (route.role !== 'none') refusals.push(401, 403, 404, 500);
  if (route.method === 'POST' || route.method === 'PUT') refusals.push(409, 413, 415, 503, 507);
  if (route.role !== 'none' && route.idempotent) refusals.push(422);
  return refusals.sort((a, b) => a - b);
}

function operation(route: Route): Json {
  const error = { content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
  const responses: Json = {};
  for (const [status, description] of Object.entries(route.responds)) responses[status] = { description };
  for (const status of errorStatuses(route))
    responses[status] = { description: STATUS_MEANING.get(status), ...error };
  const body = route.role !== 'none' && route.body ? jsonSchema(route.body) : null;
  const params = parameters(route);
  return {
    operationId: operationId(route),
    summary: route.what.charAt(0).toUpperCase() + route.what.slice(1),
    description:
      route.role === 'none' ? 'No token needed.' : `Needs a token with the ${route.role} role or higher.`,
    tags: route.path
      .split('/')
      .filter((s) => s !== '' && s !== 'api')
      .slice(0, 1),
    security: route.role === 'none' ? [] : [{ bearerAuth: [] }],
    ...(params.length ? { parameters: params } : {}),
    ...(body
      ? {
          requestBody: {
            required: ((body.required as string[] | undefined) ?? []).length > 0,
            content: { 'application/json': { schema: body } },
          },
        }
      : {}),
    responses,
  };
}

/**
 * The API as an OpenAPI 3.1 document, from the routes themselves: each operation's body and query
 * are the JSON Schema of the zod schemas that check its requests, so the two cannot drift apart.
 */
export function openApiDocument(routes: readonly Route[], version: string): Json {
  const paths: Record<string, Json> = {};
  for (const route of routes) {
    const path = openApiPath(route.path);
    paths[path] = { ...paths[path], [route.method.toLowerCase()]: operation(route) };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Goalpost API',
      version,
      description:
        'JSON in and out. Every route but /healthz and this document needs `Authorization: Bearer <token>` (`goalpost token create <name> --role member|approver|admin`). Errors are `{"error": {"code", "message", "field?"}}`; a refused request writes nothing.',
    },
    security: [{ bearerAuth: [] }],
    paths,
    components: {
      securitySchemes: {
        bearerAuth: {
          type: 'http',
          scheme: 'bearer',
          description: 'an API token from `goalpost token create <name> --role member|approver|admin`',
        },
      },
      schemas: {
        Error: {
          type: 'object',
          required: ['error'],
          properties: {
            error: {
              type: 'object',
              required: ['code', 'message'],
              properties: {
                code: { type: 'string' },
                message: { type: 'string', description: 'what was wrong, for a person' },
                field: { type: 'string', description: 'the field or query parameter at fault' },
                requestId: { type: 'string', description: 'with E_INTERNAL: where the log has the details' },
              },
            },
          },
        },
      },
    },
  };
}
