import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer as createHttpServer, type ServerResponse } from 'node:http';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Webhook } from '../../src/index.js';
import { packageRoot } from '../../src/paths.js';
import { cliFor } from '../helpers/run-cli.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { useBuilt } from '../helpers/use-built.js';

const root = packageRoot();
const tempDir = useTempDir();

useBuilt();

const baseEnv = (dir: string, extra: Record<string, string> = {}) => ({
  PATH: process.env.PATH ?? '',
  HOME: process.env.HOME ?? dir,
  GOALPOST_DB: join(dir, 'goalpost.db'),
  GOALPOST_CONSOLE_USER: 'ana',
  GOALPOST_TIME_ZONE: 'Europe/Berlin',
  PORT: '0',
  ...extra,
});

/**
 * A copy of the package (sources linked, configs copied, no dist/) where `npm start` builds and
 * runs as in a fresh clone, without rewriting the dist/ other tests run from.
 */
function packageCopy(dir: string): string {
  for (const f of ['package.json', 'tsconfig.json', 'tsconfig.build.json'])
    copyFileSync(join(root, f), join(dir, f));
  // Copied, not linked: the script builds the package it sits in.
  mkdirSync(join(dir, 'scripts'));
  copyFileSync(join(root, 'scripts/build.mjs'), join(dir, 'scripts/build.mjs'));
  for (const d of ['node_modules', 'src', 'adapters', 'migrations', 'bin'])
    symlinkSync(join(root, d), join(dir, d));
  return dir;
}

/** Runs the bot with `input` piped to stdin; resolves when it exits at end of input. */
function runPiped(command: string, args: string[], input: string, env: Record<string, string>, cwd = root) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(command, args, { cwd, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

/**
 * A preload (`node --require`) that prints, as the process exits, which chat SDKs it loaded:
 * `chat-sdks ["discord.js"]`. The bot imports each only when its platform is configured.
 */
function sdkReport(dir: string): string {
  const path = join(dir, 'chat-sdks.cjs');
  writeFileSync(
    path,
    `process.on('exit', () => {
      const loaded = ['discord.js', '@slack/bolt'].filter((sdk) =>
        Object.keys(require.cache).some((file) => file.includes('/node_modules/' + sdk + '/')),
      );
      process.stderr.write('\\nchat-sdks ' + JSON.stringify(loaded) + '\\n');
    });\n`,
  );
  return path;
}

/** The chat SDKs a process run with {@link sdkReport} loaded. */
const sdksLoaded = (stderr: string): unknown => JSON.parse(/chat-sdks (\[.*\])/.exec(stderr)?.[1] ?? 'null');

/** Sends SIGTERM and resolves with the exit code: a bot that stops cleanly exits 0. */
function sigterm(child: ChildProcess): Promise<number | null> {
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  child.kill('SIGTERM');
  return exited;
}

function waitFor(child: ChildProcess, pattern: RegExp): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const onData = (d: Buffer) => {
      seen += d.toString();
      const m = seen.match(pattern);
      if (m) {
        child.stdout?.off('data', onData);
        resolve(m);
      }
    };
    child.stdout?.on('data', onData);
    child.on('exit', () => reject(new Error(`exited before ${pattern}: ${seen}`)));
  });
}

describe('npm start: the running bot', () => {
  it('runs the console chat a person types into, from `npm start` with piped input, and exits at its end', async () => {
    const dir = tempDir();
    const input = [
      '/goalpost demo',
      '/goalpost digest',
      '/goalpost approve T-2',
      '/goalpost reject T-3 not this quarter',
      '/goalpost done T-2 shipped',
      '/goalpost subscribe 09:00 Europe/Berlin',
      '/goalpost reject T-4',
      '',
    ].join('\n');
    const r = await runPiped('npm', ['start', '--silent'], input, baseEnv(dir), packageCopy(tempDir()));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Workspace "default" is empty\. Type \/goalpost demo to load the EDU demo data/);
    expect(r.stdout).toMatch(/you are console:ana \(admin\)/);
    expect(r.stdout).toMatch(/HTTP API on http:\/\/127\.0\.0\.1:\d+/);
    expect(r.stdout).toMatch(/Loaded the EDU demo/);
    expect(r.stdout).toMatch(/━━ Goalpost digest for \d{4}-\d{2}-\d{2} ━━/);
    expect(r.stdout).toMatch(/Revenue\n {2}Revenue by \d{4}-\d{2} +\[[█░]{20}\] \d+%/);
    expect(r.stdout).toMatch(/┌ T-1 · P\d+ · \w+ · .*\+\$[\d,]+\/mo · alignment \d\.\d\d · .* · proposed/);
    expect(r.stdout).toMatch(/│ Why:\n│ {3}- /);
    expect(r.stdout).toMatch(/└ ✅ \/goalpost approve T-1 {3}❌ \/goalpost reject T-1 <reason>/);
    expect(r.stdout).toMatch(/^✅ T-2 approved by @ana — /m);
    expect(r.stdout).toMatch(/^❌ T-3 rejected by @ana: not this quarter — /m);
    expect(r.stdout).toMatch(/^🏁 T-2 done by @ana: shipped — /m);
    expect(r.stdout).toMatch(/subscribed this channel to the digest at 09:00 Europe\/Berlin/);
    expect(r.stdout).toMatch(/✖ reason: say why[^\n]*\n {2}usage: \/goalpost reject T-4 <reason>/);
  }, 180_000);

  it("starts on its embedded defaults without loading Slack's or Discord's SDK", async () => {
    const dir = tempDir();
    const r = await runPiped(
      process.execPath,
      ['--require', sdkReport(dir), join(root, 'dist/src/main.js')],
      '/goalpost help\n',
      baseEnv(dir),
      dir,
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/HTTP API on http:\/\/127\.0\.0\.1:\d+/);
    expect(sdksLoaded(r.stderr)).toEqual([]);
  }, 60_000);

  it('stops cleanly on SIGTERM while serving /healthz, and keeps what it wrote', async () => {
    const dir = tempDir();
    const child = spawn(process.execPath, [join(root, 'dist/src/main.js')], { cwd: dir, env: baseEnv(dir) });
    const [, url] = await waitFor(child, /HTTP API on (http:\/\/[\d.:]+)/);
    const health = await fetch(`${url}/healthz`);
    expect(health.status).toBe(200);
    child.stdin.write('/goalpost demo\n');
    await waitFor(child, /Loaded the EDU demo/);
    expect(await sigterm(child)).toBe(0);
    const again = await runPiped(
      process.execPath,
      [join(root, 'dist/src/main.js')],
      '/goalpost vision\n',
      baseEnv(dir),
      dir,
    );
    expect(again.code).toBe(0);
    expect(again.stdout).not.toMatch(/database is empty/);
    expect(again.stdout).toMatch(/primary_goal +Launch Basic EDU Apps/);
  }, 60_000);

  it('stops on SIGTERM while a webhook receiver hangs, and keeps the delivery due for the next start', async () => {
    // A receiver that takes each request and answers none (until the test ends): the bot's 10 s
    // delivery timeout is as long as a supervisor waits before SIGKILL.
    const ids: string[] = [];
    const held: ServerResponse[] = [];
    const receiver = createHttpServer((req, res) => {
      ids.push(String(req.headers['x-goalpost-delivery']));
      req.resume();
      held.push(res);
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/hooks`;
    try {
      const dir = tempDir();
      const env = baseEnv(dir, { GOALPOST_CONSOLE: 'off', GOALPOST_WEBHOOK_ALLOW_PRIVATE: 'on' });
      // The CLI's clock reads now, when each command runs, as the bot's does.
      const cli = (...args: string[]) =>
        cliFor(env.GOALPOST_DB, new Date().toISOString(), { GOALPOST_WEBHOOK_ALLOW_PRIVATE: 'on' })(...args);
      expect((await cli('init', '--demo')).code).toBe(0);
      expect((await cli('webhook', 'add', url, '--events', 'batch.generated')).code).toBe(0);
      expect((await cli('generate', '--max-tasks', '2')).code).toBe(0);
      const child = spawn(process.execPath, [join(root, 'dist/src/main.js')], {
        cwd: dir,
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      while (ids.length === 0) await new Promise((resolve) => setTimeout(resolve, 20));

      // The receiver holds the batch's delivery: the stop aborts it, recording no failed attempt.
      expect(await sigterm(child)).toBe(0);
      const [listed] = (await cli('webhook', 'list', '--json')).json<Webhook[]>();
      expect(listed?.deliveries).toEqual({ pending: 1, delivered: 0, failed: 0 });
      expect(listed?.lastError).toBeNull();
      for (const res of held.splice(0)) res.writeHead(200).end();
      receiver.on('request', (_req, res: ServerResponse) => res.writeHead(200).end());
      const sent = await cli('webhook', 'deliver', '--json');
      expect(sent.json()).toEqual({ delivered: 1, retried: 0, failed: 0 });
      expect(ids).toHaveLength(2);
      expect(ids[1]).toBe(ids[0]);
    } finally {
      receiver.closeAllConnections();
      await new Promise((resolve) => receiver.close(resolve));
    }
  }, 9_000);

  it('reopens LOG_FILE on SIGHUP, as logrotate asks after moving it, and keeps serving', async () => {
    const dir = tempDir();
    const log = join(dir, 'goalpost.log');
    const child = spawn(process.execPath, [join(root, 'dist/src/main.js')], {
      cwd: dir,
      env: baseEnv(dir, { GOALPOST_CONSOLE: 'off', LOG_FILE: log }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    const [, url] = await waitFor(child, /HTTP API on (http:\/\/[\d.:]+)[\s\S]*No console chat/);
    // logrotate's default: move the file, then signal the program to open a new one.
    renameSync(log, `${log}.1`);
    child.kill('SIGHUP');
    const lines = (path: string) =>
      existsSync(path)
        ? readFileSync(path, 'utf8')
            .trim()
            .split('\n')
            .map((l) => JSON.parse(l) as { msg: string })
        : [];
    for (let waited = 0; !lines(log).some((l) => /reopened/.test(l.msg)) && waited < 100; waited++) {
      if (child.exitCode !== null || child.signalCode !== null) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(child.signalCode).toBe(null);
    expect(child.exitCode).toBe(null);
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    expect(lines(log).map((l) => l.msg)).toContain('log file reopened (SIGHUP)');
    expect(statSync(log).mode & 0o777).toBe(0o600);
    expect(await sigterm(child)).toBe(0);
    await exited;
    // Everything after the move went to the new file, the clean stop included; the database closed.
    expect(lines(log).map((l) => l.msg)).toContain('stopping');
    expect(lines(`${log}.1`).map((l) => l.msg)).not.toContain('stopping');
    expect(existsSync(join(dir, 'goalpost.db-wal'))).toBe(false);
  }, 60_000);

  it('makes the folder of LOG_FILE again on SIGHUP when it was removed, and keeps running', async () => {
    const dir = tempDir();
    const log = join(dir, 'logs', 'goalpost.log');
    const child = spawn(process.execPath, [join(root, 'dist/src/main.js')], {
      cwd: dir,
      env: baseEnv(dir, { GOALPOST_CONSOLE: 'off', LOG_FILE: log }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    const [, url] = await waitFor(child, /HTTP API on (http:\/\/[\d.:]+)[\s\S]*No console chat/);
    // A clean-up took the folder, log and all: the reopen found no folder to open the file in,
    // and the error it emitted a tick later stopped the bot.
    rmSync(join(dir, 'logs'), { recursive: true });
    child.kill('SIGHUP');
    for (let waited = 0; !existsSync(log) && waited < 100; waited++) {
      if (child.exitCode !== null || child.signalCode !== null) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(child.exitCode).toBe(null);
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    expect(readFileSync(log, 'utf8')).toContain('log file reopened (SIGHUP)');
    expect(statSync(join(dir, 'logs')).mode & 0o777).toBe(0o700);
    expect(await sigterm(child)).toBe(0);
    await exited;
  }, 60_000);

  it('stops on the SIGTERM npm forwards to its script, leaving no bot behind', async () => {
    // npm runs `start` as `sh -c <script>` and, sent SIGTERM, forwards it to that shell. A script
    // that left the shell waiting on node let the shell die and node serve on, orphaned.
    const dir = tempDir();
    const script = (
      JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: { start: string } }
    ).scripts.start;
    const shell = spawn('sh', ['-c', script], {
      cwd: root,
      env: baseEnv(dir),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const [, url] = await waitFor(shell, /HTTP API on (http:\/\/[\d.:]+)/);
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    expect(await sigterm(shell)).toBe(0);
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
  }, 60_000);

  it('runs as a bot when stdin is /dev/null, as under a service manager: serves until SIGTERM, then exits 0', async () => {
    const dir = tempDir();
    const child = spawn(process.execPath, [join(root, 'dist/src/main.js')], {
      cwd: dir,
      env: baseEnv(dir),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    const [, url, why] = await waitFor(child, /HTTP API on (http:\/\/[\d.:]+)[\s\S]*No console chat: (.*)/);
    // Long enough for an input that had ended to have stopped it.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(child.exitCode).toBe(null);
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    expect(why).toMatch(/^stdin is neither a terminal nor piped input/);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 60_000);

  it('ignores its stdin with GOALPOST_CONSOLE=off, and with =on runs the console even beside Slack', async () => {
    const dir = tempDir();
    const child = spawn(process.execPath, [join(root, 'dist/src/main.js')], {
      cwd: dir,
      env: baseEnv(dir, { GOALPOST_CONSOLE: 'off' }),
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    child.stdin?.end('/goalpost demo\n');
    const [, url] = await waitFor(
      child,
      /HTTP API on (http:\/\/[\d.:]+)[\s\S]*No console chat: GOALPOST_CONSOLE=off\. Running until SIGTERM/,
    );
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(child.exitCode).toBe(null);
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(existsSync(join(dir, 'goalpost.db'))).toBe(true);
    // The demo line was never read: the database stayed empty.
    const again = await runPiped(process.execPath, [join(root, 'dist/src/main.js')], '/goalpost whoami\n', {
      ...baseEnv(dir),
      SLACK_BOT_TOKEN: 'xoxb-e2e',
      SLACK_SIGNING_SECRET: 'e2e-signing-secret-123',
      SLACK_API_URL: 'http://127.0.0.1:9/api/',
      GOALPOST_CONSOLE: 'on',
    });
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/Workspace "default" is empty/);
    expect(again.stdout).toMatch(/You are console:ana \(admin\)/);
  }, 60_000);

  it('uses ./data/goalpost.db and .env from the folder it starts in', async () => {
    const dir = tempDir();
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(dir, '.env'), 'GOALPOST_CONSOLE_USER=dora\nPORT=0\n');
    const env = { PATH: process.env.PATH ?? '', HOME: dir };
    const r = await runPiped(
      process.execPath,
      [join(root, 'dist/src/main.js')],
      '/goalpost whoami\n',
      env,
      dir,
    );
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync(join(dir, 'data/goalpost.db'))).toBe(true);
    expect(r.stdout).toMatch(/You are console:dora \(admin\) in workspace default/);
  }, 60_000);

  it('refuses bad configuration with every problem listed, and a taken port with what to do', async () => {
    const dir = tempDir();
    const bad = await runPiped(process.execPath, [join(root, 'dist/src/main.js')], '', {
      ...baseEnv(dir),
      PORT: 'eighty',
      GOALPOST_ADMINS: 'U024BE7LH',
    });
    expect(bad.code).toBe(78);
    expect(bad.stderr).toMatch(/PORT: a port from 0 to 65535/);
    expect(bad.stderr).toMatch(/GOALPOST_ADMINS: "U024BE7LH" is not platform:user/);
    expect(existsSync(join(dir, 'goalpost.db'))).toBe(false);

    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const address = taken.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const busy = await runPiped(process.execPath, [join(root, 'dist/src/main.js')], '', {
      ...baseEnv(dir),
      PORT: String(port),
    });
    taken.close();
    expect(busy.code).toBe(1); // may be free in a moment: a service manager restarts it
    expect(busy.stderr).toMatch(
      new RegExp(`cannot listen on 127\\.0\\.0\\.1:${port} \\(in use\\); set PORT`),
    );

    // An address that is not this machine's (TEST-NET-1): what to set, not an internal error.
    const elsewhere = await runPiped(process.execPath, [join(root, 'dist/src/main.js')], '', {
      ...baseEnv(dir),
      HOST: '192.0.2.1',
    });
    expect(elsewhere.code).toBe(78);
    expect(elsewhere.stderr).toMatch(
      /cannot listen on 192\.0\.2\.1:0 \(not an address of this machine\); set HOST to one of this machine's addresses/,
    );
    expect(elsewhere.stderr).not.toMatch(/went wrong on our side/);
  }, 60_000);

  it('leaves no database behind when refused for its address, and an existing one as it was', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const address = taken.address();
    const port = typeof address === 'object' && address ? String(address.port) : '0';
    const refusals: Array<[Record<string, string>, number]> = [
      [{ HOST: '192.0.2.1' }, 78],
      [{ PORT: port }, 1],
    ];
    // Root may listen on any port: the privileged one is refused only to another user.
    if (process.getuid?.() !== 0) refusals.push([{ PORT: '80' }, 78]);
    try {
      for (const [extra, code] of refusals) {
        const dir = tempDir();
        const r = await runPiped(process.execPath, [join(root, 'dist/src/main.js')], '', {
          ...baseEnv(dir, extra),
          GOALPOST_DB: join(dir, 'data', 'goalpost.db'),
        });
        expect(r.code, JSON.stringify(extra)).toBe(code);
        expect(r.stderr).toMatch(/cannot listen on/);
        expect(readdirSync(dir), JSON.stringify(extra)).toEqual([]);

        // An empty file, which opening would migrate into a database, and a database of another
        // workspace, which the console's would be added to: neither is touched.
        writeFileSync(join(dir, 'empty.db'), '');
        const existing = join(dir, 'goalpost.db');
        expect(
          spawnSync(process.execPath, [join(root, 'bin/goalpost.js'), '--db', existing, 'init']).status,
        ).toBe(0);
        const before = readFileSync(existing);
        for (const db of [join(dir, 'empty.db'), existing]) {
          const again = await runPiped(process.execPath, [join(root, 'dist/src/main.js')], '', {
            ...baseEnv(dir, extra),
            GOALPOST_DB: db,
            GOALPOST_WORKSPACE: 'elsewhere',
          });
          expect(again.code, again.stderr).toBe(code);
        }
        expect(readFileSync(join(dir, 'empty.db')).length).toBe(0);
        expect(readFileSync(existing).equals(before)).toBe(true);
        expect(readdirSync(dir).sort()).toEqual(['empty.db', 'goalpost.db']);
      }
    } finally {
      taken.close();
    }
  }, 60_000);
});

/**
 * `node dist/src/main.js` with Slack pointed at a fake Slack on 127.0.0.1 and `slack:UADMIN` as
 * admin; resolves once it says where Slack's events go. `send` posts a signed slash command from
 * UADMIN in C1; `stop` sends SIGTERM and resolves to the exit code.
 */
async function startBotWithSlack(extraEnv: Record<string, string> = {}) {
  const { startFakeSlack } = await import('../fakes/slack-web-api.js');
  const { postSigned, slashCommandBody, FORM } = await import('../fakes/slack-signing.js');
  const slack = await startFakeSlack();
  const dir = tempDir();
  const secret = 'e2e-signing-secret-123';
  const env = {
    ...baseEnv(dir),
    SLACK_BOT_TOKEN: 'xoxb-e2e',
    SLACK_SIGNING_SECRET: secret,
    SLACK_API_URL: slack.apiUrl,
    GOALPOST_ADMINS: 'slack:UADMIN',
    ...extraEnv,
  };
  const child = spawn(process.execPath, [join(root, 'dist/src/main.js')], { cwd: dir, env });
  const close = async () => {
    child.kill('SIGKILL');
    await slack.close();
  };
  let events: string;
  try {
    [, events = ''] = await waitFor(child, /Slack: events at (http:\/\/[\d.:]+\/slack\/events)/);
  } catch (error) {
    await close();
    throw error;
  }
  return {
    slack,
    dir,
    env,
    send: (text: string) =>
      postSigned(
        events,
        secret,
        slashCommandBody({ userId: 'UADMIN', channelId: 'C1', text, responseUrl: slack.responseUrl(text) }),
        FORM,
      ),
    async stop(): Promise<number | null> {
      const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
      child.kill('SIGTERM');
      return exited;
    },
    close,
  };
}

describe('npm start with Slack settings', () => {
  it('serves Slack on the same port, turns the console off, and posts a digest a signed command asks for', async () => {
    const bot = await startBotWithSlack();
    const { slack } = bot;
    try {
      expect((await bot.send('demo')).status).toBe(200);
      await slack.waitFor((calls) => calls.some((c) => /Loaded the EDU demo/.test(String(c.args.text))));
      expect((await bot.send('digest')).status).toBe(200);
      await slack.waitFor(
        (calls) =>
          calls.filter((c) => c.method === 'chat.postMessage' && /^T-\d/.test(String(c.args.text))).length >=
          3,
        15_000,
      );
      expect(await bot.stop()).toBe(0);
    } finally {
      await bot.close();
    }
  }, 60_000);
});

describe('npm start with Slack settings and a worker agent', () => {
  it("shows on the task's Slack message that a `goalpost worker` process picked it up and how it ended", async () => {
    const bot = await startBotWithSlack({ GOALPOST_WORKSPACE: 'T0GOALPOST' });
    const { slack, dir, env } = bot;
    const cli = (...args: string[]) =>
      spawnSync(process.execPath, [join(root, 'bin/goalpost.js'), ...args], {
        cwd: dir,
        env: { ...env, LOG_LEVEL: 'silent' },
        encoding: 'utf8',
      });
    try {
      /** Sends a signed command; resolves once a post or a response_url answer matches `answer`. */
      const say = async (text: string, answer: RegExp) => {
        expect((await bot.send(text)).status).toBe(200);
        await slack.waitFor(
          (calls, responses) =>
            calls.some((c) => answer.test(String(c.args.text))) ||
            responses.some((r) => answer.test(JSON.stringify(r.body))),
          15_000,
        );
      };
      await say('demo', /Loaded the EDU demo/);
      await say('digest', /^T-1\b/);
      const added = cli('assignee', 'add', 'bot1', '--kind', 'worker');
      expect(added.status, added.stderr).toBe(0);
      await say('approve T-1', /T-1 approved by/);
      await say('assign T-1 bot1', /T-1 .*bot1/);
      const worker = cli('worker', '--assignee', 'bot1', '--exec', 'echo built it', '--once');
      expect(worker.status, worker.stderr).toBe(0);
      const thread = (pattern: RegExp) => (calls: Array<{ method: string; args: Record<string, unknown> }>) =>
        calls.some(
          (c) =>
            c.method === 'chat.postMessage' &&
            c.args.thread_ts !== undefined &&
            pattern.test(String(c.args.text)),
        );
      const calls = await slack.waitFor(thread(/🏁 T-1 done by bot1 in \d+ s/), 15_000);
      expect(thread(/🤖 T-1 picked up by bot1 \(attempt 1, on /)(calls)).toBe(true);
      // The card's last edit shows the outcome; the digest's header was edited too, counting the approval.
      const edits = calls.filter((c) => c.method === 'chat.update').map((c) => JSON.stringify(c.args.blocks));
      expect(edits.some((blocks) => blocks.includes('1 of 5 decided · 1 approved'))).toBe(true);
      const edited = calls
        .filter((c) => c.method === 'chat.update' && /\*Status\*/.test(JSON.stringify(c.args.blocks)))
        .at(-1);
      expect(JSON.stringify(edited?.args.blocks)).toMatch(/Status\*\\ndone/);
      expect(await bot.stop()).toBe(0);
    } finally {
      await bot.close();
    }
  }, 90_000);
});

describe('npm start with Discord settings', () => {
  it('keeps serving while the Discord gateway cannot be reached, and stops cleanly', async () => {
    const { startFakeDiscord } = await import('../fakes/discord-rest.js');
    const discord = await startFakeDiscord({ gatewayUrl: 'ws://127.0.0.1:9' });
    const dir = tempDir();
    let stderr = '';
    const child = spawn(process.execPath, ['--require', sdkReport(dir), join(root, 'dist/src/main.js')], {
      cwd: dir,
      env: {
        ...baseEnv(dir),
        DISCORD_TOKEN: 'test-discord-token-0123456789',
        DISCORD_API_URL: discord.apiUrl,
      },
    });
    try {
      child.stderr?.on('data', (d) => {
        stderr += d;
      });
      const [, url] = await waitFor(child, /HTTP API on (http:\/\/[\d.:]+)/);
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
      expect(await sigterm(child)).toBe(0);
      // Discord's SDK, which it runs; not Slack's, which it has no settings for.
      expect(sdksLoaded(stderr)).toEqual(['discord.js']);
    } finally {
      child.kill('SIGKILL');
      await discord.close();
    }
  }, 60_000);
});

describe('npm start with GitHub settings', () => {
  it('syncs connected repositories at start, takes signed deliveries, and stops cleanly', async () => {
    const { startFakeGitHub } = await import('../fakes/github-api.js');
    const { deliverGitHubEvent, issuesPayload } = await import('../fakes/github-webhooks.js');
    const { cliFor } = await import('../helpers/run-cli.js');
    const { openQuickStart } = await import('../helpers/goalpost-fixture.js');
    const token = 'github_pat_11AAAAAAA0botBotBotBotTokenForTests';
    const secret = 'bot-webhook-secret-0123456789';
    const github = await startFakeGitHub({ tokens: { [token]: { repos: ['acme/edu-apps'] } } });
    github.addRepo('acme/edu-apps');
    github.addIssue('acme/edu-apps', { title: 'Parent dashboard' });
    const dir = tempDir();
    const opened = openQuickStart(dir);
    opened.close();
    const cli = cliFor(opened.dbPath, undefined, { GITHUB_TOKEN: token, GITHUB_API_URL: github.url });
    expect((await cli('github', 'connect', 'acme/edu-apps', '--project', 'Basic EDU Apps')).code).toBe(0);
    // Changed on GitHub while the bot was not running: its first sync brings it.
    github.clock.set('2026-01-06T09:00:00Z');
    github.addIssue('acme/edu-apps', { title: 'Export grades' });
    const child = spawn(process.execPath, [join(root, 'dist/src/main.js')], {
      cwd: dir,
      env: {
        ...baseEnv(dir),
        GOALPOST_DB: opened.dbPath,
        GOALPOST_CONSOLE: 'off',
        GITHUB_TOKEN: token,
        GITHUB_API_URL: github.url,
        GITHUB_WEBHOOK_SECRET: secret,
      },
    });
    try {
      const [, hook] = await waitFor(child, /GitHub: deliveries at (http:\/\/[\d.:]+\/github\/webhook)/);
      // Opened on GitHub (the daily comparison of open issues would take out one it does not have).
      github.clock.set('2026-01-06T10:00:00Z');
      github.addIssue('acme/edu-apps', { title: 'Dark mode' });
      const delivered = await deliverGitHubEvent(hook ?? '', {
        event: 'issues',
        secret,
        payload: issuesPayload('opened', {
          repo: 'acme/edu-apps',
          issue: { number: 3, title: 'Dark mode', updatedAt: '2026-01-06T10:00:00Z' },
        }),
      });
      expect(delivered.status).toBe(200);
      const titles = async () =>
        (await cli('project', 'show', 'Basic EDU Apps', '--json'))
          .json<{ features: Array<{ title: string }> }>()
          .features.map((f) => f.title);
      for (let i = 0; i < 50 && !(await titles()).includes('Export grades'); i++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(await titles()).toEqual(
        expect.arrayContaining(['Parent dashboard', 'Export grades', 'Dark mode']),
      );
      expect(await sigterm(child)).toBe(0);
    } finally {
      child.kill('SIGKILL');
      await github.close();
    }
  }, 60_000);
});

describe('npm start with a connected Stripe account', () => {
  it('reads the account again at start, so MRR changed while it was down is current', async () => {
    const { startFakeStripe } = await import('../fakes/stripe-api.js');
    const { cliFor } = await import('../helpers/run-cli.js');
    const { openQuickStart } = await import('../helpers/goalpost-fixture.js');
    const { STRIPE_READS } = await import('../helpers/stripe-key.js');
    const key = 'rk_test_51GoalpostBotReadsStripeAtStart';
    const stripe = await startFakeStripe({
      keys: {
        [key]: {
          permissions: [...STRIPE_READS],
        },
      },
      now: '2026-09-01T09:00:00Z',
    });
    const product = stripe.addProduct({ name: 'Basic EDU Apps' });
    const price = stripe.addPrice({
      product: product.id,
      unitAmount: 2900,
      recurring: { interval: 'month' },
    });
    const sub = stripe.addSubscription({
      customer: stripe.addCustomer().id,
      items: [{ price: price.id, quantity: 2 }],
      startDate: '2026-09-03T00:00:00Z',
    });
    const dir = tempDir();
    const opened = openQuickStart(dir);
    opened.close();
    const cli = cliFor(opened.dbPath, undefined, { STRIPE_API_BASE: stripe.url });
    expect((await cli('stripe', 'connect', '--key', key, '--project', 'Basic EDU Apps')).code).toBe(0);
    // Upgraded to 5 seats while the bot was not running: its first read brings it.
    stripe.clock.set('2026-11-20T09:00:00Z');
    stripe.updateSubscription(sub.id, { items: [{ price: price.id, quantity: 5 }] });
    const child = spawn(process.execPath, [join(root, 'dist/src/main.js')], {
      cwd: dir,
      env: {
        ...baseEnv(dir),
        GOALPOST_DB: opened.dbPath,
        GOALPOST_CONSOLE: 'off',
        STRIPE_API_BASE: stripe.url,
      },
    });
    try {
      await waitFor(child, /HTTP API on/);
      const latest = async () => {
        const { records } = (await cli('revenue', 'show', '--json')).json<{
          records: Array<{ periodStart: string; actual: number; source: string }>;
        }>();
        return records.filter((r) => r.source === 'stripe').at(-1)?.actual;
      };
      for (let i = 0; i < 50 && (await latest()) !== 145; i++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(await latest()).toBe(145);
      expect(await sigterm(child)).toBe(0);
    } finally {
      child.kill('SIGKILL');
      await stripe.close();
    }
  }, 60_000);
});
