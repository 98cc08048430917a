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
 * With neither, or with an empty -wal alone, the file holds every commit and a copy of it is read.
 * With a -shm alone, or a -wal holding commits, reading would make the other: refused.
 * @returns null when SQLite may open the file itself: this user's, one it may write (or not even
 *   read), or one whose -wal and -shm are both there
 * @throws DatabaseError E_DB_CANTOPEN for a -shm, or a -wal holding commits, alone; E_DB_BUSY when the owner wrote the
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
    if (shm || logsCommits(path)) throw alone(path, shm ? '-shm' : '-wal', before);
    const bytes = readFileSync(path);
    // A log made meanwhile (the owner opened it) may hold commits the copy has not: read again.
    if (unchanged(before, statSync(path)) && !logsCommits(path)) return fromBytes(bytes, nativeBinding);
  }
  throw new DatabaseError(
    'E_DB_BUSY',
    "the database is busy: its owner's Goalpost wrote it each time it was read; nothing was read, try again",
  );
}

/**
 * Whether a -wal beside `path` holds anything: an empty one (left by a crash, or made as its owner
 * opened the file) holds no commits, and the file alone reads the same as with it.
 */
function logsCommits(path: string): boolean {
  return (statSync(`${path}-wal`, { throwIfNoEntry: false })?.size ?? 0) > 0;
}

/** Whether this user reads `file` only as anyone else, by its world bits: not in its group. */
function readsAsWorld(file: Stats): boolean {
  return ![process.getgid?.(), ...(process.getgroups?.() ?? [])].includes(file.gid);
}

function alone(path: string, suffix: string, file: Stats): DatabaseError {
  const other = suffix === '-wal' ? '-shm' : '-wal';
  // Its owner's command takes the world bits off the file (see narrowModes): only a share
  // through its group lasts it.
  const share = readsAsWorld(file)
    ? `; first let its owner share it with this user through its group (gid ${file.gid}, chmod 640), as that command takes away the permission by which this user reads it now`
    : '';
  return new DatabaseError(
    'E_DB_CANTOPEN',
    `the database file cannot be opened: it belongs to another user (uid ${file.uid}) and this user may only read it, and ${path}${suffix} is there without its ${other}: reading it would make a ${other} file its owner could not write; let its owner run a goalpost command on it, which removes both as it closes${share}`,
  );
}
