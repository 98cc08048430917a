import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixedClock, openGoalpost, silentLogger } from '../../src/index.js';
import { useTempDir } from '../helpers/temp-dir.js';

const tempDir = useTempDir();
const ctx = { workspaceId: 'default', actor: 'cli:test', source: 'cli' as const, role: 'admin' as const };

describe('generate plans on a snapshot, persists under the lock', () => {
  it('plans again when another batch landed while it was planning: no task is proposed twice', () => {
    const dbPath = join(tempDir(), 'g.db');
    const open = () =>
      openGoalpost({ dbPath, clock: fixedClock('2026-11-21T09:00:00Z'), logger: silentLogger });
    const a = open();
    const b = open();
    a.app.demo.load(ctx);
    // Between A's snapshot and A's write lock, B (another process) generates the same batch.
    const openVersion = a.store.tasks.openVersion;
    let calls = 0;
    let fromB: string[] = [];
    a.store.tasks.openVersion = (ws) => {
      calls += 1;
      const version = openVersion(ws);
      if (calls === 1) fromB = b.app.engine.generate(ctx, {}).tasks.map((t) => t.title);
      return version;
    };
    const second = a.app.engine.generate(ctx, {});
    expect(calls).toBe(2);
    expect(fromB.length).toBe(5);
    // Everything B proposed is now open work: A proposes only what is left of the backlog.
    expect(second.tasks.map((t) => t.title).filter((t) => fromB.includes(t))).toEqual([]);
    const fingerprints = a.db
      .prepare(
        "SELECT fingerprint, count(*) AS n FROM tasks WHERE status = 'proposed' GROUP BY fingerprint HAVING n > 1",
      )
      .all();
    expect(fingerprints).toEqual([]);
    a.close();
    b.close();
  });

  it('keeps the snapshot plan when nothing changed', () => {
    const dbPath = join(tempDir(), 'g.db');
    const a = openGoalpost({ dbPath, clock: fixedClock('2026-11-21T09:00:00Z'), logger: silentLogger });
    a.app.demo.load(ctx);
    const dry = a.app.engine.generate(ctx, { dryRun: true });
    const real = a.app.engine.generate(ctx, {});
    expect(real.tasks.map((t) => t.title)).toEqual(dry.tasks.map((t) => t.title));
    a.close();
  });
});
