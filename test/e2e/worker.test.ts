import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpServer } from '../../adapters/http/create-http-server.js';
import { openGoalpost, silentLogger, systemClock } from '../../src/index.js';
import { packageRoot } from '../../src/paths.js';
import { declaredCtx } from '../helpers/ctx.js';
import { useTempDir } from '../helpers/temp-dir.js';

const tempDir = useTempDir();
const ctx = declaredCtx({ workspaceId: 'default', actor: 'cli:test', source: 'cli', role: 'admin' });
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
  opened.app.context(ctx);
  opened.app.demo.load(ctx);
  // Room for the whole batch first (a batch proposes no more than the team has free slots for),
  // then the capacity the test runs the workers under.
  opened.app.assignees.add(ctx, { name: 'bot1', kind: 'worker', capacity: Math.max(n, capacity) });
  const refs = opened.app.engine
    .generate(ctx, { maxTasks: n })
    .tasks.filter((t) => t.dependsOn.length === 0)
    .map((t) => t.ref ?? '');
  for (const ref of refs) {
    opened.app.decisions.decide(ctx, { ref, action: 'approve' });
    opened.app.decisions.assign(ctx, ref, 'bot1');
  }
  if (capacity < n) opened.app.assignees.set(ctx, 'bot1', { capacity });
  opened.close();
  return { dir, dbPath, refs };
}

function script(dir: string, name: string, body: string): string {
  const path = join(dir, name);
  writeFileSync(path, `#!/bin/sh\n${body}\n`);
  chmodSync(path, 0o755);
  return path;
}

/**
 * A command that touches `started`, then waits until the test creates `go` (at most 10 s) and
 * prints `said`; exit 1 if `go` never came.
 */
function waitForGo(dir: string, said: string) {
  const started = join(dir, 'started');
  const go = join(dir, 'go');
  const run = script(
    dir,
    'wait-for-go.sh',
    `touch ${started}\ni=0\nwhile [ ! -e ${go} ] && [ $i -lt 200 ]; do sleep 0.05; i=$((i+1)); done\n[ -e ${go} ] && echo "${said}"`,
  );
  return { run, started, go };
}

interface Exit {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `goalpost <args>` as its own process; `onStart` gets the child (to signal it). */
function goalpost(
  args: string[],
  onStart?: (child: ReturnType<typeof spawn>) => void,
  env: Record<string, string> = {},
): Promise<Exit> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'silent', ...env },
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

/** Polls `done` every 50 ms; false once `ms` have passed without it. */
async function until(done: () => boolean, ms = 10_000): Promise<boolean> {
  const end = Date.now() + ms;
  while (!done()) {
    if (Date.now() > end) return false;
    await new Promise((r) => setTimeout(r, 50));
  }
  return true;
}

/** What a running child has written to stderr so far (the worker's log), read as it grows. */
function logOf(child: ChildProcess): () => string {
  let text = '';
  child.stderr?.on('data', (d: Buffer) => {
    text += d;
  });
  return () => text;
}

/** Whether `pid` is a live process (a killed one lingers as a zombie until it is reaped). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return !/^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return false;
  }
}

/** Whether `pid` has died within a few seconds (polled: a killed process is reaped a moment later). */
async function dies(pid: number): Promise<boolean> {
  return until(() => !alive(pid), 3_000);
}

function state(dbPath: string, ref: string) {
  const opened = openGoalpost({ dbPath, clock: systemClock, logger: silentLogger });
  opened.app.context(ctx);
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
    // Named by the run id the API and its errors use (run #3 is not a run of T-5), and its attempt.
    expect(shown.stdout).toMatch(
      new RegExp(`Runs:\\n\\s+run #${runs[0]?.id}, attempt 1, \\S+  bot1 on .*: done \\(exit 0\\)`),
    );
  });

  it('records its steps under the name the assignee was added with, however --assignee is typed', async () => {
    const { dir, dbPath, refs } = queue(1);
    const run = script(dir, 'ok.sh', 'echo ok');
    const r = await goalpost(['--db', dbPath, 'worker', '--assignee', 'BOT1', '--exec', run, '--once']);
    expect(r.code).toBe(0);
    const { task, runs, events } = state(dbPath, refs[0] ?? '');
    expect(task.status).toBe('done');
    expect(runs[0]?.assignee).toBe('bot1');
    const steps = events.filter((e) => e.type === 'claimed' || e.type === 'done');
    expect(steps.map((e) => [e.type, e.actor])).toEqual([
      ['claimed', 'worker:bot1'],
      ['done', 'worker:bot1'],
    ]);
  });

  it('runs the example scripts/run-task.sh: the task is done, the script says what it would do and logs it', async () => {
    const { dir, dbPath, refs } = queue(1);
    const ref = refs[0] ?? '';
    const r = spawnSync(
      process.execPath,
      [
        BIN,
        '--db',
        dbPath,
        'worker',
        '--assignee',
        'bot1',
        '--exec',
        join(packageRoot(), 'scripts/run-task.sh'),
        '--once',
      ],
      { cwd: dir, env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'silent' }, encoding: 'utf8' },
    );
    expect(r.status, r.stderr).toBe(0);
    const { task, runs } = state(dbPath, ref);
    expect(task.status).toBe('done');
    expect(runs[0]?.output).toContain(`Would work on ${ref} (attempt 1): ${task.title}`);
    expect(runs[0]?.output).toMatch(/the task as JSON on stdin: \d{3,} bytes/);
    const log = readFileSync(join(dir, 'data/run-task.log'), 'utf8');
    expect(log).toMatch(new RegExp(`^\\d{4}-\\d\\d-\\d\\dT[\\d:]+Z\\t${ref}\\tattempt 1\\t`));
  });

  it("keeps Goalpost's secrets from task commands: they see PATH, HOME, LANG, TZ, the task, and what --pass-env names", async () => {
    const { dir, dbPath, refs } = queue(2);
    const run = script(dir, 'env.sh', 'env | sort');
    const secrets = {
      SLACK_BOT_TOKEN: 'xoxb-secret',
      SLACK_SIGNING_SECRET: 'signing-secret',
      GOALPOST_TOKEN: 'gp_secret',
      DISCORD_TOKEN: 'MTE1MDAwMDAwMDAwMDAwMDMwMQ.secret.discord-token-value-0123456789',
      HOME: '/home/worker',
      TZ: 'Europe/Berlin',
      DEPLOY_KEY: 'wanted',
    };
    const once = (...extra: string[]) =>
      goalpost(
        ['--db', dbPath, 'worker', '--assignee', 'bot1', '--exec', run, '--once', ...extra],
        undefined,
        secrets,
      );
    expect((await once()).code).toBe(0);
    const seen = state(dbPath, refs[0] ?? '').runs[0]?.output ?? '';
    expect(seen).toMatch(/^PATH=/m);
    expect(seen).toMatch(/^HOME=\/home\/worker$/m);
    expect(seen).toMatch(/^TZ=Europe\/Berlin$/m);
    expect(seen).toMatch(/^GOALPOST_TASK_REF=T-\d+$/m);
    expect(seen).not.toMatch(/secret|DEPLOY_KEY|LOG_LEVEL/);
    expect((await once('--pass-env', 'DEPLOY_KEY')).code).toBe(0);
    const passed = state(dbPath, refs[1] ?? '').runs[0]?.output ?? '';
    expect(passed).toMatch(/^DEPLOY_KEY=wanted$/m);
    expect(passed).not.toMatch(/secret/);
  });

  it('fails the task on a non-zero exit with the tail of stderr as the reason', async () => {
    const { dir, dbPath, refs } = queue(1);
    const run = script(
      dir,
      'bad.sh',
      'echo "compiling"\nprintf "\\033[31m3 of 40 tests failed\\033[0m\\n" >&2\nexit 3',
    );
    const r = await goalpost(['--db', dbPath, 'worker', '--assignee', 'bot1', '--exec', run, '--once']);
    expect(r.code).toBe(0);
    const { task, events, runs } = state(dbPath, refs[0] ?? '');
    expect(task.status).toBe('failed');
    expect(events.at(-1)?.note).toBe('exit 3: 3 of 40 tests failed');
    // Its own log says so without the command's colour codes too.
    expect(`${r.stdout}${r.stderr}`).toMatch(/: failed in \d+ s \(exit 3: 3 of 40 tests failed\)/);
    expect(`${r.stdout}${r.stderr}`).not.toContain('\u001b');
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
    // The backgrounded sleep died with its group.
    expect(await dies(Number(readFileSync(pidFile, 'utf8')))).toBe(true);
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

  it('stops the command of a worker killed with SIGKILL, and requeues its task once its lease runs out; the next worker finishes it once', async () => {
    const { dir, dbPath, refs } = queue(1);
    const started = join(dir, 'started');
    const pids = join(dir, 'pids');
    // The command and what it started in the background: neither may outlive the worker.
    const run = script(dir, 'long.sh', `sleep 30 &\necho "$$ $!" > ${pids}\ntouch ${started}\nwait`);
    const killed = await goalpost(
      ['--db', dbPath, 'worker', '--assignee', 'bot1', '--exec', run, '--lease-minutes', '1'],
      (child) => {
        const timer = setInterval(() => {
          if (existsSync(started)) {
            clearInterval(timer);
            child.kill('SIGKILL');
          }
        }, 50);
      },
    );
    expect(killed.code).toBeNull();
    const [command, background] = readFileSync(pids, 'utf8').trim().split(' ').map(Number);
    expect(await dies(command ?? 0)).toBe(true);
    expect(await dies(background ?? 0)).toBe(true);
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
    expect(r.stderr).toContain(`${refs[0]}: back in the queue, its lease having run out`);
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
    expect(missing.stderr).toMatch(
      /the command could not be started: \.\/no-such-script\.sh is not found or not executable .*; nothing was claimed/,
    );
    const { task, events } = state(dbPath, refs[0] ?? '');
    expect(task.status).toBe('approved');
    expect(task.claimedBy).toBeNull();
    expect(events.some((e) => e.type === 'claimed')).toBe(false);
  });

  // A review's script did its work (pushed its branch), then called a tool that was not installed:
  // `sh` exits 127, which read as "could not be started", the task released with no outcome and
  // run again by every worker that came, four times, its retries never counted.
  it('records a command that started and exits 126 or 127 as a failed run, not one that never started', async () => {
    const { dir, dbPath, refs } = queue(1);
    const did = join(dir, 'did');
    const run = script(dir, 'push.sh', `echo pushed >> ${did}\nno-such-tool --publish`);
    const r = await goalpost(['--db', dbPath, 'worker', '--assignee', 'bot1', '--exec', run, '--once']);
    expect(r.code).toBe(0);
    expect(readFileSync(did, 'utf8')).toBe('pushed\n');
    const { task, events, runs } = state(dbPath, refs[0] ?? '');
    expect(task.status).toBe('failed');
    expect(events.at(-1)?.note).toMatch(/^exit 127: .*no-such-tool.*not found/);
    expect(runs[0]).toMatchObject({ result: 'failed', exitCode: 127 });
  });

  // Past about 24.8 days in ms a Node timer fires at once: `--timeout 2200000` failed a task in 0 s
  // "timed out after 2200000 s", credited against the worker, and a lease of 99,999,999 minutes
  // was renewed 2,639 times in 3 s. Each flag is a time a person would mean, or refused.
  it('refuses a timing flag past what it means, naming it, and claims nothing', async () => {
    const { dbPath, refs } = queue(1);
    const refused: Array<[string[], RegExp]> = [
      [
        ['--timeout', '2200000'],
        /^goalpost: --timeout: whole seconds from 1 to 604800 \(a week\), like 3600 \(got 2200000\)$/m,
      ],
      [
        ['--lease-minutes', '99999999'],
        /^goalpost: --lease-minutes: whole minutes from 1 to 10080 \(a week\), like 30 \(got 99999999\)$/m,
      ],
      [
        ['--poll', '3000000'],
        /^goalpost: --poll: whole seconds from 1 to 3600 \(an hour\), like 5 \(got 3000000\)$/m,
      ],
      [
        ['--grace', '86400'],
        /^goalpost: --grace: whole seconds from 1 to 3600 \(an hour\), like 30 \(got 86400\)$/m,
      ],
      [
        ['--concurrency', '1000'],
        /^goalpost: --concurrency: commands at once from 1 to 64, like 2 \(got 1000\)$/m,
      ],
    ];
    for (const [flags, message] of refused) {
      const r = await goalpost([
        '--db',
        dbPath,
        'worker',
        '--assignee',
        'bot1',
        '--exec',
        'true',
        '--once',
        ...flags,
      ]);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(message);
    }
    // The setting is held to the same day as the flag and the API, at start.
    const setting = await goalpost(
      ['--db', dbPath, 'worker', '--assignee', 'bot1', '--exec', 'true', '--once'],
      undefined,
      { GOALPOST_LEASE_MINUTES: '20000' },
    );
    expect(setting.code).toBe(78);
    expect(setting.stderr).toMatch(
      /GOALPOST_LEASE_MINUTES: whole minutes from 1 to 10080 \(a week\), like 30/,
    );
    const { task, events } = state(dbPath, refs[0] ?? '');
    expect(task.status).toBe('approved');
    expect(task.claimedBy).toBeNull();
    expect(events.some((e) => e.type === 'claimed')).toBe(false);
  });

  it('on SIGTERM, kills a command that outlives --grace, gives its task back to the queue and exits 0', async () => {
    const { dir, dbPath } = queue(1);
    const started = join(dir, 'started');
    const pidFile = join(dir, 'grandchild.pid');
    const run = script(dir, 'long.sh', `sleep 300 &\necho $! > ${pidFile}\ntouch ${started}\nwait`);
    const r = await goalpost(
      ['--db', dbPath, 'worker', '--assignee', 'bot1', '--exec', run, '--grace', '1', '--poll', '1'],
      (child) => {
        void until(() => existsSync(started)).then(() => child.kill('SIGTERM'));
      },
    );
    expect(r.code).toBe(0);
    const ref = /claimed (T-\d+)/.exec(r.stderr)?.[1] ?? 'none';
    expect(r.stderr).toContain(`stopping: waiting up to 1 s for ${ref}`);
    expect(r.stderr).toContain(`${ref}: released (the worker is stopping)`);
    expect(r.stdout).toContain('Worker stopped after 0 tasks.');
    // The command's whole process group was killed, the backgrounded sleep with it.
    expect(await dies(Number(readFileSync(pidFile, 'utf8')))).toBe(true);
    const { task, runs, events } = state(dbPath, ref);
    expect(task.status).toBe('approved');
    expect(task.claimedBy).toBeNull();
    expect(runs).toHaveLength(1);
    expect(runs[0]?.result).toBe('released');
    expect(events.at(-1)).toMatchObject({ type: 'released', toStatus: 'approved' });
  });

  it('on SIGTERM, lets a command that ends within --grace record its outcome and claims nothing new', async () => {
    const { dir, dbPath, refs } = queue(2);
    expect(refs).toHaveLength(2);
    // Runs until the test says go (at most 10 s), so SIGTERM surely arrives while it runs.
    const { run, started, go } = waitForGo(dir, 'finished after SIGTERM');
    const r = await goalpost(
      ['--db', dbPath, 'worker', '--assignee', 'bot1', '--exec', run, '--grace', '15', '--poll', '1'],
      (child) => {
        const log = logOf(child);
        void (async () => {
          await until(() => existsSync(started));
          child.kill('SIGTERM');
          await until(() => log().includes('stopping: waiting up to 15 s'));
          writeFileSync(go, '');
        })();
      },
    );
    expect(r.code).toBe(0);
    expect(r.stderr.match(/claimed T-\d+/g)).toHaveLength(1);
    const ref = /claimed (T-\d+)/.exec(r.stderr)?.[1] ?? 'none';
    expect(r.stderr).toMatch(new RegExp(`${ref}: done in`));
    expect(r.stdout).toContain('Worker stopped after 1 task.');
    const { task, runs } = state(dbPath, ref);
    expect(task.status).toBe('done');
    expect(runs).toMatchObject([{ result: 'done', exitCode: 0 }]);
    expect(runs[0]?.output).toContain('finished after SIGTERM');
    const other = state(dbPath, refs.find((x) => x !== ref) ?? '');
    expect(other.task.status).toBe('approved');
    expect(other.runs).toHaveLength(0);
  });

  it('runs two commands at the same time with --concurrency 2 and finishes all three tasks', async () => {
    const { dir, dbPath, refs } = queue(3);
    expect(refs).toHaveLength(3);
    const running = join(dir, 'running');
    const overlap = join(dir, 'overlap');
    const tooMany = join(dir, 'too-many');
    // Each command marks itself running, then waits (at most 5 s) until it sees another command
    // running beside it, and writes down who ran together. Once that is seen, later ones go on.
    const run = script(
      dir,
      'together.sh',
      [
        `mkdir -p ${running}`,
        `touch ${running}/$GOALPOST_TASK_REF`,
        `[ "$(ls ${running} | wc -l)" -gt 2 ] && ls ${running} > ${tooMany}`,
        'i=0',
        `while [ ! -e ${overlap} ] && [ $i -lt 100 ]; do`,
        `  if [ "$(ls ${running} | wc -l)" -ge 2 ]; then ls ${running} > ${overlap}.$$; mv ${overlap}.$$ ${overlap}; fi`,
        '  sleep 0.05; i=$((i+1))',
        'done',
        `rm ${running}/$GOALPOST_TASK_REF`,
      ].join('\n'),
    );
    const r = await goalpost(
      ['--db', dbPath, 'worker', '--assignee', 'bot1', '--exec', run, '--concurrency', '2', '--poll', '1'],
      (child) => {
        const log = logOf(child);
        void until(() => (log().match(/: done in/g) ?? []).length >= 3).then(() => child.kill('SIGTERM'));
      },
    );
    expect(r.code).toBe(0);
    expect(existsSync(overlap)).toBe(true);
    const together = readFileSync(overlap, 'utf8').trim().split('\n');
    expect(together).toHaveLength(2);
    for (const ref of together) expect(refs).toContain(ref);
    expect(existsSync(tooMany)).toBe(false);
    for (const ref of refs) expect(state(dbPath, ref).task.status).toBe('done');
  });

  it('never lets two workers run more of an assignee’s tasks at once than its capacity', async () => {
    const { dir, dbPath, refs } = queue(2, 1);
    expect(refs).toHaveLength(2);
    const lock = join(dir, 'lock');
    const clashes = join(dir, 'clashes');
    const ran = join(dir, 'ran');
    // mkdir is atomic: it fails when another command holds the lock, which capacity 1 forbids.
    const run = script(
      dir,
      'exclusive.sh',
      [
        `mkdir ${lock} 2>/dev/null || { echo "$GOALPOST_TASK_REF" >> ${clashes}; exit 1; }`,
        `echo "$GOALPOST_TASK_REF" >> ${ran}`,
        'sleep 1.5',
        `rmdir ${lock}`,
      ].join('\n'),
    );
    let log = '';
    const stopWhenBothDone = (child: ChildProcess) => {
      child.stderr?.on('data', (d: Buffer) => {
        log += d;
      });
      void until(() => (log.match(/: done in/g) ?? []).length >= 2, 15_000).then(() => child.kill('SIGTERM'));
    };
    const args = ['--db', dbPath, 'worker', '--assignee', 'bot1', '--exec', run, '--poll', '1'];
    const [a, b] = await Promise.all([goalpost(args, stopWhenBothDone), goalpost(args, stopWhenBothDone)]);
    expect([a.code, b.code]).toEqual([0, 0]);
    expect(existsSync(clashes)).toBe(false);
    expect(readFileSync(ran, 'utf8').trim().split('\n').sort()).toEqual([...refs].sort());
    for (const ref of refs) {
      const { task, runs } = state(dbPath, ref);
      expect(task.status).toBe('done');
      expect(runs.map((x) => x.result)).toEqual(['done']);
    }
  });

  it('stops the command when `goalpost queue release` takes its task back, which is approved again', async () => {
    const { dir, dbPath, refs } = queue(1);
    const ref = refs[0] ?? '';
    const started = join(dir, 'started');
    const finished = join(dir, 'finished');
    const run = script(dir, 'long.sh', `touch ${started}\nsleep 6\ntouch ${finished}`);
    const args = ['--db', dbPath, 'worker', '--assignee', 'bot1', '--exec', run, '--once'];
    let released: Promise<Exit> | undefined;
    const r = await goalpost([...args, '--lease-minutes', '1', '--heartbeat', '1'], () => {
      released = until(() => existsSync(started)).then(() =>
        goalpost(['--db', dbPath, 'queue', 'release', ref, '--reason', 'rerouting it']),
      );
    });
    const releasedBy = await released;
    expect(releasedBy?.code, releasedBy?.stderr).toBe(0);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(
      new RegExp(
        `${ref}: the claim is gone \\(${ref} is no longer claimed by bot1: it is approved.*\\); stopping the command`,
      ),
    );
    expect(existsSync(finished)).toBe(false);
    const { task, runs, events } = state(dbPath, ref);
    expect(task).toMatchObject({ status: 'approved', claimedBy: null });
    expect(runs.map((x) => x.result)).toEqual(['released']);
    expect(events.at(-1)).toMatchObject({ type: 'released', note: 'taken back from bot1: rerouting it' });
    expect(events.some((e) => e.type === 'done' || e.type === 'failed')).toBe(false);
  });

  it('stops the command when its task is cancelled while it runs, and records the run as lost', async () => {
    const { dir, dbPath, refs } = queue(1);
    const ref = refs[0] ?? '';
    const started = join(dir, 'started');
    const finished = join(dir, 'finished');
    const pidFile = join(dir, 'grandchild.pid');
    // Would end after 6 s and leave a marker; the heartbeat every second is to stop it long before.
    const run = script(
      dir,
      'long.sh',
      `sleep 6 &\necho $! > ${pidFile}\ntouch ${started}\nwait\ntouch ${finished}`,
    );
    const args = ['--db', dbPath, 'worker', '--assignee', 'bot1', '--exec', run, '--once'];
    let cancelled: Promise<Exit> | undefined;
    const r = await goalpost([...args, '--lease-minutes', '1', '--heartbeat', '1'], () => {
      cancelled = until(() => existsSync(started)).then(() => goalpost(['--db', dbPath, 'cancel', ref]));
    });
    expect((await cancelled)?.code).toBe(0);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(
      new RegExp(
        `${ref}: the claim is gone \\(${ref} is no longer claimed by bot1: it is cancelled.*\\); stopping the command`,
      ),
    );
    expect(r.stderr).toContain(`${ref}: run recorded as lost`);
    expect(r.stderr).not.toMatch(new RegExp(`${ref}: (done|failed) in`));
    expect(await dies(Number(readFileSync(pidFile, 'utf8')))).toBe(true);
    expect(existsSync(finished)).toBe(false);
    const { task, runs, events } = state(dbPath, ref);
    expect(task.status).toBe('cancelled');
    expect(runs).toHaveLength(1);
    expect(runs[0]?.result).toBe('lost');
    expect(events.map((e) => e.type).filter((t) => t === 'done' || t === 'failed')).toEqual([]);
  });

  it('records a run whose outcome meets a locked database once the lock is let go, within the lease', async () => {
    const { dir, dbPath, refs } = queue(1);
    const ref = refs[0] ?? '';
    const started = join(dir, 'started');
    const run = script(dir, 'slow.sh', `touch ${started}\nsleep 3\necho hi`);
    // Another process takes the write lock as the command starts, and holds it 12 s: past the
    // end of the command and past the CLI's 5-second wait for the lock, so the first report fails.
    const hold = `const D=require('better-sqlite3');const d=new D(process.argv[1]);d.exec('BEGIN IMMEDIATE');d.exec("UPDATE workspaces SET name=name");console.log('locked');setTimeout(()=>{d.exec('ROLLBACK');process.exit(0)},12000);`;
    let holder: Promise<Exit> | undefined;
    const args = ['--db', dbPath, 'worker', '--assignee', 'bot1', '--exec', run, '--once'];
    const r = await goalpost([...args, '--heartbeat', '1', '--lease-minutes', '1'], () => {
      holder = until(() => existsSync(started)).then(
        () =>
          new Promise<Exit>((resolve) => {
            const child = spawn(process.execPath, ['-e', hold, dbPath], { cwd: packageRoot() });
            cleanups.push(() => child.kill('SIGKILL'));
            let stdout = '';
            child.stdout.on('data', (d: Buffer) => {
              stdout += d;
            });
            child.on('exit', (code) => resolve({ code, stdout, stderr: '' }));
          }),
      );
    });
    expect(await holder).toMatchObject({ code: 0, stdout: 'locked\n' });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(
      new RegExp(
        `${ref}: could not record that the command exited 0 \\(done\\): the database is busy: another process holds its lock; trying again in`,
      ),
    );
    expect(r.stderr).toMatch(new RegExp(`${ref}: done in`));
    const { task, runs } = state(dbPath, ref);
    expect(task.status).toBe('done');
    expect(task.claimedBy).toBeNull();
    expect(runs.map((x) => x.result)).toEqual(['done']);
    expect(runs[0]?.output).toBe('hi\n');
  }, 60_000);
});

describe('goalpost worker (remote mode)', () => {
  async function api(dbPath: string) {
    const opened = openGoalpost({ dbPath, clock: systemClock, logger: silentLogger });
    opened.app.context(ctx);
    const token = opened.app.tokens.create(ctx, { name: 'worker', role: 'member' }).token;
    const serve = () => createHttpServer({ app: opened.app, logger: silentLogger, clock: systemClock });
    let server = serve();
    const { url, port } = await server.listen(0, '127.0.0.1');
    cleanups.push(
      () => opened.close(),
      () => server.close(),
    );
    return {
      url,
      token,
      /** Takes the API down, as an outage or a restart of the bot would. */
      down: () => server.close(),
      /** Brings it back on the same port. */
      up: async () => {
        server = serve();
        await server.listen(port, '127.0.0.1');
      },
    };
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

  it('records the run of a command that printed far more than a run keeps, its tail marked as cut', async () => {
    const { dir, dbPath, refs } = queue(1);
    const { url, token } = await api(dbPath);
    // Some 190,000 characters, non-ASCII and terminal colours among them: the tail a run keeps is
    // over 64 KiB as JSON, which the API's report limit once refused, leaving the task claimed.
    const run = script(
      dir,
      'verbose.sh',
      `i=0; while [ $i -lt 4000 ]; do printf 'build step %05d: héllo \\033[31mwarn\\033[0m ✓ ✓ ✓ ✓ ✓ ✓\\n' $i; i=$((i+1)); done; echo "all built"; printf 'progress 10%%\\rprogress 100%% \\302\\2331mdone\\r\\n'`,
    );
    const args = ['worker', '--assignee', 'bot1', '--exec', run, '--api', url, '--token', token, '--once'];
    const worker = await goalpost(args);
    // (A 413 reads ": 413 the request body is over …"; the port in the log may hold the digits.)
    expect(worker.stderr).not.toMatch(/: 413 |could not/);
    expect(worker.code).toBe(0);
    const { task, runs } = state(dbPath, refs[0] ?? '');
    expect(task.status).toBe('done');
    expect(runs[0]?.result).toBe('done');
    const output = runs[0]?.output ?? '';
    expect(output).toHaveLength(65_536);
    expect(output.startsWith('[… earlier output cut]\n')).toBe(true);
    expect(
      output.endsWith(
        'build step 03999: héllo \u001b[31mwarn\u001b[0m ✓ ✓ ✓ ✓ ✓ ✓\nall built\nprogress 10%\rprogress 100% \u009b1mdone\r\n',
      ),
    ).toBe(true);
    expect(output).not.toContain('\uFFFD');
    // `task show` prints the tail as text: the colours the command printed do not reach the terminal.
    const shown = await goalpost(['task', 'show', refs[0] ?? '', '--db', dbPath]);
    expect(shown.stdout).toContain(
      '| build step 03999: héllo warn ✓ ✓ ✓ ✓ ✓ ✓\n      | all built\n      | progress 100% done\n',
    );
    for (const code of ['\u001b', '\r', '\u009b']) expect(shown.stdout).not.toContain(code);
    // And says what was kept is a tail: not "… N earlier lines (--json shows all)", as if whole.
    expect(shown.stdout).toMatch(
      /… the output was longer than the 64 KiB a run keeps: its start is gone; \d+ earlier lines of what was kept \(--json shows them\)/,
    );
    expect(shown.stdout).not.toContain('shows all');
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

  it('stops the command when its lease ran out and the task went back to the queue (a 409 on renew)', async () => {
    const { dir, dbPath, refs } = queue(1);
    const ref = refs[0] ?? '';
    const { url, token } = await api(dbPath);
    const started = join(dir, 'started');
    const finished = join(dir, 'finished');
    const pidFile = join(dir, 'grandchild.pid');
    const run = script(
      dir,
      'long.sh',
      `sleep 6 &\necho $! > ${pidFile}\ntouch ${started}\nwait\ntouch ${finished}`,
    );
    const later = new Date(Date.now() + 2 * 60_000).toISOString();
    let requeued: Promise<Exit> | undefined;
    const r = await goalpost(
      [
        'worker',
        '--assignee',
        'bot1',
        '--exec',
        run,
        '--api',
        url,
        '--token',
        token,
        '--once',
        '--lease-minutes',
        '1',
        '--heartbeat',
        '1',
      ],
      () => {
        // Two minutes later (by --now) the lease has run out: reading the queue requeues the task.
        requeued = until(() => existsSync(started)).then(() =>
          goalpost(['--db', dbPath, '--now', later, 'queue']),
        );
      },
    );
    expect((await requeued)?.stdout).toContain(ref);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(
      new RegExp(
        `${ref}: the claim is gone \\(POST /api/queue/renew: 409 ${ref} is no longer claimed by bot1: it is approved`,
      ),
    );
    expect(r.stderr).toContain(`${ref}: run recorded as lost`);
    expect(await dies(Number(readFileSync(pidFile, 'utf8')))).toBe(true);
    expect(existsSync(finished)).toBe(false);
    const { task, runs, events } = state(dbPath, ref);
    expect(task.status).toBe('approved');
    expect(task.claimedBy).toBeNull();
    expect(runs.map((x) => x.result)).toEqual(['lost']);
    expect(events.map((e) => e.type).filter((t) => t !== 'assigned')).toEqual([
      'created',
      'approved',
      'claimed',
      'lease_expired',
    ]);
  });

  it('keeps the command running while the API is unreachable, and records it done once the API is back', async () => {
    const { dir, dbPath, refs } = queue(1);
    const ref = refs[0] ?? '';
    const service = await api(dbPath);
    const { run, started, go } = waitForGo(dir, 'went on');
    const r = await goalpost(
      [
        'worker',
        '--assignee',
        'bot1',
        '--exec',
        run,
        '--api',
        service.url,
        '--token',
        service.token,
        '--once',
        '--lease-minutes',
        '1',
        '--heartbeat',
        '1',
      ],
      (child) => {
        const log = logOf(child);
        void (async () => {
          await until(() => existsSync(started));
          await service.down();
          await until(() => log().includes(`${ref}: could not renew the lease: cannot reach`));
          await service.up();
          writeFileSync(go, '');
        })();
      },
    );
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(
      `${ref}: could not renew the lease: cannot reach the Goalpost API at ${service.url}`,
    );
    expect(r.stderr).toContain('the command keeps running, trying again at the next heartbeat');
    expect(r.stderr).not.toContain('the claim is gone');
    expect(r.stderr).toMatch(new RegExp(`${ref}: done in`));
    const { task, runs } = state(dbPath, ref);
    expect(task.status).toBe('done');
    expect(runs).toMatchObject([{ result: 'done', exitCode: 0 }]);
    expect(runs[0]?.output).toContain('went on');
  });

  // A review restarted the bot under a worker of two slots, one running a command, one idle: the
  // idle slot's claim failed, the worker said it stopped, and went on claiming with the other,
  // its SIGTERM no longer heard; the task it claimed next stranded, then ran twice.
  it('asks for work again while the API is down, and goes on once it is back, SIGTERM heard throughout', async () => {
    const { dir, dbPath, refs } = queue(1);
    const ref = refs[0] ?? '';
    const service = await api(dbPath);
    const { run, started, go } = waitForGo(dir, 'went on');
    let stopped = false;
    const r = await goalpost(
      [
        'worker',
        '--assignee',
        'bot1',
        '--exec',
        run,
        '--api',
        service.url,
        '--token',
        service.token,
        '--concurrency',
        '2',
        '--poll',
        '1',
      ],
      (child) => {
        const log = logOf(child);
        void (async () => {
          await until(() => existsSync(started));
          await service.down();
          // The idle slot asks for work while the bot is away: no stop, no claim.
          await until(() => log().includes('cannot be reached: asking for work again'));
          await service.up();
          writeFileSync(go, '');
          await until(() => log().includes(`${ref}: done in`) && log().includes('the API answers again'));
          stopped = true;
          child.kill('SIGTERM');
        })();
      },
    );
    expect(stopped).toBe(true);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toMatch(/is the bot running\?\n.*claimed/s);
    const { task, runs } = state(dbPath, ref);
    expect(task.status).toBe('done');
    expect(runs).toMatchObject([{ result: 'done', exitCode: 0 }]);
  });
});
