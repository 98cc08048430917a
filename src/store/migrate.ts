import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Clock } from '../domain/clock.js';
import { MigrationError } from '../errors.js';
import type { Db } from './open-database.js';

const FILE_PATTERN = /^(\d{4})_([a-z0-9_]+)\.sql$/;

export interface MigrationFile {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

export interface MigrateResult {
  applied: string[];
  current: number;
}

/** Reads `NNNN_name.sql` files in version order; refuses gaps and duplicate versions. */
export function readMigrations(dir: string): MigrationFile[] {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort();
  const migrations: MigrationFile[] = [];
  for (const file of files) {
    const match = FILE_PATTERN.exec(file);
    if (!match) throw new MigrationError(`migration file ${file} is not named NNNN_name.sql`);
    const sql = readFileSync(join(dir, file), 'utf8');
    migrations.push({
      version: Number(match[1]),
      name: file,
      sql,
      checksum: createHash('sha256').update(sql).digest('hex'),
    });
  }
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) {
      throw new MigrationError(`migration ${m.name} is out of sequence: expected version ${i + 1}`);
    }
  });
  return migrations;
}

interface AppliedRow {
  version: number;
  name: string;
  checksum: string;
}

/**
 * Brings the database up to the migration files: each pending file runs in its own transaction
 * and is recorded with its checksum.
 * @throws MigrationError when an applied migration was edited, is missing, or the database is
 *   newer than the code. Nothing is applied in that case.
 */
export function migrate(db: Db, dir: string, clock: Clock): MigrateResult {
  const files = readMigrations(dir);
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at TEXT NOT NULL
  ) STRICT`);
  const applied = db
    .prepare('SELECT version, name, checksum FROM schema_migrations ORDER BY version')
    .all() as AppliedRow[];
  for (const row of applied) {
    const file = files[row.version - 1];
    if (!file) {
      throw new MigrationError(
        `the database is newer than this code: migration ${row.name} is applied but this Goalpost has no such file (upgrade Goalpost, or use another --db)`,
      );
    }
    if (file.checksum !== row.checksum || file.name !== row.name) {
      throw new MigrationError(
        `migration ${file.name} differs from the one applied to this database as ${row.name} (checksum ${row.checksum.slice(0, 12)}…, file has ${file.checksum.slice(0, 12)}…); migrations are forward-only: restore the file and add a new one`,
      );
    }
  }
  const record = db.prepare(
    'INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)',
  );
  const done: string[] = [];
  for (const file of files.slice(applied.length)) {
    db.transaction(() => {
      db.exec(file.sql);
      record.run(file.version, file.name, file.checksum, clock.now().toISOString());
    }).immediate();
    done.push(file.name);
  }
  return { applied: done, current: files.length };
}
