import { afterEach, describe, expect, it } from 'vitest';
import { createHttpServer } from '../../adapters/http/create-http-server.js';
import { silentLogger, type Vision } from '../../src/index.js';
import { FIXTURE_NOW, OPERATOR, openQuickStart } from '../helpers/goalpost-fixture.js';
import { cliFor } from '../helpers/run-cli.js';
import { snapshot } from '../helpers/snapshot.js';
import { useApi } from '../helpers/start-api.js';
import { useTempDir } from '../helpers/temp-dir.js';

const tempDir = useTempDir();
const startApi = useApi(tempDir);
const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const fn of cleanups.splice(0)) fn();
});

describe('the HTTP API: access', () => {
  it('answers /healthz without a token, with a request id', async () => {
    const { call } = await startApi();
    const res = await call('GET', '/healthz');
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ status: 'ok', database: { readable: true, writable: 'yes' } });
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('refuses a missing, unknown or revoked token with 401 and WWW-Authenticate', async () => {
    const { app, call, tokens } = await startApi();
    const missing = await call('GET', '/api/tasks');
    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(missing.json).toMatchObject({ error: { code: 'E_UNAUTHORIZED' } });
    expect((await call('GET', '/api/tasks', { token: `gp_${'x'.repeat(43)}` })).status).toBe(401);
    expect((await call('GET', '/api/tasks', { token: tokens.member })).status).toBe(200);
    expect(app.tokens.list(OPERATOR).find((t) => t.name === 'member')?.lastUsedAt).toBe(
      '2026-11-21T09:00:00.000Z',
    );
    app.tokens.revoke(OPERATOR, 'member');
    const revoked = await call('GET', '/api/tasks', { token: tokens.member });
    expect(revoked.status).toBe(401);
    expect(revoked.headers.get('www-authenticate')).toContain('invalid_token');
  });

  it('refuses a member token changing the vision with 403 saying how to make an admin token, and writes nothing', async () => {
    const { call, tokens, dbPath } = await startApi();
    const before = snapshot(dbPath);
    const res = await call('PUT', '/api/goal-engine/vision', {
      token: tokens.member,
      body: { statement: 'Mine now' },
    });
    expect(res.status).toBe(403);
    expect(res.json).toMatchObject({ error: { code: 'E_FORBIDDEN' } });
    expect((res.json?.error as { message: string }).message).toBe(
      'changing the vision needs the admin role and this API token has the member role; a token keeps the role it was made with, so make one with it: `goalpost token create <name> --role admin` on the command line',
    );
    expect(snapshot(dbPath)).toEqual(before);
  });

  it('answers 404 for unknown routes and tasks, 405 with Allow for a wrong method', async () => {
    const { call, tokens } = await startApi();
    expect((await call('GET', '/api/nope', { token: tokens.member })).status).toBe(404);
    // A doubled slash is the path it was, as the router reads a path, not a URL parser's host
    // `api` and path /goals (a review's 404 said "no route /goals").
    const doubled = await call('GET', '//api/goals', { token: tokens.member });
    expect(doubled).toMatchObject({
      status: 200,
      json: (await call('GET', '/api/goals', { token: tokens.member })).json,
    });
    const unknown = await call('GET', '//api/nope', { token: tokens.member });
    expect(unknown.json).toMatchObject({ error: { code: 'E_NOT_FOUND', message: 'no route //api/nope' } });
    const task = await call('GET', '/api/tasks/T-99', { token: tokens.member });
    expect(task.status).toBe(404);
    expect(task.json).toMatchObject({ error: { code: 'E_NOT_FOUND' } });
    const wrong = await call('DELETE', '/api/tasks', { token: tokens.member });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('GET');
    expect(
      (await call('GET', '/api/goal-engine/generate', { token: tokens.member })).headers.get('allow'),
    ).toBe('POST');
  });

  it('answers 500 with a request id and no internals when the database is gone, 503 on /healthz', async () => {
    const { call, tokens, db } = await startApi();
    db.close();
    const res = await call('GET', '/api/tasks', { token: tokens.member });
    expect(res.status).toBe(500);
    const error = res.json?.error as { code: string; message: string; requestId: string };
    expect(error.code).toBe('E_INTERNAL');
    expect(error.requestId).toBe(res.headers.get('x-request-id'));
    expect(error.message).toBe(
      `Something went wrong on our side (error ${error.requestId}); it has been logged`,
    );
    expect((await call('GET', '/healthz')).status).toBe(503);
  });
});

describe('the HTTP server', () => {
  it('serves a mounted handler on the same port and finishes it before closing', async () => {
    const opened = openQuickStart(tempDir());
    cleanups.push(() => opened.close());
    const server = createHttpServer({ app: opened.app, logger: silentLogger });
    let reached = () => {};
    const arrived = new Promise<void>((resolve) => {
      reached = resolve;
    });
    let answer = () => {};
    server.mount('/slack/events', (_req, res) => {
      answer = () => res.end('handled');
      reached();
    });
    const { url } = await server.listen(0, '127.0.0.1');
    const inFlight = fetch(`${url}/slack/events`, { method: 'POST', body: '{}' }).then(async (r) => ({
      status: r.status,
      text: await r.text(),
      requestId: r.headers.get('x-request-id'),
    }));
    await arrived;
    const closed = server.close();
    answer();
    expect(await inFlight).toMatchObject({ status: 200, text: 'handled', requestId: expect.any(String) });
    await closed;
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
  });
});

describe('the HTTP API: bad requests', () => {
  it('answers 400 naming the field, and writes nothing', async () => {
    const { call, tokens, dbPath, generate } = await startApi();
    await generate();
    const before = snapshot(dbPath);
    const bad = await call('POST', '/api/tasks/T-1/decision', {
      token: tokens.approver,
      body: { decision: 'maybe' },
    });
    expect(bad.status).toBe(400);
    expect(bad.json).toMatchObject({ error: { code: 'E_VALIDATION', field: 'decision' } });
    const noReason = await call('POST', '/api/tasks/T-1/decision', {
      token: tokens.approver,
      body: { decision: 'reject' },
    });
    expect(noReason.json).toMatchObject({ error: { field: 'reason' } });
    const typo = await call('POST', '/api/goal-engine/generate', {
      token: tokens.approver,
      body: { maxtasks: 2 },
    });
    expect(typo.json).toMatchObject({ error: { field: 'maxtasks' } });
    const failNoNote = await call('POST', '/api/tasks/T-1/outcome', {
      token: tokens.member,
      body: { success: false },
    });
    expect(failNoNote.json).toMatchObject({ error: { field: 'note' } });
    expect(snapshot(dbPath)).toEqual(before);
  });

  it('sets the vision all at once or not at all', async () => {
    const { call, tokens, dbPath } = await startApi();
    const before = snapshot(dbPath);
    const bad = await call('PUT', '/api/goal-engine/vision', {
      token: tokens.admin,
      body: { statement: 'Sell more apps', focus_areas: ['Not A Slug'] },
    });
    expect(bad.status).toBe(400);
    expect(bad.json).toMatchObject({ error: { field: expect.stringMatching(/^focus_areas/) } });
    expect(snapshot(dbPath)).toEqual(before);
    // 1e308 a month made every plan's priority NaN: refused, naming the field and the bound.
    const huge = await call('PUT', '/api/goal-engine/vision', {
      token: tokens.admin,
      raw: '{"revenue_targets": {"2027-03": 1e308}}',
      headers: { 'Content-Type': 'application/json' },
    });
    expect(huge.status).toBe(400);
    expect(huge.json).toMatchObject({
      error: {
        field: 'revenue_targets.2027-03',
        message:
          'revenue_targets.2027-03: a non-negative amount like 420, 420.50 or $12,200, at most 10^12 (got 1e+308)',
      },
    });
    expect(snapshot(dbPath)).toEqual(before);
    const good = await call('PUT', '/api/goal-engine/vision', {
      token: tokens.admin,
      body: { statement: 'Sell more apps', revenue_targets: { '2027-02': 1200 } },
    });
    expect(good.status).toBe(200);
    const vision = (await call('GET', '/api/goal-engine/vision', { token: tokens.member }))
      .json as unknown as Vision;
    expect(vision).toMatchObject({
      statement: 'Sell more apps',
      revenueTargets: { '2027-02': 1200 },
      createdBy: 'api:admin',
    });
  });

  // A review's `{"revenue_targets": {"2027-02": "5"}}` was saved as $5 a month, where the API
  // refuses every other number sent as text.
  it('refuses a revenue target sent as text, which the command line still takes typed', async () => {
    const { call, tokens, dbPath } = await startApi();
    const before = snapshot(dbPath);
    // A success metric's target too: the API document said number or text, and text was refused
    // only later, in other words.
    for (const [body, field, given, like] of [
      [{ revenue_targets: { '2027-02': '5' } }, 'revenue_targets.2027-02', '"5"', 5],
      [{ revenueTargets: { '2027-02': '$12,200' } }, 'revenueTargets.2027-02', '"$12,200"', 12200],
      [{ success_metrics: { users: '10' } }, 'success_metrics.users', '"10"', 10],
      [{ successMetrics: { users: ' 250 ' } }, 'successMetrics.users', '" 250 "', 250],
    ] as const) {
      const asText = await call('PUT', '/api/goal-engine/vision', { token: tokens.admin, body });
      expect(asText.status).toBe(400);
      expect(asText.json).toEqual({
        error: {
          code: 'E_VALIDATION',
          field,
          message: `${field}: a JSON number, like ${like}, not text (got ${given})`,
        },
      });
    }
    const doc = (await call('GET', '/api/openapi.json')).json as {
      paths: Record<string, { put: { requestBody: { content: Record<string, { schema: unknown }> } } }>;
    };
    const documented =
      doc.paths['/api/goal-engine/vision']?.put.requestBody.content['application/json']?.schema;
    expect(JSON.stringify(documented)).toContain(
      '"success_metrics":{"description":"targets by metric, like {\\"subscriptions\\": 100}, or the text subscriptions=100","anyOf":[{"type":"object","propertyNames":{"type":"string"},"additionalProperties":{"type":"number"}}',
    );
    // Text that is no amount at all is no target either, said in the field's own words.
    const words = await call('PUT', '/api/goal-engine/vision', {
      token: tokens.admin,
      body: { revenue_targets: { '2027-02': 'soon' } },
    });
    expect(words.json).toEqual({
      error: {
        code: 'E_VALIDATION',
        field: 'revenue_targets',
        message:
          'revenue_targets: dollars a month by month, like {"2027-02": 999}, or the text 2027-02=999 (got {"2027-02":"soon"})',
      },
    });
    expect(snapshot(dbPath)).toEqual(before);
    // The API document says so too: a target is a number.
    const document = (await call('GET', '/api/openapi.json')).json as {
      paths: Record<string, { put: { requestBody: { content: Record<string, { schema: unknown }> } } }>;
    };
    const vision = document.paths['/api/goal-engine/vision']?.put.requestBody.content['application/json']
      ?.schema as { properties: Record<string, { anyOf: Array<{ additionalProperties?: unknown }> }> };
    expect(vision.properties.revenue_targets?.anyOf[0]?.additionalProperties).toMatchObject({
      type: 'number',
    });
    // The text form, the command line's, still reads typed amounts.
    const typed = await call('PUT', '/api/goal-engine/vision', {
      token: tokens.admin,
      body: { revenue_targets: '2027-02: $12,200' },
    });
    expect(typed.status).toBe(200);
    expect(typed.json?.revenueTargets).toEqual({ '2027-02': 12200 });
    const cli = cliFor(dbPath, FIXTURE_NOW);
    expect((await cli('vision', 'set', 'revenue_targets', '2027-03: $12,500')).code).toBe(0);
    const read = await call('GET', '/api/goal-engine/vision', { token: tokens.member });
    expect(read.json?.revenueTargets).toEqual({ '2027-03': 12500 });
  });

  it('answers 400 for malformed JSON, 415 for other content types, 413 for a body over the limit', async () => {
    const { call, tokens, dbPath } = await startApi();
    const before = snapshot(dbPath);
    const headers = { 'Content-Type': 'application/json' };
    const malformed = await call('POST', '/api/goal-engine/generate', {
      token: tokens.approver,
      raw: '{"maxTasks": ',
      headers,
    });
    expect(malformed.status).toBe(400);
    expect(malformed.json).toMatchObject({ error: { code: 'E_VALIDATION', field: 'body' } });
    for (const [raw, got] of [
      ['[1, 2]', 'an array'],
      ['null', 'null'],
      ['"approve"', 'a string'],
    ]) {
      const notAnObject = await call('POST', '/api/tasks/T-1/decision', {
        token: tokens.approver,
        raw,
        headers,
      });
      expect(notAnObject.status).toBe(400);
      expect(notAnObject.json).toEqual({
        error: {
          code: 'E_VALIDATION',
          field: 'body',
          message: `body: a JSON object of the route's fields, {…} (got ${got})`,
        },
      });
    }
    // A number sent as text, where the API document says a number, is refused naming the field,
    // however deep: the document and what the API takes agree.
    // Its example is the number the text reads as, where the field's own schema reads one.
    for (const [path, token, body, field, like] of [
      ['/api/goal-engine/generate', tokens.approver, { maxTasks: '3' }, 'maxTasks', 3],
      ['/api/goal-engine/generate', tokens.approver, { max_tasks: '3', dry_run: true }, 'max_tasks', 3],
      ['/api/tasks/T-1/outcome', tokens.approver, { success: true, minutes: '45' }, 'minutes', 45],
      ['/api/goals', tokens.admin, { metric: 'churn', target: '7', by: '2027-06-30' }, 'target', 7],
    ] as const) {
      const asText = await call('POST', path, { token, body });
      expect(asText.status).toBe(400);
      const given = (body as Record<string, unknown>)[field];
      expect(asText.json).toEqual({
        error: {
          code: 'E_VALIDATION',
          field,
          message: `${field}: a JSON number, like ${like}, not text (got ${JSON.stringify(given)})`,
        },
      });
    }
    const text = await call('POST', '/api/goal-engine/generate', {
      token: tokens.approver,
      raw: 'maxTasks=2',
      headers: { 'Content-Type': 'text/plain' },
    });
    expect(text.status).toBe(415);
    const huge = JSON.stringify({ dryRun: true, pad: 'x'.repeat(70 * 1024) });
    const large = await call('POST', '/api/goal-engine/generate', {
      token: tokens.approver,
      raw: huge,
      headers,
    });
    expect(large.status).toBe(413);
    expect(large.json).toMatchObject({ error: { code: 'E_TOO_LARGE' } });
    expect(snapshot(dbPath)).toEqual(before);
    expect((await call('GET', '/healthz')).status).toBe(200);
  });
});
