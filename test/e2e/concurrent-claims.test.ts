import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixedClock, openGoalpost, silentLogger } from '../../src/index.js';
import { runFixtureJson } from '../helpers/child.js';
import { useTempDir } from '../helpers/temp-dir.js';

const tempDir = useTempDir();

const worker = (dbPath: string, assignee: string) =>
  runFixtureJson<string[]>('claim-loop.mjs', [dbPath, assignee]);

describe('concurrent claims', () => {
  it('gives each approved task to exactly one of four processes claiming at once', async () => {
    const dbPath = join(tempDir(), 'g.db');
    const { app, close } = openGoalpost({
      dbPath,
      clock: fixedClock('2026-11-21T09:00:00Z'),
      logger: silentLogger,
    });
    const ctx = app.context({ workspaceId: 'default', actor: 'test', source: 'cli', role: 'admin' });
    app.demo.load(ctx);
    for (let i = 1; i <= 6; i += 1) {
      app.projects.addBug(ctx, 'Basic EDU Apps', {
        title: `Crash number ${i} in checkout step ${i}`,
        severity: 'critical',
      });
    }
    const batch = app.engine.generate(ctx, { maxTasks: 20 });
    const free = batch.tasks.filter((t) => t.dependsOn.length === 0).map((t) => t.ref ?? '');
    for (const ref of free) app.decisions.decide(ctx, { ref, action: 'approve' });
    for (const name of ['w1', 'w2', 'w3', 'w4'])
      app.assignees.add(ctx, { name, kind: 'worker', capacity: 100 });
    close();
    expect(free.length).toBeGreaterThanOrEqual(8);

    const results = await Promise.all(['w1', 'w2', 'w3', 'w4'].map((w) => worker(dbPath, w)));
    const all = results.flat();
    expect(new Set(all).size).toBe(all.length);
    expect([...all].sort()).toEqual([...free].sort());
  });
});
