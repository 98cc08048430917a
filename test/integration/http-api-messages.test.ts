import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import type { GenerateResult } from '../../src/index.js';
import { OPERATOR } from '../helpers/goalpost-fixture.js';
import { snapshot } from '../helpers/snapshot.js';
import { useApi } from '../helpers/start-api.js';
import { useTempDir } from '../helpers/temp-dir.js';

const startApi = useApi(useTempDir());

/** The error a refused call answered with. */
const errorOf = (res: { json: Record<string, unknown> | null }) =>
  res.json?.error as { code: string; message: string; field?: string };

describe('the HTTP API words every refusal for a person', () => {
  it('names a bad status filter and what is allowed, and lists every task for status=all', async () => {
    const { call, tokens, generate } = await startApi();
    await generate(2);
    const bad = await call('GET', '/api/tasks?status=open,bogus', { token: tokens.member });
    expect(bad.status).toBe(400);
    expect(errorOf(bad)).toEqual({
      code: 'E_VALIDATION',
      message:
        'status: one of proposed, approved, in_progress, done, failed, rejected, cancelled, open, all (got "bogus")',
      field: 'status',
    });
    await call('POST', '/api/tasks/T-2/decision', {
      token: tokens.approver,
      body: { decision: 'reject', reason: 'not now' },
    });
    const all = await call('GET', '/api/tasks?status=all', { token: tokens.member });
    expect((all.json?.tasks as Array<{ ref: string }>).map((t) => t.ref).sort()).toEqual(['T-1', 'T-2']);
  });

  it('says which parts of a partial run are missing and what each must be', async () => {
    const { call, tokens, dbPath } = await startApi();
    const before = snapshot(dbPath);
    const res = await call('POST', '/api/queue/finish', {
      token: tokens.member,
      body: { ref: 'T-1', assignee: 'dev_worker1', run: { success: true, minutes: 3 } },
    });
    expect(res.status).toBe(400);
    expect(errorOf(res)).toEqual({
      code: 'E_VALIDATION',
      message:
        'run.exitCode: a whole number from 0 to 255 or null (missing); run.signal: a signal that ended the command, like SIGTERM, or null (missing); run.timedOut: true or false (missing); run.reason: text of at most 10000 characters or null (missing); run.output: text of at most 1000000 characters (missing)',
      field: 'run.exitCode',
    });
    expect(snapshot(dbPath)).toEqual(before);
  });

  it('asks for metric context tags as an object when a string comes', async () => {
    const { call, tokens } = await startApi();
    const res = await call('POST', '/api/metrics', {
      token: tokens.approver,
      body: { name: 'active_teachers', value: 3, context: 'campaign=launch' },
    });
    expect(res.status).toBe(400);
    expect(errorOf(res).message).toBe(
      'context: tags as an object like {"campaign": "launch"}, or a list like ["campaign=launch"] (got "campaign=launch")',
    );
  });
});

describe('the HTTP API refuses control characters in what it stores', () => {
  it('refuses a claiming worker, a metric context tag and a goal unit holding them, writing nothing', async () => {
    const { call, tokens, dbPath, generate } = await startApi();
    await generate(1);
    await call('POST', '/api/tasks/T-1/decision', { token: tokens.approver, body: { decision: 'approve' } });
    const before = snapshot(dbPath);
    const claim = await call('POST', '/api/queue/claim', {
      token: tokens.member,
      body: { assignee: 'dev_worker1', worker: 'host\u001b[2J:1' },
    });
    expect(claim.status).toBe(400);
    expect(errorOf(claim)).toEqual({
      code: 'E_VALIDATION',
      message: 'worker: one line without control characters or tabs, like host:pid',
      field: 'worker',
    });
    const metric = await call('POST', '/api/metrics', {
      token: tokens.approver,
      body: { name: 'active_teachers', value: 3, context: { campaign: 'a\u0007b' } },
    });
    expect(metric.status).toBe(400);
    expect(errorOf(metric).message).toMatch(
      /^context: campaign's value must be one line without control characters or tabs/,
    );
    // A metric's name is refused with a metric's example, not a focus area's.
    const unnamed = await call('POST', '/api/metrics', { token: tokens.approver, body: { value: 5 } });
    expect(errorOf(unnamed).message).toBe('name: a name like active_teachers (missing)');
    const goal = await call('POST', '/api/goals', {
      token: tokens.admin,
      body: { metric: 'nps', target: 50, by: '2027-03-31', unit: 'pts\n' },
    });
    expect(goal.status).toBe(400);
    expect(errorOf(goal)).toMatchObject({
      message: 'unit: must be one line: no line breaks or tabs',
      field: 'unit',
    });
    expect(snapshot(dbPath)).toEqual(before);
  });
});

describe('the HTTP API names what a request sent', () => {
  it('names a field called __proto__ as itself', async () => {
    const { call, tokens, dbPath, generate } = await startApi();
    await generate(1);
    const before = snapshot(dbPath);
    const res = await call('POST', '/api/tasks/T-1/decision', {
      token: tokens.approver,
      raw: '{"decision":"approve","__proto__":{"x":1}}',
      headers: { 'Content-Type': 'application/json' },
    });
    expect(res.status).toBe(400);
    expect(errorOf(res).message).toMatch(/^__proto__: not a field here; expected /);
    expect(snapshot(dbPath)).toEqual(before);
  });

  // A review's goal refusals named --value, --direction and `goalpost goal set` to an API caller.
  it("words a goal's refusals by its JSON fields and routes, not the command line's flags", async () => {
    const { call, tokens, dbPath } = await startApi();
    const added = await call('POST', '/api/goals', {
      token: tokens.admin,
      body: { metric: 'signups', target: 500, by: '2027-03-31' },
    });
    expect(added.status).toBe(201);
    const before = snapshot(dbPath);
    const refusals = await Promise.all([
      call('POST', '/api/goals', {
        token: tokens.admin,
        body: { metric: 'nps', target: 50, by: '2027-03-31', value: 3, weight: 0.5 },
      }),
      call('POST', '/api/goals', {
        token: tokens.admin,
        body: { metric: 'churn', target: 5, baseline: 8, by: '2027-03-31' },
      }),
      call('POST', '/api/goals/signups', { token: tokens.admin, body: {} }),
      call('POST', '/api/goals', {
        token: tokens.admin,
        body: { metric: 'signups', target: 900, by: '2027-03-31' },
      }),
    ]);
    expect(refusals.map((r) => [r.status, errorOf(r)])).toEqual([
      [
        400,
        {
          code: 'E_VALIDATION',
          message:
            'value: give value (dollars a month per unit) or weight (against the revenue milestone), not both',
          field: 'value',
        },
      ],
      [
        400,
        {
          code: 'E_VALIDATION',
          message:
            'target: 5 is not above the baseline 8 for a goal that goes up; give the direction down, or another target',
          field: 'target',
        },
      ],
      [
        400,
        {
          code: 'E_VALIDATION',
          message: 'give what to change: target, by, direction, unit, baseline, owner, value or weight',
        },
      ],
      [
        409,
        {
          code: 'E_CONFLICT',
          message:
            'a goal for signups already exists: change it with `POST /api/goals/signups`, or archive it with `POST /api/goals/signups/archive`',
        },
      ],
    ]);
    for (const r of refusals) expect(errorOf(r).message).not.toMatch(/--|goalpost /);
    expect(snapshot(dbPath)).toEqual(before);
  });

  // A review's tag named `constructor` was refused as "given twice (undefined and "y")", and one named
  // `__proto__` (a metric's tag, a vision's success metric) dropped without a word, answering 201/200.
  it('takes a key named constructor as a key, and refuses one named __proto__ by name, writing nothing', async () => {
    const { call, tokens, dbPath } = await startApi();
    await call('POST', '/api/goals', {
      token: tokens.admin,
      body: { metric: 'signups', target: 500, by: '2027-03-31' },
    });
    const tagged = await call('POST', '/api/metrics', {
      token: tokens.approver,
      body: { name: 'signups', value: 5, context: { constructor: 'y' } },
    });
    expect(tagged.status).toBe(201);
    expect(tagged.json).toMatchObject({ context: { constructor: 'y' } });
    const before = snapshot(dbPath);
    const metric = await call('POST', '/api/metrics', {
      token: tokens.approver,
      raw: '{"name":"signups","value":6,"context":{"__proto__":"x","campaign":"a"}}',
      headers: { 'Content-Type': 'application/json' },
    });
    expect(metric.status).toBe(400);
    expect(errorOf(metric).message).toMatch(/^context\.__proto__: /);
    const vision = await call('PUT', '/api/goal-engine/vision', {
      token: tokens.admin,
      raw: '{"success_metrics":{"__proto__":5,"users":3}}',
      headers: { 'Content-Type': 'application/json' },
    });
    expect(vision.status).toBe(400);
    expect(errorOf(vision).message).toMatch(/__proto__/);
    expect(snapshot(dbPath)).toEqual(before);
  });

  // A review sent two Authorization headers: Node keeps the first, and the request went through.
  it('refuses a header given twice that a request means one of, as a JSON key given twice is', async () => {
    const { tokens, dbPath, generate, url } = await startApi();
    await generate(1);
    const before = snapshot(dbPath);
    const sent = (headers: Record<string, string | string[]>) =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = request(`${url}/api/tasks/T-1/decision`, { method: 'POST' }, (res) => {
          let body = '';
          res.on('data', (d: Buffer) => {
            body += d;
          });
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        });
        req.on('error', reject);
        for (const [name, value] of Object.entries(headers)) req.setHeader(name, value);
        req.end(JSON.stringify({ decision: 'approve' }));
      });
    const twice = await sent({
      Authorization: [`Bearer ${tokens.approver}`, `Bearer ${tokens.member}`],
      'Content-Type': 'application/json',
    });
    expect(twice.status).toBe(400);
    expect(JSON.parse(twice.body)).toEqual({
      error: {
        code: 'E_VALIDATION',
        message: 'Authorization: given twice; send it once',
        field: 'Authorization',
      },
    });
    const types = await sent({
      Authorization: `Bearer ${tokens.approver}`,
      'Content-Type': ['application/json', 'text/plain'],
    });
    expect(JSON.parse(types.body)).toMatchObject({
      error: { message: 'Content-Type: given twice; send it once' },
    });
    expect(snapshot(dbPath)).toEqual(before);
    const once = await sent({
      Authorization: `Bearer ${tokens.approver}`,
      'Content-Type': 'application/json',
    });
    expect(once.status).toBe(200);
  });

  it('asks a failed run for its reason by the JSON field, not the command line flag', async () => {
    const { call, tokens, dbPath, generate } = await startApi();
    await generate(1);
    await call('POST', '/api/tasks/T-1/decision', { token: tokens.approver, body: { decision: 'approve' } });
    await call('POST', '/api/queue/claim', { token: tokens.member, body: { assignee: 'dev_worker1' } });
    const before = snapshot(dbPath);
    const run = { success: false, exitCode: 1, signal: null, timedOut: false, minutes: 1, output: '' };
    const res = await call('POST', '/api/queue/finish', {
      token: tokens.member,
      body: { ref: 'T-1', assignee: 'dev_worker1', run: { ...run, reason: ' ' } },
    });
    expect(res.status).toBe(400);
    expect(errorOf(res)).toEqual({
      code: 'E_VALIDATION',
      message:
        'run.reason: say why the run failed, as text, or null to record its exit code (got " "); nothing was recorded',
      field: 'run.reason',
    });
    expect(snapshot(dbPath)).toEqual(before);
  });
});

describe('the HTTP API takes a run as a process reports it', () => {
  // A remote worker sends its GOALPOST_LEASE_MINUTES, which may be up to a week: the API took a
  // day at most, and every claim of a worker set to 5000 was refused.
  it('takes a lease as long as the setting allows, and refuses one past a week', async () => {
    const { call, tokens, generate } = await startApi();
    await generate(1);
    await call('POST', '/api/tasks/T-1/decision', { token: tokens.approver, body: { decision: 'approve' } });
    const long = await call('POST', '/api/queue/claim', {
      token: tokens.member,
      body: { assignee: 'dev_worker1', leaseMinutes: 5000 },
    });
    expect(long.status).toBe(200);
    expect(long.json).toMatchObject({ task: { ref: 'T-1' } });
    const past = await call('POST', '/api/queue/renew', {
      token: tokens.member,
      body: { ref: 'T-1', assignee: 'dev_worker1', leaseMinutes: 10_081 },
    });
    expect(past.status).toBe(400);
    expect(errorOf(past).message).toBe('leaseMinutes: at most 10080 minutes (a week) (got 10081)');
    // Numbers sent as text are told so, with what came, as every other field's refusal says it.
    for (const [body, message] of [
      [{ leaseMinutes: '30' }, 'leaseMinutes: minutes like 30, a JSON number, not text (got "30")'],
      [{ runId: '3' }, 'runId: the runId the claim answered with, a JSON number, not text (got "3")'],
      [{ runId: 1.5 }, 'runId: a whole number (got 1.5)'],
    ] as const) {
      const refused = await call('POST', '/api/queue/renew', {
        token: tokens.member,
        body: { ref: 'T-1', assignee: 'dev_worker1', ...body },
      });
      expect(refused.status).toBe(400);
      expect(errorOf(refused).message).toBe(message);
    }
  });

  // A review's finish naming SIGFOO was recorded as `exit SIGFOO`.
  it('refuses a signal no process is ended by, naming run.signal, writing nothing', async () => {
    const { call, tokens, dbPath, generate } = await startApi();
    await generate(1);
    await call('POST', '/api/tasks/T-1/decision', { token: tokens.approver, body: { decision: 'approve' } });
    await call('POST', '/api/queue/claim', { token: tokens.member, body: { assignee: 'dev_worker1' } });
    const before = snapshot(dbPath);
    const run = { success: false, exitCode: null, timedOut: false, minutes: 1, reason: null, output: '' };
    const res = await call('POST', '/api/queue/finish', {
      token: tokens.member,
      body: { ref: 'T-1', assignee: 'dev_worker1', run: { ...run, signal: 'SIGFOO' } },
    });
    expect(res.status).toBe(400);
    expect(errorOf(res)).toMatchObject({
      message: 'run.signal: a signal that ended the command, like SIGTERM, or null (got "SIGFOO")',
      field: 'run.signal',
    });
    expect(snapshot(dbPath)).toEqual(before);
  });

  it('refuses an exit code no process can exit with, naming run.exitCode, writing nothing', async () => {
    const { call, tokens, dbPath, generate } = await startApi();
    await generate(1);
    await call('POST', '/api/tasks/T-1/decision', { token: tokens.approver, body: { decision: 'approve' } });
    await call('POST', '/api/queue/claim', { token: tokens.member, body: { assignee: 'dev_worker1' } });
    const before = snapshot(dbPath);
    const run = { success: false, signal: null, timedOut: false, minutes: 1, reason: null, output: '' };
    for (const exitCode of [99999999999, -5, 256]) {
      const res = await call('POST', '/api/queue/finish', {
        token: tokens.member,
        body: { ref: 'T-1', assignee: 'dev_worker1', run: { ...run, exitCode } },
      });
      expect(res.status, String(exitCode)).toBe(400);
      expect(errorOf(res)).toEqual({
        code: 'E_VALIDATION',
        message: `run.exitCode: a whole number from 0 to 255 or null (got ${exitCode})`,
        field: 'run.exitCode',
      });
    }
    expect(snapshot(dbPath)).toEqual(before);
    const last = await call('POST', '/api/queue/finish', {
      token: tokens.member,
      body: { ref: 'T-1', assignee: 'dev_worker1', run: { ...run, exitCode: 255 } },
    });
    expect(last.status).toBe(200);
    expect(last.json?.task).toMatchObject({ ref: 'T-1', status: 'failed' });
  });
});

describe('the HTTP API takes a metric value as a number', () => {
  it('refuses a value sent as text, as the metrics webhook does, writing nothing', async () => {
    const { call, tokens, dbPath } = await startApi();
    const before = snapshot(dbPath);
    const res = await call('POST', '/api/metrics', {
      token: tokens.approver,
      body: { name: 'active_teachers', value: '12' },
    });
    expect(res.status).toBe(400);
    expect(errorOf(res).message).toBe('value: a number like 420 (got "12")');
    expect(snapshot(dbPath)).toEqual(before);
  });
});

describe('the HTTP API says what the cap cut', () => {
  it('answers a capped generate with the candidates the cap left out', async () => {
    const { call, tokens } = await startApi();
    const res = await call('POST', '/api/goal-engine/generate', {
      token: tokens.approver,
      body: { dryRun: true, maxTasks: 2 },
    });
    const batch = res.json as unknown as GenerateResult;
    expect(batch).toMatchObject({ generated: 7, unique: 7, proposed: 2, queued: 0, maxTasks: 2, cut: 5 });
    expect(batch.cutByCap).toHaveLength(5);
    const titles = new Set(batch.tasks.map((t) => t.title));
    expect(batch.cutByCap.some((c) => titles.has(c.title))).toBe(false);
    expect(batch.unique).toBe(batch.proposed + batch.cut);
  });
});

describe('the HTTP API says why a claim cannot be renewed', () => {
  it('answers 404 for an unknown assignee and 409 saying the task is not claimed, or by whom', async () => {
    const { app, call, tokens, generate } = await startApi();
    await generate(2);
    app.assignees.add(OPERATOR, { name: 'dev_worker2', kind: 'worker' });
    const renew = (body: unknown) => call('POST', '/api/queue/renew', { token: tokens.member, body });
    const unknown = await renew({ ref: 'T-2', assignee: 'nobody_x' });
    expect(unknown.status).toBe(404);
    expect(errorOf(unknown).message).toMatch(
      /^unknown assignee "nobody_x"; the assignees are dev_worker1, dev_worker2/,
    );
    const unclaimed = await renew({ ref: 'T-2', assignee: 'dev_worker1' });
    expect(unclaimed.status).toBe(409);
    expect(errorOf(unclaimed).message).toBe('T-2 is not claimed: it is proposed');
    await call('POST', '/api/tasks/T-1/decision', { token: tokens.approver, body: { decision: 'approve' } });
    const claim = await call('POST', '/api/queue/claim', {
      token: tokens.member,
      body: { assignee: 'dev_worker1' },
    });
    expect(claim.json).toMatchObject({ task: { ref: 'T-1' } });
    const other = await renew({ ref: 'T-1', assignee: 'dev_worker2' });
    expect(errorOf(other).message).toBe('T-1 is claimed by dev_worker1, not dev_worker2');
    await call('POST', '/api/tasks/T-1/outcome', { token: tokens.admin, body: { success: true } });
    const gone = await renew({ ref: 'T-1', assignee: 'dev_worker1' });
    expect(errorOf(gone).message).toBe(
      'T-1 is no longer claimed by dev_worker1: it is done (done by api:admin at 2026-11-21 09:00 UTC)',
    );
  });
});

// A review's `{"value": 1e309}` was refused with `(got null)`: JSON.parse reads it as Infinity,
// which JSON.stringify writes as null, and nobody sent either.
describe('the HTTP API quotes a number too large for a double as it was sent', () => {
  it('refuses it naming its field, however deep, writing nothing', async () => {
    const { call, tokens, dbPath, generate } = await startApi();
    await generate(1);
    await call('POST', '/api/tasks/T-1/decision', { token: tokens.approver, body: { decision: 'approve' } });
    await call('POST', '/api/queue/claim', { token: tokens.member, body: { assignee: 'dev_worker1' } });
    const before = snapshot(dbPath);
    const run = '"success":true,"exitCode":0,"signal":null,"timedOut":false,"reason":null,"output":""';
    for (const [method, path, token, raw, field, written] of [
      ['POST', '/api/metrics', tokens.approver, '{"name":"active_teachers","value":1e309}', 'value', '1e309'],
      ['POST', '/api/goal-engine/generate', tokens.approver, '{"maxTasks":-1E400}', 'maxTasks', '-1E400'],
      [
        'POST',
        '/api/queue/finish',
        tokens.member,
        `{"ref":"T-1","assignee":"dev_worker1","run":{${run},"minutes":2e308}}`,
        'run.minutes',
        '2e308',
      ],
      [
        'PUT',
        '/api/goal-engine/vision',
        tokens.admin,
        '{"revenue_targets":{"2027-02":1e309}}',
        'revenue_targets.2027-02',
        '1e309',
      ],
    ] as const) {
      const res = await call(method, path, { token, raw, headers: { 'Content-Type': 'application/json' } });
      expect(res.status, path).toBe(400);
      expect(errorOf(res), path).toEqual({
        code: 'E_VALIDATION',
        message: `${field}: a number too large to read (got ${written})`,
        field,
      });
    }
    expect(snapshot(dbPath)).toEqual(before);
  });

  // The note left by the last fault review: `{"nope": 1e309}` was "nope: a number too large to
  // read" where what is wrong with it is that the route takes no such field.
  it('refuses a field the route does not take as that, whatever number it holds', async () => {
    const { call, tokens, dbPath } = await startApi();
    const before = snapshot(dbPath);
    for (const [path, raw, expected] of [
      [
        '/api/metrics',
        '{"name":"active_teachers","value":3,"nope":1e309}',
        /^nope: not a field here; expected name, /,
      ],
      ['/api/goal-engine/learn', '{"nope":{"deep":1e309}}', /^nope: not a field here/],
    ] as const) {
      const res = await call('POST', path, {
        token: tokens.approver,
        raw,
        headers: { 'Content-Type': 'application/json' },
      });
      expect(res.status, path).toBe(400);
      expect(errorOf(res)?.field, path).toBe('nope');
      expect(errorOf(res)?.message, path).toMatch(expected);
    }
    expect(snapshot(dbPath)).toEqual(before);
  });
});
