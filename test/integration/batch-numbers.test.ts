import { cpSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixedClock, type GenerateResult } from '../../src/index.js';
import { migrateGoalpost } from '../../src/migration-functions.js';
import { openDatabase } from '../../src/store/open-database.js';
import { cliFor } from '../helpers/run-cli.js';
import { useTempDir } from '../helpers/temp-dir.js';

const tempDir = useTempDir();
const MIGRATIONS = join(import.meta.dirname, '../../migrations');

describe('batch numbers', () => {
  it('count from 1 in each workspace, as task refs do, whatever other workspaces made', async () => {
    const db = join(tempDir(), 'g.db');
    const cli = cliFor(db);
    const acme = (...argv: string[]) => cli('--workspace', 'acme', ...argv);
    const globex = (...argv: string[]) => cli('--workspace', 'globex', ...argv);
    for (const run of [acme, globex]) expect((await run('init', '--demo')).code).toBe(0);
    expect((await acme('generate', '--max-tasks', '1')).stdout).toContain(
      'TASK GENERATION SUMMARY (batch 1)',
    );
    expect((await acme('generate', '--max-tasks', '1')).stdout).toContain(
      'TASK GENERATION SUMMARY (batch 2)',
    );
    // Globex's first batch is its batch 1 (it read "batch 3": the database's third), its id the third.
    const first = await globex('generate', '--max-tasks', '1', '--json');
    expect(first.code, first.stderr).toBe(0);
    expect(first.json<GenerateResult>()).toMatchObject({ batch: 1, batchId: 3 });
    expect((await globex('generate', '--max-tasks', '1')).stdout).toContain(
      'TASK GENERATION SUMMARY (batch 2)',
    );
  });

  it('are given, in each workspace in the order made, to the batches of a database from before them', () => {
    const dir = tempDir();
    const before = join(dir, 'migrations');
    cpSync(MIGRATIONS, before, { recursive: true });
    // As a database was before 0061: it and every migration after it not run yet.
    for (const file of readdirSync(before)) if (file >= '0061') rmSync(join(before, file));
    const db = openDatabase(join(dir, 'old.db'));
    const clock = fixedClock(new Date('2026-11-20T09:00:00Z'));
    migrateGoalpost(db, before, clock);
    db.exec(
      `INSERT INTO workspaces (id, created_at) VALUES ('acme', '2026-11-01'), ('globex', '2026-11-01')`,
    );
    const batch = db.prepare(
      `INSERT INTO batches (workspace_id, generated, unique_count, queued, skipped, revenue_impact, summary, actor, source, created_at)
       VALUES (?, 0, 0, 0, 0, 0, '{}', 'cli:ops', 'cli', '2026-11-20')`,
    );
    for (const ws of ['acme', 'globex', 'acme', 'globex', 'globex']) batch.run(ws);
    migrateGoalpost(db, MIGRATIONS, clock);
    expect(db.prepare('SELECT workspace_id, number FROM batches ORDER BY id').all()).toEqual([
      { workspace_id: 'acme', number: 1 },
      { workspace_id: 'globex', number: 1 },
      { workspace_id: 'acme', number: 2 },
      { workspace_id: 'globex', number: 2 },
      { workspace_id: 'globex', number: 3 },
    ]);
    db.close();
  });
});
