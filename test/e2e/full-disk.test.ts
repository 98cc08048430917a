import { spawnSync } from 'node:child_process';
import {
  closeSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  rmSync,
  statSync,
  truncateSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/paths.js';
import { cliFor } from '../helpers/run-cli.js';
import { useApi } from '../helpers/start-api.js';

/**
 * A small real filesystem (tmpfs) the test can fill to the last byte. Mounting needs privileges
 * (root in a container that allows mounts, as this machine and its CI are); where it is refused,
 * the suite says so and skips rather than faking a full disk.
 */
const mountPoint = mkdtempSync(join(tmpdir(), 'goalpost-full-'));
const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=8m', 'tmpfs', mountPoint]).status === 0;
if (!mounted) console.warn(`full-disk tests skipped: cannot mount a tmpfs at ${mountPoint} here`);

let n = 0;
const freshDir = (): string => {
  const dir = join(mountPoint, `case-${++n}`);
  mkdirSync(dir);
  return dir;
};
const FILLER = () => join(mountPoint, 'filler');

/** Fills the filesystem to its last byte. */
function fill(): void {
  const fd = openSync(FILLER(), 'w');
  const chunk = Buffer.alloc(64 * 1024, 1);
  try {
    for (;;) writeSync(fd, chunk);
  } catch {
    // ENOSPC with a whole chunk; now byte by byte for what is left.
    try {
      for (;;) writeSync(fd, chunk, 0, 1);
    } catch {}
  } finally {
    closeSync(fd);
  }
}

const free = (): void => unlinkSync(FILLER());

function count(dbPath: string, table: string): number {
  const db = new Database(dbPath, { readonly: true });
  const row = db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number };
  db.close();
  return row.n;
}

beforeAll(() => {
  if (!mounted) rmSync(mountPoint, { recursive: true, force: true });
});
afterAll(() => {
  // Lazily, so a handle the runtime still holds cannot leave the mount behind.
  if (mounted) spawnSync('umount', ['-l', mountPoint]);
  rmSync(mountPoint, { recursive: true, force: true });
});

describe.skipIf(!mounted)('a full disk: no write is reported done that did not happen', () => {
  const startApi = useApi(freshDir);

  it('fails every CLI write with exit 74 and the reason, and saves none of them', async () => {
    const dir = freshDir();
    const dbPath = join(dir, 'g.db');
    const cli = cliFor(dbPath);
    expect((await cli('init', '--demo')).code).toBe(0);
    expect((await cli('goal', 'add', 'active_teachers', '--target', '500', '--by', '2027-06-30')).code).toBe(
      0,
    );
    const tables = ['feedback_notes', 'lessons', 'projects', 'revenue_records', 'metric_observations'];
    const before = Object.fromEntries(tables.map((t) => [t, count(dbPath, t)]));
    fill();
    const writes = [
      ['note', 'Teachers ask for annual billing'],
      ['lesson', 'add', 'Ship payment fixes before marketing pushes'],
      ['project', 'add', 'EDU Quiz Builder', '--focus', 'payment_integration'],
      ['revenue', 'add', '--from', '2026-10-01', '--to', '2026-10-31', '--actual', '420'],
      ['metric', 'active_teachers', '140'],
    ];
    for (const argv of writes) {
      const r = await cli(...argv);
      expect(r.code, `${argv.join(' ')}: ${r.stdout}${r.stderr}`).toBe(74);
      expect(r.stderr).toMatch(/the disk is full: nothing was written/);
    }
    free();
    expect(Object.fromEntries(tables.map((t) => [t, count(dbPath, t)]))).toEqual(before);
  });

  it('leaves no file of an export --out that ran out of room, so the same command works once there is', async () => {
    const dir = freshDir();
    const dbPath = join(dir, 'g.db');
    const cli = cliFor(dbPath);
    expect((await cli('init', '--demo')).code).toBe(0);
    expect((await cli('goal', 'add', 'active_teachers', '--target', '500', '--by', '2027-06-30')).code).toBe(
      0,
    );
    // How much room the charts take, drawn once elsewhere on this disk: the full disk below keeps
    // just that, so the charts fit and the report written after them does not.
    const trial = freshDir();
    expect((await cli('export', '--out', join(trial, 'out.json'))).code).toBe(0);
    const charts = readdirSync(trial).filter((f) => f.endsWith('.png'));
    expect(charts.length).toBeGreaterThan(0);
    const pages = charts.reduce((sum, f) => sum + Math.ceil(statSync(join(trial, f)).size / 4096), 0);
    rmSync(trial, { recursive: true });
    const folder = () => readdirSync(dir).filter((f) => !f.startsWith('g.db'));
    const out = join(dir, 'out.json');
    for (const argv of [
      ['export', '--out', out],
      ['report', '--out', join(dir, 'out.md')],
    ]) {
      fill();
      truncateSync(FILLER(), statSync(FILLER()).size - pages * 4096);
      let r: Awaited<ReturnType<typeof cli>>;
      try {
        r = await cli(...argv);
      } finally {
        free();
      }
      expect(r.code, `${argv.join(' ')}: ${r.stderr}`).toBe(74);
      expect(r.stderr).toMatch(/cannot write it: the disk is full; nothing was written/);
      expect(folder(), argv.join(' ')).toEqual([]);
    }
    const again = await cli('export', '--out', out);
    expect(again.code, again.stderr).toBe(0);
    expect(folder().sort()).toEqual(['out.json', ...charts].sort());
  });

  it('refuses a command whose process cannot open the database on a full disk, saying so', () => {
    // A process of its own, as a person runs the bin: the database was closed cleanly, so its
    // next opening must make the write-ahead log's index (-shm), which a full disk refuses.
    const dir = freshDir();
    const dbPath = join(dir, 'g.db');
    const bin = (...argv: string[]) =>
      spawnSync(process.execPath, [join(packageRoot(), 'bin/goalpost.js'), ...argv, '--db', dbPath], {
        encoding: 'utf8',
        env: { PATH: process.env.PATH, LOG_LEVEL: 'silent' },
      });
    expect(bin('init', '--demo').status).toBe(0);
    const before = count(dbPath, 'feedback_notes');
    // The read above, a read-only connection, leaves the index behind; the bin's closing removes it.
    rmSync(`${dbPath}-shm`, { force: true });
    rmSync(`${dbPath}-wal`, { force: true });
    fill();
    let refused: [number | null, string][];
    try {
      refused = [['note', 'Teachers ask for annual billing'], ['tasks']].map((argv) => {
        const r = bin(...argv);
        return [r.status, r.stderr];
      });
    } finally {
      free();
    }
    const why = `goalpost: the disk is full: the database cannot be opened, so nothing was read or written; free some space and try again (database ${dbPath})\n`;
    expect(refused).toEqual([
      [74, why],
      [74, why],
    ]);
    expect(count(dbPath, 'feedback_notes')).toBe(before);
    expect(bin('tasks').status).toBe(0);
  });

  it('answers a write over HTTP with 507 while reads go on, and saves nothing', async () => {
    const api = await startApi();
    api.app.goals.add(
      api.app.context({ workspaceId: 'default', actor: 'cli:ops', source: 'cli', role: 'admin' }),
      {
        metric: 'active_teachers',
        target: 500,
        by: '2027-06-30',
      },
    );
    const metric = (value: number) =>
      api.call('POST', '/api/metrics', {
        token: api.tokens.approver,
        body: { name: 'active_teachers', value },
      });
    const before = count(api.dbPath, 'metric_observations');
    const health = async () => {
      const res = await api.call('GET', '/healthz');
      return { status: res.status, body: res.json };
    };
    expect(await health()).toEqual({
      status: 200,
      body: { status: 'ok', database: { readable: true, writable: 'yes' } },
    });
    fill();
    // A load balancer sees the outage before anyone's write fails.
    expect(await health()).toEqual({
      status: 503,
      body: { status: 'unavailable', database: { readable: true, writable: 'full' } },
    });
    for (const value of [1, 2, 3]) {
      const res = await metric(value);
      expect(res.status).toBe(507);
      expect(res.json).toMatchObject({ error: { code: 'E_DB_FULL' } });
    }
    expect((await api.call('GET', '/api/goal-engine/vision', { token: api.tokens.member })).status).toBe(200);
    free();
    expect(count(api.dbPath, 'metric_observations')).toBe(before);
    expect((await health()).status).toBe(200);
  });
});
