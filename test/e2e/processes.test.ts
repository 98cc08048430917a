import { execFile, spawnSync } from 'node:child_process';
import {
  appendFileSync,
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { buildOutcomeLog } from '../../bench/dataset.js';
import { fixedClock, openGoalpost, silentLogger } from '../../src/index.js';
import { packageRoot } from '../../src/paths.js';
import { startFakeGitHub } from '../fakes/github-api.js';
import { startBenchStripe } from '../fakes/stripe-bench-account.js';
import { openQuickStart } from '../helpers/goalpost-fixture.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { useBuilt } from '../helpers/use-built.js';

const root = packageRoot();
const tempDir = useTempDir();
const node = process.execPath;
const NOW = '2026-11-23T09:00:00Z';

useBuilt();

/** `script` of the package run with `args` in `cwd`, after `nodeArgs` (a preload) when given. */
function run(cwd: string, script: string, args: string[], nodeArgs: string[] = []) {
  return spawnSync(node, [...nodeArgs, join(root, script), ...args], {
    cwd,
    encoding: 'utf8',
    env: { PATH: process.env.PATH, HOME: process.env.HOME, LOG_LEVEL: 'silent' },
  });
}

/**
 * The bin with `args`, run without blocking this process (a fake service answers from it), with
 * `env` added to the environment and `node` options (a preload) before the script.
 */
function runBin(
  args: string[],
  env: Record<string, string>,
  options: { cwd?: string; node?: string[] } = {},
) {
  return promisify(execFile)(node, [...(options.node ?? []), join(root, 'bin/goalpost.js'), ...args], {
    ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
    encoding: 'utf8',
    env: { PATH: process.env.PATH, HOME: process.env.HOME, LOG_LEVEL: 'silent', ...env },
  });
}

/** A preload in `dir` that prints the size of V8's young generation (`young N`) on stderr at exit. */
function youngGenerationPreload(dir: string): string {
  const path = join(dir, 'young.cjs');
  writeFileSync(
    path,
    "process.on('exit', () => process.stderr.write('young ' + require('node:v8').getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size + '\\n'));",
  );
  return path;
}

describe('the real processes', () => {
  it('the goalpost bin prints only JSON on stdout with --json, and exits non-zero on bad input', () => {
    const cwd = tempDir();
    expect(run(cwd, 'bin/goalpost.js', ['init', '--demo']).status).toBe(0);
    const state = run(cwd, 'bin/goalpost.js', ['state', '--json']);
    expect(state.status).toBe(0);
    expect(JSON.parse(state.stdout).revenue.milestone.target).toBe(999);
    const bad = run(cwd, 'bin/goalpost.js', ['bug', 'add', 'Nope', 'x', '--severity', 'high']);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/^goalpost: unknown project "Nope"/);
  });

  it('runs the commands that load the chat bot only when they run, from the bundle', () => {
    const cwd = tempDir();
    expect(run(cwd, 'bin/goalpost.js', ['init', '--demo']).status).toBe(0);
    const due = run(cwd, 'bin/goalpost.js', ['schedule', 'run-due', '--now', '2026-11-23T09:00:00Z']);
    expect(due.stderr).toBe('');
    expect(due.stdout).toBe('Nothing scheduled (at 2026-11-23T09:00:00.000Z).\n');
    const register = run(cwd, 'bin/goalpost.js', ['discord', 'register']);
    expect(register.status).toBe(78);
    expect(register.stderr).toMatch(
      /^goalpost: missing Discord settings to register commands:\n {2}DISCORD_TOKEN/,
    );
  });

  it('stops quietly when the reader of its output goes away, as `goalpost project list | head -1` does', () => {
    const cwd = tempDir();
    // More output than a pipe holds (64 KiB), so the CLI is still writing when `head` has gone.
    const o = openGoalpost({
      dbPath: join(cwd, 'data/goalpost.db'),
      clock: fixedClock(NOW),
      logger: silentLogger,
    });
    const ctx = o.app.context({ workspaceId: 'default', actor: 'cli:test', source: 'cli', role: 'admin' });
    for (let i = 0; i < 1500; i++) o.app.projects.add(ctx, { name: `Project ${i} ${'x'.repeat(60)}` });
    o.close();
    const bin = JSON.stringify(join(root, 'bin/goalpost.js'));
    const piped = spawnSync('sh', ['-c', `${JSON.stringify(node)} ${bin} project list | head -1`], {
      cwd,
      encoding: 'utf8',
      env: { PATH: process.env.PATH, HOME: process.env.HOME, LOG_LEVEL: 'silent' },
    });
    expect(piped.stderr).toBe('');
    expect(piped.stdout).toMatch(/^name +status +revenue-bearing +focus\n$/);
  });

  it.each([
    [['vision', 'show'], 'group-setup.cjs.short.cache'],
    [['--db', 'g.db', 'generate', '--dry-run'], 'group-engine.cjs.cache'],
    [['--show-state'], 'group-engine.cjs.cache'],
    [['schedule', 'list'], 'group-schedule.cjs.short.cache'],
    [['schedule', 'run-due'], 'group-schedule.cjs.cache'],
    [['--help'], 'goalpost.cjs.short.cache'],
    [['visoin', 'show'], 'goalpost.cjs.short.cache'],
  ])('loads the bundled CLI for %j from the bundle and code cache built for it, %s, which V8 accepts', (argv, file) => {
    // What bin/goalpost.js does, reporting which cache it read and whether V8 took it.
    const probe = `
      import { readFileSync, statSync } from 'node:fs';
      import { bundleFor, codeCacheFor, loadBundle } from ${JSON.stringify(join(root, 'bin/load-cli.js'))};
      const bundle = bundleFor(${JSON.stringify(join(root, 'dist/cli'))}, ${JSON.stringify(argv)});
      const cache = codeCacheFor(bundle, ${JSON.stringify(argv)});
      const { script, exports } = loadBundle(bundle, readFileSync(cache));
      console.log(JSON.stringify({ cache, rejected: script.cachedDataRejected, main: typeof exports.main }));`;
    const result = spawnSync(node, ['--input-type=module', '-e', probe], { encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toEqual({
      cache: join(root, 'dist/cli', file),
      rejected: false,
      main: 'function',
    });
  });

  it.each([
    [['vision', 'show'], false],
    [['--db', 'g.db', 'tasks'], true],
    [['project', 'list'], true],
    [['task', 'show', 'T-1'], false],
    [['approve', 'T-1'], false],
    [['revenue', 'add', 'web', '100'], true],
    [['goal', 'list'], true],
    [['goal', 'add', 'active_teachers', '300'], false],
    [['report'], true],
    [['learn'], false],
    [['--db', 'g.db', 'learn'], false],
    [['generate', '--dry-run'], true],
    [['github', 'sync'], true],
    [['stripe', 'connect'], true],
    [['schedule', 'list'], true],
    [['--help'], true],
  ])('tunes V8 for %j only if it plans, lists, syncs or fetches: %s', (argv, tuned) => {
    // A short command leaves V8 as Node starts it and never loads Node's `v8` module (which the
    // flags are set through): checked in the process, as the bin runs. So does `learn`, whose
    // thread would compile Node's own modules from source under any flag.
    const probe = `
      const { commandFlags, commandGroup } = require(${JSON.stringify(join(root, 'bin/load-cli.js'))});
      const argv = ${JSON.stringify(argv)};
      const flags = commandFlags(argv, commandGroup(${JSON.stringify(join(root, 'dist/cli'))}, argv));
      console.log(JSON.stringify({ flags, v8: process.moduleLoadList.includes('NativeModule v8') }));`;
    const result = spawnSync(node, ['-e', probe], { encoding: 'utf8' });
    expect(result.stderr).toBe('');
    const { flags, v8 } = JSON.parse(result.stdout) as { flags: string[]; v8: boolean };
    expect(flags.length > 0).toBe(tuned);
    if (tuned) expect(flags).toContain('--semi-space-growth-factor=1');
    expect(v8).toBe(false);
  });

  it('runs a short command without loading V8 tuning, and tunes a plan before it reads', () => {
    const cwd = tempDir();
    writeFileSync(
      join(cwd, 'loaded.cjs'),
      `process.on('exit', () => process.stderr.write(process.moduleLoadList.includes('NativeModule v8') ? 'v8\\n' : 'no v8\\n'));`,
    );
    const goalpost = (args: string[]) => run(cwd, 'bin/goalpost.js', args, ['-r', './loaded.cjs']);
    expect(goalpost(['init', '--demo']).status).toBe(0);
    const show = goalpost(['vision', 'show']);
    expect([show.status, show.stderr]).toEqual([0, 'no v8\n']);
    expect(show.stdout).toContain('Primary goal:     Launch Basic EDU Apps');
    const plan = goalpost(['generate', '--dry-run', '--now', NOW]);
    expect([plan.status, plan.stderr]).toEqual([0, 'v8\n']);
  });

  it("bundles a command group's commands and use cases without the others'", () => {
    // `vision show` loads the setup group's bundle: its commands and the vision's use cases, not
    // the engine's plan or the Stripe sync's.
    const setup = readFileSync(join(root, 'dist/cli/group-setup.cjs'), 'latin1');
    expect(setup).toContain('the active vision');
    expect(setup).not.toContain('rebuild routing statistics');
    expect(setup).not.toMatch(/function createGenerateUseCases\b/);
    expect(setup).not.toMatch(/function createStripeSyncUseCases\b/);
    const whole = readFileSync(join(root, 'dist/cli/goalpost.cjs'), 'latin1');
    expect(whole).toMatch(/function createGenerateUseCases\b/);
    expect(setup.length).toBeLessThan(whole.length * 0.6);
  });

  it('runs the bundled CLI in strict mode, as its sources are written', () => {
    // The directive counts only as the wrapper function's first statement: esbuild's own comes
    // after the banner's, where it is a bare string, and the modules at the bundle's top level
    // (most of Goalpost's) ran in sloppy mode.
    const source = readFileSync(join(root, 'dist/cli/goalpost.cjs'), 'latin1');
    expect(source).toMatch(/^\(function \(exports, require, module, __filename, __dirname\) \{'use strict';/);
  });

  it('bundles only the zod the CLI uses, none of its other languages', () => {
    // `import { z } from 'zod'` anywhere takes zod's namespace as a value, and all of zod with it.
    const source = readFileSync(join(root, 'dist/cli/goalpost.cjs'), 'latin1');
    expect(source).toContain('Invalid input');
    expect(source).not.toContain('erwartet'); // German: "expected"
  });

  it('builds the short commands a smaller code cache than the commands that plan', () => {
    // V8 deserializes a whole cache as a command starts: the planning code is for those that plan.
    const size = (file: string) => statSync(join(root, 'dist/cli', file)).size;
    expect(size('goalpost.cjs.short.cache')).toBeLessThan(size('goalpost.cjs.cache') * 0.9);
  });

  it('checks a database against the migrations it was built with, and refuses a due file edited since', () => {
    // An installed copy whose migration files can be edited: the bundle, its bin, its files.
    const pkg = tempDir();
    for (const d of ['bin', 'dist/cli', 'migrations'])
      cpSync(join(root, d), join(pkg, d), { recursive: true });
    copyFileSync(join(root, 'package.json'), join(pkg, 'package.json'));
    symlinkSync(join(root, 'node_modules'), join(pkg, 'node_modules'));
    const last = readdirSync(join(pkg, 'migrations')).sort().at(-1) ?? '';
    const before = join(tempDir(), 'before');
    mkdirSync(before);
    for (const f of readdirSync(join(pkg, 'migrations')).filter((name) => name < last)) {
      copyFileSync(join(pkg, 'migrations', f), join(before, f));
    }
    const db = join(tempDir(), 'g.db');
    openGoalpost({ dbPath: db, clock: fixedClock(NOW), logger: silentLogger, migrations: before }).close();
    const show = () =>
      spawnSync(node, [join(pkg, 'bin/goalpost.js'), 'project', 'list', '--db', db], {
        encoding: 'utf8',
        env: { PATH: process.env.PATH, HOME: process.env.HOME, LOG_LEVEL: 'silent' },
      });
    appendFileSync(join(pkg, 'migrations', last), '\nCREATE TABLE sneaky (id INTEGER);\n');
    const refused = show();
    expect(refused.status).toBe(78);
    expect(refused.stderr).toContain(
      `migration ${last} in ${join(pkg, 'migrations')} is not the one this Goalpost was built with`,
    );
    copyFileSync(join(root, 'migrations', last), join(pkg, 'migrations', last));
    // Applied as built; the files it no longer reads may then go.
    expect(show().status).toBe(0);
    for (const f of readdirSync(join(pkg, 'migrations'))) rmSync(join(pkg, 'migrations', f));
    const again = show();
    expect(again.stderr).toBe('');
    expect(again.status).toBe(0);
  });

  it('starts a command without the modules it does not use: no threads, no child processes, no crypto, no better-sqlite3 files', () => {
    const cwd = tempDir();
    expect(run(cwd, 'bin/goalpost.js', ['init', '--demo']).status).toBe(0);
    const loaded = join(cwd, 'loaded.cjs');
    writeFileSync(
      loaded,
      "process.on('exit', () => process.stderr.write(JSON.stringify({ builtins: process.moduleLoadList.filter((m) => m.startsWith('NativeModule ')).map((m) => m.slice(13)), files: Object.keys(require.cache) }) + '\\n'));",
    );
    const r = run(cwd, 'bin/goalpost.js', ['vision', 'show'], ['-r', loaded]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Vision \(version 1/);
    const { builtins, files } = JSON.parse(r.stderr) as { builtins: string[]; files: string[] };
    expect(builtins).not.toContain('worker_threads');
    expect(builtins).not.toContain('child_process');
    // Nothing hashes: the migrations are checked against the checksums the build wrote in.
    expect(builtins).not.toContain('crypto');
    // better-sqlite3's JavaScript comes from the bundle; only its native binding from node_modules.
    expect(files.filter((f) => f.includes('better-sqlite3'))).toEqual([
      expect.stringMatching(/better_sqlite3\.node$/),
    ]);
  });

  it('grows V8’s young generation to plan a workspace of 5,000 projects or more, and only then', () => {
    const cwd = tempDir();
    const young = youngGenerationPreload(cwd);
    const planned = (db: string, ...command: string[]) => {
      const r = run(cwd, 'bin/goalpost.js', [...command, '--db', db], ['-r', young]);
      expect(r.status).toBe(0);
      // V8 reports a flag it does not know on stderr rather than throwing: nothing but the size.
      expect(r.stderr).toMatch(/^young \d+\n$/);
      return Number(/young (\d+)/.exec(r.stderr)?.[1]);
    };
    /** The quick start's workspace, with projects added until it has `projects`. */
    const workspace = (name: string, projects: number) => {
      const opened = openQuickStart(join(cwd, name));
      const add = opened.db.prepare(
        "INSERT INTO projects (workspace_id, name, created_at, updated_at) VALUES ('default', ?, ?, ?)",
      );
      opened.db.transaction(() => {
        for (let i = opened.store.projects.count('default') + 1; i <= projects; i++)
          add.run(`Project ${i}`, NOW, NOW);
      })();
      expect(opened.store.projects.count('default')).toBe(projects);
      opened.close();
      return opened.dbPath;
    };
    const EIGHT_MB = 8 * 1024 * 1024;
    const large = workspace('large', 5000);
    expect(planned(large, 'generate', '--dry-run')).toBeGreaterThanOrEqual(EIGHT_MB);
    // Only a plan is sized for: listing tasks reads no workspace whole.
    expect(planned(large, 'tasks')).toBeLessThan(EIGHT_MB);
    expect(planned(workspace('small', 4999), 'generate', '--dry-run')).toBeLessThan(EIGHT_MB);
  });

  it('grows V8’s young generation for a Stripe sync, which parses page after page', async () => {
    const key = 'rk_test_51BenchBenchRestrictedKeyForTheFake';
    // 2,000 subscriptions (20 pages) and their 11,000 invoices.
    const { stripe } = await startBenchStripe(2000, key);
    try {
      const cwd = tempDir();
      const young = youngGenerationPreload(cwd);
      const opened = openQuickStart(cwd);
      opened.close();
      const bin = async (...args: string[]) => {
        const r = await runBin(
          [...args, '--db', opened.dbPath],
          { STRIPE_API_BASE: stripe.url },
          { cwd, node: ['-r', young] },
        );
        expect(r.stderr).toMatch(/^young \d+\n$/);
        return { stdout: r.stdout, young: Number(/young (\d+)/.exec(r.stderr)?.[1]) };
      };
      const EIGHT_MB = 8 * 1024 * 1024;
      const connect = await bin('stripe', 'connect', '--key', key, '--project', 'Basic EDU Apps');
      expect(connect.stdout).toContain('2000 subscriptions read');
      expect(connect.young).toBeGreaterThanOrEqual(EIGHT_MB);
      const sync = await bin('stripe', 'sync');
      expect(sync.stdout).toContain('2000 subscriptions read');
      expect(sync.young).toBeGreaterThanOrEqual(EIGHT_MB);
      // A command that reads no pages keeps it as it starts.
      expect((await bin('vision', 'show')).young).toBeLessThan(EIGHT_MB);
    } finally {
      await stripe.close();
    }
  });

  it('learns over a long log the same when its second thread cannot start, and exits 0', () => {
    const cwd = tempDir();
    // 50,000 outcomes: enough that `learn` aggregates on a thread of its own (see readAside).
    const log = buildOutcomeLog(cwd, 50_000, 'default');
    copyFileSync(log, join(cwd, 'other.db'));
    // What a container's limit on tasks does to a thread: it fails before it runs anything.
    const noThread = join(cwd, 'no-thread.cjs');
    writeFileSync(
      noThread,
      "if (!require('node:worker_threads').isMainThread) throw new Error('no thread to be had');",
    );
    const learn = (db: string, preload: string[]) =>
      run(cwd, 'bin/goalpost.js', ['learn', '--db', db, '--now', NOW], preload);
    const alone = learn(log, ['-r', noThread]);
    expect(alone.stderr).toBe('');
    expect(alone.status).toBe(0);
    expect(alone.stdout).toMatch(/^Learned from 50000 outcomes across \d+ category × assignee pairs/);
    const both = learn(join(cwd, 'other.db'), []);
    expect(both.status).toBe(0);
    expect(alone.stdout).toBe(both.stdout);
  });

  it('talks to GitHub over HTTP from the bin with the flags it sets, and says nothing else', async () => {
    // The bin keeps WebAssembly (undici's HTTP parser, under fetch) from being optimised: V8
    // reports a flag it does not know on stderr, and a parser it could not run fails the sync.
    const token = 'github_pat_11AAAAAAA0readOnlyTokenForTests';
    const repo = 'acme/edu-apps';
    const github = await startFakeGitHub({ tokens: { [token]: { repos: [repo] } }, now: NOW });
    try {
      github.addRepo(repo);
      github.addIssues(
        repo,
        Array.from({ length: 150 }, (_, i) => ({ title: `Issue ${i + 1}`, labels: i % 3 ? [] : ['bug'] })),
      );
      const opened = openQuickStart(tempDir());
      opened.close();
      const bin = (...args: string[]) =>
        runBin([...args, '--db', opened.dbPath], { GITHUB_TOKEN: token, GITHUB_API_URL: github.url });
      const connect = await bin('github', 'connect', repo, '--project', 'Basic EDU Apps');
      expect(connect.stderr).toBe('');
      expect(connect.stdout).toContain('150 issues read; 150 added, 0 updated, 0 closed, 0 unchanged');
      const sync = await bin('github', 'sync');
      expect(sync.stderr).toBe('');
      expect(sync.stdout).toBe(`${repo} → Basic EDU Apps: nothing changed on GitHub since the last sync.\n`);
    } finally {
      await github.close();
    }
  });

  it('refuses a bad environment at start, naming the variable', () => {
    const cwd = tempDir();
    const result = spawnSync(node, [join(root, 'dist/src/main.js')], {
      cwd,
      encoding: 'utf8',
      env: { PATH: process.env.PATH, GOALPOST_MAX_TASKS: '0' },
    });
    expect(result.status).toBe(78);
    expect(result.stderr).toMatch(/GOALPOST_MAX_TASKS: a whole number from 1 to 50/);
    expect(existsSync(join(cwd, 'data'))).toBe(false);
  });
});
