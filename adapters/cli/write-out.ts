import {
  closeSync,
  fsyncSync,
  lstatSync,
  openSync,
  readFileSync,
  readSync,
  renameSync,
  type Stats,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { GoalpostError, nodeCrypto, UserError } from '../../src/index.js';

const WHY: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the file system is read-only',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  EFBIG: 'it would be larger than this process may write (a file-size limit such as ulimit -f)',
  ENOENT: 'its folder does not exist',
  ENOTDIR: 'a part of the path is not a folder',
  EISDIR: 'it is a folder',
  ENAMETOOLONG: 'the name is too long',
};

const statOrNull = (path: string, follow: boolean): Stats | null => {
  try {
    return follow ? statSync(path) : lstatSync(path);
  } catch {
    return null;
  }
};

/**
 * Whether `path` (against `o.cwd`) is a regular file holding exactly `bytes`: what writing it would
 * leave, so it need not be written, nor refused as a file that exists.
 */
export function holdsAlready(path: string, o: Pick<OutOptions, 'cwd'>, bytes: Uint8Array): boolean {
  const target = resolve(o.cwd, path);
  const s = statOrNull(target, false);
  if (s === null || !s.isFile() || s.size !== bytes.byteLength) return false;
  try {
    return Buffer.from(bytes).equals(readFileSync(target));
  } catch {
    return false;
  }
}

/** A file written in full under a temporary name beside where it goes, not in place yet. */
export interface StagedOut {
  target: string;
  temp: string;
  /** How an error names it (see checkOut). */
  named: string;
  /** Whether a file was there before (replaced with --force): one this run made can be taken back. */
  replaces: boolean;
}

/** The error for a file `--out` could not write: a full disk is its own exit code (74), as for the database. */
function cannotWrite(named: string, error: unknown): GoalpostError {
  const code = String((error as NodeJS.ErrnoException).code);
  if (code === 'ENOSPC' || code === 'EDQUOT' || code === 'EFBIG') {
    // E_DB_FULL is what a full disk is everywhere (exit 74, HTTP 507), whichever file met it.
    const next = code === 'EFBIG' ? 'raise the limit and try again' : 'free some space and try again';
    return new GoalpostError(
      'E_DB_FULL',
      `${named}: cannot write it: ${WHY[code]}; nothing was written, ${next}`,
    );
  }
  return new UserError(`${named}: cannot write it: ${WHY[code] ?? code}`);
}

/**
 * Writes all of `bytes`: one write(2) may write only part of them (past a file-size limit such as
 * ulimit -f, or a quota, it writes up to it and says how much), and the rest is written or refused
 * by the next, which then says why (EFBIG, EDQUOT, ENOSPC).
 */
function writeWhole(fd: number, bytes: Uint8Array): void {
  for (let at = 0; at < bytes.length; ) {
    const wrote = writeSync(fd, bytes, at, bytes.length - at);
    if (wrote <= 0) throw Object.assign(new Error('nothing more could be written'), { code: 'EIO' });
    at += wrote;
  }
}

const removeQuietly = (path: string): void => {
  try {
    unlinkSync(path);
  } catch {}
};

/**
 * Writes `body` for `--out` as a careful tool does (see checkOut): to a private temporary file
 * beside `path` (0600, synced), which placeOut renames into place, or discardOut removes.
 * @throws UserError saying which path and why; a GoalpostError E_DB_FULL when the disk is full.
 * Nothing of it is left behind either way.
 */
export function stageOut(
  path: string,
  body: string | Uint8Array,
  o: OutOptions,
  named = `--out ${path}`,
): StagedOut {
  const target = checkOut(path, o, named);
  const replaces = statOrNull(target, false) !== null;
  const temp = join(
    dirname(target),
    `.${basename(target)}.${nodeCrypto().randomBytes(4).toString('hex')}.tmp`,
  );
  let fd: number | null = null;
  try {
    fd = openSync(temp, 'wx', 0o600);
    writeWhole(fd, typeof body === 'string' ? Buffer.from(body) : body);
    fsyncSync(fd);
    closeSync(fd);
    fd = null;
  } catch (error) {
    if (fd !== null) closeSync(fd);
    removeQuietly(temp);
    throw cannotWrite(named, error);
  }
  return { target, temp, named, replaces };
}

/** Removes staged files that will not be placed. */
export function discardOut(staged: readonly StagedOut[]): void {
  for (const s of staged) removeQuietly(s.temp);
}

/**
 * Renames staged files into place, all of them or, as far as it can, none: when one cannot be
 * placed, the files this run already placed that were not there before are removed, and the rest
 * discarded (a file --force already replaced cannot be given back).
 * @throws as stageOut.
 */
export function placeOut(staged: readonly StagedOut[]): string[] {
  const placed: StagedOut[] = [];
  for (const s of staged) {
    try {
      renameSync(s.temp, s.target);
    } catch (error) {
      for (const p of placed) if (!p.replaces) removeQuietly(p.target);
      discardOut(staged);
      throw cannotWrite(s.named, error);
    }
    placed.push(s);
  }
  return staged.map((s) => s.target);
}

/**
 * Writes `body` to `path` for `--out`: checked (see checkOut), staged (see stageOut) and renamed
 * into place, so a failed write leaves nothing.
 * @throws UserError saying which path and why; a GoalpostError E_DB_FULL when the disk is full.
 */
export function writeOut(
  path: string,
  body: string | Uint8Array,
  o: OutOptions,
  named = `--out ${path}`,
): string {
  return placeOut([stageOut(path, body, o, named)])[0] ?? '';
}

/** Where `--out` writes, and whether it may replace a file. */
export interface OutOptions {
  force: boolean;
  dbPath: string;
  cwd: string;
}

/** The first bytes of a SQLite database, and of its write-ahead log (either byte order). */
const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');
const WAL_MAGIC = [0x377f0682, 0x377f0683];

/** The first `n` bytes of a regular file at `path` (fewer when it is shorter; none when unreadable). */
function headOf(path: string, n: number): Buffer {
  let fd: number | null = null;
  try {
    fd = openSync(path, 'r');
    const head = Buffer.alloc(n);
    return head.subarray(0, readSync(fd, head, 0, n, 0));
  } catch {
    return Buffer.alloc(0);
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

/**
 * Whether `path` is a SQLite database, its write-ahead log, or the log, shared memory or journal
 * beside one (`x.db-wal`, `x.db-shm`, `x.db-journal` of a database `x.db`).
 */
function isDatabaseFile(path: string): boolean {
  const head = headOf(path, SQLITE_HEADER.length);
  if (head.equals(SQLITE_HEADER)) return true;
  if (head.length >= 4 && WAL_MAGIC.includes(head.readUInt32BE(0))) return true;
  const beside = /-(wal|shm|journal)$/.exec(path);
  return beside !== null && headOf(path.slice(0, beside.index), SQLITE_HEADER.length).equals(SQLITE_HEADER);
}

/**
 * The absolute path `writeOut` would write, once it is allowed (see writeOut): for a command that
 * writes several files, to refuse before writing any of them. `named` is how an error names the
 * path (a file the command names after `--out`, which the person never typed, says so).
 * @throws UserError saying which path and why.
 */
export function checkOut(path: string, o: OutOptions, named = `--out ${path}`): string {
  const target = resolve(o.cwd, path);
  const guarded = [o.dbPath, `${o.dbPath}-wal`, `${o.dbPath}-shm`, `${o.dbPath}-journal`].map((p) =>
    resolve(p),
  );
  const existing = statOrNull(target, false);
  if (existing?.isSymbolicLink()) throw new UserError(`${named}: is a symbolic link; name a regular file`);
  if (existing?.isDirectory()) throw new UserError(`${named}: is a folder; name a file in it`);
  // Renamed over, a device, a pipe or a socket becomes a plain file: a review's export --out
  // /dev/null --force left /dev/null a file only root could read or write.
  if (existing !== null && !existing.isFile())
    throw new UserError(
      `${named}: is not a regular file (a device, a pipe or a socket); name a regular file`,
    );
  const sameFile = (p: string) => {
    const s = statOrNull(p, true);
    return s !== null && existing !== null && s.ino === existing.ino && s.dev === existing.dev;
  };
  if (guarded.includes(target) || guarded.some(sameFile)) {
    throw new UserError(`${named}: that is Goalpost's database; name another file`);
  }
  // Another database, or its log beside it: a team's bot may have it open (a review replaced a
  // running bot's database, its latest writes still in its -wal, with a report).
  if (existing !== null && isDatabaseFile(target)) {
    throw new UserError(`${named}: that is a SQLite database or part of one; name another file`);
  }
  if (existing && !o.force) throw new UserError(`${named}: the file exists; add --force to replace it`);
  // Checked here, before any file is written: the first file written may be another than `path`
  // (a report's charts, beside it), which the error would otherwise name.
  let folder: Stats;
  try {
    folder = statSync(dirname(target));
  } catch (error) {
    // Missing, a part of it no folder, or not this user's to look into: said as each is.
    const code = String((error as NodeJS.ErrnoException).code);
    throw new UserError(`${named}: cannot write it: ${WHY[code] ?? code}`);
  }
  if (!folder.isDirectory()) throw new UserError(`${named}: cannot write it: ${WHY.ENOTDIR}`);
  return target;
}
