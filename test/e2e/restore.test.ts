import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/paths.js';
import { fencedBlocks, shellCommands } from '../helpers/readme-blocks.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { useBuilt } from '../helpers/use-built.js';

const root = packageRoot();
const tempDir = useTempDir();
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const hasSqlite3 = spawnSync('sqlite3', ['-version']).status === 0;

useBuilt();

/** `goalpost` on the database in `dir`, as an operator types it there. */
function goalpost(dir: string, ...args: string[]): string {
  const r = spawnSync(
    process.execPath,
    [join(root, 'bin/goalpost.js'), '--db', 'data/goalpost.db', ...args],
    {
      cwd: dir,
      encoding: 'utf8',
    },
  );
  expect(r.status, r.stderr).toBe(0);
  return r.stdout;
}

const projects = (dir: string): string[] =>
  (JSON.parse(goalpost(dir, 'project', 'list', '--json')) as Array<{ name: string }>).map((p) => p.name);

/** Runs a shell line in `dir`; the README's lines, as typed. */
function sh(dir: string, line: string): void {
  const r = spawnSync('bash', ['-c', line], { cwd: dir, encoding: 'utf8' });
  expect(r.status, `${line}\n${r.stderr}`).toBe(0);
}

/** The bot on `dir`'s database, serving: its process. */
async function startBot(dir: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, [join(root, 'dist/src/main.js')], {
    cwd: dir,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: dir,
      GOALPOST_DB: 'data/goalpost.db',
      PORT: '0',
      GOALPOST_CONSOLE: 'off',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  await new Promise<void>((resolve, reject) => {
    let seen = '';
    child.stdout?.on('data', (d: Buffer) => {
      seen += d.toString();
      if (/No console chat/.test(seen)) resolve();
    });
    child.on('exit', () => reject(new Error(`the bot exited: ${seen}`)));
  });
  return child;
}

describe("the README's backup and restore", () => {
  it.skipIf(!hasSqlite3)(
    'restores the backup as it was after the bot crashed, where a bare copy would replay the writes made since',
    async () => {
      const data = readme.slice(readme.indexOf('\n## Data\n'));
      const backup =
        /`(\(umask 077 && sqlite3 data\/goalpost\.db "\.backup backup\.db"\) && chmod 600 backup\.db)`/.exec(
          data,
        )?.[1];
      const restoreBlock = fencedBlocks(readme).find((b) => b.section === 'Data' && b.lang === 'shell');
      const sqliteRestore = /`(sqlite3 data\/goalpost\.db "\.restore backup\.db")`/.exec(data)?.[1];
      expect(backup).toBeDefined();
      expect(sqliteRestore).toBeDefined();
      const restore = shellCommands(restoreBlock?.lines ?? []);
      expect(restore[0]).toBe('systemctl stop goalpost');
      expect(restore.at(-1)).toBe('systemctl start goalpost');

      // A database of 3 projects, backed up; the bot then writes 3 more, and dies (kill -9).
      const dir = tempDir();
      mkdirSync(join(dir, 'data'), { mode: 0o700 });
      goalpost(dir, 'init', '--demo');
      const before = projects(dir);
      expect(before).toHaveLength(3);
      sh(dir, backup ?? '');
      expect(statSync(join(dir, 'backup.db')).mode & 0o777).toBe(0o600);
      const bot = await startBot(dir);
      for (const n of [1, 2, 3]) goalpost(dir, 'project', 'add', `Added after the backup ${n}`);
      const killed = new Promise((resolve) => bot.on('exit', resolve));
      bot.kill('SIGKILL');
      await killed;
      expect(existsSync(join(dir, 'data/goalpost.db-wal'))).toBe(true);

      // The trap: the backup copied over the file alone comes back with the crashed writes.
      const bare = tempDir();
      cpSync(dir, bare, { recursive: true });
      sh(bare, 'cp backup.db data/goalpost.db');
      expect(projects(bare)).toHaveLength(6);

      // The README's steps (the bot is down already: systemctl's lines stand for it).
      const viaSqlite = tempDir();
      cpSync(dir, viaSqlite, { recursive: true });
      for (const line of restore.slice(1, -1)) sh(dir, line);
      expect(projects(dir)).toEqual(before);
      expect(statSync(join(dir, 'data/goalpost.db')).mode & 0o777).toBe(0o600);
      // And with sqlite3's .restore in place of the cp line.
      for (const line of restore.slice(1, -1))
        sh(viaSqlite, line.startsWith('cp ') ? (sqliteRestore ?? '') : line);
      expect(projects(viaSqlite)).toEqual(before);
      // The bot starts on the restored file.
      const again = await startBot(dir);
      const stopped = new Promise((resolve) => again.on('exit', resolve));
      again.kill('SIGTERM');
      expect(await stopped).toBe(0);
    },
    90_000,
  );
});
