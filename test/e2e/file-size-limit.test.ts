import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/paths.js';
import { cliFor } from '../helpers/run-cli.js';
import { snapshot } from '../helpers/snapshot.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { useBuilt } from '../helpers/use-built.js';

const tempDir = useTempDir();
useBuilt();

/** `goalpost …` run by a shell whose processes may write files of at most `kib` KiB (ulimit -f). */
function limited(kib: number, dbPath: string, ...argv: string[]) {
  return spawnSync(
    'bash',
    [
      '--norc',
      '--noprofile',
      '-c',
      `ulimit -f ${kib} && exec "$0" "$@"`,
      process.execPath,
      join(packageRoot(), 'bin/goalpost.js'),
      ...argv,
      '--db',
      dbPath,
    ],
    { encoding: 'utf8', env: { PATH: process.env.PATH, LOG_LEVEL: 'silent' } },
  );
}

describe('a write the file system refuses short of a full disk (a file-size limit, a quota)', () => {
  it('is said for what it is, exits 74 and saves nothing, when opening and at the first write', async () => {
    const db = join(tempDir(), 'g.db');
    expect((await cliFor(db)('init', '--demo')).code).toBe(0);
    const before = snapshot(db);
    // 1 KiB: not even the write-ahead log's index can be made; 48 KiB: the batch's log cannot.
    for (const kib of [1, 48]) {
      const r = limited(kib, db, 'generate', '--max-tasks', '5');
      expect(r.stderr, `ulimit -f ${kib}`).toBe(
        `goalpost: the database file could not be written: the system refused to let it grow (a file-size limit such as ulimit -f, a disk quota, or a failing disk); nothing was written; check them and try again (database ${db})\n`,
      );
      expect(r.status).toBe(74);
      expect(snapshot(db)).toEqual(before);
    }
    expect(limited(4096, db, 'generate', '--max-tasks', '5').status).toBe(0);
  });

  it('leaves no database behind on a new path the limit stops partway through its migrations', async () => {
    const dir = tempDir();
    const db = join(dir, 'new', 'g.db');
    for (const kib of [16, 64, 160]) {
      const r = limited(kib, db, 'init', '--demo');
      expect(r.status, `ulimit -f ${kib}: ${r.stderr}`).toBe(74);
      expect(r.stderr).toMatch(/nothing was written/);
      // Not the migrations applied before the limit, nor the folder made for them.
      expect(readdirSync(dir), `ulimit -f ${kib}`).toEqual([]);
    }
    const read = await cliFor(db)('tasks');
    expect(read.code).not.toBe(0);
    expect(read.stderr).toMatch(/no database|nothing to read/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses report --out whose chart the limit cuts short, rather than say a truncated file was written', async () => {
    const db = join(tempDir(), 'g.db');
    const cli = cliFor(db);
    expect((await cli('init', '--demo')).code).toBe(0);
    expect((await cli('goal', 'add', 'signups', '--target', '100', '--by', '2027-06-30')).code).toBe(0);
    expect((await cli('metric', 'signups', '10', '--at', '2026-11-01')).code).toBe(0);
    const dir = tempDir();
    // 36 KiB: room for the WAL index and the Markdown, not for a whole chart.
    const r = limited(36, db, 'report', '--out', join(dir, 'weekly.md'), '--now', '2026-11-21T09:00:00Z');
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(
      /^goalpost: --out .*weekly\.md: its chart weekly-[a-z-]+\.png \(charts are named after --out\): cannot write it: it would be larger than this process may write \(a file-size limit such as ulimit -f\); nothing was written, raise the limit and try again\n$/,
    );
    expect(r.status).toBe(74);
    expect(readdirSync(dir)).toEqual([]);
  });
});
