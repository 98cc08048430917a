import {
  accessSync,
  closeSync,
  constants,
  copyFileSync,
  existsSync,
  lstatSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readSync,
  rmSync,
  type Stats,
  statSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

/** A copy of a database file in a private folder (mkdtemp makes it 0700), and its removal. */
interface Copy {
  file: string;
  remove: () => void;
}

/** The folder a copy is made in: `goalpost-read-<pid>-` and mkdtemp's six characters. */
const COPY_FOLDER = /^goalpost-read-([1-9][0-9]*)-[A-Za-z0-9]{6}$/;

/**
 * `path` copied into a new private folder under the system's temporary one: copyFileSync streams
 * it (or has the kernel copy it), so a reader's memory does not grow with the file, as reading the
 * whole file into memory did (and over 2 GiB failed). The folder names the reader's pid, so the
 * next reader can tell a copy left by one that was killed (see removeLeftCopies).
 * @throws DatabaseError E_DB_FULL when the temporary folder has no room for it
 */
function copyOf(path: string): Copy {
  removeLeftCopies();
  const dir = mkdtempSync(join(tmpdir(), `goalpost-read-${process.pid}-`));
  const copy = { file: join(dir, 'copy.db'), remove: () => rmSync(dir, { recursive: true, force: true }) };
  try {
    copyFileSync(path, copy.file);
  } catch (error) {
    copy.remove();
    throw cannotCopy(path, error);
  }
  return copy;
}

/**
 * Removes the copies this user's readers left when they were killed (SIGKILL, the OOM killer),
 * where no exit handler runs: each is as large as the database, and stayed in the temporary
 * folder for good, filling it. Only a folder named as copyOf names them, a real folder (not a
 * link) of this user's holding nothing but the copy, whose process is gone: a live reader's is
 * being read. Whatever cannot be removed stays; reading goes on.
 */
function removeLeftCopies(): void {
  const uid = process.getuid?.();
  let names: string[];
  try {
    names = readdirSync(tmpdir());
  } catch {
    return;
  }
  for (const name of names) {
    const pid = Number(COPY_FOLDER.exec(name)?.[1] ?? 0);
    if (pid === 0 || alive(pid)) continue;
    const dir = join(tmpdir(), name);
    try {
      const folder = lstatSync(dir);
      if (!folder.isDirectory() || folder.uid !== uid) continue;
      if (readdirSync(dir).every((f) => f === 'copy.db')) rmSync(dir, { recursive: true, force: true });
    } catch {
      // Removed by another reader meanwhile, or not ours to list: left as it is.
    }
  }
}

/** Whether process `pid` runs: one of another user's answers EPERM, and counts as running. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function cannotCopy(path: string, error: unknown): DatabaseError {
  const full = ['ENOSPC', 'EDQUOT'].includes(String((error as { code?: string }).code));
  return new DatabaseError(
    full ? 'E_DB_FULL' : 'E_DB_CANTOPEN',
    `the database file cannot be read: this user may only read it, and reads it from a copy in ${tmpdir()}, ${full ? `which has no room for its ${statSync(path).size} bytes; free space there, or set TMPDIR to a folder with room` : `which could not be made there: ${(error as Error).message}`}`,
    error,
  );
}

/**
 * The copy opened read-only, removed when it is closed or the process exits. Bytes 18 and 19 of
 * a WAL database's header are 2, and SQLite would make a -wal and -shm beside the copy; with no
 * log beside the file, the file holds every commit, and read as a rollback-journal database it
 * reads the same.
 */
function openCopy(copy: Copy, nativeBinding: string): Db {
  let db: Db;
  try {
    asRollbackJournal(copy.file);
    db = new Database(copy.file, { readonly: true, nativeBinding });
  } catch (error) {
    copy.remove();
    throw error;
  }
  process.once('exit', copy.remove);
  const close = db.close.bind(db);
  db.close = () => {
    try {
      return close();
    } finally {
      process.off('exit', copy.remove);
      copy.remove();
    }
  };
  return db;
}

function asRollbackJournal(file: string): void {
  const fd = openSync(file, 'r+');
  try {
    const versions = Buffer.alloc(2);
    if (readSync(fd, versions, 0, 2, 18) === 2 && versions[0] === 2 && versions[1] === 2)
      writeSync(fd, Buffer.from([1, 1]), 0, 2, 18);
  } finally {
    closeSync(fd);
  }
}

/**
 * Another user's database that this user may only read (a monitoring or backup account), opened
 * so that nothing is left beside it. SQLite makes a WAL database's -wal and -shm files to read it,
 * even on a read-only connection, and one that cannot write keeps them when it closes: they are
 * then this user's, and the database's owner can no longer write (or, narrowed, even open) it.
 * With both beside it (its owner has it open), SQLite reads through them and makes nothing: null.
 * With neither, or with an empty -wal alone, the file holds every commit and a copy of it is read
 * (see copyOf).
 * With a -shm alone, or a -wal holding commits, reading would make the other: refused.
 * @returns null when SQLite may open the file itself: this user's, one it may write (or not even
 *   read), or one whose -wal and -shm are both there
 * @throws DatabaseError E_DB_CANTOPEN for a -shm, or a -wal holding commits, alone; E_DB_FULL when
 *   the temporary folder has no room for the copy; E_DB_BUSY when the owner wrote the
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
    const copy = copyOf(path);
    // A log made meanwhile (the owner opened it) may hold commits the copy has not: read again.
    if (unchanged(before, statSync(path)) && !logsCommits(path)) return openCopy(copy, nativeBinding);
    copy.remove();
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
