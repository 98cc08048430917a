import { type Db, diskFull, openDatabase } from './open-database.js';

/** `yes`, or why a write would fail now: another process holds the lock, the file or disk refuses. */
export interface DatabaseHealth {
  writable: 'yes' | 'busy' | 'read-only' | 'full';
}

/** The health check of one connection: `check` is polled (by /healthz), so it stays cheap. */
export interface HealthCheck {
  /**
   * Whether a write would land now: see Store.health.
   * @throws SqliteError when the file does not answer a read (damaged, gone).
   */
  check(): DatabaseHealth;
  /** Closes the check's own connection, if it opened one. */
  close(): void;
}

/** The SQLite result code an error carries (`SQLITE_BUSY`…), or "undefined" when it has none. */
export const sqliteCode = (error: unknown): string => String((error as { code?: unknown }).code);

/** Runs `fn` with the connection's busy timeout at 0: a lock another process holds fails at once. */
export function withoutWaiting<T>(db: Db, fn: () => T): T {
  const wait = db.pragma('busy_timeout', { simple: true }) as number;
  db.pragma('busy_timeout = 0');
  try {
    return fn();
  } finally {
    db.pragma(`busy_timeout = ${wait}`);
  }
}

/** How long the check's reader waits on the write-ahead log's index (a reader waits for no writer). */
const READER_BUSY_TIMEOUT_MS = 100;

/**
 * The health check of `db`; `stillAtPath` throws when its path no longer names the file it has
 * open (see fileStillAtPath), which the check's reader, opened once, would go on reading.
 */
export function createHealthCheck(db: Db, stillAtPath: () => void = () => {}): HealthCheck {
  // Pages `db` read before the file was damaged stay in its cache and answer from there (SQLite
  // trusts no one writes the file behind its back), as `SELECT 1` reads no page at all: the reads
  // go through a read-only connection of the check's own, which keeps no page between checks.
  let reader: Db | null = null;
  const fromFile = (): Db => {
    if (db.memory) return db;
    reader ??= openDatabase(db.name, { readonly: true, busyTimeoutMs: READER_BUSY_TIMEOUT_MS });
    return reader;
  };

  /** Reads the header page and every page of the schema from the file (some 20 µs for 160 tables). */
  function readSchema(): void {
    const from = fromFile();
    try {
      from.prepare('SELECT count(*) FROM sqlite_schema').pluck().get();
    } finally {
      if (from !== db) from.pragma('shrink_memory');
    }
  }

  /**
   * Whether this connection can write now, by a write that is rolled back: the header's
   * user_version set to what it is. Taking the write lock alone (BEGIN IMMEDIATE) succeeds on a
   * file SQLite opened read-only in WAL mode; changing a page is what it refuses. The page changes
   * in memory only, and the rollback drops it: nothing reaches the file.
   */
  function refusesWrite(): DatabaseHealth['writable'] | null {
    return withoutWaiting(db, () => {
      try {
        db.exec('BEGIN IMMEDIATE');
        const version = Math.trunc(db.pragma('user_version', { simple: true }) as number);
        db.exec(`PRAGMA user_version = ${version}`);
        return null;
      } catch (error) {
        const code = sqliteCode(error);
        if (code.startsWith('SQLITE_BUSY')) return 'busy';
        if (code.startsWith('SQLITE_READONLY')) return 'read-only';
        throw error;
      } finally {
        if (db.inTransaction) db.exec('ROLLBACK');
      }
    });
  }

  return {
    check(): DatabaseHealth {
      // A closed connection answers nothing; its file is not read either (nor left open by a reader).
      if (!db.open) throw new TypeError('The database connection is not open');
      stillAtPath();
      readSchema();
      const refused = refusesWrite();
      if (refused) return { writable: refused };
      if (!db.memory && diskFull(db.name)) return { writable: 'full' };
      return { writable: 'yes' };
    },
    close(): void {
      reader?.close();
      reader = null;
    },
  };
}
