import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { packageRoot } from '../../src/paths.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { useBuilt } from '../helpers/use-built.js';

const root = packageRoot();
const tempDir = useTempDir();

useBuilt();

/** A group the owner shares the database through, and its two members (no other groups). */
const GROUP = 3000;
const OWNER = { uid: 1001, gid: GROUP };
const READER = { uid: 65534, gid: GROUP };
/** The same account as READER, outside the database's group. */
const OUTSIDER = { uid: 65534, gid: 65534 };

type User = { uid: number; gid: number };

/**
 * Two users are needed, and only root may run a process as another (CI runs as root); both must
 * be able to run node and read the package, which a checkout in root's home may not let them.
 */
const asTwoUsers =
  process.getuid?.() === 0 &&
  [OWNER, READER, OUTSIDER].every(
    ({ uid, gid }) =>
      spawnSync(
        process.execPath,
        [
          '-e',
          'for (const f of process.argv.slice(1)) require("node:fs").accessSync(f)',
          join(root, 'bin/goalpost.js'),
          join(root, 'node_modules/better-sqlite3/package.json'),
        ],
        { uid, gid },
      ).status === 0,
  );

/** `goalpost --db <db> ...argv`, the real CLI, run as `user` (with `env` added). */
function goalpostAs(user: User, db: string, argv: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [join(root, 'bin/goalpost.js'), '--db', db, ...argv], {
    cwd: root,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'silent', ...env },
    uid: user.uid,
    gid: user.gid,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The owner's demo database, with tasks, shared with its group as `mode`, in a folder all may write. */
function sharedDatabase(mode = 0o640): string {
  const dir = tempDir();
  chmodSync(dir, 0o777);
  const db = join(dir, 'g.db');
  expect(goalpostAs(OWNER, db, ['init', '--demo']).code).toBe(0);
  expect(goalpostAs(OWNER, db, ['generate']).code).toBe(0);
  chmodSync(db, mode);
  return db;
}

/** Stalled readers still running: killed after each test, whatever it found. */
const stalled = new Set<ChildProcess>();
afterEach(() => {
  for (const child of stalled) child.kill('SIGKILL');
  stalled.clear();
});

/**
 * The reader's `tasks --status all` with its copy made in `tmp`, stalled at its first line out
 * (a preload holds stdout's write) so it is still reading when the test kills it; resolves once
 * it has stalled.
 */
async function stalledReader(db: string, tmp: string): Promise<ChildProcess> {
  const dir = tempDir();
  chmodSync(dir, 0o777);
  const stall = join(dir, 'stall.cjs');
  const stalledFile = join(dir, 'stalled');
  writeFileSync(
    stall,
    "process.stdout.write = () => { require('node:fs').writeFileSync(process.env.STALLED, ''); Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0); return true; };",
    { mode: 0o644 },
  );
  const child = spawn(
    process.execPath,
    [join(root, 'bin/goalpost.js'), '--db', db, 'tasks', '--status', 'all'],
    {
      cwd: root,
      env: {
        PATH: process.env.PATH ?? '',
        LOG_LEVEL: 'silent',
        TMPDIR: tmp,
        NODE_OPTIONS: `--require ${stall}`,
        STALLED: stalledFile,
      },
      uid: READER.uid,
      gid: READER.gid,
      stdio: 'ignore',
    },
  );
  await vi.waitFor(
    () => {
      if (child.exitCode !== null) throw new Error(`the reader ended (${child.exitCode}) before it stalled`);
      expect(existsSync(stalledFile)).toBe(true);
    },
    { timeout: 20_000, interval: 50 },
  );
  return child;
}

/** Kills `child` with SIGKILL, as the OOM killer or `kill -9` would, and waits until it is gone. */
async function killed(child: ChildProcess): Promise<void> {
  const gone = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await gone;
}

describe.runIf(asTwoUsers)("another user's database, readable to a monitoring account", () => {
  it('reads it without leaving files its owner cannot use, and its owner goes on working', () => {
    const db = sharedDatabase();
    const owners = goalpostAs(OWNER, db, ['tasks', '--status', 'all']);
    expect(owners.code).toBe(0);

    const read = goalpostAs(READER, db, ['tasks', '--status', 'all']);
    expect(read.code, read.stderr).toBe(0);
    expect(read.stdout).toBe(owners.stdout);
    const dir = join(db, '..');
    const othersFiles = readdirSync(dir).filter((f) => statSync(join(dir, f)).uid !== OWNER.uid);
    expect(othersFiles).toEqual([]);

    const again = goalpostAs(OWNER, db, ['tasks', '--status', 'all']);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toBe(owners.stdout);
    const wrote = goalpostAs(OWNER, db, ['generate', '--max-tasks', '1']);
    expect(wrote.code, wrote.stderr).toBe(0);
  });

  it("keeps the group's share through its owner's commands, and takes only the world's away", () => {
    const db = sharedDatabase(0o666);
    const owners = goalpostAs(OWNER, db, ['tasks']);
    expect(owners.code, owners.stderr).toBe(0);
    expect(statSync(db).mode & 0o777).toBe(0o660);

    const cowriter = goalpostAs(READER, db, ['project', 'add', 'Shared work']);
    expect(cowriter.code, cowriter.stderr).toBe(0);
    const listed = goalpostAs(OWNER, db, ['project', 'list']);
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stdout).toContain('Shared work');
    const again = goalpostAs(READER, db, ['project', 'add', 'More shared work']);
    expect(again.code, again.stderr).toBe(0);
  });

  it('tells a user outside its group that it may not read the database', () => {
    const db = sharedDatabase();
    const r = goalpostAs(OUTSIDER, db, ['tasks']);
    expect(r.code).toBe(78);
    expect(r.stderr).toContain(`this user may not read ${db}`);
    expect(r.stderr).toContain(`share it through its group: add this user to group ${GROUP}`);
  });

  it('reads it beside an empty -wal left alone, as beside none', () => {
    const db = sharedDatabase();
    const owners = goalpostAs(OWNER, db, ['tasks', '--status', 'all']);
    writeFileSync(`${db}-wal`, '', { mode: 0o640 });
    chownSync(`${db}-wal`, OWNER.uid, OWNER.gid);

    const read = goalpostAs(READER, db, ['tasks', '--status', 'all']);
    expect(read.code, read.stderr).toBe(0);
    expect(read.stdout).toBe(owners.stdout);
    expect(readdirSync(join(db, '..')).sort()).toEqual(['g.db', 'g.db-wal']);
  });

  it('names a -shm left alone, and its advice lets the reader in', () => {
    const db = sharedDatabase();
    const owners = goalpostAs(OWNER, db, ['tasks', '--status', 'all']);
    writeFileSync(`${db}-shm`, Buffer.alloc(32768), { mode: 0o640 });
    chownSync(`${db}-shm`, OWNER.uid, OWNER.gid);

    const refused = goalpostAs(READER, db, ['tasks', '--status', 'all']);
    expect(refused.code).toBe(78);
    expect(refused.stderr).toContain(
      `${db}-shm is there without its -wal: reading it would make a -wal file its owner could not write; let its owner run a goalpost command on it, which removes both as it closes`,
    );
    expect(goalpostAs(OWNER, db, ['tasks']).code).toBe(0);
    const read = goalpostAs(READER, db, ['tasks', '--status', 'all']);
    expect(read.code, read.stderr).toBe(0);
    expect(read.stdout).toBe(owners.stdout);
  });

  it('reads a large one from a copy it removes, without holding the file in memory', () => {
    const db = sharedDatabase();
    const owners = goalpostAs(OWNER, db, ['tasks', '--status', 'all']);
    // Ballast the commands never read: the reader's memory must not grow with it.
    const grow = new Database(db);
    grow.exec('CREATE TABLE zz_ballast (b BLOB)');
    const put = grow.prepare('INSERT INTO zz_ballast VALUES (randomblob(?))');
    grow.transaction(() => {
      for (let i = 0; i < 200; i++) put.run(1 << 20);
    })();
    grow.close();
    chmodSync(db, 0o640);
    const size = statSync(db).size;
    // The reader's own temporary folder, and a probe of its peak memory (maxRSS, KiB) at exit.
    const tmp = tempDir();
    chmodSync(tmp, 0o777);
    const probe = join(tempDir(), 'rss.cjs');
    chmodSync(join(probe, '..'), 0o777);
    writeFileSync(
      probe,
      "process.on('exit', () => require('node:fs').writeFileSync(process.env.RSS_OUT, String(process.resourceUsage().maxRSS)));",
      { mode: 0o644 },
    );
    const rssOut = join(probe, '..', 'rss');

    const read = goalpostAs(READER, db, ['tasks', '--status', 'all'], {
      TMPDIR: tmp,
      NODE_OPTIONS: `--require ${probe}`,
      RSS_OUT: rssOut,
    });
    expect(read.code, read.stderr).toBe(0);
    expect(read.stdout).toBe(owners.stdout);
    expect(Number(readFileSync(rssOut, 'utf8')) * 1024).toBeLessThan(size);
    expect(readdirSync(tmp)).toEqual([]);
  });

  it("removes a copy left by a reader killed mid-read, never a live reader's nor another's", async () => {
    const db = sharedDatabase();
    const owners = goalpostAs(OWNER, db, ['tasks', '--status', 'all']);
    const tmp = tempDir();
    chmodSync(tmp, 0o777);
    const dead = await stalledReader(db, tmp);
    const deadsCopy = readdirSync(tmp);
    expect(deadsCopy).toEqual([expect.stringMatching(/^goalpost-read-/)]);
    await killed(dead);
    // No exit handler runs on SIGKILL: the copy is still there.
    expect(readdirSync(tmp)).toEqual(deadsCopy);
    const live = await stalledReader(db, tmp);
    const livesCopy = readdirSync(tmp).filter((f) => !deadsCopy.includes(f));
    expect(livesCopy).toHaveLength(1);
    // Named as ours, but another user's, or holding something we never put there: not ours to remove.
    const others = `goalpost-read-${dead.pid}-OWNERS`;
    mkdirSync(join(tmp, others), { mode: 0o700 });
    chownSync(join(tmp, others), OWNER.uid, OWNER.gid);
    const notOnlyCopy = `goalpost-read-${dead.pid}-notes1`;
    mkdirSync(join(tmp, notOnlyCopy), { mode: 0o700 });
    writeFileSync(join(tmp, notOnlyCopy, 'notes.txt'), 'mine');
    chownSync(join(tmp, notOnlyCopy), READER.uid, READER.gid);

    const read = goalpostAs(READER, db, ['tasks', '--status', 'all'], { TMPDIR: tmp });
    expect(read.code, read.stderr).toBe(0);
    expect(read.stdout).toBe(owners.stdout);
    expect(readdirSync(tmp).sort()).toEqual([...livesCopy, others, notOnlyCopy].sort());
    await killed(live);
  });

  it('names a -shm file of another user that keeps the owner out', () => {
    const db = sharedDatabase();
    for (const [suffix, size] of [
      ['-wal', 0],
      ['-shm', 32768],
    ] as const) {
      writeFileSync(`${db}${suffix}`, Buffer.alloc(size), { mode: 0o600 });
      chownSync(`${db}${suffix}`, READER.uid, READER.gid);
    }

    const r = goalpostAs(OWNER, db, ['tasks']);
    expect(r.code).toBe(78);
    expect(r.stderr).toContain(
      `${db}-wal and ${db}-shm beside it belong to another user (uid ${READER.uid})`,
    );
    expect(existsSync(`${db}-shm`)).toBe(true);
  });
});
