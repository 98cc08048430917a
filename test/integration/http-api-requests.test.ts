import { describe, expect, it } from 'vitest';
import { apiRoutes } from '../../adapters/http/api-routes.js';
import type { GenerateResult, Vision } from '../../src/index.js';
import { snapshot } from '../helpers/snapshot.js';
import { useApi } from '../helpers/start-api.js';
import { useTempDir } from '../helpers/temp-dir.js';

const startApi = useApi(useTempDir());

/** The error a refused call answered with. */
const errorOf = (res: { json: Record<string, unknown> | null }) =>
  res.json?.error as { code: string; message: string; field?: string };

/** A route's path with its parameters filled in. */
const concrete = (path: string): string => path.replace(':ref', 'T-1').replace(':name', 'dev_worker1');

describe('the HTTP API refuses what it would otherwise ignore', () => {
  it('refuses an unknown query parameter on every route, naming the ones it takes, and writes nothing', async () => {
    const { call, tokens, dbPath, generate } = await startApi();
    await generate(2);
    const before = snapshot(dbPath);
    for (const route of apiRoutes) {
      const res = await call(route.method, `${concrete(route.path)}?bogus=1`, { token: tokens.admin });
      const where = `${route.method} ${route.path}`;
      expect(res.status, where).toBe(400);
      if (route.method === 'HEAD') continue; // a HEAD answer has no body to read
      expect(errorOf(res).field, where).toBe('bogus');
      expect(errorOf(res).message, where).toMatch(
        new RegExp(`^bogus: not a query parameter of ${where}; it takes (none|[a-z, ]+)$`),
      );
    }
    expect(snapshot(dbPath)).toEqual(before);
    const tasks = await call('GET', '/api/tasks?stauts=open', { token: tokens.member });
    expect(errorOf(tasks).message).toBe(
      'stauts: not a query parameter of GET /api/tasks; it takes status, limit',
    );
  });

  it('refuses a parameter that takes one value given twice, and takes a list given as many times as it likes', async () => {
    const { call, tokens } = await startApi();
    const twice = await call('GET', '/api/tasks?limit=2&limit=3', { token: tokens.member });
    expect(twice.status).toBe(400);
    expect(errorOf(twice)).toEqual({
      code: 'E_VALIDATION',
      message: 'limit: given 2 times ("2", "3"); give it once',
      field: 'limit',
    });
    const zero = await call('GET', '/api/tasks?limit=0', { token: tokens.member });
    expect(errorOf(zero).message).toBe('limit: a whole number ≥ 1 like 50 (got 0)');
    const statuses = await call('GET', '/api/tasks?status=proposed&status=done&limit=1', {
      token: tokens.member,
    });
    expect(statuses.status).toBe(200);
  });

  it('does not save a batch when dryRun comes in the URL, and says where it goes', async () => {
    const { call, tokens, dbPath } = await startApi();
    const before = snapshot(dbPath);
    const res = await call('POST', '/api/goal-engine/generate?dryRun=true', {
      token: tokens.approver,
      body: { maxTasks: 2 },
    });
    expect(res.status).toBe(400);
    expect(errorOf(res)).toEqual({
      code: 'E_VALIDATION',
      message:
        'dryRun: not a query parameter of POST /api/goal-engine/generate; it takes none (dryRun goes in the JSON body)',
      field: 'dryRun',
    });
    expect(snapshot(dbPath)).toEqual(before);
  });
});

describe("the HTTP API takes back what it gives, and the seed scripts' names", () => {
  it('saves a vision fetched, edited and sent back as GET gave it', async () => {
    const { call, tokens } = await startApi();
    const read = (await call('GET', '/api/goal-engine/vision', { token: tokens.member }))
      .json as unknown as Vision;
    const edited = {
      ...read,
      primaryGoal: 'Reach 100 paying schools',
      focusAreas: [...read.focusAreas, 'growth'],
    };
    const saved = await call('PUT', '/api/goal-engine/vision', { token: tokens.admin, body: edited });
    expect(saved.status).toBe(200);
    expect(saved.json).toMatchObject({
      version: read.version + 1,
      primaryGoal: 'Reach 100 paying schools',
      focusAreas: [...read.focusAreas, 'growth'],
      revenueTargets: read.revenueTargets,
      createdBy: 'api:admin',
    });
    const snake = await call('PUT', '/api/goal-engine/vision', {
      token: tokens.admin,
      body: { primary_goal: 'Reach 200 paying schools' },
    });
    expect(snake.json).toMatchObject({ version: read.version + 2, primaryGoal: 'Reach 200 paying schools' });
  });

  it('refuses an edit of a vision that changed since it was read, and both spellings that disagree', async () => {
    const { call, tokens, dbPath } = await startApi();
    const read = (await call('GET', '/api/goal-engine/vision', { token: tokens.member }))
      .json as unknown as Vision;
    await call('PUT', '/api/goal-engine/vision', {
      token: tokens.admin,
      body: { statement: 'Someone else' },
    });
    const before = snapshot(dbPath);
    const stale = await call('PUT', '/api/goal-engine/vision', {
      token: tokens.admin,
      body: { ...read, primaryGoal: 'Mine' },
    });
    expect(stale.status).toBe(409);
    expect(errorOf(stale).message).toBe(
      'the vision changed since version 1: it is version 2 now (set by api:admin at 2026-11-21T09:00:00.000Z); read it again and redo your change',
    );
    // A version it never had is no edit of one read since: a bad field, not a conflict.
    const unknown = await call('PUT', '/api/goal-engine/vision', {
      token: tokens.admin,
      body: { version: 99, primaryGoal: 'Mine' },
    });
    expect(unknown.status).toBe(400);
    expect(errorOf(unknown)).toEqual({
      code: 'E_VALIDATION',
      message: 'version: the vision has had no version 99: it is version 2; send the version GET gives',
      field: 'version',
    });
    const both = await call('PUT', '/api/goal-engine/vision', {
      token: tokens.admin,
      body: { primaryGoal: 'A', primary_goal: 'B' },
    });
    expect(both.status).toBe(400);
    expect(errorOf(both)).toEqual({
      code: 'E_VALIDATION',
      message: 'primaryGoal: the same as primary_goal, which says "B": give one or the other (got "A")',
      field: 'primaryGoal',
    });
    expect(snapshot(dbPath)).toEqual(before);
  });

  it("takes the seed scripts' max_tasks and dry_run for maxTasks and dryRun, and refuses both at odds", async () => {
    const { call, tokens, dbPath } = await startApi();
    const before = snapshot(dbPath);
    const generate = (body: unknown) =>
      call('POST', '/api/goal-engine/generate', { token: tokens.approver, body });
    const seed = await generate({ max_tasks: 3, dry_run: true });
    expect(seed.status).toBe(200);
    expect(seed.json as unknown as GenerateResult).toMatchObject({ dryRun: true, proposed: 3, maxTasks: 3 });
    expect((await generate({ max_tasks: 2, maxTasks: 2, dry_run: true })).status).toBe(200);
    const odds = await generate({ max_tasks: 3, maxTasks: 2, dry_run: true });
    expect(odds.status).toBe(400);
    expect(errorOf(odds)).toEqual({
      code: 'E_VALIDATION',
      message: 'max_tasks: the same as maxTasks, which says 2: give one or the other (got 3)',
      field: 'max_tasks',
    });
    expect(snapshot(dbPath)).toEqual(before);
  });
});

describe("the HTTP API body of a goal is the use case's own", () => {
  it('sets what a goal is worth, as goal add --value does', async () => {
    const { call, tokens } = await startApi();
    const res = await call('POST', '/api/goals', {
      token: tokens.admin,
      body: { metric: 'active_teachers', target: 300, by: '2027-03-31', unit: 'teachers', value: 5 },
    });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ metric: 'active_teachers', target: 300, valuePerUnit: 5, weight: null });
  });
});
