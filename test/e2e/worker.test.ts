import { spawn } from 'node:child_process';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpServer } from '../../adapters/http/create-http-server.js';
import { openGoalpost, silentLogger, systemClock } from '../../src/index.js';
import { packageRoot } from '../../src/paths.js';
import { useTempDir } from '../helpers/temp-dir.js';

const tempDir = useTempDir();
const ctx = { workspaceId: 'default', actor: 'cli:test', source: 'cli' as const, role: 'admin' as const };
const BIN = join(packageRoot(), 'bin', 'goalpost.js');
const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

/** The demo with `n` approved tasks and a worker agent `bot1`; returns the db path and task refs. */
function queue(n: number, capacity = 5) {
  const dir = tempDir();
  const dbPath = join(dir, 'g.db');
  const opened = openGoalpost({ dbPath, clock: systemClock, logger: silentLogger });
  opened.app.demo.load(ctx);
  opened.app.assignees.add(ctx, { name: 'bot1', kind: 'worker', capacity });
  const refs = opened.app.engine
    .generate(ctx, { maxTasks: n })
    .tasks.filter((t) => t.dependsOn.length === 0)
    .map((t) => t.ref ?? '');
  for (const ref of refs) {
    opened.app.decisions.decide(ctx, { ref, action: 'approve' });
    opened.app.decisions.assign(ctx, ref, 'bot1');
  }
  opened.close();
  return { dir, dbPath, refs };
}

function script(dir: string, name: string, body: string): string {
  const path = join(dir, name);
  writeFileSync(path, `#!/bin/sh\n${body}\n`);
  chmodSync(path, 0o755);
  return path;
}

interface Exit {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `goalpost <args>` as its own process; `onStart` gets the child (to signal it). */
function goalpost(args: string[], onStart?: (child: ReturnType<typeof spawn>) => void): Promise<Exit> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'silent' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d;
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d;
    });
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
    onStart?.(child);
  });
}

function state(dbPath: string, ref: string) {
  const opened = openGoalpost({ dbPath, clock: systemClock, logger: silentLogger });
  const shown = opened.app.tasks.show(ctx, ref);
  opened.close();
  return shown;
}

describe('goalpost worker (local mode)', () => {
  it('runs a task with the task on stdin and in GOALPOST_TASK_*: exit 0 is done, with output and minutes kept', async () => {
    const { dir, dbPath, refs } = queue(1);
    const run = script(
      dir,
      'ok.sh',
      'read payload\necho "ref=$GOALPOST_TASK_REF category=$GOALPOST_TASK_CATEGORY"\necho "$payload"',
    );
    const r = await goalpost(['--db', dbPath, 'worker', '--assignee', 'bot1', '--exec', run, '--once']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(new RegExp(`claimed ${refs[0]}`));
    expect(r.stderr).toMatch(new RegExp(`${refs[0]}: done in`));
    const { task, runs, events } = state(dbPath, refs[0] ?? '');
    expect(task.status).toBe('done');
    expect(task.assignee).toBe('bot1');
    expect(runs).toHaveLength(1);
    expect(runs[0]?.result).toBe('done');
    expect(runs[0]?.output).toContain(`ref=${refs[0]} category=${task.category}`);
    expect(JSON.parse(runs[0]?.output.split('\n')[1] ?? '{}')).toMatchObject({
      ref: refs[0],
      title: task.title,
    });
    expect(events.find((e) => e.type === 'done')?.data).toMatchObject({ assignee: 'bot1', success: true });
    const shown = await goalpost(['--db', dbPath, 'task', 'show', refs[0] ?? '']);
    expect(shown.stdout).toMatch(/Runs:\n\s+#1 .* bot1 on .*: done \(exit 0\)/);
  });

  it('fails the task on a non-zero exit with the tail of stderr as the reason', async () => {
    const { dir, dbPath, refs } = queue(1);
    const run = script(dir, 'bad.sh', 'echo "compiling"\necho "3 of 40 tests failed" >&2\nexit 3');
    const r = await goalpost(['--db', dbPath, 'worker', '--assignee', 'bot1', '--exec', run, '--once']);
    expect(r.code).toBe(0);
    const { task, events, runs } = state(dbPath, refs[0] ?? '');
    expect(task.status).toBe('failed');
    expect(events.at(-1)?.note).toBe('exit 3: 3 of 40 tests failed');
    expect(runs[0]).toMatchObject({ result: 'failed', exitCode: 3 });
  });

  it('kills a hanging command’s whole process group at the timeout and fails the task', async () => {
    const { dir, dbPath, refs } = queue(1);
    const pidFile = join(dir, 'grandchild.pid');
    const run = script(dir, 'hang.sh', `sleep 300 &\necho $! > ${pidFile}\nwait`);
    const r = await goalpost([
      '--db',
      dbPath,
      'worker',
      '--assignee',
      'bot1',
      '--exec',
      run,
      '--once',
      '--timeout',
      '1',
    ]);
    expect(r.code).toBe(0);
    const { task, runs, events } = state(dbPath, refs[0] ?? '');
    expect(task.status).toBe('failed');
    expect(runs[0]?.result).toBe('timed_out');
    expect(events.at(-1)?.note).toMatch(/^timed out after 1 s/);
    const { readFileSync } = await import('node:fs');
    const grandchild = Number(readFileSync(pidFile, 'utf8'));
    // The backgrounded sleep died with its group (polled: a killed process is reaped a moment later).
    const alive = () => {
      try {
        process.kill(grandchild, 0);
        return !/^State:\s+Z/m.test(readFileSync(`/proc/${grandchild}/status`, 'utf8'));
      } catch {
        return false;
      }
    };
    for (let i = 0; i < 40 && alive(); i++) await new Promise((r) => setTimeout(r, 50));
    expect(alive()).toBe(false);
  });

  it('gives one task to one of two workers competing for it', async () => {
    const { dir, dbPath, refs } = queue(1);
    const run = script(dir, 'slow.sh', 'sleep 0.5');
    const args = ['--db', dbPath, 'worker', '--assignee', 'bot1', '--exec', run, '--once'];
    const [a, b] = await Promise.all([goalpost(args), goalpost(args)]);
    expect([a.code, b.code]).toEqual([0, 0]);
    const claimed = [a, b].filter((x) => /claimed /.test(x.stderr));
    expect(claimed).toHaveLength(1);
    expect([a, b].filter((x) => /nothing to do/.test(x.stderr))).toHaveLength(1);
    const { task, events } = state(dbPath, refs[0] ?? '');
    expect(task.status).toBe('done');
    expect(events.filter((e) => e.type === 'done')).toHaveLength(1);
  });

  it('requeues the task of a worker killed with SIGKILL once its lease runs out; the next worker finishes it once', async () => {
    const { dir, dbPath, refs } = queue(1);
    const started = join(dir, 'started');
    const run = script(dir, 'long.sh', `touch ${started}\nsleep 30`);
    const killed = await goalpost(
      ['--db', dbPath, 'worker', '--assignee', 'bot1', '--exec', run, '--lease-minutes', '1'],
      (child) => {
        const timer = setInterval(async () => {
          const { existsSync } = await import('node:fs');
          if (existsSync(started)) {
            clearInterval(timer);
            child.kill('SIGKILL');
          }
        }, 50);
      },
    );
    expect(killed.code).toBeNull();
    expect(state(dbPath, refs[0] ?? '').task.status).toBe('in_progress');
    // Two minutes later (by --now) the lease has run out: the next worker's claim requeues and takes it.
    const later = new Date(Date.now() + 2 * 60_000).toISOString();
    const ok = script(dir, 'ok.sh', 'echo finished');
    const r = await goalpost([
      '--db',
      dbPath,
      '--now',
      later,
      'worker',
      '--assignee',
      'bot1',
      '--exec',
      ok,
      '--once',
    ]);
    expect(r.code).toBe(0);
    const { task, events, runs } = state(dbPath, refs[0] ?? '');
    expect(task.status).toBe('done');
    expect(task.attempts).toBe(2);
    expect(events.map((e) => e.type).filter((t) => t !== 'assigned')).toEqual([
      'created',
      'approved',
      'claimed',
      'lease_expired',
      'claimed',
      'done',
    ]);
    expect(runs.map((x) => x.attempt)).toEqual([1, 2]);
  });

  it('refuses an unknown assignee and a command that cannot be started, leaving no task claimed', async () => {
    const { dbPath, refs } = queue(1);
    const unknown = await goalpost([
      '--db',
      dbPath,
      'worker',
      '--assignee',
      'nobody',
      '--exec',
      'true',
      '--once',
    ]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/unknown assignee "nobody"; the assignees are .*bot1/);
    const missing = await goalpost([
      '--db',
      dbPath,
      'worker',
      '--assignee',
      'bot1',
      '--exec',
      './no-such-script.sh',
      '--once',
    ]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/the command could not be started/);
    const { task, events } = state(dbPath, refs[0] ?? '');
    expect(task.status).toBe('approved');
    expect(task.claimedBy).toBeNull();
    expect(events.at(-1)?.type).toBe('released');
  });
});

describe('goalpost worker (remote mode)', () => {
  async function api(dbPath: string) {
    const opened = openGoalpost({ dbPath, clock: systemClock, logger: silentLogger });
    const token = opened.app.tokens.create(ctx, { name: 'worker', role: 'member' }).token;
    const server = createHttpServer({ app: opened.app, logger: silentLogger, clock: systemClock });
    const { url } = await server.listen(0, '127.0.0.1');
    cleanups.push(
      () => opened.close(),
      () => server.close(),
    );
    return { url, token };
  }

  it('claims, runs and records through the HTTP API exactly as in local mode', async () => {
    const { dir, dbPath, refs } = queue(2);
    const { url, token } = await api(dbPath);
    const run = script(dir, 'ok.sh', 'echo "remote $GOALPOST_TASK_REF"');
    const args = ['worker', '--assignee', 'bot1', '--exec', run, '--api', url, '--token', token, '--once'];
    const first = await goalpost(args);
    expect(first.code).toBe(0);
    expect(first.stderr).toMatch(/on http:\/\/127\.0\.0\.1/);
    const { task, runs } = state(dbPath, refs[0] ?? '');
    expect(task.status).toBe('done');
    expect(runs[0]?.output).toContain(`remote ${refs[0]}`);
  });

  it('says clearly when the API is unreachable or the token is wrong, and claims nothing', async () => {
    const { dbPath, refs } = queue(1);
    const { url } = await api(dbPath);
    const wrong = await goalpost([
      'worker',
      '--assignee',
      'bot1',
      '--exec',
      'true',
      '--api',
      url,
      '--token',
      'nope',
      '--once',
    ]);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/refused the token \(401\)/);
    const down = await goalpost([
      'worker',
      '--assignee',
      'bot1',
      '--exec',
      'true',
      '--api',
      'http://127.0.0.1:9',
      '--token',
      'x',
      '--once',
    ]);
    expect(down.code).toBe(1);
    expect(down.stderr).toMatch(/cannot reach the Goalpost API at http:\/\/127\.0\.0\.1:9/);
    expect(state(dbPath, refs[0] ?? '').task.status).toBe('approved');
  });
});
