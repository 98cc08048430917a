import { chmodSync, existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { cliFor } from '../helpers/run-cli.js';
import { useTempDir } from '../helpers/temp-dir.js';

const tempDir = useTempDir();

// Rails, Ecto, golang-migrate and dbmate all keep a table named schema_migrations, of their own
// shape: such an application's SQLite file is no more Goalpost's than one without it.
describe("another application's database with a schema_migrations table of its own", () => {
  it('is refused, and left as it was: its journal and mode kept (exit 78, not 70)', async () => {
    const db = join(tempDir(), 'development.sqlite3');
    const other = new Database(db);
    other.exec(`CREATE TABLE schema_migrations (version varchar NOT NULL PRIMARY KEY);
      INSERT INTO schema_migrations VALUES ('20240101000000');
      CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO users VALUES (1, 'bob')`);
    other.close();
    chmodSync(db, 0o644);
    const before = readFileSync(db);
    const r = await cliFor(db)('tasks');
    expect(r.code).toBe(78);
    expect(r.stderr).toMatch(/the file is not a Goalpost database: it holds another application's tables/);
    expect(statSync(db).mode & 0o777).toBe(0o644);
    expect(existsSync(`${db}-wal`)).toBe(false);
    expect(readFileSync(db).equals(before)).toBe(true);
  });
});
