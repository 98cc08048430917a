import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Caller, createGoalpost, fixedClock, openGoalpost, silentLogger } from '../../src/index.js';
import type { Store } from '../../src/store/create-store.js';
import { useTempDir } from '../helpers/temp-dir.js';

const tempDir = useTempDir();
const lead: Caller = { workspaceId: 'default', actor: 'cli:test', source: 'cli', role: 'admin' };
const clock = fixedClock('2026-11-21T09:00:00Z');

/**
 * A Goalpost over the real store of `dbPath`, whose store counts how often a batch is planned
 * (each plan reads the history summary once) and runs `between` once generate's snapshot has read
 * the open tasks: what `between` writes lands after the snapshot and before the write lock.
 */
function instrumented(dbPath: string, between: () => void = () => {}) {
  const opened = openGoalpost({ dbPath, clock, logger: silentLogger });
  const real = opened.store;
  const counts = { plans: 0, versionChecks: 0 };
  const store: Store = {
    ...real,
    tasks: {
      ...real.tasks,
      openVersion: (ws) => {
        counts.versionChecks += 1;
        const version = real.tasks.openVersion(ws);
        // The first check opens the snapshot; the second is under the write lock.
        if (counts.versionChecks === 1) between();
        return version;
      },
    },
    history: {
      ...real.history,
      summary: (ws, window) => {
        counts.plans += 1;
        return real.history.summary(ws, window);
      },
    },
  };
  const app = createGoalpost({ store, clock, logger: silentLogger });
  return { app, db: opened.db, counts, close: opened.close };
}

describe('generate plans on a snapshot, persists under the lock', () => {
  it('plans again when another batch landed while it was planning: no task is proposed twice', () => {
    const dbPath = join(tempDir(), 'g.db');
    const b = openGoalpost({ dbPath, clock, logger: silentLogger });
    b.app.demo.load(b.app.context(lead));
    let fromB: string[] = [];
    // Between A's snapshot and A's write lock, B (another connection) generates the same batch.
    const a = instrumented(dbPath, () => {
      fromB = b.app.engine.generate(b.app.context(lead), {}).tasks.map((t) => t.title);
    });
    const second = a.app.engine.generate(a.app.context(lead), {});
    expect(fromB.length).toBe(5);
    expect(a.counts.plans).toBe(2);
    // Everything B proposed is now open work: A proposes only what is left of the backlog.
    expect(second.tasks.length).toBeGreaterThan(0);
    expect(second.tasks.map((t) => t.title).filter((t) => fromB.includes(t))).toEqual([]);
    const twice = a.db
      .prepare(
        "SELECT fingerprint, count(*) AS n FROM tasks WHERE status = 'proposed' GROUP BY fingerprint HAVING n > 1",
      )
      .all();
    expect(twice).toEqual([]);
    a.close();
    b.close();
  });

  it('keeps the snapshot plan when nothing changed: it plans once, and writes what a dry run shows', () => {
    const dbPath = join(tempDir(), 'g.db');
    const a = instrumented(dbPath);
    const ctx = a.app.context(lead);
    a.app.demo.load(ctx);
    const dry = a.app.engine.generate(ctx, { dryRun: true });
    expect(a.counts.plans).toBe(1);
    const real = a.app.engine.generate(ctx, {});
    expect(a.counts.versionChecks).toBe(2);
    expect(a.counts.plans).toBe(2);
    expect(real.tasks.map((t) => t.title)).toEqual(dry.tasks.map((t) => t.title));
    a.close();
  });
});
