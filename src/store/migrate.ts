import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Clock } from '../domain/clock.js';
import { sha256Hex } from '../domain/lazy-builtin.js';
import { MigrationError } from '../errors.js';
import type { Db } from './open-database.js';

const FILE_PATTERN = /^(\d{4})_([a-z0-9_]+)\.sql$/;

export interface MigrationFile {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

/** A migration as a build knows it: without its SQL, which is read from its file when it is due. */
export type BuiltMigration = Omit<MigrationFile, 'sql'>;

/**
 * The migrations the CLI's bundle was built with, as JSON (scripts/build.mjs writes them in, read
 * by readMigrations then); an identifier nothing defines elsewhere.
 */
declare const GOALPOST_BUILT_MIGRATIONS: string | undefined;

/**
 * The migrations this code was built with, when it runs from the CLI's bundle: a command then
 * checks the database against them without reading and hashing every file (which also loaded
 * `node:crypto` at every start). Undefined elsewhere (tests, the bot from dist/src).
 */
export const builtMigrations = (): readonly BuiltMigration[] | undefined =>
  typeof GOALPOST_BUILT_MIGRATIONS === 'undefined'
    ? undefined
    : (JSON.parse(GOALPOST_BUILT_MIGRATIONS) as BuiltMigration[]);

/**
 * SQL functions of Goalpost's own that migrations call, by name (`goalpost_title_fingerprint`):
 * a stored value the code derives (a task's fingerprint) is made again by the code that derives
 * it. Registered on the connection only when a migration is pending.
 */
export type MigrationFunctions = Readonly<Record<string, (...args: never[]) => unknown>>;

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
      checksum: sha256Hex(sql),
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
 * Brings the database up to the migration files in `dir`: each pending file runs in its own
 * transaction and is recorded with its checksum. With `built` (see builtMigrations) the database
 * is checked against those, and only the pending files are read, each refused unless it is the
 * one the build read: an applied migration edited on disk then shows at the next build.
 * Migrations call `functions` (see MigrationFunctions) as SQL functions.
 * @throws MigrationError when an applied migration was edited, is missing, or the database is
 *   newer than the code, or a pending file is not the one built with. No migration is applied in
 *   that case (the bookkeeping table may have been created).
 */
export function migrate(
  db: Db,
  dir: string,
  clock: Clock,
  built?: readonly BuiltMigration[],
  functions: MigrationFunctions = {},
): MigrateResult {
  const files = built === undefined ? readMigrations(dir) : undefined;
  const known: readonly BuiltMigration[] = files ?? built ?? [];
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at TEXT NOT NULL
  ) STRICT`);
  const applied = db
    .prepare('SELECT version, name, checksum FROM schema_migrations ORDER BY version')
    .all() as AppliedRow[];
  for (const [i, row] of applied.entries()) {
    // Applied in order, one after another: a version missing between two is a record edited by
    // hand, and counting past it would apply a later migration again over its own tables.
    if (row.version !== i + 1) {
      throw new MigrationError(
        `the database's record of applied migrations was edited: version ${i + 1} is missing before ${row.name}; restore the database from a backup (nothing was changed)`,
      );
    }
    const file = known[row.version - 1];
    if (!file) {
      throw new MigrationError(
        built === undefined
          ? `the database is newer than this code: migration ${row.name} is applied but this Goalpost has no such file (upgrade Goalpost, or use another --db)`
          : `the database is newer than this code: migration ${row.name} is applied but this Goalpost was built without it (upgrade Goalpost, run \`npm run build\` if you added it, or use another --db)`,
      );
    }
    if (file.checksum !== row.checksum || file.name !== row.name) {
      const has = `${built === undefined ? 'file has' : 'built with'} ${file.checksum.slice(0, 12)}…`;
      throw new MigrationError(
        `migration ${file.name} differs from the one applied to this database as ${row.name} (checksum ${row.checksum.slice(0, 12)}…, ${has}); migrations are forward-only: restore the file${built === undefined ? '' : ', run `npm run build`,'} and add a new one`,
      );
    }
  }
  // Every pending file is read (and, built, checked) before the first is applied.
  const pending = files?.slice(applied.length) ?? known.slice(applied.length).map((m) => builtFile(dir, m));
  const record = db.prepare(
    'INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)',
  );
  const done: string[] = [];
  if (pending.length > 0) {
    for (const [name, fn] of Object.entries(functions)) {
      db.function(name, { deterministic: true }, fn as (...args: unknown[]) => unknown);
    }
  }
  for (const file of pending) {
    try {
      db.transaction(() => {
        db.exec(file.sql);
        record.run(file.version, file.name, file.checksum, clock.now().toISOString());
      }).immediate();
    } catch (error) {
      throw notApplied(file.name, error);
    }
    done.push(file.name);
  }
  return { applied: done, current: known.length };
}

/**
 * A pending migration's SQL refused by the database itself (SQLITE_ERROR: a table it makes is
 * there already, one it alters is not): the schema is not what the record of applied migrations
 * says, as after a row of it was deleted by hand. Said as such, where it read as a failure of
 * Goalpost's own; a busy, full or read-only database stays that failure. Nothing of the migration
 * was applied (its transaction rolled back).
 */
function notApplied(name: string, error: unknown): unknown {
  if ((error as { code?: unknown } | null)?.code !== 'SQLITE_ERROR') return error;
  const why = error instanceof Error ? error.message : String(error);
  // A function of Goalpost's own not given to migrate: the caller's fault, not the database's.
  const fn = /no such function: (\w+)/.exec(why);
  if (fn !== null) {
    return new MigrationError(
      `migration ${name} calls the SQL function ${fn[1]}, which was not given to migrate (see MigrationFunctions); nothing of it was applied`,
    );
  }
  return new MigrationError(
    `migration ${name} could not be applied to this database (${why}), and nothing of it was: a table it makes being there already, or one it changes missing, means the database's record of applied migrations was edited by hand; restore the database from a backup`,
  );
}

/**
 * A migration the build knows, read from its file in `dir`.
 * @throws MigrationError when the file is missing or not the one the build read.
 */
function builtFile(dir: string, migration: BuiltMigration): MigrationFile {
  let sql: string;
  try {
    sql = readFileSync(join(dir, migration.name), 'utf8');
  } catch (error) {
    throw new MigrationError(
      `migration ${migration.name} is missing from ${dir} (${(error as NodeJS.ErrnoException).code ?? String(error)}); reinstall Goalpost`,
    );
  }
  const checksum = sha256Hex(sql);
  if (checksum !== migration.checksum) {
    throw new MigrationError(
      `migration ${migration.name} in ${dir} is not the one this Goalpost was built with (checksum ${checksum.slice(0, 12)}…, built with ${migration.checksum.slice(0, 12)}…); run \`npm run build\` after changing a migration`,
    );
  }
  return { ...migration, sql };
}
