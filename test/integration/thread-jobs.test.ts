import { getPriority } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fixedClock, NotFoundError, openGoalpost, silentLogger } from '../../src/index.js';
import { type HeavyJobs, inlineJobs } from '../../src/jobs/heavy-jobs.js';
import { threadJobs } from '../../src/jobs/thread-jobs.js';
import { declaredCtx } from '../helpers/ctx.js';
import { useTempDir } from '../helpers/temp-dir.js';

const tempDir = useTempDir();
const NOW = '2026-11-21T09:00:00Z';
const ctx = declaredCtx({
  workspaceId: 'default',
  actor: 'console:ana',
  source: 'console',
  role: 'admin',
});
const clock = fixedClock(NOW);
let jobs: HeavyJobs | null = null;
afterEach(async () => {
  await jobs?.close();
  jobs = null;
});

/** A database with the demo and `projects` extra projects (each with an open critical bug). */
function workspace(projects = 0) {
  const dbPath = join(tempDir(), 'g.db');
  const opened = openGoalpost({ dbPath, clock, logger: silentLogger });
  opened.app.context(ctx);
  opened.app.demo.load(ctx);
  for (let i = 0; i < projects; i++) {
    const name = `Project ${i}`;
    opened.app.projects.add(ctx, { name, revenueBearing: i % 3 === 0 });
    opened.app.projects.addBug(ctx, name, { title: `Crash ${i} on start`, severity: 'critical' });
  }
  return { dbPath, opened };
}

describe('heavy jobs on the worker thread', () => {
  it('builds the same digest as this thread would, and it lands in the database', async () => {
    const { dbPath, opened } = workspace();
    jobs = threadJobs({ dbPath, clock, logger: silentLogger });
    const fromWorker = await jobs.digest(ctx, { date: '2026-11-21' });
    const cards = fromWorker.messages.filter((m) => m.kind === 'task');
    expect(cards.length).toBeGreaterThan(0);
    // The batch the worker proposed is visible to this thread's connection.
    expect(opened.app.tasks.list(ctx, { status: ['proposed'] })).toHaveLength(cards.length);
    // A second digest the same day, here or there, proposes nothing new and shows the same cards.
    const inline = await inlineJobs(opened.app).digest(ctx, { date: '2026-11-21' });
    const again = await jobs.digest(ctx, { date: '2026-11-21' });
    expect(again.messages.slice(1)).toEqual(inline.messages.slice(1));
    expect(again.messages.slice(1)).toEqual(fromWorker.messages.slice(1));
    opened.close();
  });

  it('leaves the CPU priority of the thread that answers chat as it was', async () => {
    const { dbPath, opened } = workspace();
    const before = getPriority();
    jobs = threadJobs({ dbPath, clock, logger: silentLogger });
    await jobs.digest(ctx, { date: '2026-11-21' });
    expect(getPriority()).toBe(before);
    opened.close();
  });

  it('sends a user error back as the same class with its message', async () => {
    const dbPath = join(tempDir(), 'empty.db');
    openGoalpost({ dbPath, clock, logger: silentLogger }).close();
    jobs = threadJobs({ dbPath, clock, logger: silentLogger });
    const error = await jobs.digest(ctx, { date: '2026-11-21' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as Error).message).toMatch(/There is no vision yet/);
  });

  it('leaves this thread free: a decision made while a large digest runs is answered first', async () => {
    const { dbPath, opened } = workspace(1500);
    opened.app.engine.generate(ctx, { maxTasks: 3 });
    jobs = threadJobs({ dbPath, clock, logger: silentLogger });
    const order: string[] = [];
    const digest = jobs.digest(ctx, { date: '2026-11-21', maxTasks: 20 }).then(() => order.push('digest'));
    await new Promise((r) => setTimeout(r, 20)); // the worker has the job
    opened.app.decisions.decide(ctx, { ref: 'T-1', action: 'approve' });
    order.push('decision');
    await digest;
    expect(order).toEqual(['decision', 'digest']);
    expect(opened.app.tasks.show(ctx, 'T-1').task.status).toBe('approved');
    opened.close();
  });
});
