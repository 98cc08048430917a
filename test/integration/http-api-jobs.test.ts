import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpServer, type HttpServer } from '../../adapters/http/create-http-server.js';
import {
  fixedClock,
  type HeavyJobs,
  type OpenedGoalpost,
  openGoalpost,
  silentLogger,
} from '../../src/index.js';
import { threadJobs } from '../../src/jobs/thread-jobs.js';
import { declaredCtx } from '../helpers/ctx.js';
import { useTempDir } from '../helpers/temp-dir.js';

const tempDir = useTempDir();
const clock = fixedClock('2026-11-21T09:00:00Z');
const ctx = declaredCtx({ workspaceId: 'default', actor: 'console:ana', source: 'console', role: 'admin' });
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

/** A database with the demo and `projects` extra projects, each with an open critical bug. */
function workspace(name: string, projects: number, demo = true): { dbPath: string; opened: OpenedGoalpost } {
  const dbPath = join(tempDir(), name);
  const opened = openGoalpost({ dbPath, clock, logger: silentLogger });
  cleanups.push(() => opened.close());
  opened.app.context(ctx);
  if (demo) opened.app.demo.load(ctx);
  for (let i = 0; i < projects; i++) {
    opened.app.projects.add(ctx, { name: `Project ${i}`, revenueBearing: i % 3 === 0 });
    opened.app.projects.addBug(ctx, `Project ${i}`, { title: `Crash ${i} on start`, severity: 'critical' });
  }
  return { dbPath, opened };
}

/** The real API over `opened`, its heavy work on `jobs` (default: this thread); an approver's token. */
async function serve(opened: OpenedGoalpost, jobs?: HeavyJobs) {
  const server: HttpServer = createHttpServer({
    app: opened.app,
    logger: silentLogger,
    clock,
    ...(jobs ? { jobs } : {}),
  });
  const { url } = await server.listen(0, '127.0.0.1');
  cleanups.push(() => server.close());
  const token = opened.app.tokens.create(ctx, { name: 'ci', role: 'approver' }).token;
  return (method: string, path: string, body?: unknown) =>
    fetch(`${url}${path}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    }).then(async (res) => ({ status: res.status, json: (await res.json()) as Record<string, unknown> }));
}

/** The job thread over `dbPath`, closed after the test. */
function jobThread(dbPath: string): HeavyJobs {
  const jobs = threadJobs({ dbPath, clock, logger: silentLogger });
  cleanups.push(() => jobs.close());
  return jobs;
}

describe('POST /api/goal-engine/generate on the job thread', () => {
  it('answers what this thread would: the same batch, saved where the API reads it', async () => {
    const here = workspace('here.db', 3);
    const there = workspace('there.db', 3);
    const inline = await serve(here.opened);
    const threaded = await serve(there.opened, jobThread(there.dbPath));
    const a = await inline('POST', '/api/goal-engine/generate', { max_tasks: 4 });
    const b = await threaded('POST', '/api/goal-engine/generate', { max_tasks: 4 });
    expect(a.status).toBe(200);
    expect(b).toEqual(a);
    // What the job thread saved is what this thread's connection lists.
    const listed = await threaded('GET', '/api/tasks?status=proposed');
    expect((listed.json.tasks as unknown[]).length).toBe(b.json.queued);
  });

  it('answers an error from the job thread as this thread would: status, code and message', async () => {
    const here = workspace('here.db', 0, false);
    const there = workspace('there.db', 0, false);
    const inline = await serve(here.opened);
    const threaded = await serve(there.opened, jobThread(there.dbPath));
    const a = await inline('POST', '/api/goal-engine/generate', {});
    const b = await threaded('POST', '/api/goal-engine/generate', {});
    expect(a.status).toBe(404);
    expect(b.status).toBe(a.status);
    expect(b.json.error).toEqual(a.json.error);
  });

  it('keeps answering other requests while a batch over a large workspace is planned', async () => {
    const { dbPath, opened } = workspace('large.db', 1500);
    const jobs = jobThread(dbPath);
    let handedOver: () => void = () => {};
    const planning = new Promise<void>((resolve) => {
      handedOver = resolve;
    });
    const call = await serve(opened, {
      ...jobs,
      generate: (c, options) => {
        const result = jobs.generate(c, options);
        handedOver();
        return result;
      },
    });
    const order: string[] = [];
    const generate = call('POST', '/api/goal-engine/generate', { max_tasks: 20 }).then((r) => {
      order.push('generate');
      return r;
    });
    await planning; // the batch is being planned
    const vision = await call('GET', '/api/goal-engine/vision');
    order.push('vision');
    expect(vision.status).toBe(200);
    expect((await generate).status).toBe(200);
    expect(order).toEqual(['vision', 'generate']);
  });
});
