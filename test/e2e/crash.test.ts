import { spawn } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { fixedClock, openGoalpost, silentLogger } from '../../src/index.js';
import { packageRoot } from '../../src/paths.js';
import { declaredCtx } from '../helpers/ctx.js';
import { cliFor } from '../helpers/run-cli.js';
import { useTempDir } from '../helpers/temp-dir.js';

const tempDir = useTempDir();
const root = packageRoot();
const admin = declaredCtx({ workspaceId: 'default', actor: 'cli:test', source: 'cli', role: 'admin' });

/** A workspace with many proposed tasks (critical bugs in a revenue-bearing project). */
function prepare(dbPath: string, bugs: number): number {
  const { app, close } = openGoalpost({
    dbPath,
    clock: fixedClock('2026-11-21T09:00:00Z'),
    logger: silentLogger,
  });
  app.context(admin);
  app.demo.load(admin);
  app.projects.add(admin, { name: 'Racing', revenueBearing: true, focus: ['payment_integration'] });
  for (let i = 1; i <= bugs; i++) {
    app.projects.addBug(admin, 'Racing', {
      title: `Checkout fails for card brand ${i}`,
      severity: 'critical',
    });
  }
  const n = bugs > 0 ? app.engine.generate(admin, { maxTasks: 50 }).tasks.length : 0;
  close();
  return n;
}

function check(dbPath: string) {
  const db = new Database(dbPath, { readonly: true });
  const integrity = db.pragma('integrity_check', { simple: true });
  const emptyBatches = db
    .prepare(
      'SELECT count(*) FROM batches b WHERE NOT EXISTS (SELECT 1 FROM tasks t WHERE t.batch_id = b.id)',
    )
    .pluck()
    .get();
  const tasksWithoutCreation = db
    .prepare(
      "SELECT count(*) FROM tasks t WHERE NOT EXISTS (SELECT 1 FROM task_events e WHERE e.task_id = t.id AND e.type = 'created')",
    )
    .pluck()
    .get();
  // Every task's status is where its last event took it.
  const drifted = db
    .prepare(
      `SELECT count(*) FROM tasks t WHERE t.status <> (SELECT e.to_status FROM task_events e WHERE e.task_id = t.id ORDER BY e.id DESC LIMIT 1)`,
    )
    .pluck()
    .get();
  const approved = new Set(
    db
      .prepare(
        "SELECT 'T-' || t.seq FROM task_events e JOIN tasks t ON t.id = e.task_id WHERE e.type = 'approved'",
      )
      .pluck()
      .all() as string[],
  );
  db.close();
  return { integrity, emptyBatches, tasksWithoutCreation, drifted, approved };
}

describe('crash safety', () => {
  it('keeps every acknowledged decision and a consistent file when killed in a decision storm', async () => {
    const dir = tempDir();
    const dbPath = join(dir, 'g.db');
    const n = prepare(dbPath, 40);
    expect(n).toBeGreaterThanOrEqual(40);
    const cli = cliFor(dbPath);
    const token = (await cli('token', 'create', 'storm', '--role', 'approver', '--json')).json<{
      token: string;
    }>().token;
    const child = spawn(process.execPath, [join(root, 'dist/src/main.js')], {
      cwd: dir,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: dir,
        GOALPOST_DB: dbPath,
        PORT: '0',
        GOALPOST_CONSOLE: 'off',
        LOG_LEVEL: 'silent',
      },
    });
    const url = await new Promise<string>((resolve, reject) => {
      let seen = '';
      child.stdout.on('data', (d: Buffer) => {
        seen += d.toString();
        const m = /HTTP API on (http:\/\/[\d.:]+)/.exec(seen);
        if (m?.[1]) resolve(m[1]);
      });
      child.on('exit', () => reject(new Error(`exited early: ${seen}`)));
    });
    const acknowledged: string[] = [];
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    const storm = Array.from({ length: n }, (_, i) =>
      fetch(`${url}/api/tasks/T-${i + 1}/decision`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ decision: 'approve' }),
      }).then(
        (res) => {
          if (res.status === 200) acknowledged.push(`T-${i + 1}`);
          // Kill once a third of the decisions have been acknowledged, with the rest in flight.
          if (acknowledged.length === Math.floor(n / 3)) child.kill('SIGKILL');
        },
        () => undefined,
      ),
    );
    await Promise.all(storm);
    await exited;
    expect(acknowledged.length).toBeGreaterThanOrEqual(Math.floor(n / 3));
    const after = check(dbPath);
    expect(after.integrity).toBe('ok');
    expect(after.drifted).toBe(0);
    for (const ref of acknowledged) expect(after.approved.has(ref), ref).toBe(true);
  }, 60_000);

  it('never leaves half a batch when killed while generating, and catches a missed digest up once', async () => {
    const dir = tempDir();
    const dbPath = join(dir, 'g.db');
    prepare(dbPath, 0);
    {
      const { app, close } = openGoalpost({
        dbPath,
        clock: fixedClock('2026-11-21T09:00:00Z'),
        logger: silentLogger,
      });
      app.context(admin);
      app.subscriptions.subscribe(admin, {
        platform: 'console',
        channelId: 'console',
        time: '09:00',
        timeZone: 'UTC',
      });
      close();
    }
    const child = spawn(process.execPath, [join(root, 'test/fixtures/generate-loop.mjs'), dbPath]);
    await new Promise<void>((resolve) => {
      child.stdout.on('data', (d: Buffer) => {
        if (Number(d.toString().trim().split('\n').pop()) >= 30) resolve();
      });
    });
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    child.kill('SIGKILL');
    await exited;
    const after = check(dbPath);
    expect(after.integrity).toBe('ok');
    expect(after.emptyBatches).toBe(0);
    expect(after.tasksWithoutCreation).toBe(0);
    expect(after.drifted).toBe(0);

    // The 09:00 digest the dead process never posted: the restarted scheduler posts it once.
    const cli = cliFor(dbPath, '2026-11-23T09:30:00Z');
    const first = await cli('schedule', 'run-due');
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/posted/);
    const again = await cli('schedule', 'run-due');
    expect(again.stdout).toMatch(/already posted/);
  }, 60_000);
});
