import { describe, expect, it } from 'vitest';
import type { Task } from '../../src/index.js';
import { OPERATOR } from '../helpers/goalpost-fixture.js';
import { plantTasks } from '../helpers/planted-tasks.js';
import { snapshot } from '../helpers/snapshot.js';
import { useApi } from '../helpers/start-api.js';
import { useTempDir } from '../helpers/temp-dir.js';

const startApi = useApi(useTempDir());

describe('the HTTP API: tasks', () => {
  it('generates, lists, decides, starts and records an outcome', async () => {
    const { call, tokens, generate } = await startApi();
    const batch = await generate();
    expect(batch.tasks.map((t) => t.ref)).toEqual(['T-1', 'T-2', 'T-3']);
    const listed = await call('GET', '/api/tasks?status=proposed&limit=2', { token: tokens.member });
    expect((listed.json?.tasks as Task[]).length).toBe(2);
    const approved = await call('POST', '/api/tasks/T-1/decision', {
      token: tokens.approver,
      body: { decision: 'approve' },
    });
    expect(approved.status).toBe(200);
    expect(approved.json).toMatchObject({
      task: { ref: 'T-1', status: 'approved' },
      changed: true,
      duplicate: false,
    });
    expect((await call('POST', '/api/tasks/T-1/start', { token: tokens.member })).json).toMatchObject({
      task: { status: 'in_progress' },
    });
    const done = await call('POST', '/api/tasks/T-1/outcome', {
      token: tokens.member,
      body: { success: true, minutes: 45, assignee: 'dev_worker1' },
    });
    expect(done.json).toMatchObject({ task: { status: 'done', assignee: 'dev_worker1' } });
    const shown = await call('GET', '/api/tasks/T-1', { token: tokens.member });
    const events = shown.json?.events as Array<{ type: string; actor: string; source: string }>;
    expect(events.map((e) => e.type)).toEqual(['created', 'approved', 'started', 'done']);
    expect(events.slice(1).every((e) => e.actor.startsWith('api:') && e.source === 'api')).toBe(true);
  });

  it('says how to mark work done already, and holds work its users judged as long as a failure is remembered', async () => {
    const { call, tokens, generate } = await startApi();
    const batch = await generate();
    const [first, second] = batch.tasks;
    const rejected = await call('POST', `/api/tasks/${second?.ref}/decision`, {
      token: tokens.approver,
      body: { decision: 'reject', reason: 'we already did this' },
    });
    expect(rejected.json).toMatchObject({
      changed: true,
      doneSuggested: true,
      held: { byReason: { done: true } },
    });
    await call('POST', `/api/tasks/${first?.ref}/decision`, {
      token: tokens.approver,
      body: { decision: 'approve' },
    });
    const failed = await call('POST', `/api/tasks/${first?.ref}/outcome`, {
      token: tokens.member,
      body: { success: false, note: 'A/B test: users hated it, conversions dropped 12%' },
    });
    expect(failed.json).toMatchObject({ proposedAgainBy: { judged: true, rememberedDays: 60 } });
  });

  it('approves a task another token rejected, after all, and answers 409 when the caller expected it proposed', async () => {
    const { call, tokens, generate } = await startApi();
    await generate();
    const reject = { decision: 'reject', reason: 'not this quarter' };
    expect(
      (await call('POST', '/api/tasks/T-2/decision', { token: tokens.admin, body: reject })).status,
    ).toBe(200);
    // Deciding on what it saw before the rejection: refused, and told who moved it.
    const stale = await call('POST', '/api/tasks/T-2/decision', {
      token: tokens.approver,
      body: { decision: 'approve', expectedStatus: 'proposed' },
    });
    expect(stale.status).toBe(409);
    expect(stale.json).toMatchObject({ error: { code: 'E_CONFLICT' } });
    expect(String((stale.json?.error as { message: string }).message)).toContain('rejected by api:admin');
    const afterAll = await call('POST', '/api/tasks/T-2/decision', {
      token: tokens.approver,
      body: { decision: 'approve' },
    });
    expect(afterAll.status).toBe(200);
    expect(afterAll.json).toMatchObject({ task: { status: 'approved' }, changed: true });
  });

  it('says a task was never in the status the caller expected, rather than that it changed', async () => {
    const { call, tokens, generate } = await startApi();
    await generate();
    const wrong = await call('POST', '/api/tasks/T-1/decision', {
      token: tokens.approver,
      body: { decision: 'reject', reason: 'not now', expectedStatus: 'approved' },
    });
    expect(wrong.status).toBe(409);
    expect(wrong.json).toEqual({
      error: {
        code: 'E_CONFLICT',
        message: 'T-1 was never approved (you expected it approved): it is proposed; nothing changed',
      },
    });
    const task = (await call('GET', '/api/tasks/T-1', { token: tokens.member })).json?.task as {
      status: string;
    };
    expect(task.status).toBe('proposed');
  });

  it('changes nothing when an Idempotency-Key is repeated', async () => {
    const { call, tokens, dbPath, generate } = await startApi();
    await generate();
    const request = {
      token: tokens.approver,
      body: { decision: 'approve' },
      headers: { 'Idempotency-Key': 'req-1' },
    };
    const first = await call('POST', '/api/tasks/T-1/decision', request);
    expect(first.json).toMatchObject({ changed: true, duplicate: false });
    const before = snapshot(dbPath);
    const again = await call('POST', '/api/tasks/T-1/decision', request);
    expect(again.status).toBe(200);
    expect(again.json).toMatchObject({
      task: { ref: 'T-1', status: 'approved' },
      changed: false,
      duplicate: true,
    });
    expect(snapshot(dbPath)).toEqual(before);
  });

  it('lets exactly one of two simultaneous decisions on what both saw win', async () => {
    const { call, tokens, generate } = await startApi();
    await generate();
    const decide = (body: unknown) =>
      call('POST', '/api/tasks/T-1/decision', { token: tokens.approver, body });
    const results = await Promise.all([
      decide({ decision: 'approve', expectedStatus: 'proposed' }),
      decide({ decision: 'reject', reason: 'no', expectedStatus: 'proposed' }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const task = (await call('GET', '/api/tasks/T-1', { token: tokens.member })).json?.task as Task;
    const winner = results.find((r) => r.status === 200)?.json?.task as Task;
    expect(task.status).toBe(winner.status);
    const loser = results.find((r) => r.status === 409)?.json?.error as { message: string };
    expect(loser.message).toMatch(
      new RegExp(
        `^T-1 changed while you were deciding: it is ${winner.status} \\(${winner.status} by api:approver at .*\\); nothing changed$`,
      ),
    );
  });

  it('rejects an approved task and approves it after all, as chat and the CLI do, and says why an illegal decision is refused', async () => {
    const { call, tokens, generate } = await startApi();
    await generate();
    const decide = (body: unknown) =>
      call('POST', '/api/tasks/T-1/decision', { token: tokens.approver, body });
    expect((await decide({ decision: 'approve' })).status).toBe(200);
    const rejected = await decide({ decision: 'reject', reason: 'priorities changed' });
    expect(rejected.status).toBe(200);
    expect(rejected.json).toMatchObject({ task: { status: 'rejected' }, changed: true });
    const afterAll = await decide({ decision: 'approve' });
    expect(afterAll.status).toBe(200);
    expect(afterAll.json).toMatchObject({ task: { status: 'approved' }, changed: true });
    const done = await call('POST', '/api/tasks/T-1/outcome', {
      token: tokens.approver,
      body: { success: true },
    });
    expect(done.status).toBe(200);
    const again = await decide({ decision: 'approve' });
    expect(again.status).toBe(409);
    expect((again.json?.error as { message: string }).message).toMatch(
      /^cannot approve T-1: it is done \(only a task that is proposed or rejected can be approved\); done by api:approver at /,
    );
  });

  it('retries a failed task as a new approved one for an approver, once, and refuses what did not fail', async () => {
    const { call, tokens, generate } = await startApi();
    await generate();
    await call('POST', '/api/tasks/T-1/decision', { token: tokens.approver, body: { decision: 'approve' } });
    await call('POST', '/api/tasks/T-1/outcome', {
      token: tokens.member,
      body: { success: false, note: 'sandbox account locked' },
    });
    const retry = (ref: string, token: string, body: unknown = {}) =>
      call('POST', `/api/tasks/${ref}/retry`, { token, body });
    expect((await retry('T-1', tokens.member)).status).toBe(403);
    expect((await retry('T-1', tokens.approver, { reason: 'unlocked' })).status).toBe(400);
    const made = await retry('T-1', tokens.approver, { note: 'unlocked' });
    expect(made.status).toBe(201);
    expect(made.json).toMatchObject({
      failed: { ref: 'T-1', status: 'failed' },
      task: { ref: 'T-4', status: 'approved' },
      changed: true,
      said: [],
    });
    const again = await retry('T-1', tokens.approver);
    expect(again.status).toBe(200);
    expect(again.json).toMatchObject({ task: { ref: 'T-4' }, changed: false });
    const proposed = await retry('T-2', tokens.approver);
    expect(proposed.status).toBe(409);
    expect((proposed.json?.error as { message: string }).message).toBe(
      'cannot retry T-2: it is proposed (only a failed task can be retried)',
    );
    const listed = await call('GET', '/api/tasks?status=all', { token: tokens.member });
    expect((listed.json?.tasks as Task[]).map((t) => `${t.ref} ${t.status}`).sort()).toEqual([
      'T-1 failed',
      'T-2 proposed',
      'T-3 proposed',
      'T-4 approved',
    ]);
  });

  it('hands approved work to a worker through the queue', async () => {
    const { call, tokens, generate } = await startApi();
    await generate();
    await call('POST', '/api/tasks/T-1/decision', { token: tokens.approver, body: { decision: 'approve' } });
    const claim = await call('POST', '/api/queue/claim', {
      token: tokens.member,
      body: { assignee: 'dev_worker1' },
    });
    expect(claim.json).toMatchObject({
      task: { ref: 'T-1', status: 'in_progress', claimedBy: 'dev_worker1' },
    });
    const queue = await call('GET', '/api/queue', { token: tokens.member });
    expect((queue.json?.claims as unknown[]).length).toBe(1);
    const known = await call('GET', '/api/assignees/dev_worker1', { token: tokens.member });
    expect(known.json).toMatchObject({ assignee: { name: 'dev_worker1', kind: 'worker' } });
    // A hint names the route that does it, not the command line's command.
    const noTask = await call('POST', '/api/tasks/T-99/decision', {
      token: tokens.admin,
      body: { decision: 'approve' },
    });
    expect(noTask.status).toBe(404);
    expect(noTask.json).toEqual({
      error: { code: 'E_NOT_FOUND', message: 'unknown task T-99; `GET /api/tasks` lists them' },
    });
    const unknown = await call('GET', '/api/assignees/nobody', { token: tokens.member });
    expect(unknown.status).toBe(404);
    expect(unknown.json).toMatchObject({
      error: {
        code: 'E_NOT_FOUND',
        message: expect.stringMatching(/^unknown assignee "nobody"; the assignees are .*dev_worker1/),
      },
    });
  });

  it('says what an approved task waits for, in the queue and when a claim finds nothing ready', async () => {
    const { app, call, tokens, db } = await startApi();
    app.assignees.add(OPERATOR, { name: 'dev_worker2', kind: 'worker' });
    plantTasks(db, 'default', [
      { title: 'Get the payment API key', assignee: 'dev_worker2' },
      { title: 'Charge cards', after: ['T-1'] },
    ]);
    for (const ref of ['T-1', 'T-2'])
      await call('POST', `/api/tasks/${ref}/decision`, {
        token: tokens.approver,
        body: { decision: 'approve' },
      });
    const claim = await call('POST', '/api/queue/claim', {
      token: tokens.member,
      body: { assignee: 'dev_worker1' },
    });
    expect(claim.json).toMatchObject({
      task: null,
      reason: 'no approved task is ready for dev_worker1: T-2 waits for T-1 (approved)',
    });
    const queue = await call('GET', '/api/queue', { token: tokens.member });
    expect(queue.json?.blocked).toEqual([
      {
        ref: 'T-2',
        assignee: null,
        waitsFor: [{ ref: 'T-1', title: 'Get the payment API key', status: 'approved' }],
        paused: null,
        projectDone: null,
        reason: 'T-2 waits for T-1 (approved)',
      },
    ]);
  });

  it('sets goals and records metrics with the right roles', async () => {
    const { call, tokens } = await startApi();
    const goal = { metric: 'signups', target: 100, by: '2027-03-01', baseline: 10 };
    expect((await call('POST', '/api/goals', { token: tokens.approver, body: goal })).status).toBe(403);
    expect((await call('POST', '/api/goals', { token: tokens.admin, body: goal })).status).toBe(201);
    const metric = { name: 'signups', value: 25, at: '2026-11-20', context: { campaign: 'launch' } };
    expect((await call('POST', '/api/metrics', { token: tokens.member, body: metric })).status).toBe(403);
    expect((await call('POST', '/api/metrics', { token: tokens.approver, body: metric })).status).toBe(201);
    const badName = await call('POST', '/api/metrics', {
      token: tokens.approver,
      body: { ...metric, name: 'Nope!' },
    });
    expect(badName.json).toMatchObject({ error: { field: 'name' } });
    const goals = (await call('GET', '/api/goals', { token: tokens.member })).json?.goals as Array<{
      goal: { metric: string };
    }>;
    expect(goals.map((g) => g.goal.metric)).toEqual(['signups']);
    expect((await call('GET', '/api/goals/suggestions', { token: tokens.member })).status).toBe(200);
    // Changed and archived as `goal set` and `goal archive` do, by an admin only.
    const change = { target: 150, by: '2027-06-30' };
    expect((await call('POST', '/api/goals/signups', { token: tokens.approver, body: change })).status).toBe(
      403,
    );
    const changed = await call('POST', '/api/goals/signups', { token: tokens.admin, body: change });
    expect(changed.status).toBe(200);
    expect(changed.json).toMatchObject({
      target: 150,
      deadline: '2027-06-30',
      changes: ['target 100 → 150', 'deadline 2027-03-01 → 2027-06-30'],
    });
    const unknownField = await call('POST', '/api/goals/signups', { token: tokens.admin, body: { goal: 1 } });
    expect(unknownField.status).toBe(400);
    const archived = await call('POST', '/api/goals/signups/archive', { token: tokens.admin });
    expect(archived.json).toMatchObject({ metric: 'signups', status: 'archived', openTasks: [] });
    expect((await call('GET', '/api/goals', { token: tokens.member })).json?.goals).toEqual([]);
    expect((await call('POST', '/api/goals/nps/archive', { token: tokens.admin })).status).toBe(404);
  });

  it('serves the seed’s read routes and learning', async () => {
    const { call, tokens } = await startApi();
    const revenue = await call('GET', '/api/goal-engine/revenue', { token: tokens.member });
    // At $420 a month, May's $1,498 asks more growth a month than February's $999: it binds.
    expect(revenue.json).toMatchObject({
      milestone: { month: '2027-05', target: 1498, nearer: { month: '2027-02', target: 999 } },
    });
    expect((revenue.json?.records as unknown[]).length).toBe(1);
    expect((await call('GET', '/api/goal-engine/state', { token: tokens.member })).status).toBe(200);
    expect((await call('POST', '/api/goal-engine/learn', { token: tokens.member })).status).toBe(403);
    expect((await call('POST', '/api/goal-engine/learn', { token: tokens.approver })).status).toBe(200);
  });
});

describe('the HTTP API: hostile input', () => {
  it('refuses terminal escapes and NUL in a reason or note, naming the field, and writes nothing', async () => {
    const { call, tokens, dbPath, generate } = await startApi();
    await generate();
    const before = snapshot(dbPath);
    const reject = await call('POST', '/api/tasks/T-1/decision', {
      token: tokens.approver,
      body: { decision: 'reject', reason: 'looks fine\u001b[2J\u001b[31mREJECTED BY CEO' },
    });
    expect(reject.status).toBe(400);
    expect(reject.json).toMatchObject({
      error: {
        code: 'E_VALIDATION',
        field: 'reason',
        message: 'reason: must not contain control characters',
      },
    });
    await call('POST', '/api/tasks/T-2/decision', { token: tokens.approver, body: { decision: 'approve' } });
    const snap = snapshot(dbPath);
    const failed = await call('POST', '/api/tasks/T-2/outcome', {
      token: tokens.member,
      body: { success: false, note: 'crashed\u0000hidden' },
    });
    expect(failed.status).toBe(400);
    // Named as sent: the body has a note, not a reason.
    expect(failed.json).toEqual({
      error: { code: 'E_VALIDATION', field: 'note', message: 'note: must not contain control characters' },
    });
    const long = await call('POST', '/api/tasks/T-2/outcome', {
      token: tokens.member,
      body: { success: false, note: 'x'.repeat(1001) },
    });
    expect(long.json).toEqual({
      error: { code: 'E_VALIDATION', field: 'note', message: 'note: at most 1000 characters' },
    });
    expect(snapshot(dbPath)).toEqual(snap);
    // 1,000 characters and a line end, as the command line and chat take them: the limit is the text's.
    const full = await call('POST', '/api/tasks/T-2/outcome', {
      token: tokens.member,
      body: { success: false, note: `${'x'.repeat(1000)}\n` },
    });
    expect(full.status).toBe(200);
    expect(before).not.toEqual(snap);
  });

  it('answers 422 naming the first request when an Idempotency-Key is reused for another', async () => {
    const { call, tokens, dbPath, generate } = await startApi();
    await generate();
    const key = { 'Idempotency-Key': 'req-7' };
    const approve = await call('POST', '/api/tasks/T-1/decision', {
      token: tokens.approver,
      body: { decision: 'approve' },
      headers: key,
    });
    expect(approve.status).toBe(200);
    const before = snapshot(dbPath);
    for (const [path, body] of [
      ['/api/tasks/T-2/decision', { decision: 'approve' }],
      ['/api/tasks/T-1/decision', { decision: 'reject', reason: 'changed my mind' }],
    ] as const) {
      const reused = await call('POST', path, { token: tokens.approver, body, headers: key });
      expect(reused.status, path).toBe(422);
      expect(reused.json).toMatchObject({
        error: {
          code: 'E_KEY_REUSED',
          message:
            'this key was already used for another request (approve T-1); use a new key for a new request',
        },
      });
    }
    expect(snapshot(dbPath)).toEqual(before);
    // The same request again is still a harmless retry.
    const retry = await call('POST', '/api/tasks/T-1/decision', {
      token: tokens.approver,
      body: { decision: 'approve' },
      headers: key,
    });
    expect(retry.json).toMatchObject({ duplicate: true, changed: false });
  });

  it('refuses JSON nested past any request’s shape with 400, not a crash', async () => {
    const { call, tokens } = await startApi();
    const deep = `${'['.repeat(20_000)}${']'.repeat(20_000)}`;
    for (const raw of [
      `{"decision":"approve","reason":${deep}}`,
      `{"x":${'{"a":'.repeat(40)}1${'}'.repeat(40)}}`,
    ]) {
      const res = await call('POST', '/api/tasks/T-1/decision', {
        token: tokens.approver,
        raw,
        headers: { 'Content-Type': 'application/json' },
      });
      expect(res.status).toBe(400);
      expect(res.json).toMatchObject({
        error: { code: 'E_VALIDATION', field: 'body', message: 'body: nested deeper than 32 levels' },
      });
    }
    // Brackets inside strings are text, not nesting.
    const text = await call('POST', '/api/goal-engine/generate', {
      token: tokens.approver,
      raw: JSON.stringify({ dryRun: true, note: '['.repeat(100) }),
      headers: { 'Content-Type': 'application/json' },
    });
    expect(text.json).not.toMatchObject({ error: { field: 'body' } });
  });

  // A review's `{"decision":"approve","decision":"reject"}` rejected the task (JSON.parse keeps the
  // last key), a body declared ISO-8859-1 was stored with U+FFFD for its "é", and one said to be
  // gzip was read as it came. Each is refused, naming what is wrong, and writes nothing.
  it('refuses a body it cannot read one way only: a key twice, not UTF-8, another charset or an encoding', async () => {
    const { call, tokens, dbPath, generate } = await startApi();
    await generate();
    const before = snapshot(dbPath);
    const decide = (raw: string | Uint8Array, headers: Record<string, string>) =>
      call('POST', '/api/tasks/T-1/decision', { token: tokens.approver, raw, headers });
    const json = { 'Content-Type': 'application/json' };
    const twice = await decide('{"decision":"approve","decision":"reject","reason":"x"}', json);
    expect(twice).toMatchObject({
      status: 400,
      json: {
        error: { code: 'E_VALIDATION', field: 'decision', message: 'decision: given twice; give it once' },
      },
    });
    const nested = await decide('{"decision":"approve","run":{"a":1,"a":2}}', json);
    expect(nested.json).toMatchObject({ error: { message: 'run.a: given twice; give it once' } });
    const latin1 = Buffer.from('{"decision":"reject","reason":"caf\xe9 not now"}', 'latin1');
    expect(await decide(latin1, json)).toMatchObject({
      status: 400,
      json: { error: { field: 'body', message: 'body: not valid UTF-8, which JSON is sent in' } },
    });
    const declared = await decide(latin1, { 'Content-Type': 'application/json; charset=iso-8859-1' });
    expect(declared.status).toBe(415);
    expect(declared.json).toMatchObject({
      error: { message: expect.stringContaining('got charset=iso-8859-1') },
    });
    const gzip = await decide('{"decision":"approve"}', { ...json, 'Content-Encoding': 'gzip' });
    expect(gzip.status).toBe(415);
    expect(gzip.json).toMatchObject({ error: { message: expect.stringContaining('(got gzip)') } });
    // Valid JSON, decoded to no text: half a surrogate pair, alone, or as a key.
    for (const [raw, field] of [
      ['{"decision":"reject","reason":"not now \\ud800"}', 'reason'],
      ['{"decision":"reject","reason":"\\udfff"}', 'reason'],
      ['{"decision":"approve","run":{"\\ud83d":1}}', 'run.\ud83d'],
    ] as const) {
      const lone = await decide(raw, json);
      expect(lone.status, raw).toBe(400);
      expect(lone.json, raw).toMatchObject({
        error: {
          code: 'E_VALIDATION',
          field,
          message: expect.stringContaining('holds half of a UTF-16 surrogate pair'),
        },
      });
    }
    expect(snapshot(dbPath)).toEqual(before);
    // A whole pair is a character (an emoji), and no refusal.
    const pair = await decide('{"decision":"reject","reason":"\\ud83d\\ude00 not now"}', json);
    expect(pair.status).toBe(200);
    // The same key in two objects, or inside a string, is no repeat; UTF-8 declared is UTF-8.
    const fine = await decide('{"decision":"reject","reason":"\\"decision\\": café"}', {
      'Content-Type': 'application/json; charset=UTF-8',
    });
    expect(fine.status).toBe(200);
  });

  it('lets only the token that claimed a task renew, release or finish it (or an admin)', async () => {
    const { app, call, tokens, dbPath, generate } = await startApi();
    await generate();
    await call('POST', '/api/tasks/T-1/decision', { token: tokens.approver, body: { decision: 'approve' } });
    const other = app.tokens.create(OPERATOR, { name: 'worker-b', role: 'member' }).token;
    const claim = await call('POST', '/api/queue/claim', {
      token: tokens.member,
      body: { assignee: 'dev_worker1', worker: 'runner-a' },
    });
    expect(claim.json).toMatchObject({ task: { ref: 'T-1' } });
    const before = snapshot(dbPath);
    const claimRef = { ref: 'T-1', assignee: 'dev_worker1' };
    const attempts: Array<[string, Record<string, unknown>, string]> = [
      ['/api/queue/renew', claimRef, 'renew'],
      ['/api/queue/release', { ...claimRef, reason: 'mine now' }, 'release'],
      [
        '/api/queue/finish',
        {
          ...claimRef,
          run: {
            success: true,
            exitCode: 0,
            signal: null,
            timedOut: false,
            minutes: 1,
            reason: null,
            output: '',
          },
        },
        'finish',
      ],
    ];
    for (const [path, body, what] of attempts) {
      const res = await call('POST', path, { token: other, body });
      expect(res.status, path).toBe(403);
      expect(res.json).toMatchObject({
        error: {
          code: 'E_FORBIDDEN',
          message: `T-1 was claimed by api:member: only that token, or an admin, can ${what} it`,
        },
      });
    }
    // Nor may it record the task's outcome by the tasks route, crediting whom it likes.
    const outcome = await call('POST', '/api/tasks/T-1/outcome', {
      token: other,
      body: { success: true, assignee: 'dev_worker2', minutes: 1 },
    });
    expect(outcome.status).toBe(403);
    expect(outcome.json).toMatchObject({
      error: {
        code: 'E_FORBIDDEN',
        message: 'T-1 was claimed by api:member: only that token, or an approver, can record its outcome',
      },
    });
    // Only the new token's first use is stamped.
    const data = (snap: Record<string, unknown[]>) => ({ ...snap, api_tokens: [] });
    expect(data(snapshot(dbPath))).toEqual(data(before));
    const released = await call('POST', '/api/queue/release', {
      token: tokens.admin,
      body: { ...claimRef, reason: 'the worker host is gone' },
    });
    expect(released.status).toBe(200);
  });
});
