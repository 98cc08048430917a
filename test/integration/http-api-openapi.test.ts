import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { apiRoutes } from '../../adapters/http/api-routes.js';
import { ERRORS, type ErrorCode, packageVersion } from '../../src/index.js';
import { useApi } from '../helpers/start-api.js';
import { useTempDir } from '../helpers/temp-dir.js';

const startApi = useApi(useTempDir());

type Json = Record<string, unknown>;
interface Operation {
  operationId: string;
  security: Json[];
  parameters?: Array<{ name: string; in: string; required?: boolean; schema?: Json }>;
  requestBody?: { content: Record<string, { schema?: Json }> };
  responses: Record<string, { description?: unknown }>;
}
interface Document {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Record<string, Operation>>;
  components: { securitySchemes: Record<string, Json>; schemas: Record<string, Json> };
}

const OPERATION_KEYS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** Every `$ref` anywhere in `value`. */
function refsIn(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(refsIn);
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([k, v]) => (k === '$ref' && typeof v === 'string' ? [v] : refsIn(v)));
}

/** What a JSON pointer like `#/components/schemas/Error` points at in `doc`, or undefined. */
const resolve = (doc: unknown, ref: string): unknown =>
  ref
    .slice(2)
    .split('/')
    .reduce<unknown>((at, key) => (at as Json | undefined)?.[key], doc);

async function fetchDocument() {
  const { call, tokens } = await startApi();
  const res = await call('GET', '/api/openapi.json');
  return { res, doc: res.json as unknown as Document, call, tokens };
}

describe('GET /api/openapi.json', () => {
  it('is served without a token', async () => {
    const { res } = await fetchDocument();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
  });

  it('is a structurally valid OpenAPI 3.1 document', async () => {
    const { doc } = await fetchDocument();
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info).toMatchObject({ title: 'Goalpost API', version: packageVersion() });
    expect(Object.keys(doc.components.securitySchemes)).toEqual(['bearerAuth']);
    const ids: string[] = [];
    for (const [path, item] of Object.entries(doc.paths)) {
      expect(path).toMatch(/^\/[^:]*$/);
      for (const [method, op] of Object.entries(item)) {
        const where = `${method} ${path}`;
        expect(OPERATION_KEYS, where).toContain(method);
        ids.push(op.operationId);
        const statuses = Object.keys(op.responses);
        expect(statuses.length, where).toBeGreaterThan(0);
        for (const status of statuses) {
          expect(status, where).toMatch(/^[1-5]\d\d$/);
          expect(typeof op.responses[status]?.description, `${where} ${status}`).toBe('string');
        }
        const templated = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
        const inPath = (op.parameters ?? []).filter((p) => p.in === 'path');
        expect(
          inPath.map((p) => p.name),
          where,
        ).toEqual(templated);
        expect(
          inPath.every((p) => p.required === true),
          where,
        ).toBe(true);
        for (const p of op.parameters ?? []) {
          expect(['query', 'header', 'path', 'cookie'], where).toContain(p.in);
          expect(typeof p.schema, `${where} ${p.name}`).toBe('object');
        }
        for (const media of Object.values(op.requestBody?.content ?? {}))
          expect(typeof media.schema, where).toBe('object');
        for (const requirement of op.security)
          for (const scheme of Object.keys(requirement))
            expect(doc.components.securitySchemes).toHaveProperty(scheme);
      }
    }
    expect(new Set(ids).size).toBe(ids.length);
    for (const ref of refsIn(doc)) expect(resolve(doc, ref), ref).toBeDefined();
  });

  it('has every route of the router with its method, and nothing else', async () => {
    const { doc } = await fetchDocument();
    const documented = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`),
    );
    const routed = apiRoutes.map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, '{$1}')}`);
    expect(documented.sort()).toEqual(routed.sort());
    const open = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.entries(item).flatMap(([method, op]) => (op.security.length === 0 ? [`${method} ${path}`] : [])),
    );
    expect(open.sort()).toEqual(['get /api/openapi.json', 'get /healthz', 'head /healthz']);
  });

  it('describes each body with the fields the API takes: an unknown one is refused naming the same list', async () => {
    const { doc, call, tokens } = await fetchDocument();
    for (const route of apiRoutes.filter((r) => r.role !== 'none' && r.body !== undefined)) {
      const op = doc.paths[route.path.replace(/:(\w+)/g, '{$1}')]?.[route.method.toLowerCase()];
      const schema = op?.requestBody?.content['application/json']?.schema as {
        properties: Json;
        additionalProperties: boolean;
      };
      expect(schema.additionalProperties, route.path).toBe(false);
      const res = await call(route.method, route.path.replace(':ref', 'T-1'), {
        token: tokens.admin,
        body: { bogus: 1 },
      });
      const message = (res.json?.error as { message: string }).message;
      expect(/bogus: not a field here; expected ([^;]+)/.exec(message)?.[1], route.path).toBe(
        Object.keys(schema.properties).join(', '),
      );
    }
  });
});

describe('the API document and the API agree', () => {
  it('states the bounds and choices the API enforces', async () => {
    const { doc, call, tokens } = await fetchDocument();
    const generate = doc.paths['/api/goal-engine/generate']?.post?.requestBody?.content['application/json']
      ?.schema as { properties: Record<string, Json> };
    expect(generate.properties.maxTasks).toMatchObject({ type: 'integer', minimum: 1, maximum: 50 });
    expect(generate.properties.max_tasks).toEqual(generate.properties.maxTasks);
    const tooMany = await call('POST', '/api/goal-engine/generate', {
      token: tokens.approver,
      body: { dryRun: true, maxTasks: 51 },
    });
    expect(tooMany.json).toMatchObject({
      error: { message: 'maxTasks: at most 50 tasks per batch (got 51)' },
    });
    const status = doc.paths['/api/tasks']?.get?.parameters?.find((p) => p.name === 'status');
    expect(status).toMatchObject({ in: 'query', required: false });
    expect((status?.schema as { items: { enum: string[] } }).items.enum).toEqual([
      'proposed',
      'approved',
      'in_progress',
      'done',
      'failed',
      'rejected',
      'cancelled',
      'open',
      'all',
    ]);
    // What a request that leaves a choice out gets, as the API applies it.
    expect(status?.schema).toMatchObject({ default: [] });
    const goal = doc.paths['/api/goals']?.post?.requestBody?.content['application/json']?.schema as {
      properties: Record<string, Json>;
    };
    expect(goal.properties.direction).toMatchObject({ enum: ['up', 'down'], default: 'up' });
    const finish = doc.paths['/api/queue/finish']?.post?.requestBody?.content['application/json']?.schema as {
      properties: { run: { properties: Record<string, Json> } };
    };
    expect(finish.properties.run.properties.exitCode).toMatchObject({
      anyOf: [{ type: 'integer', minimum: 0, maximum: 255 }, { type: 'null' }],
    });
    // A record whose keys are checked as they came (ownKeysOnly) is described as the record.
    const metric = doc.paths['/api/metrics']?.post?.requestBody?.content['application/json']?.schema as {
      properties: Record<string, Json>;
    };
    expect(metric.properties.context).toMatchObject({
      anyOf: [{ type: 'object' }, { type: 'array', items: { type: 'string' } }],
    });
  });
});

describe('the API document and the error table', () => {
  it('names under each error status exactly the codes the error table answers with it', async () => {
    const { doc } = await fetchDocument();
    const coreCodes = Object.keys(ERRORS) as ErrorCode[];
    const described = Object.values(doc.paths)
      .flatMap((item) => Object.values(item))
      .flatMap((op) => Object.entries(op.responses))
      .filter(([, response]) => refsIn(response).includes('#/components/schemas/Error'));
    expect(described.length).toBeGreaterThan(0);
    for (const [status, { description }] of described) {
      const named = [...String(description).matchAll(/\b(E_[A-Z_]+):/g)].map((m) => m[1] as ErrorCode);
      expect(named.length, status).toBeGreaterThan(0);
      expect(named.filter((code) => coreCodes.includes(code)).sort(), status).toEqual(
        coreCodes.filter((code) => ERRORS[code].http === Number(status)).sort(),
      );
    }
    const server = doc.paths['/api/tasks']?.get?.responses['500']?.description;
    expect(server).toContain('E_INTERNAL: a failure of ours: quote the `requestId` when reporting it');
  });
});

describe('the README', () => {
  const readme = readFileSync(join(import.meta.dirname, '../../README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('\n## HTTP API'), readme.indexOf('\n## Webhooks'));
  // A row's cells, split where a pipe is not escaped (`"approve"\|"reject"` is one cell).
  const tableRows = [...section.matchAll(/^\| (GET|HEAD|POST|PUT|DELETE|PATCH) \| `([^`]+)` \|(.*)$/gm)].map(
    (m) => ({
      route: `${m[1]} ${m[2]}`,
      body: (m[3] ?? '').split(/(?<!\\)\|/)[1] ?? '',
    }),
  );

  it("lists in its HTTP API table exactly the router's routes", () => {
    expect(tableRows.map((r) => r.route).sort()).toEqual(
      apiRoutes.map((r) => `${r.method} ${r.path}`).sort(),
    );
  });

  // "Each route takes exactly the body fields … listed": a field the route takes and the table
  // leaves out is one a reader never learns of (generate's `ignoreCapacity` was).
  it("names every body field each route takes, and none it does not, in the table's body column", () => {
    const problems: string[] = [];
    for (const r of apiRoutes) {
      let schema: unknown = 'body' in r ? r.body : undefined;
      while (schema instanceof z.ZodPipe) schema = schema.in;
      if (!(schema instanceof z.ZodObject)) continue;
      const takes = Object.keys(schema.shape);
      const row = tableRows.find((t) => t.route === `${r.method} ${r.path}`)?.body ?? '';
      // The fields of the first `{…}`, its own, not those of an object inside it.
      const braces = row.slice(row.indexOf('{'));
      let depth = 0;
      let own = '';
      for (const ch of braces) {
        if (ch === '{') depth++;
        else if (ch === '}' && --depth === 0) break;
        else if (depth === 1) own += ch;
      }
      const listed = [...own.matchAll(/([A-Za-z_]+)\??(?=\s*(?:[,:]|\\\||$))/g)].map((m) => m[1] ?? '');
      for (const field of listed)
        if (!takes.includes(field))
          problems.push(`${r.method} ${r.path} lists ${field}, which it does not take`);
      for (const field of takes)
        if (!new RegExp(`\\b${field}\\b`).test(row))
          problems.push(`${r.method} ${r.path} takes ${field}, unlisted`);
    }
    expect(problems).toEqual([]);
  });
});
