import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { cliFor } from '../helpers/run-cli.js';
import { useTempDir } from '../helpers/temp-dir.js';

const tempDir = useTempDir();

async function setUp() {
  const dir = tempDir();
  const db = join(dir, 'g.db');
  const cli = cliFor(db);
  expect((await cli('init', '--demo')).code).toBe(0);
  return { dir, db, cli };
}

const integrity = (db: string) => {
  const d = new Database(db, { readonly: true });
  const ok = d.pragma('integrity_check', { simple: true });
  const projects = d.prepare('SELECT count(*) FROM projects').pluck().get();
  d.close();
  return { ok, projects };
};

describe('export --out writes a new private file, and never the database', () => {
  it('writes a new file 0600, refuses to replace one without --force, and replaces it with', async () => {
    const { dir, cli } = await setUp();
    const out = join(dir, 'report.md');
    const first = await cli('export', '--format', 'markdown', '--out', out);
    expect(first.code, first.stderr).toBe(0);
    expect(readFileSync(out, 'utf8')).toMatch(/^# /m);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    writeFileSync(out, 'keep me');
    const again = await cli('export', '--out', out);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/the file exists; add --force to replace it/);
    expect(readFileSync(out, 'utf8')).toBe('keep me');
    expect((await cli('export', '--out', out, '--force')).code).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toHaveProperty('goals');
  });

  it('refuses the database, its WAL and shared memory, a link to it, and a symlink, even with --force', async () => {
    const { dir, db, cli } = await setUp();
    symlinkSync(db, join(dir, 'link.json'));
    for (const target of [db, `${db}-wal`, `${db}-shm`, join(dir, 'link.json')]) {
      const r = await cli('export', '--out', target, '--force');
      expect(r.code, target).toBe(1);
      expect(r.stderr).toMatch(/Goalpost's database|symbolic link/);
    }
    expect(integrity(db)).toEqual({ ok: 'ok', projects: 3 });
  });

  it('refuses a pipe, and another database or its log, even with --force', async () => {
    const { dir, cli } = await setUp();
    const pipe = join(dir, 'pipe');
    execFileSync('mkfifo', [pipe]);
    const other = join(dir, 'team.db');
    expect((await cliFor(other)('init', '--demo')).code).toBe(0);
    // A bot's database keeps its latest writes in its log until a checkpoint.
    const bot = new Database(other);
    bot.pragma('wal_autocheckpoint = 0');
    bot.prepare("UPDATE projects SET description = 'written by the bot'").run();
    for (const [target, why] of [
      [pipe, /is not a regular file/],
      [other, /a SQLite database or part of one/],
      [`${other}-wal`, /a SQLite database or part of one/],
      [`${other}-shm`, /a SQLite database or part of one/],
    ] as const) {
      const r = await cli('export', '--out', target, '--force');
      expect(r.code, target).toBe(1);
      expect(r.stderr, target).toMatch(why);
    }
    expect(statSync(pipe).isFIFO()).toBe(true);
    expect(
      bot.prepare('SELECT count(*) FROM projects WHERE description = ?').pluck().get('written by the bot'),
    ).toBe(3);
    bot.close();
    expect(integrity(other)).toEqual({ ok: 'ok', projects: 3 });
  });

  it('says why a path cannot be written, with no stack trace', async () => {
    const { dir, cli } = await setUp();
    mkdirSync(join(dir, 'folder'));
    const cases: Array<[string, RegExp]> = [
      // Named as typed: the report's charts, beside it, are not what the person asked for.
      [
        join(dir, 'missing', 'r.json'),
        new RegExp(
          `^goalpost: --out ${join(dir, 'missing', 'r.json')}: cannot write it: its folder does not exist\n$`,
        ),
      ],
      [join(dir, 'folder'), /is a folder/],
      ['/proc/version/r.json', /not a folder|does not exist|permission denied/],
    ];
    for (const [target, why] of cases) {
      const r = await cli('export', '--out', target);
      expect(r.code, target).toBe(1);
      expect(r.stderr).toMatch(why);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });
});
