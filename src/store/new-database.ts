// A database file a command creates by opening a path that held none, and what it takes to leave
// no trace of it when that command is refused: a mistyped --db, or a first command with bad input,
// must not leave a database behind (see OpenedGoalpost.closeDiscardingNew).
import { existsSync, rmdirSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Db } from './open-database.js';

/** A database file that did not exist before this process opened its path. */
export interface NewDatabase {
  path: string;
  /** The folders opening made for it, deepest first (none when its folder existed). */
  folders: string[];
  /** `PRAGMA data_version` once it was migrated: another connection's commit changes it. */
  version: number;
}

/**
 * Tables that opening a database and a workspace fill by themselves: the migrations applied, the
 * workspace, and the playbooks a workspace starts with.
 */
const FILLED_BY_OPENING: ReadonlySet<string> = new Set(['schema_migrations', 'workspaces', 'playbooks']);

/** The folders of `path` that do not exist yet, deepest first; null when the file itself exists. */
export function missingBefore(path: string): string[] | null {
  if (path === ':memory:' || existsSync(path)) return null;
  const folders: string[] = [];
  for (let folder = dirname(path); !existsSync(folder); folder = dirname(folder)) {
    folders.push(folder);
    if (dirname(folder) === folder) break;
  }
  return folders;
}

export function dataVersion(db: Db): number {
  return db.pragma('data_version', { simple: true }) as number;
}

/**
 * Whether the new database holds nothing of anyone's: no table but those opening fills has a row,
 * and no other connection has committed since it was migrated (another process that opened the
 * same new path at the same moment, such as the bot's first start).
 */
export function holdsNothingOfItsOwn(db: Db, created: NewDatabase): boolean {
  if (dataVersion(db) !== created.version) return false;
  const tables = db
    .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite%'")
    .pluck()
    .all() as string[];
  return tables.every(
    (table) =>
      FILLED_BY_OPENING.has(table) ||
      db
        .prepare(`SELECT NOT EXISTS (SELECT 1 FROM "${table.replaceAll('"', '""')}")`)
        .pluck()
        .get() === 1,
  );
}

/**
 * Removes a closed new database: its file, WAL and shared memory, and the folders made for it if
 * empty; returns whether it did. Not while another connection has it open: SQLite removes the WAL
 * when the last connection closes, so a WAL still there means someone else is using the file.
 */
export function removeNewDatabase(created: NewDatabase): boolean {
  if (existsSync(`${created.path}-wal`)) return false;
  for (const file of [
    created.path,
    `${created.path}-wal`,
    `${created.path}-shm`,
    `${created.path}-journal`,
  ]) {
    rmSync(file, { force: true });
  }
  for (const folder of created.folders) {
    try {
      rmdirSync(folder);
    } catch {
      break; // something else is in it now: it stays, and so do the folders above it
    }
  }
  return true;
}
