import { chmodSync, existsSync, mkdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { fixedClock, type Logger, openGoalpost, silentLogger } from '../../src/index.js';
import {
  dataVersion,
  emptyFileAt,
  missingBefore,
  openingsOnly,
  removeNewDatabase,
} from '../../src/store/new-database.js';
import { cliFor } from '../helpers/run-cli.js';
import { useTempDir } from '../helpers/temp-dir.js';

const tempDir = useTempDir();
const NOW = '2026-11-21T09:00:00Z';
const ADMIN = { workspaceId: 'default', actor: 'cli:test', source: 'cli', role: 'admin' } as const;

/** Goalpost on the file at `path`, at NOW. */
const openAt = (path: string, logger: Logger = silentLogger) =>
  openGoalpost({ dbPath: path, clock: fixedClock(NOW), logger });

const files = (path: string) =>
  [path, `${path}-wal`, `${path}-shm`, `${path}-journal`].filter((f) => existsSync(f));

describe('a command refused on a database path that held none', () => {
  it('leaves no database, nor the folders it would have made, and says so', async () => {
    const folder = join(tempDir(), 'typo');
    const path = join(folder, 'deep', 'goalpost.db');
    const cli = cliFor(path);

    // Nothing found where there was no database: the path is the likelier mistake, said first.
    const unknown = await cli('approve', 'T-1');
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr.split('\n').slice(0, 2)).toEqual([
      `goalpost: there was no database at ${path}; none was created (check --db or GOALPOST_DB)`,
      'goalpost: unknown task T-1; `goalpost tasks` lists them',
    ]);
    expect(existsSync(folder)).toBe(false);
    // A script reading --json sees it too.
    const scripted = await cli('approve', 'T-1', '--json');
    expect(scripted.json<{ error: { code: string; database: string } }>().error).toMatchObject({
      code: 'E_NOT_FOUND',
      database: path,
      hint: `there was no database at ${path}; none was created (check --db or GOALPOST_DB)`,
    });
    expect(scripted.stderr.match(/there was no database/g)).toHaveLength(1);
    expect(existsSync(folder)).toBe(false);

    const bad = await cli('generate', '--max-tasks', 'abc', '--json');
    expect(bad.code).not.toBe(0);
    // Named as the option typed in the message; the field keeps the API's name.
    expect(bad.json<{ error: { field: string; message: string } }>().error).toMatchObject({
      field: 'maxTasks',
      message: expect.stringMatching(/^--max-tasks: /),
    });
    expect(existsSync(folder)).toBe(false);
  });

  it('refuses a read where there is no database, rather than answer about an empty one it made', async () => {
    const folder = join(tempDir(), 'data');
    const path = join(folder, 'goalpost.dbb');
    const cli = cliFor(path);
    for (const argv of [['tasks'], ['queue', '--json'], ['schedule', 'run-due']]) {
      const read = await cli(...argv);
      expect(read.code, argv.join(' ')).toBe(1);
      expect(read.stdout).not.toMatch(/No tasks match|\[\]|Nothing scheduled/);
      expect(read.stderr).toContain(`there was no database at ${path}; none was created`);
      expect(existsSync(folder)).toBe(false);
    }
    expect((await cli('tasks')).stderr).toMatch(
      /^goalpost: there was no database at .*\ngoalpost: nothing to read: `goalpost init` makes a database there \(or `init --demo`, with the example\)\n/,
    );
  });

  it('keeps a new database a command wrote to, even only a playbook, and one made for no team data', async () => {
    const dir = tempDir();
    const playbook = cliFor(join(dir, 'a.db'));
    const added = await playbook(
      ...['playbook', 'add', 'growth.nudge', '--signal', 'stale_project', '--title', 'Review {project}'],
      ...['--category', 'research', '--effort', '1', '--impact', '0.1'],
    );
    expect(added.code).toBe(0);
    expect((await playbook('playbook', 'list')).stdout).toContain('growth.nudge');
    // simulate makes up its outcomes: no team data, so no database to require.
    const simulate = await cliFor(join(dir, 'b.db'))('simulate', '--tasks', '50');
    expect(simulate.code).toBe(0);
  });

  it('refuses an export to a file where there is no database, before writing the file', async () => {
    const dir = tempDir();
    const out = join(dir, 'report.json');
    const r = await cliFor(join(dir, 'data', 'goalpost.db'))('export', '--out', out);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^goalpost: there was no database at .*\ngoalpost: nothing to read: /);
    expect(existsSync(out)).toBe(false);
    expect(existsSync(join(dir, 'data'))).toBe(false);
  });

  it('keeps the database a command that succeeded created, and a refused command does not remove it', async () => {
    const path = join(tempDir(), 'goalpost.db');
    const cli = cliFor(path);
    // `init` makes the database, as the first `npm start` does; a read then answers.
    expect((await cli('init')).code).toBe(0);
    expect(existsSync(path)).toBe(true);
    expect((await cli('tasks')).stdout).toBe(
      'No open tasks.\n(open tasks only: `--status all` lists every status)\n',
    );

    const refused = await cli('approve', 'T-1');
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).not.toMatch(/none was created/);
    expect(existsSync(path)).toBe(true);
  });

  it('keeps a new database that holds what the failed command saved before it failed', () => {
    const path = join(tempDir(), 'goalpost.db');
    const opened = openAt(path);
    opened.app.vision.update(opened.app.context(ADMIN), { statement: 'Reach 100 paying schools' });

    expect(opened.closeDiscardingNew()).toBe(false);
    const db = new Database(path, { readonly: true });
    expect(db.prepare('SELECT statement FROM visions').pluck().get()).toBe('Reach 100 paying schools');
    db.close();
  });

  it('keeps a new database another connection has open', () => {
    const path = join(tempDir(), 'goalpost.db');
    const opened = openAt(path);
    opened.app.context(ADMIN);
    const other = new Database(path);
    other.prepare('SELECT count(*) FROM workspaces').get();

    expect(opened.closeDiscardingNew()).toBe(false);
    expect(existsSync(path)).toBe(true);
    other.close();
  });

  it('keeps a new database another connection wrote to, even only what opening writes', () => {
    const path = join(tempDir(), 'goalpost.db');
    const opened = openAt(path);
    opened.app.context(ADMIN);
    // Another process's first start on the same new path: it made its workspace, then closed.
    const other = new Database(path);
    other.prepare("INSERT INTO workspaces (id, created_at) VALUES ('team', ?)").run(NOW);
    other.close();

    expect(opened.closeDiscardingNew()).toBe(false);
    expect(existsSync(path)).toBe(true);
  });

  it('removes a new database that holds only what opening wrote', () => {
    const path = join(tempDir(), 'goalpost.db');
    const opened = openAt(path);
    opened.app.context(ADMIN);

    expect(opened.closeDiscardingNew()).toBe(true);
    expect(files(path)).toEqual([]);
  });

  it('removes a new database another connection opened without reading, whose first write then fails rather than being lost', () => {
    const path = join(tempDir(), 'goalpost.db');
    const opened = openAt(path);
    opened.app.context(ADMIN);
    const other = new Database(path);

    expect(opened.closeDiscardingNew()).toBe(true);
    expect(existsSync(path)).toBe(false);
    expect(() =>
      other.prepare("INSERT INTO workspaces (id, created_at) VALUES ('team', ?)").run(NOW),
    ).toThrow(expect.objectContaining({ code: 'SQLITE_READONLY_DBMOVED' }));
    other.close();
  });

  it('keeps a new database another connection wrote to while it was being migrated', () => {
    const path = join(tempDir(), 'goalpost.db');
    // Migrations applied are logged once they are all in: another process's first start commits.
    const logger = {
      ...silentLogger,
      info: (_: object, message?: string) => {
        if (message !== 'migrations applied') return;
        const other = new Database(path);
        other.prepare("INSERT INTO workspaces (id, created_at) VALUES ('team', ?)").run(NOW);
        other.close();
      },
    };
    const opened = openAt(path, logger);
    opened.app.context(ADMIN);

    expect(opened.closeDiscardingNew()).toBe(false);
    const db = new Database(path, { readonly: true });
    expect(db.prepare('SELECT id FROM workspaces ORDER BY id').pluck().all()).toEqual(['default', 'team']);
    db.close();
  });

  it('keeps a new database written to between its check and its removal, in WAL as before', () => {
    const path = join(tempDir(), 'goalpost.db');
    const folders = missingBefore(path) ?? [];
    const opened = openAt(path);
    const created = { path, folders, version: dataVersion(opened.db) };
    opened.app.context(ADMIN);
    const rows = openingsOnly(opened.db, created);
    expect(rows).not.toBeNull();
    opened.close();
    // Another process's first start, in between: it made its workspace and closed.
    const other = new Database(path);
    other.prepare("INSERT INTO workspaces (id, created_at) VALUES ('team', ?)").run(NOW);
    other.close();

    expect(removeNewDatabase(created, rows ?? '')).toBe(false);
    const db = new Database(path, { readonly: true });
    expect(db.prepare('SELECT id FROM workspaces ORDER BY id').pluck().all()).toEqual(['default', 'team']);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });

  it('leaves a --db link, and the file opening made at its end, as they are', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'real'));
    const link = join(dir, 'team.db');
    symlinkSync(join(dir, 'real', 'team.db'), link);

    const refused = await cliFor(link)('approve', 'T-1');
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).not.toMatch(/none was created/);
    // The link still leads to a database: the next command finds the same file.
    expect(existsSync(link)).toBe(true);
    expect(existsSync(join(dir, 'real', 'team.db'))).toBe(true);
  });

  it('leaves no file or folder behind when the new database cannot be opened', () => {
    const folder = join(tempDir(), 'new');
    // A name the file system takes, but not with SQLite's "-wal" after it: opening has made the
    // (empty) file by the time it fails.
    const path = join(folder, 'deeper', `${'x'.repeat(249)}.db`);

    expect(() => openAt(path)).toThrow();
    expect(existsSync(folder)).toBe(false);
  });

  it('never removes a database that was there before it was opened', () => {
    const path = join(tempDir(), 'goalpost.db');
    openAt(path).close();
    const opened = openAt(path);

    expect(opened.closeDiscardingNew()).toBe(false);
    expect(existsSync(path)).toBe(true);
  });
});

describe('an empty file given as the database, as a path that held none', () => {
  /** An empty file at a new path, readable by others as `: > goalpost.db` leaves it under umask 022. */
  function emptyFile(): string {
    const path = join(tempDir(), 'goalpost.db');
    writeFileSync(path, '');
    chmodSync(path, 0o644);
    return path;
  }
  const sizeAndMode = (path: string) => {
    const file = statSync(path);
    return { size: file.size, mode: file.mode & 0o777 };
  };

  it('leaves it empty, in its mode, when a command is refused, and says there was no database', async () => {
    const path = emptyFile();
    const cli = cliFor(path);

    const refused = await cli('approve', 'T-1');
    expect(refused.code).toBe(1);
    expect(refused.stderr.split('\n').slice(0, 2)).toEqual([
      `goalpost: there was no database at ${path}, only an empty file; it is left empty (check --db or GOALPOST_DB)`,
      'goalpost: unknown task T-1; `goalpost tasks` lists them',
    ]);
    expect(sizeAndMode(path)).toEqual({ size: 0, mode: 0o644 });
    expect(files(path)).toEqual([path]);

    const bad = await cli('generate', '--max-tasks', 'abc');
    expect(bad.code).not.toBe(0);
    expect(sizeAndMode(path)).toEqual({ size: 0, mode: 0o644 });
    expect(files(path)).toEqual([path]);
  });

  it('refuses a read there, as where there is no database', async () => {
    const path = emptyFile();
    const read = await cliFor(path)('tasks');
    expect(read.code).toBe(1);
    expect(read.stderr).toMatch(
      /^goalpost: there was no database at .*, only an empty file; it is left empty .*\ngoalpost: nothing to read: `goalpost init` makes a database there/,
    );
    expect(sizeAndMode(path)).toEqual({ size: 0, mode: 0o644 });
  });

  it('makes the database in it for a command that writes, private as a new one', async () => {
    const path = emptyFile();
    const cli = cliFor(path);
    expect((await cli('init')).code).toBe(0);
    expect(sizeAndMode(path)).toMatchObject({ mode: 0o600 });
    expect((await cli('tasks')).stdout).toBe(
      'No open tasks.\n(open tasks only: `--status all` lists every status)\n',
    );
  });

  it('is not taken for empty with a WAL or journal beside it that holds pages, nor through a link', () => {
    const dir = tempDir();
    const path = join(dir, 'goalpost.db');
    writeFileSync(path, '');
    expect(emptyFileAt(path)).not.toBeNull();
    writeFileSync(`${path}-wal`, 'x');
    expect(emptyFileAt(path)).toBeNull();
    writeFileSync(`${path}-wal`, '');
    writeFileSync(`${path}-journal`, 'x');
    expect(emptyFileAt(path)).toBeNull();
    const link = join(dir, 'team.db');
    symlinkSync(join(dir, 'empty.db'), link);
    writeFileSync(join(dir, 'empty.db'), '');
    expect(emptyFileAt(link)).toBeNull();
  });
});
