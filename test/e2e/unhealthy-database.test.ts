import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  closeSync,
  copyFileSync,
  openSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/paths.js';
import { cliFor } from '../helpers/run-cli.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { useBuilt } from '../helpers/use-built.js';

const root = packageRoot();
const tempDir = useTempDir();
const running: ChildProcess[] = [];
afterEach(() => {
  for (const child of running.splice(0)) child.kill('SIGKILL');
});

useBuilt();

/** Root writes whatever a file's mode says: the bot then runs as nobody, who owns the files. */
const asRoot = process.getuid?.() === 0;
const NOBODY = 65534;

/** Starts `node dist/src/main.js` on `db` (as nobody, when the tests run as root); resolves to its URL. */
function startBot(db: string): Promise<string> {
  const child = spawn(process.execPath, [join(root, 'dist/src/main.js')], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '',
      GOALPOST_DB: db,
      PORT: '0',
      GOALPOST_CONSOLE: 'off',
      LOG_LEVEL: 'silent',
    },
    ...(asRoot ? { uid: NOBODY, gid: NOBODY } : {}),
  });
  running.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d;
      const m = /HTTP API on (http:\/\/[\d.:]+)/.exec(out);
      if (m?.[1]) resolve(m[1]);
    });
    let err = '';
    child.stderr?.on('data', (d: Buffer) => {
      err += d;
    });
    child.on('exit', () => reject(new Error(`exited before serving: ${out}${err}`)));
  });
}

/** A demo database in a folder the bot's user can write, and an approver's API token. */
async function demoDatabase(): Promise<{ db: string; token: string }> {
  const dir = tempDir();
  chmodSync(dir, 0o777);
  const db = join(dir, 'goalpost.db');
  const cli = cliFor(db);
  expect((await cli('init', '--demo')).code).toBe(0);
  expect((await cli('generate')).code).toBe(0);
  const made = await cli('token', 'create', 'ops', '--role', 'approver');
  const token = /gp_[A-Za-z0-9_-]{40,}/.exec(made.stdout)?.[0] ?? '';
  expect(token).not.toBe('');
  if (asRoot) for (const f of readdirSync(dir)) chownSync(join(dir, f), NOBODY, NOBODY);
  return { db, token };
}

async function get(url: string, init: RequestInit = {}) {
  const res = await fetch(url, init);
  const text = await res.text();
  return { status: res.status, json: text === '' ? null : (JSON.parse(text) as unknown) };
}

describe('/healthz on a database that cannot serve', () => {
  it('answers 503 read-only for a file the bot may only read, as writes through the API fail', async () => {
    const { db, token } = await demoDatabase();
    chmodSync(db, 0o444);
    const url = await startBot(db);
    const write = await get(`${url}/api/tasks/T-1/decision`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ decision: 'reject', reason: 'not now' }),
    });
    expect(write).toMatchObject({ status: 503, json: { error: { code: 'E_DB_READONLY' } } });
    expect(await get(`${url}/healthz`)).toEqual({
      status: 503,
      json: { status: 'unavailable', database: { readable: true, writable: 'read-only' } },
    });
    expect((await fetch(`${url}/healthz`, { method: 'HEAD' })).status).toBe(503);
  }, 60_000);

  it('answers 503 not readable once the file is damaged under the running bot', async () => {
    const { db, token } = await demoDatabase();
    const url = await startBot(db);
    const tasks = () => get(`${url}/api/tasks`, { headers: { Authorization: `Bearer ${token}` } });
    expect(await get(`${url}/healthz`)).toEqual({
      status: 200,
      json: { status: 'ok', database: { readable: true, writable: 'yes' } },
    });
    // Every page but the first (the header) overwritten, as a failing disk or a stray write would:
    // the API's reads find it at once.
    const size = statSync(db).size;
    const fd = openSync(db, 'r+');
    for (let at = 4096; at < size; at += 4096) writeSync(fd, randomBytes(4096), 0, 4096, at);
    closeSync(fd);
    expect(await tasks()).toMatchObject({ status: 500, json: { error: { code: 'E_DB_CORRUPT' } } });
    expect(await get(`${url}/healthz`)).toEqual({
      status: 503,
      json: { status: 'unavailable', database: { readable: false } },
    });
  }, 60_000);

  // A review removed the file under the running bot: an approval answered 200, a metric 201, the
  // vision's edit 200, /healthz ok, and all of it was gone when the bot stopped. A backup moved
  // over it (mv) is the same: the bot writes on the file it opened, which no path names.
  it('refuses writes with 503 once the file is removed or replaced under the running bot', async () => {
    for (const how of ['removed', 'replaced with another'] as const) {
      const { db, token } = await demoDatabase();
      const url = await startBot(db);
      const auth = { Authorization: `Bearer ${token}` };
      const approve = (ref: string) =>
        get(`${url}/api/tasks/${ref}/decision`, {
          method: 'POST',
          headers: { ...auth, 'Content-Type': 'application/json' },
          body: JSON.stringify({ decision: 'approve' }),
        });
      // Checked once while the file is there: the check's own reader is open on it.
      expect((await get(`${url}/healthz`)).status).toBe(200);
      expect((await approve('T-1')).status).toBe(200);
      if (how === 'removed')
        for (const suffix of ['', '-wal', '-shm']) rmSync(`${db}${suffix}`, { force: true });
      else {
        const other = `${db}.restored`;
        copyFileSync(db, other);
        renameSync(other, db);
      }
      const write = await approve('T-2');
      expect(write, how).toMatchObject({ status: 503, json: { error: { code: 'E_DB_GONE' } } });
      expect((write.json as { error: { message: string } }).error.message).toBe(
        `the database file was ${how} while Goalpost ran: nothing was written; the file Goalpost has open is no longer at ${db}: put it back, or restart Goalpost to open the one there now`,
      );
      expect(await get(`${url}/healthz`), how).toEqual({
        status: 503,
        json: { status: 'unavailable', database: { readable: false } },
      });
    }
  }, 60_000);
});
