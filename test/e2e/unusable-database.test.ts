import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/paths.js';
import { cliFor } from '../helpers/run-cli.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { useBuilt } from '../helpers/use-built.js';

const root = packageRoot();
const tempDir = useTempDir();

useBuilt();

/** What a person sees: the exit code, and stderr saying what is wrong and with which file. */
async function tasksOn(dbPath: string) {
  const r = await cliFor(dbPath)('tasks');
  return { code: r.code, stderr: r.stderr };
}

const noStack = (stderr: string) => expect(stderr).not.toMatch(/went wrong on our side|\n\s+at /);

describe('a database Goalpost cannot use is named, with what is wrong, and exits 78', () => {
  it('a file that is not a Goalpost database', async () => {
    const db = join(tempDir(), 'notes.db');
    writeFileSync(db, 'Meeting notes: ship the pricing page, then onboarding emails.\n'.repeat(20));
    const r = await tasksOn(db);
    expect(r.code).toBe(78);
    expect(r.stderr).toBe(
      `goalpost: the database file is damaged or not a Goalpost database; restore it from a backup (database ${db})\n`,
    );
  });

  it("another application's SQLite database, left as it was: not migrated, its journal and mode kept", async () => {
    const db = join(tempDir(), 'app.db');
    const other = new Database(db);
    other.exec("CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO users VALUES (1, 'bob')");
    other.close();
    chmodSync(db, 0o644);
    const before = readFileSync(db);
    for (const argv of [['tasks'], ['approve', 'T-1'], ['init']]) {
      const r = await cliFor(db)(...argv);
      expect(r.code, argv.join(' ')).toBe(78);
      expect(r.stderr).toBe(
        `goalpost: the file is not a Goalpost database: it holds another application's tables (users) and none of Goalpost's; nothing was done to it (check --db or GOALPOST_DB) (database ${db})\n`,
      );
    }
    expect(readFileSync(db).equals(before)).toBe(true);
    expect(statSync(db).mode & 0o777).toBe(0o644);
    expect(existsSync(`${db}-wal`)).toBe(false);
  });

  it('a path that is a folder, or runs through a file', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'goalpost.db'));
    const folder = await tasksOn(join(dir, 'goalpost.db'));
    expect(folder.code).toBe(78);
    expect(folder.stderr).toMatch(
      /the database file cannot be opened: it is a folder \(database .*goalpost\.db\)/,
    );
    noStack(folder.stderr);

    writeFileSync(join(dir, 'data'), '');
    const through = await tasksOn(join(dir, 'data', 'goalpost.db'));
    expect(through.code).toBe(78);
    expect(through.stderr).toMatch(
      /cannot be opened: part of its folder path is a file \(database .*data\/goalpost\.db\)/,
    );
    noStack(through.stderr);

    // Where a missing folder cannot be made, and its parent is there: Node's recursive mkdir
    // looped for ever on this one.
    const proc = await tasksOn('/proc/goalpost-nope/goalpost.db');
    expect(proc.code).toBe(78);
    expect(proc.stderr).toMatch(/cannot be opened: its folder cannot be made there \(database \/proc\//);
  });

  it('a device or a pipe, left as it was', async () => {
    const nullMode = statSync('/dev/null').mode;
    const device = await tasksOn('/dev/null');
    expect(device.code).toBe(78);
    expect(device.stderr).toBe(
      'goalpost: the database file cannot be opened: it is not a file but a device, a pipe or a socket (database /dev/null)\n',
    );
    expect(statSync('/dev/null').mode).toBe(nullMode);

    const fifo = join(tempDir(), 'goalpost.db');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    chmodSync(fifo, 0o644);
    const pipe = await tasksOn(fifo);
    expect(pipe.code).toBe(78);
    expect(pipe.stderr).toMatch(/cannot be opened: it is not a file but a device, a pipe or a socket/);
    expect(statSync(fifo).mode & 0o777).toBe(0o644);
  });

  it('the bot refuses to start on it the same way, naming the file', () => {
    const cwd = tempDir();
    mkdirSync(join(cwd, 'data'));
    writeFileSync(join(cwd, 'data', 'goalpost.db'), 'not sqlite at all, just some text '.repeat(10));
    const result = spawnSync(process.execPath, [join(root, 'dist/src/main.js')], {
      cwd,
      encoding: 'utf8',
      env: { PATH: process.env.PATH, LOG_LEVEL: 'silent', PORT: '0' },
      timeout: 20_000,
    });
    expect(result.status).toBe(78);
    expect(result.stderr).toMatch(/damaged or not a Goalpost database.*\(database .*data\/goalpost\.db\)/);
    noStack(result.stderr);
  });
});

describe('a failure of ours at start', () => {
  it('the bot says so with an error id, prints the details under it, and exits 70', async () => {
    const cwd = tempDir();
    const dbPath = join(cwd, 'data', 'goalpost.db');
    expect((await cliFor(dbPath)('init')).code).toBe(0);
    const db = new Database(dbPath);
    db.exec('DROP TABLE subscriptions');
    db.close();
    const result = spawnSync(process.execPath, [join(root, 'dist/src/main.js')], {
      cwd,
      encoding: 'utf8',
      env: { PATH: process.env.PATH, LOG_LEVEL: 'silent', PORT: '0' },
      timeout: 20_000,
    });
    expect(result.status).toBe(70);
    const id =
      /^goalpost: Something went wrong on our side \(error ([0-9a-f]{8})\); it has been logged\n/.exec(
        result.stderr,
      )?.[1];
    expect(id, result.stderr).toBeDefined();
    expect(result.stderr).toContain(`error ${id}: SqliteError: no such table: subscriptions\n    at `);
  });
});

/** A read-only file system needs a mount (root, as this machine and CI are); skipped elsewhere. */
const mountPoint = mkdtempSync(join(tmpdir(), 'goalpost-ro-'));
const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=4m', 'tmpfs', mountPoint]).status === 0;
if (!mounted) console.warn(`read-only file system test skipped: cannot mount a tmpfs at ${mountPoint}`);
afterAll(() => {
  if (mounted) spawnSync('umount', ['-l', mountPoint]);
  rmSync(mountPoint, { recursive: true, force: true });
});

describe.skipIf(!mounted)('a database on a read-only file system', () => {
  it('says so, names the file, and exits 78 for reads and writes alike', async () => {
    const db = join(mountPoint, 'goalpost.db');
    const cli = cliFor(db);
    expect((await cli('init', '--demo')).code).toBe(0);
    expect(spawnSync('mount', ['-o', 'remount,ro', mountPoint]).status).toBe(0);
    try {
      for (const argv of [['tasks'], ['note', 'Teachers ask for annual billing']]) {
        const r = await cli(...argv);
        expect(r.code, argv.join(' ')).toBe(78);
        expect(r.stderr).toBe(
          `goalpost: the database file cannot be opened: it is on a read-only file system (database ${db})\n`,
        );
      }
    } finally {
      spawnSync('mount', ['-o', 'remount,rw', mountPoint]);
    }
  });
});
