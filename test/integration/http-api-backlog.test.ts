import { describe, expect, it } from 'vitest';
import { snapshot } from '../helpers/snapshot.js';
import { useApi } from '../helpers/start-api.js';
import { useTempDir } from '../helpers/temp-dir.js';

const tempDir = useTempDir();
const startApi = useApi(tempDir);

describe('the HTTP API: the backlog', () => {
  it('adds a project, its features and bugs, and the next plan proposes them', async () => {
    const { call, tokens, generate } = await startApi();
    const project = await call('POST', '/api/projects', {
      token: tokens.admin,
      body: { name: 'Quizzly', revenueBearing: true, description: 'Quiz packs teachers buy' },
    });
    expect(project.status).toBe(201);
    expect(project.json).toMatchObject({ name: 'Quizzly', revenueBearing: true, status: 'active' });

    // The project as the path names it, in any case; hours and shares as JSON numbers.
    const feature = await call('POST', '/api/projects/quizzly/features', {
      token: tokens.approver,
      body: { title: 'Paid quiz packs', estimate: 6, priority: 'critical' },
    });
    expect(feature.status).toBe(201);
    expect(feature.json).toMatchObject({
      title: 'Paid quiz packs',
      projectName: 'Quizzly',
      status: 'planned',
      estimateHours: 6,
      priority: 'critical',
      after: null,
      alike: null,
    });
    const bug = await call('POST', '/api/projects/Quizzly/bugs', {
      token: tokens.approver,
      body: { title: 'Answer sheet prints blank', severity: 'high', affects: 0.02 },
    });
    expect(bug.status).toBe(201);
    expect(bug.json).toMatchObject({ severity: 'high', affects: 0.02, projectName: 'Quizzly' });

    const shown = await call('GET', '/api/projects/Quizzly', { token: tokens.member });
    expect(shown.status).toBe(200);
    const { features, bugs } = shown.json as {
      features: Array<{ title: string }>;
      bugs: Array<{ title: string }>;
    };
    expect(features.map((f) => f.title)).toEqual(['Paid quiz packs']);
    expect(bugs.map((b) => b.title)).toEqual(['Answer sheet prints blank']);
    const listed = await call('GET', '/api/projects', { token: tokens.member });
    expect((listed.json?.projects as Array<{ name: string }>).map((p) => p.name)).toContain('Quizzly');

    // Marked critical, the feature goes first, as a critical bug would.
    const batch = await generate(10);
    expect(batch.tasks.map((t) => t.title)).toContain("Build 'Paid quiz packs' for Quizzly");
  });

  it('refuses what the command line refuses, and a role short of it, writing nothing', async () => {
    const { call, tokens, dbPath } = await startApi();
    const before = snapshot(dbPath);
    const cases: Array<[string, string, string, unknown, number, string, RegExp]> = [
      [
        'POST',
        '/api/projects',
        tokens.approver,
        { name: 'Second' },
        403,
        'E_FORBIDDEN',
        /needs the admin role/,
      ],
      [
        'POST',
        '/api/projects/Basic%20EDU%20Apps/features',
        tokens.member,
        { title: 'Gift cards' },
        403,
        'E_FORBIDDEN',
        /needs the approver role/,
      ],
      [
        'POST',
        '/api/projects/Nope/features',
        tokens.approver,
        { title: 'Gift cards' },
        404,
        'E_NOT_FOUND',
        /^unknown project "Nope"; projects are: /,
      ],
      [
        'POST',
        '/api/projects/Basic%20EDU%20Apps/bugs',
        tokens.approver,
        { title: 'Crash' },
        400,
        'E_VALIDATION',
        /^severity: /,
      ],
      [
        'POST',
        '/api/projects/Basic%20EDU%20Apps/bugs',
        tokens.approver,
        { title: 'Crash', severity: 'high', affects: '5%' },
        400,
        'E_VALIDATION',
        // In the API's words: JSON's numbers, not the command line's `5%` (which it said before).
        /^affects: the share of what its product earns or is to win that it affects, a JSON number from 0 to 1 like 0\.05 \(5 %\), or null \(got "5%"\)$/,
      ],
      [
        'POST',
        '/api/projects/Basic%20EDU%20Apps/features',
        tokens.approver,
        { title: 'Gift cards', estimate: '6h' },
        400,
        'E_VALIDATION',
        /^estimate: hours it is expected to take, a JSON number like 6 \(from 0\.1 to 10000\) \(got "6h"\)$/,
      ],
      [
        'POST',
        '/api/projects/Basic%20EDU%20Apps/features',
        tokens.approver,
        { title: 'Gift cards', estimateHours: 6 },
        400,
        'E_VALIDATION',
        /estimateHours/,
      ],
      [
        'POST',
        '/api/projects/Basic%20EDU%20Apps/features',
        tokens.approver,
        { title: 'Gift cards', estimate: 0 },
        400,
        'E_VALIDATION',
        /^estimate: /,
      ],
      [
        'POST',
        '/api/projects',
        tokens.admin,
        { name: 'basic edu apps' },
        409,
        'E_CONFLICT',
        /already exists/,
      ],
      ['GET', '/api/projects/Nope', tokens.member, undefined, 404, 'E_NOT_FOUND', /^unknown project "Nope"/],
    ];
    for (const [method, path, token, body, status, code, message] of cases) {
      const res = await call(method, path, { token, ...(body === undefined ? {} : { body }) });
      const what = `${method} ${path} ${JSON.stringify(body)}`;
      expect(res.status, what).toBe(status);
      const error = res.json?.error as { code: string; message: string };
      expect(error.code, what).toBe(code);
      expect(error.message, what).toMatch(message);
    }
    expect(snapshot(dbPath)).toEqual(before);
  });

  it('refuses a second open feature that reads the same with 409, so a retried request adds no second one', async () => {
    const { call, tokens, app } = await startApi();
    const send = () =>
      call('POST', '/api/projects/Basic%20EDU%20Apps/features', {
        token: tokens.approver,
        body: { title: 'Teacher gradebook export' },
      });
    expect((await send()).status).toBe(201);
    const again = await send();
    expect(again.status).toBe(409);
    expect((again.json?.error as { message: string }).message).toMatch(/already has feature \d+ open/);
    const ctx = app.context({ workspaceId: 'default', actor: 'cli:test', source: 'cli' });
    expect(app.projects.features(ctx).filter((f) => f.title === 'Teacher gradebook export')).toHaveLength(1);
  });

  // A script whose request timed out after the write sends it again: with an Idempotency-Key it
  // gets what the first one added, as a task step does, not a 409 it cannot tell from a real clash.
  it('adds once under an Idempotency-Key, answering a retry with what the first request added', async () => {
    const { call, tokens, app, dbPath } = await startApi();
    const send = (key: string, body: unknown, path = '/api/projects/Basic%20EDU%20Apps/features') =>
      call('POST', path, { token: tokens.approver, body, headers: { 'Idempotency-Key': key } });
    const first = await send('add-1', { title: 'Teacher gradebook export', estimate: 6 });
    // Said either way, as a decision's step says it: a script reads one field.
    expect(first).toMatchObject({ status: 201, json: { duplicate: false } });
    const again = await send('add-1', { title: 'Teacher gradebook export', estimate: 6 });
    expect(again.status).toBe(200);
    expect(again.json).toMatchObject({
      id: first.json?.id,
      title: 'Teacher gradebook export',
      duplicate: true,
    });
    const ctx = app.context({ workspaceId: 'default', actor: 'cli:test', source: 'cli' });
    expect(app.projects.features(ctx).filter((f) => f.title === 'Teacher gradebook export')).toHaveLength(1);

    const bug = await send(
      'bug-1',
      { title: 'Export drops accents', severity: 'high' },
      '/api/projects/Basic%20EDU%20Apps/bugs',
    );
    expect(bug.status).toBe(201);
    const bugAgain = await send(
      'bug-1',
      { title: 'Export drops accents', severity: 'high' },
      '/api/projects/Basic%20EDU%20Apps/bugs',
    );
    expect(bugAgain).toMatchObject({ status: 200, json: { id: bug.json?.id, duplicate: true } });

    // The same key for another request, or another route, is refused, naming the first; nothing written.
    const before = snapshot(dbPath);
    for (const [key, body, path] of [
      ['add-1', { title: 'Parent newsletter' }, undefined],
      ['bug-1', { title: 'Parent newsletter' }, undefined],
    ] as const) {
      const reused = await send(key, body, path);
      expect(reused.status, key).toBe(422);
      expect(reused.json?.error).toMatchObject({ code: 'E_KEY_REUSED' });
      expect((reused.json?.error as { message: string }).message, key).toMatch(
        /^this key was already used for another request \((feature|bug) add "Basic EDU Apps"\)/,
      );
    }
    expect(snapshot(dbPath)).toEqual(before);
    // Keys are each token's own: the admin's add-1 is a new request.
    const admin = await call('POST', '/api/projects', {
      token: tokens.admin,
      body: { name: 'Quizzly' },
      headers: { 'Idempotency-Key': 'add-1' },
    });
    expect(admin.status).toBe(201);
    const adminAgain = await call('POST', '/api/projects', {
      token: tokens.admin,
      body: { name: 'Quizzly' },
      headers: { 'Idempotency-Key': 'add-1' },
    });
    expect(adminAgain).toMatchObject({ status: 200, json: { name: 'Quizzly', duplicate: true } });
  });
});
