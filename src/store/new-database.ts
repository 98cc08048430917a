// A database file a command creates by opening a path that held none (or only an empty file), and
// what it takes to leave no trace of it when that command is refused: a mistyped --db, or a first
// command with bad input, must not leave a database behind (see OpenedGoalpost.closeDiscardingNew).
import { chmodSync, lstatSync, rmdirSync, rmSync, statSync, truncateSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { type Db, nativeBinding } from './open-database.js';

/** A database file that did not exist, or was an empty file, before this process opened its path. */
export interface NewDatabase {
  path: string;
  /** The folders opening made for it, deepest first (none when its folder existed). */
  folders: string[];
  /** `PRAGMA data_version` as it was opened, before migrating: another connection's commit changes it. */
  version: number;
  /** The mode of the empty file that was at the path, which is emptied again rather than removed. */
  emptyFileMode?: number;
}

/**
 * Tables that opening a database and a workspace fill by themselves: the migrations applied, the
 * workspace, and the playbooks a workspace starts with.
 */
const FILLED_BY_OPENING = ['schema_migrations', 'workspaces', 'playbooks'] as const;

/** Whether anything is at `path`, a link included (existsSync follows one to its target). */
function occupied(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * The folders of `path` that do not exist yet, deepest first; null when something is at the path
 * already (a file, or a link, even to nothing: opening creates its target, which stays).
 */
export function missingBefore(path: string): string[] | null {
  if (path === ':memory:' || occupied(path)) return null;
  const folders: string[] = [];
  for (let folder = dirname(path); !occupied(folder); folder = dirname(folder)) {
    folders.push(folder);
    if (dirname(folder) === folder) break;
  }
  return folders;
}

/**
 * The mode of the empty file at `path`, or null when there is none: SQLite takes a 0-byte file for
 * an empty database, so it is no more the team's database than a missing one (`: > goalpost.db`).
 * Not a link, and not one with a WAL or rollback journal beside it that holds anything: SQLite would
 * read the database's pages from that.
 */
export function emptyFileAt(path: string): number | null {
  if (path === ':memory:') return null;
  const size = (file: string) => statSync(file, { throwIfNoEntry: false })?.size ?? 0;
  try {
    const file = lstatSync(path);
    if (!file.isFile() || file.size !== 0) return null;
    if (size(`${path}-wal`) > 0 || size(`${path}-journal`) > 0) return null;
    return file.mode & 0o7777;
  } catch {
    return null;
  }
}

export function dataVersion(db: Db): number {
  return db.pragma('data_version', { simple: true }) as number;
}

/** Removes the folders made for a database, deepest first, as far as they are empty. */
export function removeFolders(folders: readonly string[]): void {
  for (const folder of folders) {
    try {
      rmdirSync(folder);
    } catch {
      return; // something else is in it now: it stays, and so do the folders above it
    }
  }
}

/**
 * After an open that failed on a new path: removes the file opening made there while it is still
 * empty (nothing in it to lose, whoever else opened it), then the folders made for it.
 */
export function removeEmptyNewFile(path: string, folders: readonly string[]): void {
  try {
    const made = lstatSync(path);
    if (made.isFile() && made.size === 0) rmSync(path);
  } catch {
    // nothing there, or not removable: the folders keep it
  }
  removeFolders(folders);
}

/**
 * Whether no other connection has committed to `db` since `data_version` read `version`; with no
 * `version` (it could not be read: the write-ahead log's index could not grow), whether nothing at
 * all was committed to it, its file no more than its first page and its log empty.
 */
export function unchangedSince(db: Db, version: number | null): boolean {
  if (version === null) {
    const size = (file: string) => statSync(file, { throwIfNoEntry: false })?.size ?? 0;
    return size(db.name) <= 4096 && size(`${db.name}-wal`) === 0;
  }
  try {
    return dataVersion(db) === version;
  } catch {
    return false; // cannot tell: it stays
  }
}

/**
 * After migrating a new database failed (see unchangedSince): removes its file, its WAL and shared
 * memory and journal, without reading them (a full disk cannot take the checkpoint that would fold
 * the WAL in), then the folders made for it; an empty file that was at the path is emptied again,
 * in its mode. A connection another process opened meanwhile fails at its first write
 * (SQLITE_READONLY_DBMOVED), loudly; it had nothing to lose.
 */
export function discardUnmigrated(
  path: string,
  folders: readonly string[],
  emptyFileMode: number | null,
): void {
  try {
    erase(path, emptyFileMode ?? undefined);
  } catch {
    return; // not removable: it stays, and so do its folders
  }
  removeFolders(folders);
}

/**
 * Removes a new database's file (or empties the empty file it was made in, in that file's mode),
 * then the write-ahead log, shared memory and journal beside it, as far as they go.
 * @throws when the file itself cannot be removed or emptied.
 */
function erase(path: string, emptyFileMode: number | undefined): void {
  if (emptyFileMode === undefined) rmSync(path, { force: true });
  else {
    truncateSync(path, 0);
    // Opening narrowed it to its owner; an empty file holds nothing to keep private.
    chmodSync(path, emptyFileMode);
  }
  for (const file of [`${path}-wal`, `${path}-shm`, `${path}-journal`]) {
    try {
      rmSync(file, { force: true });
    } catch {
      // The database is gone; a leftover beside it is SQLite's to ignore.
    }
  }
}

/** The rows of the tables opening fills, as text; null when any other table holds a row. */
function openingsRows(db: Db): string | null {
  const tables = db
    .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite%'")
    .pluck()
    .all() as string[];
  const quoted = (table: string) => `"${table.replaceAll('"', '""')}"`;
  const others = tables.filter((t) => !(FILLED_BY_OPENING as readonly string[]).includes(t));
  if (
    others.some(
      (t) =>
        db
          .prepare(`SELECT EXISTS (SELECT 1 FROM ${quoted(t)})`)
          .pluck()
          .get() === 1,
    )
  ) {
    return null;
  }
  return JSON.stringify(
    FILLED_BY_OPENING.map((t) =>
      db
        .prepare(`SELECT * FROM ${quoted(t)} ORDER BY rowid`)
        .raw()
        .all(),
    ),
  );
}

/**
 * What the new database holds, to be compared when it is removed (see removeNewDatabase): the rows
 * opening wrote; null when it holds anything else, or another connection has committed since it
 * was opened (another process that opened the same new path at the same moment, such as the bot's
 * first start), or it cannot be read.
 */
export function openingsOnly(db: Db, created: NewDatabase): string | null {
  try {
    return dataVersion(db) === created.version ? openingsRows(db) : null;
  } catch {
    return null; // a database that cannot be read now (a full disk, a lock) stays as it is
  }
}

/**
 * Removes a closed new database that still holds `rows` (see openingsOnly) and nothing else, with
 * the folders made for it (one made in an empty file leaves that file empty, in its mode, as it was
 * found); returns whether it did. Nobody else may have it open: it is taken out of
 * WAL, which SQLite refuses while another connection has read it, and removed under an exclusive
 * lock, so no other connection can commit to it meanwhile. One that had opened it without reading
 * yet then fails at its first write (SQLITE_READONLY_DBMOVED), loudly; nothing written is lost.
 */
export function removeNewDatabase(created: NewDatabase, rows: string): boolean {
  let db: Db;
  try {
    db = new Database(created.path, { fileMustExist: true, nativeBinding: nativeBinding() });
  } catch {
    return false;
  }
  try {
    db.pragma('busy_timeout = 0');
    if (db.pragma('journal_mode = DELETE', { simple: true }) !== 'delete') return false;
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE');
    if (openingsRows(db) !== rows) {
      // Written to since it was checked, by a connection that is gone: it stays, in WAL again.
      db.exec('ROLLBACK');
      db.pragma('journal_mode = WAL');
      return false;
    }
    erase(created.path, created.emptyFileMode);
  } catch {
    // Busy, or not removable: it stays (out of WAL at worst, which every open sets again).
    return false;
  } finally {
    db.close();
  }
  removeFolders(created.folders);
  return true;
}
