import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';

export type Db = Database.Database;

export interface OpenDatabaseOptions {
  /** Milliseconds a writer waits for another connection's lock before failing. */
  busyTimeoutMs?: number;
  readonly?: boolean;
}

/**
 * The database holds webhook secrets, token hashes and Slack bot tokens: only its owner may read
 * it. A new folder is made 0700 and a new file 0600 (SQLite gives its -wal and -shm the file's
 * mode); an existing file, WAL or shared memory that others can read is narrowed to 0600.
 */
function keepPrivate(path: string): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  if (!existsSync(path)) closeSync(openSync(path, 'a', 0o600));
  for (const file of [path, `${path}-wal`, `${path}-shm`]) {
    try {
      const { mode, uid } = statSync(file);
      if ((mode & 0o077) !== 0 && uid === process.getuid?.()) chmodSync(file, 0o600);
    } catch {
      // no such file yet
    }
  }
}

/**
 * Opens (creating its folder if needed) a SQLite file with WAL, foreign keys and a busy timeout,
 * readable by its owner only. `:memory:` works too, for throwaway use.
 */
export function openDatabase(path: string, options: OpenDatabaseOptions = {}): Db {
  if (path !== ':memory:' && !options.readonly) keepPrivate(path);
  const db = new Database(path, {
    readonly: options.readonly ?? false,
    fileMustExist: options.readonly ?? false,
  });
  db.pragma(`busy_timeout = ${Math.trunc(options.busyTimeoutMs ?? 5000)}`);
  if (!options.readonly) db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  return db;
}
