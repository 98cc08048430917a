import {
  closeSync,
  fsyncSync,
  lstatSync,
  openSync,
  renameSync,
  type Stats,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { nodeCrypto, UserError } from '../../src/index.js';

const WHY: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the file system is read-only',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
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
 * Writes `body` to `path` for `--out`, as a careful tool does: never over the database or its
 * -wal/-shm (by path or by inode), never through a symlink, never over an existing file unless
 * `force`, and atomically (a private temporary file beside it, renamed into place), 0600.
 * `named` is how an error names the path (see checkOut).
 * @throws UserError saying which path and why, for every way it can go wrong.
 */
export function writeOut(
  path: string,
  body: string | Uint8Array,
  o: OutOptions,
  named = `--out ${path}`,
): string {
  const target = checkOut(path, o, named);
  const temp = join(
    dirname(target),
    `.${basename(target)}.${nodeCrypto().randomBytes(4).toString('hex')}.tmp`,
  );
  let fd: number | null = null;
  try {
    fd = openSync(temp, 'wx', 0o600);
    writeSync(fd, typeof body === 'string' ? Buffer.from(body) : body);
    fsyncSync(fd);
    closeSync(fd);
    fd = null;
    renameSync(temp, target);
  } catch (error) {
    if (fd !== null) closeSync(fd);
    try {
      unlinkSync(temp);
    } catch {}
    const code = String((error as NodeJS.ErrnoException).code);
    throw new UserError(`${named}: cannot write it: ${WHY[code] ?? code}`);
  }
  return target;
}

/** Where `--out` writes, and whether it may replace a file. */
export interface OutOptions {
  force: boolean;
  dbPath: string;
  cwd: string;
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
  const sameFile = (p: string) => {
    const s = statOrNull(p, true);
    return s !== null && existing !== null && s.ino === existing.ino && s.dev === existing.dev;
  };
  if (guarded.includes(target) || guarded.some(sameFile)) {
    throw new UserError(`${named}: that is Goalpost's database; name another file`);
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
