import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/paths.js';
import { fencedBlocks, shellCommands } from '../helpers/readme-blocks.js';
import { type ShellResult, startShell } from '../helpers/shell-session.js';
import { useBuilt } from '../helpers/use-built.js';

const root = packageRoot();
const blocks = fencedBlocks(readFileSync(join(root, 'README.md'), 'utf8'));

/**
 * The day the README's examples are written for: their dates (revenue months, goal deadlines,
 * `report --since`) are absolute, so the CLI runs at this time (`--now`) and the walk-through reads
 * the same whenever the suite runs.
 */
const README_NOW = '2026-11-23T09:00:00Z';

/** README commands this test does not run, each with why. Every entry must still match a command. */
const SKIPPED: ReadonlyArray<{ command: RegExp; why: string }> = [
  {
    command: /^npm install && npm start$/,
    why: 'installing needs the registry; the test runs this checkout, and its console session stands in for `npm start` (first test)',
  },
  {
    command: /^SLACK_BOT_TOKEN=\S+ .*npm start$/,
    why: 'needs a Slack app (test/e2e/bot.test.ts runs the bot against a fake Slack)',
  },
  { command: /npm run discord:register$/, why: 'needs a Discord application and its token' },
  {
    command: /^npx goalpost stripe connect --key rk_live_/,
    why: 'needs a Stripe account and api.stripe.com (test/integration/stripe-sync.test.ts runs it against a fake Stripe)',
  },
  {
    command: /^GITHUB_TOKEN=\S+ npx goalpost github connect /,
    why: 'needs a GitHub token and github.com (test/integration/github-sync.test.ts runs it against a fake GitHub)',
  },
  { command: /^npm test\b/, why: 'is the suite this test is part of' },
  {
    command: /^npm run build\b/,
    why: 'rewrites dist/, which the other test files run from meanwhile; `npm test` builds it first',
  },
  { command: /^npm run format\b/, why: 'rewrites the checkout’s own files' },
  { command: /^npm run bench\b/, why: 'minutes of measuring (about 6 on this machine) that checks nothing' },
];

/**
 * Commands whose output must show what the README says they do, where exit 0 alone would not
 * (a worker exits 0 whether its task ended done or failed). Every entry must match a command.
 */
const SHOWS: ReadonlyArray<{ command: RegExp; output: RegExp; readme: string }> = [
  {
    command: /^npx goalpost generate --max-tasks 3 /,
    output: /^T-1 [\s\S]*^T-2 [\s\S]*^T-3 /m,
    readme: 'persists the batch as proposed tasks T-1..T-3',
  },
  {
    command: /^npx goalpost worker --assignee dev_worker1 .*--once/,
    output: /claimed T-1 [\s\S]*T-1: done in /,
    readme: 'the worker claims T-1 and scripts/run-task.sh completes it',
  },
  {
    command: /^npx goalpost task show T-1 /,
    output: /done \(exit 0\)[\s\S]*Would work on T-1 /,
    readme: 'done, with the run and what the script printed',
  },
  {
    command: /api\/tasks\/T-4\/decision$/,
    output: /"status":"approved"[\s\S]*"changed":true/,
    readme: 'the API approves T-4',
  },
];

/**
 * The shell a newcomer types into, with two stand-ins: `npx goalpost` runs this checkout's built
 * CLI (at README_NOW), and `curl` reaches the bot this test started (its port for localhost:3000)
 * and fails on an HTTP error status, as a person reading the answer would notice it.
 */
const SHELL_SETUP = `set -o pipefail
npx() {
  if [ "$1" != goalpost ]; then echo "npx $1: the test maps only npx goalpost" >&2; return 127; fi
  shift
  node "$README_BIN" --now "$README_NOW" "$@"
}
curl() {
  local args=() a
  for a in "$@"; do args+=("\${a//localhost:3000/127.0.0.1:$API_PORT}"); done
  command curl --fail-with-body --max-time 30 "\${args[@]}"
}`;

useBuilt();

/** What a command left, for the failure message. */
const described = (command: string, r: ShellResult) =>
  `$ ${command}\nexit ${r.code}\n--- stdout\n${r.stdout.slice(-2000)}\n--- stderr\n${r.stderr.slice(-2000)}`;

describe('every README block runs as written, in order, in one folder on one database', () => {
  const dir = mkdtempSync(join(tmpdir(), 'goalpost-readme-'));
  const db = join(dir, 'data/goalpost.db');
  const env = { PATH: process.env.PATH ?? '', HOME: dir, LANG: 'C.UTF-8', GOALPOST_DB: db };
  const skipsUsed = new Set<RegExp>();
  const showsUsed = new Set<RegExp>();
  let shell: ReturnType<typeof startShell>;
  let bot: { child: ChildProcess; exited: Promise<number | null> } | null = null;

  beforeAll(async () => {
    // The clone's example worker command, where the README's `./scripts/run-task.sh` finds it.
    mkdirSync(join(dir, 'data'), { mode: 0o700 });
    symlinkSync(join(root, 'scripts'), join(dir, 'scripts'));
    shell = startShell(dir, { ...env, README_BIN: join(root, 'bin/goalpost.js'), README_NOW });
    expect((await shell.run(SHELL_SETUP)).code).toBe(0);
  });

  afterAll(async () => {
    shell?.close();
    if (bot) {
      bot.child.kill('SIGTERM');
      expect(await bot.exited).toBe(0);
    }
    rmSync(dir, { recursive: true, force: true });
  });

  /** `npm start` as the HTTP API section has it running: the bot on the same database, its port for localhost:3000. */
  async function ensureBot(): Promise<void> {
    if (bot) return;
    const child = spawn(process.execPath, [join(root, 'dist/src/main.js')], {
      cwd: dir,
      env: { ...env, PORT: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    bot = { child, exited: new Promise((resolve) => child.on('exit', resolve)) };
    const port = await new Promise<string>((resolve, reject) => {
      let seen = '';
      child.stdout?.on('data', (d: Buffer) => {
        seen += d.toString();
        const m = /HTTP API on http:\/\/127\.0\.0\.1:(\d+)/.exec(seen);
        if (m?.[1]) resolve(m[1]);
      });
      child.on('exit', () => reject(new Error(`the bot exited before serving: ${seen}`)));
    });
    expect((await shell.run(`API_PORT=${port}`)).code).toBe(0);
  }

  it('builds a backlog from chat as the Chat section shows, and the digest proposes it', async () => {
    const session = blocks.find((b) => b.lang === 'text' && b.section === 'Chat');
    const input = (session?.lines ?? []).join('\n');
    expect(input).toMatch(/\/goalpost feature add /);
    const child = spawn(process.execPath, [join(root, 'dist/src/main.js')], {
      cwd: dir,
      env: { ...env, PORT: '0', GOALPOST_DB: join(dir, 'chat-backlog.db') },
    });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d;
    });
    child.stdin.end(`${input}\n`);
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(0);
    expect(stdout).not.toMatch(/✖|went wrong/);
    expect(stdout).toMatch(
      /Feature 1 added to Quizzly by @\w+: Paid quiz packs \(planned, high priority, estimated 6 h\)/,
    );
    // The critical bug first, the feature after it.
    const fix = stdout.indexOf("Fix 'Checkout crashes on Safari' in Quizzly");
    const build = stdout.indexOf("Build 'Paid quiz packs' for Quizzly");
    expect(fix).toBeGreaterThan(0);
    expect(build).toBeGreaterThan(fix);
  }, 60_000);

  it('runs the quick start’s console commands (npm start with them piped in)', async () => {
    const session = blocks.find(
      (b) => b.lang === '' && b.lines.length > 0 && b.lines.every((l) => l.startsWith('/goalpost ')),
    );
    expect(session?.section).toBe('Quick start');
    // Each line is the command, then (after two spaces or more) what it does.
    const input = (session?.lines ?? []).map((l) => l.split(/\s{2,}/)[0]).join('\n');
    const child = spawn(process.execPath, [join(root, 'dist/src/main.js')], {
      cwd: dir,
      env: { ...env, PORT: '0' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d;
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d;
    });
    child.stdin.end(`${input}\n`);
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code, stderr).toBe(0);
    expect(stdout).toMatch(/Loaded the EDU demo/);
    expect(stdout).toMatch(/subscribed this channel to the digest at 09:00 Europe\/Berlin/);
    // A refusal or an error, which a person would see as the step not working.
    expect(stdout).not.toMatch(/✖|went wrong/);
  }, 60_000);

  for (const block of blocks.filter((b) => b.lang === 'sh')) {
    it(`runs the sh block of “${block.section}” (README line ${block.line})`, async () => {
      const failures: string[] = [];
      for (const command of shellCommands(block.lines)) {
        const skip = SKIPPED.find((s) => s.command.test(command));
        if (skip) {
          skipsUsed.add(skip.command);
          continue;
        }
        if (command.includes('localhost:3000')) await ensureBot();
        const r = await shell.run(command);
        if (r.code !== 0) failures.push(described(command, r));
        const shows = SHOWS.find((x) => x.command.test(command));
        if (shows) {
          showsUsed.add(shows.command);
          if (!shows.output.test(r.stdout + r.stderr))
            failures.push(`README says: ${shows.readme}\n${described(command, r)}`);
        }
      }
      expect(failures, failures.join('\n\n')).toEqual([]);
    }, 180_000);
  }

  it('skips only the commands on its list, and every entry of its lists still names a command', () => {
    expect(SKIPPED.filter((s) => !skipsUsed.has(s.command)).map((s) => String(s.command))).toEqual([]);
    expect(SHOWS.filter((s) => !showsUsed.has(s.command)).map((s) => String(s.command))).toEqual([]);
  });
});
