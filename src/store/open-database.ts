import {
  accessSync,
  chmodSync,
  closeSync,
  constants,
  existsSync,
  openSync,
  type Stats,
  statfsSync,
  statSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { DatabaseError } from '../errors.js';
import { makeFolders } from '../paths.js';
import { othersCopy } from './others-copy.js';

export type Db = Database.Database;

export interface OpenDatabaseOptions {
  /** Milliseconds a writer waits for another connection's lock before failing. */
  busyTimeoutMs?: number;
  readonly?: boolean;
  /**
   * Refuse a file holding another application's tables (see refuseForeign) before its mode or
   * journal is touched: Goalpost's own opening of a --db; a scratch database opened for a test is not.
   */
  goalpostOnly?: boolean;
  /** KiB of pages SQLite keeps cached (default better-sqlite3's 16,000). */
  cacheKiB?: number;
}

/**
 * The database holds webhook secrets, token hashes and Slack bot tokens: only its owner may read
 * it. A new folder is made 0700 and a new file 0600 (SQLite gives its -wal and -shm the file's
 * mode).
 */
function makePrivate(path: string): void {
  try {
    if (!existsSync(dirname(path))) makeFolders(dirname(path), 0o700);
    if (!existsSync(path)) closeSync(openSync(path, 'a', 0o600));
  } catch (error) {
    throw cannotOpen(error);
  }
}

/**
 * An existing database file of this user's that everyone may read or write loses those world
 * bits (it holds tokens); the group bits an operator gave it to share it with a co-writer or a
 * monitoring account are kept, or that account is locked out by the owner's next command. Its
 * -wal and -shm of this user's get the file's own owner and group bits, as SQLite gives them when
 * it makes them, so the group can use them too. Beside another user's database they were made by
 * a user who may read it (SQLite makes them even to read), and changed they could lock the
 * database's owner out of its own file.
 */
function narrowModes(path: string): void {
  const uid = process.getuid?.();
  const database = ownFile(path, uid);
  if (database === null) return;
  // An empty file holds no database yet, nor anything anyone was given: it is made as a new one.
  const mode = database.size === 0 ? 0o600 : database.mode & 0o770;
  setMode(path, database, mode);
  for (const file of [`${path}-wal`, `${path}-shm`]) {
    const log = ownFile(file, uid);
    if (log !== null) setMode(file, log, mode);
  }
}

function setMode(path: string, stat: Stats, mode: number): void {
  if ((stat.mode & 0o777) === mode) return;
  try {
    chmodSync(path, mode);
  } catch {
    // a read-only file system: nothing else can be done to it either
  }
}

/** `path`'s stat when it is a file of `uid`'s: never a device or anything else a path may name. */
function ownFile(path: string, uid: number | undefined): Stats | null {
  const stat = statSync(path, { throwIfNoEntry: false });
  return stat?.isFile() && stat.uid === uid ? stat : null;
}

/**
 * Refuses a SQLite file that holds tables but not Goalpost's bookkeeping of its migrations: another
 * application's database, reached by a mistyped --db or GOALPOST_DB. Migrating it would write some
 * 160 tables into it, switch it to WAL and narrow its mode, and a read would answer as a team with
 * no work; so this is asked before anything is done to it.
 */
function refuseForeign(db: Db): void {
  const tables = db
    .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite%' ORDER BY name")
    .pluck()
    .all() as string[];
  if (tables.length === 0 || isGoalpostBookkeeping(db, tables)) return;
  const named = tables.slice(0, 3).join(', ') + (tables.length > 3 ? `, … (${tables.length} tables)` : '');
  throw new DatabaseError(
    'E_DB_CORRUPT',
    `the file is not a Goalpost database: it holds another application's tables (${named}) and none of Goalpost's; nothing was done to it (check --db or GOALPOST_DB)`,
  );
}

/**
 * Whether `tables` hold Goalpost's bookkeeping of its migrations: a schema_migrations table with
 * the columns migrate reads. Rails, Ecto, golang-migrate and dbmate keep a schema_migrations table
 * too (a version alone): their databases are not Goalpost's, and migrate would fail on them only
 * after their journal and mode were changed.
 */
function isGoalpostBookkeeping(db: Db, tables: readonly string[]): boolean {
  if (!tables.includes('schema_migrations')) return false;
  const columns = new Set(
    db.prepare("SELECT name FROM pragma_table_info('schema_migrations')").pluck().all() as string[],
  );
  return ['version', 'name', 'checksum', 'applied_at'].every((c) => columns.has(c));
}

/** What the file system said, as a person fixes it. */
const WHY: Record<string, string> = {
  EACCES: 'this user may not read or write it or its folder',
  EPERM: 'this user may not read or write it or its folder',
  EEXIST: 'part of its folder path is a file',
  ENOTDIR: 'part of its folder path is a file',
  EISDIR: 'it is a folder',
  ENOTFILE: 'it is not a file but a device, a pipe or a socket',
  ENOENT: 'its folder cannot be made there',
  EROFS: 'it is on a read-only file system',
  ENOSPC: 'the disk is full',
};

function cannotOpen(error: unknown): DatabaseError {
  const why = WHY[(error as { code?: string }).code ?? ''] ?? (error as Error).message;
  return new DatabaseError('E_DB_CANTOPEN', `the database file cannot be opened: ${why}`, error);
}

/** Less free space than this and the next write is likely to fail with SQLITE_FULL. */
const MIN_FREE_BYTES = 64 * 1024;

/** Whether the disk holding `path` has less than MIN_FREE_BYTES free (false when it cannot say). */
export function diskFull(path: string): boolean {
  try {
    const disk = statfsSync(dirname(path));
    return disk.bavail * disk.bsize < MIN_FREE_BYTES;
  } catch {
    return false;
  }
}

/**
 * SQLite says only "unable to open" or "disk I/O error"; the file system says why (a read-only
 * disk, no permission, no space left). A database closed cleanly has no write-ahead log's index
 * (-shm) left, and the next connection must make one before it reads: on a full disk that is an
 * I/O error, before any statement of the command.
 */
function whyNotOpen(path: string, error: unknown, readonly = false): unknown {
  const code = String((error as { code?: string }).code);
  if ((code.startsWith('SQLITE_IOERR') || code.startsWith('SQLITE_FULL')) && diskFull(path))
    return new DatabaseError(
      'E_DB_FULL',
      'the disk is full: the database cannot be opened, so nothing was read or written; free some space and try again',
      error,
    );
  if (!code.startsWith('SQLITE_CANTOPEN')) return error;
  try {
    accessSync(path, constants.R_OK);
  } catch (why) {
    return unreadable(path, why);
  }
  try {
    // A reader needs no write permission on the file; SQLite may still need the folder for -shm.
    if (!readonly) accessSync(path, constants.W_OK);
    accessSync(dirname(path), constants.W_OK);
  } catch (why) {
    return cannotOpen(why);
  }
  return othersLog(path, error) ?? error;
}

/**
 * A database file this user may not read: named, with whose it is and its mode, and how it is
 * shared, since narrowModes takes the world bits off at its owner's next command.
 */
function unreadable(path: string, why: unknown): DatabaseError {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (stat === undefined || (why as { code?: string }).code !== 'EACCES') return cannotOpen(why);
  return new DatabaseError(
    'E_DB_CANTOPEN',
    `the database file cannot be opened: this user may not read ${path} (owner uid ${stat.uid}, group gid ${stat.gid}, mode ${(stat.mode & 0o777).toString(8).padStart(4, '0')}); share it through its group: add this user to group ${stat.gid}, and chmod 640 (to read) or 660 (to write) — Goalpost always takes a database's world bits off`,
    why,
  );
}

/**
 * The -wal and -shm beside the database that this user may not read and write: SQLite must open
 * both to read the database at all. Left by another user's read (an older Goalpost narrowed them to
 * that user), they keep the database's owner out until they are removed.
 */
function othersLog(path: string, error: unknown): DatabaseError | null {
  const barred = [`${path}-wal`, `${path}-shm`].filter((file) => existsSync(file) && !mayReadWrite(file));
  if (barred.length === 0) return null;
  const uid = process.getuid?.();
  const owner = barred.map((file) => statSync(file, { throwIfNoEntry: false })?.uid).find((u) => u !== uid);
  const both = barred.length > 1;
  return new DatabaseError(
    'E_DB_CANTOPEN',
    `the database file cannot be opened: ${barred.join(' and ')} beside it ${both ? 'belong' : 'belongs'} to ${owner === undefined ? 'this user' : `another user (uid ${owner})`} and this user may not read and write ${both ? 'them' : 'it'}, as SQLite must to read the database at all; remove ${both ? 'them' : 'it'} while no Goalpost runs on this database, or give ${both ? 'them' : 'it'} to this user`,
    error,
  );
}

function mayReadWrite(file: string): boolean {
  try {
    accessSync(file, constants.R_OK | constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

let binding: string | Error | undefined;

/** What the `bindings` package is, called for a path. */
type FindBinding = (options: { bindings: string; module_root: string; path: true }) => string;

/**
 * better-sqlite3's compiled binding, named by its path: where npm builds it (`build/Release`), or
 * else wherever the `bindings` package (better-sqlite3's own lookup) finds it under better-sqlite3.
 * Its own lookup reads a stack trace to find the package and tries a dozen folders (2 to 4 ms of
 * every command), and from the CLI's bundle, where better-sqlite3's code is bundled, that stack
 * trace names the bundle: so when neither finds it, the lookup's own error (naming the folders it
 * tried under better-sqlite3) is thrown here, every time it is asked.
 */
export function nativeBinding(): string {
  if (binding === undefined) {
    try {
      const root = join(dirname(createRequire(import.meta.url).resolve('better-sqlite3')), '..');
      const release = join(root, 'build', 'Release', 'better_sqlite3.node');
      binding = existsSync(release)
        ? release
        : (createRequire(join(root, 'package.json'))('bindings') as FindBinding)({
            bindings: 'better_sqlite3.node',
            module_root: root,
            path: true,
          });
    } catch (error) {
      binding = error instanceof Error ? error : new Error(String(error));
    }
  }
  if (binding instanceof Error) throw binding;
  return binding;
}

/**
 * Opens (creating its folder if needed) a SQLite file with WAL, foreign keys and a busy timeout,
 * readable by its owner only. `:memory:` works too, for throwaway use. Another user's database
 * that this user may only read is read from a copy when its owner has it closed (see othersCopy).
 */
export function openDatabase(path: string, options: OpenDatabaseOptions = {}): Db {
  // What is at the path is looked at before anything is done to it: narrowModes narrows a file's
  // mode, and run by root on `--db /dev/null` it made the system's /dev/null 0600.
  if (path !== ':memory:' && existsSync(path)) {
    const kind = statSync(path);
    if (kind.isDirectory()) throw cannotOpen(Object.assign(new Error('is a folder'), { code: 'EISDIR' }));
    if (!kind.isFile()) throw cannotOpen(Object.assign(new Error('not a file'), { code: 'ENOTFILE' }));
  }
  const copy = path !== ':memory:' && existsSync(path) ? othersCopy(path, nativeBinding()) : null;
  const writable = path !== ':memory:' && !options.readonly && copy === null;
  if (writable) makePrivate(path);
  let db: Db;
  try {
    db =
      copy ??
      new Database(path, {
        readonly: options.readonly ?? false,
        fileMustExist: options.readonly ?? false,
        nativeBinding: nativeBinding(),
      });
  } catch (error) {
    throw whyNotOpen(path, error, options.readonly);
  }
  // SQLite opens the file at the first statement that reads it: any of these may be refused.
  try {
    db.pragma(`busy_timeout = ${Math.trunc(options.busyTimeoutMs ?? 5000)}`);
    if (options.goalpostOnly && path !== ':memory:') refuseForeign(db);
    if (writable) narrowModes(path);
    if (!options.readonly && copy === null) db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    // A write that fires triggers (every task update keeps the history rollups) keeps a statement
    // journal, and temporary sorts spill: in memory they cost microseconds, in a temporary file a
    // file's creation and writes, which made closing a task about 60 % slower.
    db.pragma('temp_store = MEMORY');
    if (options.cacheKiB !== undefined)
      db.pragma(`cache_size = -${Math.max(1, Math.trunc(options.cacheKiB))}`);
  } catch (error) {
    db.close();
    throw whyNotOpen(path, error, options.readonly);
  }
  return db;
}
