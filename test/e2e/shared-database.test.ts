import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/paths.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { useBuilt } from '../helpers/use-built.js';

const root = packageRoot();
const tempDir = useTempDir();

useBuilt();

const OWNER = 1001;
const READER = 65534;

/**
 * Two users are needed, and only root may run a process as another (CI runs as root); both must
 * be able to run node and read the package, which a checkout in root's home may not let them.
 */
const asTwoUsers =
  process.getuid?.() === 0 &&
  [OWNER, READER].every(
    (uid) =>
      spawnSync(
        process.execPath,
        [
          '-e',
          'for (const f of process.argv.slice(1)) require("node:fs").accessSync(f)',
          join(root, 'bin/goalpost.js'),
          join(root, 'node_modules/better-sqlite3/package.json'),
        ],
        { uid, gid: uid },
      ).status === 0,
  );

/** `goalpost --db <db> ...argv`, the real CLI, run as `uid`. */
function goalpostAs(uid: number, db: string, ...argv: string[]) {
  const r = spawnSync(process.execPath, [join(root, 'bin/goalpost.js'), '--db', db, ...argv], {
    cwd: root,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'silent' },
    uid,
    gid: uid,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The owner's demo database, with tasks, made readable by everyone, in a folder all may write. */
function readableDatabase(): string {
  const dir = tempDir();
  chmodSync(dir, 0o777);
  const db = join(dir, 'g.db');
  expect(goalpostAs(OWNER, db, 'init', '--demo').code).toBe(0);
  expect(goalpostAs(OWNER, db, 'generate').code).toBe(0);
  chmodSync(db, 0o644);
  return db;
}

describe.runIf(asTwoUsers)("another user's database, readable to a monitoring account", () => {
  it('reads it without leaving files its owner cannot use, and its owner goes on working', () => {
    const db = readableDatabase();
    const owners = goalpostAs(OWNER, db, 'tasks', '--status', 'all');
    expect(owners.code).toBe(0);
    // The owner's command narrowed it again: the admin who shares it widens it again.
    chmodSync(db, 0o644);

    const read = goalpostAs(READER, db, 'tasks', '--status', 'all');
    expect(read.code, read.stderr).toBe(0);
    expect(read.stdout).toBe(owners.stdout);
    const dir = join(db, '..');
    const othersFiles = readdirSync(dir).filter((f) => statSync(join(dir, f)).uid !== OWNER);
    expect(othersFiles).toEqual([]);

    const again = goalpostAs(OWNER, db, 'tasks', '--status', 'all');
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toBe(owners.stdout);
    const wrote = goalpostAs(OWNER, db, 'generate', '--max-tasks', '1');
    expect(wrote.code, wrote.stderr).toBe(0);
  });

  it('names a -shm file of another user that keeps the owner out', () => {
    const db = readableDatabase();
    for (const [suffix, size] of [
      ['-wal', 0],
      ['-shm', 32768],
    ] as const) {
      writeFileSync(`${db}${suffix}`, Buffer.alloc(size), { mode: 0o600 });
      chownSync(`${db}${suffix}`, READER, READER);
    }

    const r = goalpostAs(OWNER, db, 'tasks');
    expect(r.code).toBe(78);
    expect(r.stderr).toContain(`${db}-wal and ${db}-shm beside it belong to another user (uid ${READER})`);
    expect(existsSync(`${db}-shm`)).toBe(true);
  });
});
