import { type ChildProcessWithoutNullStreams, spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/paths.js';
import { exited } from '../helpers/child.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { useBuilt } from '../helpers/use-built.js';

const root = packageRoot();
const tempDir = useTempDir();
const running: ChildProcessWithoutNullStreams[] = [];
afterEach(() => {
  for (const child of running.splice(0)) child.kill('SIGKILL');
});

useBuilt();

function started(
  args: string[],
  env: Record<string, string>,
  ready: RegExp,
): Promise<[ChildProcessWithoutNullStreams, RegExpMatchArray]> {
  const child = spawn(process.execPath, args, { cwd: root, env: { PATH: process.env.PATH ?? '', ...env } });
  running.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d;
      const m = ready.exec(out);
      if (m) resolve([child, m]);
    });
    child.on('exit', () => reject(new Error(`exited before ${ready}: ${out}`)));
  });
}

/**
 * Well under SQLite's five-second default wait, which a write used to sit out behind another
 * process's lock (the bot waits a quarter of a second): an answer in less did not wait it out. Not
 * a speed figure — the machine running the tests may be loaded (README "Performance" has those).
 */
const UNDER_DEFAULT_WAIT_MS = 3500;

/** Times a request: its status, a header, and how long it took in ms. */
async function timed(url: string, init: RequestInit = {}) {
  const t0 = performance.now();
  const res = await fetch(url, init);
  const body = await res.text();
  return {
    status: res.status,
    retryAfter: res.headers.get('retry-after'),
    ms: performance.now() - t0,
    body,
  };
}

describe('another process holding the write lock', () => {
  it('leaves reads answering at once, and writes a quick 503 with Retry-After instead of a frozen bot', async () => {
    const dir = tempDir();
    const db = join(dir, 'goalpost.db');
    const cli = (...args: string[]) =>
      spawnSync(process.execPath, [join(root, 'bin/goalpost.js'), '--db', db, ...args], { encoding: 'utf8' });
    expect(cli('init', '--demo').status).toBe(0);
    expect(cli('generate').status).toBe(0);
    const token =
      /gp_[A-Za-z0-9_-]+/.exec(cli('token', 'create', 'ops', '--role', 'approver').stdout)?.[0] ?? '';
    expect(token).not.toBe('');
    const [, [, url]] = await started(
      [join(root, 'dist/src/main.js')],
      { GOALPOST_DB: db, PORT: '0', GOALPOST_CONSOLE: 'off', LOG_LEVEL: 'silent' },
      /HTTP API on (http:\/\/[\d.:]+)/,
    );
    const auth = { Authorization: `Bearer ${token}` };
    // The token's first use is stamped now, while the lock is free.
    expect((await timed(`${url}/api/tasks`, { headers: auth })).status).toBe(200);

    // Another process takes the write lock and holds it past every request below (killed after the test).
    const hold = `const D=require('better-sqlite3');const d=new D(process.argv[1]);d.pragma('busy_timeout=0');d.exec('BEGIN IMMEDIATE');d.exec("UPDATE workspaces SET name=name");console.log('locked');setTimeout(()=>{d.exec('ROLLBACK');process.exit(0)},20000);`;
    await started(['-e', hold, db], {}, /locked/);

    const read = await timed(`${url}/api/tasks`, { headers: auth });
    expect(read.status).toBe(200);
    expect(read.ms).toBeLessThan(UNDER_DEFAULT_WAIT_MS);
    const [write, health] = await Promise.all([
      timed(`${url}/api/tasks/T-1/decision`, {
        method: 'POST',
        headers: { ...auth, 'Content-Type': 'application/json' },
        body: JSON.stringify({ decision: 'approve' }),
      }),
      timed(`${url}/healthz`),
    ]);
    expect(write.status).toBe(503);
    expect(write.retryAfter).toBe('1');
    expect(write.ms).toBeLessThan(UNDER_DEFAULT_WAIT_MS);
    expect(health.ms).toBeLessThan(UNDER_DEFAULT_WAIT_MS);
    // Busy is a moment, not an outage: healthy, and says so.
    expect(health.status).toBe(200);
    expect(JSON.parse(health.body)).toEqual({ status: 'ok', database: { readable: true, writable: 'busy' } });
    // A saved plan runs on the job thread, whose connection gives up as quickly (it waited the
    // five-second default, every job queued behind it).
    const generate = await timed(`${url}/api/goal-engine/generate`, {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'application/json' },
      body: JSON.stringify({ maxTasks: 2 }),
    });
    expect(generate.status).toBe(503);
    expect(generate.retryAfter).toBe('1');
    expect(generate.ms).toBeLessThan(UNDER_DEFAULT_WAIT_MS);
  }, 60_000);

  it('starts the console chat on a database whose lock another process holds, and answers what reads', async () => {
    const dir = tempDir();
    const db = join(dir, 'goalpost.db');
    const cli = (...args: string[]) =>
      spawnSync(process.execPath, [join(root, 'bin/goalpost.js'), '--db', db, ...args], { encoding: 'utf8' });
    expect(cli('init', '--demo').status).toBe(0);
    expect(cli('role', 'console:ana', 'admin').status).toBe(0);
    const hold = `const D=require('better-sqlite3');const d=new D(process.argv[1]);d.exec('BEGIN IMMEDIATE');d.exec("UPDATE workspaces SET name=name");console.log('locked');setTimeout(()=>{d.exec('ROLLBACK');process.exit(0)},20000);`;
    await started(['-e', hold, db], {}, /locked/);
    const bot = spawnSync(process.execPath, [join(root, 'dist/src/main.js')], {
      cwd: dir,
      input: '/goalpost vision\n',
      encoding: 'utf8',
      env: {
        PATH: process.env.PATH ?? '',
        GOALPOST_DB: db,
        PORT: '0',
        GOALPOST_CONSOLE_USER: 'ana',
        GOALPOST_CONSOLE: 'on',
        LOG_LEVEL: 'silent',
      },
      timeout: 20_000,
    });
    expect(bot.status, bot.stderr).toBe(0);
    expect(bot.stdout).toMatch(/Console chat: you are console:ana \(admin\)/);
    expect(bot.stdout).toMatch(/primary_goal +Launch Basic EDU Apps/);
  }, 60_000);

  it('lets commands that only read run on the command line (the queue too, with no lease expired), where a write still says it is busy', async () => {
    const dir = tempDir();
    const db = join(dir, 'goalpost.db');
    const cli = (...args: string[]) =>
      exited(spawn(process.execPath, [join(root, 'bin/goalpost.js'), '--db', db, ...args]));
    expect((await cli('init', '--demo')).code).toBe(0);
    expect((await cli('generate')).code).toBe(0);
    const hold = `const D=require('better-sqlite3');const d=new D(process.argv[1]);d.exec('BEGIN IMMEDIATE');d.exec("UPDATE workspaces SET name=name");console.log('locked');setTimeout(()=>{d.exec('ROLLBACK');process.exit(0)},20000);`;
    await started(['-e', hold, db], {}, /locked/);

    const [vision, tasks, dryRun, queue, approve] = await Promise.all([
      cli('vision', 'show'),
      cli('tasks'),
      cli('generate', '--dry-run'),
      cli('queue'),
      cli('approve', 'T-1'),
    ]);
    expect(vision).toMatchObject({ code: 0, stdout: expect.stringContaining('Launch Basic EDU Apps') });
    expect(tasks).toMatchObject({ code: 0, stdout: expect.stringMatching(/^T-1 .* proposed /m) });
    expect(dryRun).toMatchObject({ code: 0, stdout: expect.stringContaining('dry run: nothing saved') });
    // The queue returns expired leases under the lock, and takes it only when there are some.
    expect(queue).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Claimed:\n {2}none/) });
    // The write waits for the lock (5 s), then says so; T-1 is still proposed.
    expect(approve.code).toBe(75);
    expect(approve.stderr).toMatch(/the database is busy: .*nothing was written/);
  }, 60_000);

  // A review's cron job ran `schedule run-due` on a locked database: "failed for 2026-11-23:
  // database is locked", exit 0, which cron reads as a digest posted.
  it('ends a scheduled digest that could not be posted with the failure’s exit, and posts it at the next run', async () => {
    const dir = tempDir();
    const db = join(dir, 'goalpost.db');
    const cli = (...args: string[]) =>
      exited(
        spawn(process.execPath, [join(root, 'bin/goalpost.js'), '--db', db, ...args], {
          env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'silent' },
        }),
      );
    expect((await cli('--now', '2026-11-22T10:00:00Z', 'init', '--demo')).code).toBe(0);
    expect(
      (await cli('--now', '2026-11-22T10:00:00Z', 'schedule', 'add', '09:00', 'UTC', '--days', 'daily')).code,
    ).toBe(0);
    const hold = `const D=require('better-sqlite3');const d=new D(process.argv[1]);d.exec('BEGIN IMMEDIATE');d.exec("UPDATE workspaces SET name=name");console.log('locked');setTimeout(()=>{d.exec('ROLLBACK');process.exit(0)},8000);`;
    const [holder] = await started(['-e', hold, db], {}, /locked/);
    const due = () => cli('--now', '2026-11-23T09:05:00Z', 'schedule', 'run-due');
    const busy = await due();
    expect(busy.code).toBe(75);
    expect(busy.stdout).toMatch(
      /^#1 digest → console: failed for 2026-11-23: the database is busy: .*nothing was written, try again$/m,
    );
    await exited(holder);
    const posted = await due();
    expect(posted.code).toBe(0);
    expect(posted.stdout).toMatch(/^#1 digest → console: posted for 2026-11-23 \(batch 1\)/m);
  }, 60_000);
});
