import { accessSync, constants, existsSync, readFileSync, type Stats, statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { DatabaseError } from '../errors.js';

type Db = Database.Database;

/** How often the file is read again when its owner wrote it meanwhile. */
const TRIES = 3;

/** Whether this user may `mode` (constants.R_OK, W_OK) `path`; root may read and write any file. */
function may(path: string, mode: number): boolean {
  try {
    accessSync(path, mode);
    return true;
  } catch {
    return false;
  }
}

const unchanged = (a: Stats, b: Stats): boolean =>
  a.ino === b.ino && a.size === b.size && a.mtimeMs === b.mtimeMs && a.ctimeMs === b.ctimeMs;

/**
 * The file's bytes as a database in memory, read-only. Bytes 18 and 19 of a WAL database's header
 * are 2, which an in-memory database cannot open; with no log beside the file, the file holds
 * every commit, and read as a rollback-journal database it reads the same.
 */
function fromBytes(bytes: Buffer, nativeBinding: string): Db {
  if (bytes.length > 19 && bytes[18] === 2 && bytes[19] === 2) bytes.fill(1, 18, 20);
  return new Database(bytes, { readonly: true, nativeBinding });
}

/**
 * Another user's database that this user may only read (a monitoring or backup account), opened
 * so that nothing is left beside it. SQLite makes a WAL database's -wal and -shm files to read it,
 * even on a read-only connection, and one that cannot write keeps them when it closes: they are
 * then this user's, and the database's owner can no longer write (or, narrowed, even open) it.
 * With both beside it (its owner has it open), SQLite reads through them and makes nothing: null.
 * With neither, the file holds every commit and a copy of it is read. With one alone, reading
 * would make the other: refused.
 * @returns null when SQLite may open the file itself: this user's, one it may write (or not even
 *   read), or one whose -wal and -shm are both there
 * @throws DatabaseError E_DB_CANTOPEN for a -wal or -shm alone; E_DB_BUSY when the owner wrote the
 *   file during each read of it
 */
export function othersCopy(path: string, nativeBinding: string): Db | null {
  for (let i = 0; i < TRIES; i++) {
    const before = statSync(path);
    // One it may not even read is SQLite's to refuse, as any file this user may not read.
    if (before.uid === process.getuid?.() || may(path, constants.W_OK) || !may(path, constants.R_OK))
      return null;
    const wal = existsSync(`${path}-wal`);
    const shm = existsSync(`${path}-shm`);
    if (wal && shm) return null;
    if (wal || shm) throw alone(path, wal ? '-wal' : '-shm', before.uid);
    const bytes = readFileSync(path);
    // A log made meanwhile (the owner opened it) may hold commits the copy has not: read again.
    if (unchanged(before, statSync(path)) && !existsSync(`${path}-wal`))
      return fromBytes(bytes, nativeBinding);
  }
  throw new DatabaseError(
    'E_DB_BUSY',
    "the database is busy: its owner's Goalpost wrote it each time it was read; nothing was read, try again",
  );
}

function alone(path: string, suffix: string, owner: number): DatabaseError {
  const other = suffix === '-wal' ? '-shm' : '-wal';
  return new DatabaseError(
    'E_DB_CANTOPEN',
    `the database file cannot be opened: it belongs to another user (uid ${owner}) and this user may only read it, and ${path}${suffix} is there without its ${other}: reading it would make a ${other} file its owner could not write; let its owner run a goalpost command on it first`,
  );
}
