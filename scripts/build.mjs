#!/usr/bin/env node
// Compiles src/ and adapters/ to dist/ (`npm run build`, and `npm install` through `prepare`), then
// bundles the CLI into dist/cli/ with its code cache, so a command starts quickly.
// With --if-changed (`npm start`'s prestart) it compiles only when a source, a tsconfig or the
// package files changed since the last build, so a start does not pay for tsc (seconds) every time.
// With --fresh it builds from nothing (see below).
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  linkSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { Worker } from 'node:worker_threads';
import { codeCacheFor, commandFlags, loadBundle } from '../bin/load-cli.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
/** Written after each successful build, dated when that build started. */
const stamp = join(root, 'dist/.build-stamp');
/**
 * What the build reads; a folder counts with everything in it (and its own mtime, for deletions).
 * Not package-lock.json: installs rewrite it without changing the JavaScript tsc emits, and npm may
 * write it after `prepare` has built, which would cost a fresh clone's first start a build.
 */
const inputs = ['src', 'adapters', 'migrations', 'tsconfig.json', 'tsconfig.build.json', 'package.json'];
/** What `npm start` and the CLI run: a build without them is no build. */
const outputs = ['dist/src/main.js', 'dist/cli/goalpost.cjs', 'dist/charts/charts.cjs'];

/** The latest modification time (ms) of `path` and, for a folder, of everything under it. */
function newest(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = stat.mtimeMs;
  for (const entry of readdirSync(path)) latest = Math.max(latest, newest(join(path, entry)));
  return latest;
}

/** True when dist/ is missing or older than what it is built from. */
function stale() {
  if (!existsSync(stamp) || outputs.some((o) => !existsSync(join(root, o)))) return true;
  const built = statSync(stamp).mtimeMs;
  return inputs.some((i) => newest(join(root, i)) > built);
}

async function build() {
  // Dated at the start: a file saved while tsc runs is newer than the stamp, so the next start builds again.
  const started = new Date();
  let tsc;
  try {
    tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  } catch {
    process.stderr.write('goalpost: cannot build: TypeScript is not installed; run `npm install`\n');
    return 1;
  }
  const result = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (result.status !== 0) return result.status ?? 1;
  const bundled = await bundleCli();
  if (bundled !== 0) return bundled;
  const charts = await bundleCharts();
  if (charts !== 0) return charts;
  writeFileSync(stamp, `${started.toISOString()}\n`);
  utimesSync(stamp, started, started);
  return 0;
}

/**
 * Bundles the compiled CLI (dist/adapters/cli/main.js) into one CommonJS file, dist/cli/goalpost.cjs,
 * and writes V8's code cache for it. A command then reads one file instead of resolving some 300
 * modules, holding only what the CLI can reach (the barrel's unused exports, such as the bot's
 * adapters, are left out: `sideEffects` in package.json); what a command imports lazily (`discord
 * register`, `schedule run-due`) runs only when that command does; and V8 skips most parsing and
 * compiling (bin/load-cli.js). The platform SDKs and the native SQLite binding stay in
 * node_modules, required when used. better-sqlite3's JavaScript is bundled: every command opens the
 * store, and its dozen files, resolved and compiled at each start, cost a command about 4 MB.
 */
async function bundleCli() {
  let esbuild;
  try {
    esbuild = createRequire(import.meta.url)('esbuild');
  } catch {
    process.stderr.write('goalpost: cannot bundle the CLI: esbuild is not installed; run `npm install`\n');
    return 1;
  }
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  /**
   * Bundled: what nearly every command loads. The rest are required from node_modules when used;
   * `bindings` (better-sqlite3's lookup of its binding) only if src/store/open-database.ts found none.
   */
  const bundled = new Set(['better-sqlite3', 'commander', 'zod']);
  const out = join(root, 'dist/cli');
  const bundle = join(out, 'goalpost.cjs');
  rmSync(out, { recursive: true, force: true });
  let migrations;
  try {
    migrations = await builtMigrations();
  } catch (error) {
    process.stderr.write(`goalpost: cannot build: ${error.message}\n`);
    return 1;
  }
  const options = {
    ...COMMONJS_WRAPPED,
    bundle: true,
    external: [...Object.keys(pkg.dependencies ?? {}).filter((d) => !bundled.has(d)), 'bindings'],
    define: { ...COMMONJS_WRAPPED.define, ...migrations },
    plugins: [lazyChildProcess],
  };
  const cli = join(root, 'dist/adapters/cli');
  const groups = await commandGroups();
  try {
    await esbuild.build({ ...options, entryPoints: [join(cli, 'main.js')], outfile: bundle });
    // A bundle a command group: its commands, and the use cases of the parts of the facade it
    // reaches (command-groups.ts), which esbuild keeps as the only ones named.
    for (const name of groups) {
      await esbuild.build({
        ...options,
        stdin: {
          contents: `import { cliOf } from './main.js';\nimport { ${name} } from './command-groups.js';\nexport const { main, runCli } = cliOf([${name}]);\n`,
          resolveDir: cli,
          sourcefile: `group-${name}.js`,
          loader: 'js',
        },
        outfile: groupBundle(out, name),
        // Its map names the compiled files (dist/src, dist/adapters, shipped too) without a copy
        // of each: 0.3 MB a group instead of 2.7.
        sourcesContent: false,
      });
    }
    // What the bin asks, before it loads a bundle, which one a command line runs (route.ts).
    if (groups.length > 0) {
      await esbuild.build({
        entryPoints: [join(cli, 'route.js')],
        outfile: join(out, 'route.cjs'),
        bundle: true,
        format: 'cjs',
        platform: 'node',
        target: 'node20',
        minifyWhitespace: true,
        logLevel: 'warning',
      });
    }
  } catch {
    return 1; // esbuild has printed why
  }
  for (const file of [bundle, ...groups.map((name) => groupBundle(out, name))]) {
    if (!loadable(readFileSync(file, 'utf8'), `the CLI bundle ${file}`)) return 1;
  }
  const unread = await repositoriesUnread(groups, out);
  if (unread.length > 0) {
    process.stderr.write(`goalpost: ${unread.join('\n')}\n`);
    return 1;
  }
  const unwarmed = groups.filter((name) => GROUP_WARM_UP[name] === undefined);
  if (unwarmed.length > 0) {
    process.stderr.write(
      `goalpost: no warm-up for the command groups ${unwarmed.join(', ')} (GROUP_WARM_UP)\n`,
    );
    return 1;
  }
  // Two code caches a bundle: V8 deserializes all of a cache as a command starts, so one warmed by
  // planning cost `vision show` 0.5 MB it never runs. The short commands' cache is written first;
  // the same script, warmed on, gives the cache of the commands that plan (see codeCacheFor). The
  // groups' warm-ups run after the whole CLI's, on its workspace (its demo, its batch).
  const dir = mkdtempSync(join(tmpdir(), 'goalpost-build-'));
  try {
    await warmUp(bundle, WARM_UP, dir);
    for (const name of groups) await warmUp(groupBundle(out, name), GROUP_WARM_UP[name], dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return 0;
}

/**
 * Why a command group's bundle may read a repository its store lacks, for each group's (none: an
 * empty list). A command line's store holds only the repositories its group's facade parts name
 * (Part in src/app.ts), and a read of another throws: so the build reads each bundle for the
 * repositories its code reads, written `store.<name>` throughout (a store held under another name
 * or taken apart, `const { tasks } = store`, would go unseen and is refused too).
 */
async function repositoriesUnread(groups, out) {
  if (groups.length === 0) return [];
  const imported = (file) => import(pathToFileURL(join(root, 'dist', file)).href);
  const { COMMAND_GROUPS } = await imported('adapters/cli/command-groups.js');
  const { repositoriesOf } = await imported('src/app.js');
  const { ALL_REPOSITORIES } = await imported('src/store/create-store.js');
  const names = new Set(Object.keys(ALL_REPOSITORIES));
  const problems = [];
  for (const name of groups) {
    const source = readFileSync(groupBundle(out, name), 'latin1');
    const group = COMMAND_GROUPS.find((g) => g.name === name);
    const held = new Set(Object.keys(repositoriesOf(group.parts)));
    const read = new Set(
      [...source.matchAll(/\bstore\d*\??\.(\w+)/g)].map((m) => m[1]).filter((n) => names.has(n)),
    );
    const missing = [...read].filter((n) => !held.has(n));
    if (missing.length > 0) {
      problems.push(
        `the command group ${name} reads the repositories ${missing.join(', ')}, which no part of its facade names (store in src/facade-parts.ts)`,
      );
    }
    if (/\}\s*=\s*(?:\w+\.)?store\d*\s*[;,)]/.test(source)) {
      problems.push(
        `the command group ${name} takes a store apart (\`const { … } = store\`): read its repositories as store.<name>`,
      );
    }
  }
  return problems;
}

/** The bundle of the command group `name` in `out` (route.ts names the group, the bin the file). */
const groupBundle = (out, name) => join(out, `group-${name}.cjs`);

/**
 * The CLI's command groups, by name (command-words.ts); none in a package without them (a test's
 * tiny package), which then has the whole CLI's bundle only.
 */
async function commandGroups() {
  const words = join(root, 'dist/adapters/cli/command-words.js');
  if (!existsSync(words)) return [];
  return (await import(pathToFileURL(words).href)).GROUP_NAMES;
}

/**
 * esbuild's options for a CommonJS bundle that bin/load-cli.js loads: CommonJS's own wrapper,
 * written around the bundle here so that loadBundle compiles the file as read (wrapping it there
 * made V8 hold a second copy of the CLI's 1.2 MB). Strict, as the sources are: esbuild's own "use
 * strict" comes after the banner's first statement, where it is no directive, and the modules it
 * writes at the top level (most of Goalpost's) ran in sloppy mode. src/paths.ts finds the package
 * from its own file's URL.
 */
const COMMONJS_WRAPPED = {
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  define: { 'import.meta.url': '__goalpostFileUrl' },
  banner: {
    js: "(function (exports, require, module, __filename, __dirname) {'use strict';const __goalpostFileUrl = require('node:url').pathToFileURL(__filename).href;",
  },
  footer: { js: '})' },
  minifyWhitespace: true,
  minifySyntax: true,
  sourcemap: 'linked',
  logLevel: 'warning',
};

/**
 * Whether bin/load-cli.js can run a bundle's `source`; says why not. vm.Script has no loader for
 * import(): a dynamic import of an ES module package would fail at run time, so it fails the build
 * instead. And loadBundle reads a bundle as Latin-1, a byte a character: right only while every
 * character is ASCII, as UTF-8 writes anything past it in two bytes or more (`×` would be read as
 * two other characters, and a regular expression would match other text); V8 holds a source with
 * any character past Latin-1 in two bytes a character, too (2.4 MB for the CLI instead of 1.2).
 * esbuild escapes such characters in strings, not in regular expression literals: one en dash
 * there did it.
 */
function loadable(source, what) {
  if (/\bimport\(/.test(source)) {
    process.stderr.write(`goalpost: ${what} has a dynamic import(), which bin/load-cli.js cannot run\n`);
    return false;
  }
  const wide = /[\u0080-\uffff]/.exec(source);
  if (wide === null) return true;
  process.stderr.write(
    `goalpost: ${what} has a character past ASCII (${JSON.stringify(wide[0])}), most likely in a regular expression literal, which esbuild leaves as written; write it as an escape (\\u${wide[0].charCodeAt(0).toString(16).padStart(4, '0')})\n`,
  );
  return false;
}

/**
 * Bundles what the chart thread runs (dist/adapters/charts/render-chart.js, Vega and Vega-Lite
 * inside) into one CommonJS file, dist/charts/charts.cjs, and writes V8's code cache for it after
 * drawing two charts, as bundleCli does for the CLI. Loaded as published, Vega is some 600 ES
 * modules (with Goalpost's own through the barrel) for Node's loader to resolve and link: about
 * 0.6 s of the 1.1 s a thread took to draw a goal's chart and revenue's. CommonJS for the cache
 * (Node 20 keeps none for an ES module), which needs vega-canvas without its top-level await of the
 * optional `canvas`: its browser build, which finds no canvas where there is no DOM, as the Node
 * build finds none where `canvas` is not installed (Vega then measures text without one, as it
 * always has here). resvg's native binding stays in node_modules.
 *
 * V8 refuses a cache written under other flags than its own, and a command sets its own once the
 * CLI is loaded (commandFlags in bin/load-cli.js), before any chart is drawn: so two caches, each
 * named by V8's cachedDataVersionTag, one for V8 as the bot runs it (this process's flags, Node's
 * defaults) and one for V8 as `report` and `export` set it. (A command that planned first, such as
 * `schedule run-due`, has set more: its thread compiles the bundle, as it did before any cache.)
 */
async function bundleCharts() {
  const esbuild = createRequire(import.meta.url)('esbuild');
  const out = join(root, 'dist/charts');
  const bundle = join(out, 'charts.cjs');
  rmSync(out, { recursive: true, force: true });
  try {
    await esbuild.build({
      ...COMMONJS_WRAPPED,
      entryPoints: [join(root, 'dist/adapters/charts/render-chart.js')],
      outfile: bundle,
      bundle: true,
      external: ['@resvg/resvg-js'],
      plugins: [vegaCanvasWithoutCanvas],
    });
  } catch {
    return 1; // esbuild has printed why
  }
  if (!loadable(readFileSync(bundle, 'utf8'), 'the charts bundle')) return 1;
  const charts = await sampleCharts();
  // Each cache written by a thread as the chart thread runs, under the flags it is for: V8's tag
  // in a thread is not the one of the thread that started it (starting a thread after flags were
  // set changed it, in both), so it is the thread's own that names the cache.
  for (const flags of [[], commandFlags(['report'])]) {
    for (const flag of flags) setFlagsFromString(flag);
    let failed;
    try {
      failed = await new Promise((resolve, reject) => {
        const thread = new Worker(WARM_CHARTS, { eval: true, workerData: { bundle, charts } });
        thread.once('message', resolve);
        thread.once('error', reject);
      });
    } catch (error) {
      // The bundle did not load: no chart could be drawn with it.
      process.stderr.write(`goalpost: cannot load the charts bundle: ${error.message}\n`);
      return 1;
    }
    if (failed !== null)
      process.stderr.write(`goalpost: the charts' code cache holds less than it could (${failed})\n`);
  }
  return 0;
}

/**
 * The thread that writes a code cache of the charts bundle (see bundleCharts): it loads the
 * bundle, draws the charts it is given, and saves what V8 made of it, named by V8's tag in it.
 * Answers null, or why drawing failed (the cache then holds what had compiled by then); throws
 * when the bundle does not load.
 */
const WARM_CHARTS = `
const { writeFileSync } = require('node:fs');
const { cachedDataVersionTag } = require('node:v8');
const { parentPort, workerData } = require('node:worker_threads');
const { loadBundle } = require(${JSON.stringify(join(root, 'bin/load-cli.js'))});
const { bundle, charts } = workerData;
const { exports, script } = loadBundle(bundle);
const save = (failed) => {
  writeFileSync(bundle + '.' + cachedDataVersionTag() + '.cache', script.createCachedData());
  parentPort.postMessage(failed);
};
charts.reduce((drawn, chart) => drawn.then(() => exports.chartPng(chart)), Promise.resolve()).then(
  () => save(null),
  (error) => save(String((error && error.message) || error)),
);
`;

/** vega-canvas's browser build wherever Vega imports it (see bundleCharts). */
const vegaCanvasWithoutCanvas = {
  name: 'vega-canvas-without-canvas',
  setup(build) {
    build.onResolve({ filter: /^vega-canvas$/ }, async (args) => {
      if (args.pluginData === 'as published') return undefined;
      const published = await build.resolve(args.path, {
        resolveDir: args.resolveDir,
        kind: args.kind,
        pluginData: 'as published',
      });
      if (published.errors.length > 0) return { errors: published.errors };
      return { path: published.path.replace(/vega-canvas\.node\.js$/, 'vega-canvas.browser.js') };
    });
  },
};

/**
 * The charts the build draws to warm the charts' code cache: a goal's and revenue's, as a report
 * draws them. None in a package without Goalpost's views (a test's tiny package).
 */
async function sampleCharts() {
  const views = join(root, 'dist/src/views/charts.js');
  if (!existsSync(views)) return [];
  const { goalChart, revenueChart } = await import(pathToFileURL(views).href);
  const goal = {
    id: 1,
    workspaceId: 'build',
    metric: 'active_teachers',
    target: 300,
    unit: 'teachers',
    direction: 'up',
    baseline: 100,
    deadline: '2027-03-31',
    owner: null,
    valuePerUnit: null,
    weight: null,
    status: 'active',
    createdBy: 'build',
    createdAt: '2026-09-01T00:00:00.000Z',
    updatedAt: '2026-09-01T00:00:00.000Z',
  };
  const points = [100, 112, 121, 133, 140, 152].map((value, i) => ({
    at: new Date(Date.UTC(2026, 8, 1 + i * 15)).toISOString(),
    value,
  }));
  return [
    goalChart({ goal, points, forecast: 250 }),
    revenueChart({
      months: [
        { month: '2026-09', mrr: 300 },
        { month: '2026-10', mrr: 570 },
      ],
      targets: [{ month: '2027-02', target: 999 }],
    }),
  ].filter((chart) => chart !== null);
}

/**
 * Commander requires `node:child_process` as it loads, for subcommands that are programs of their
 * own, which Goalpost has none of; the module (with the `net` and `dgram` it loads) cost every
 * command about 2 ms. Commander gets it on first use instead.
 */
const lazyChildProcess = {
  name: 'lazy-child-process',
  setup(build) {
    build.onResolve({ filter: /^node:child_process$/ }, (args) =>
      /[\\/]node_modules[\\/]commander[\\/]/.test(args.importer)
        ? { path: 'child_process', namespace: 'lazy-builtin' }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, (args) => ({
      contents: `let m; module.exports = new Proxy({}, { get: (_, k) => (m ??= require('node:${args.path}'))[k] });`,
      loader: 'js',
    }));
  },
};

/**
 * The migrations as this build reads them, by version, name and checksum, written into the bundle
 * so that a command checks a database against them without hashing every file (see
 * builtMigrations in src/store/migrate.ts). tsc's compiled readMigrations reads them: it refuses
 * a misnamed or out-of-sequence file, and so does the build. A string literal, parsed where used:
 * esbuild makes a module of a defined array. Nothing without a migrations folder (a test's tiny
 * package): the bundle then reads the files.
 */
async function builtMigrations() {
  const dir = join(root, 'migrations');
  if (!existsSync(dir)) return {};
  const { readMigrations } = await import(pathToFileURL(join(root, 'dist/src/store/migrate.js')).href);
  const built = readMigrations(dir).map(({ version, name, checksum }) => ({ version, name, checksum }));
  return { GOALPOST_BUILT_MIGRATIONS: JSON.stringify(JSON.stringify(built)) };
}

/**
 * What the warm-up runs through the whole CLI's bundle, in order, on one scratch workspace: the
 * commands people run most. The short commands' first (the cache of a command that plans nothing),
 * then those that plan (PLANNING in bin/load-cli.js).
 */
const WARM_UP = {
  short: [['init', '--demo'], ['vision', 'show'], ['tasks'], ['--help']],
  planning: [
    ['state'],
    ['generate', '--dry-run'],
    ['generate', '--dry-run', '--json'],
    ['generate'],
    ['tasks'],
    ['learn'],
  ],
};

/**
 * What the warm-up runs through each command group's bundle, on the workspace the whole CLI's
 * warm-up left (the demo and a saved batch): the group's most common commands, at least one,
 * so that its caches hold what every command compiles (the session, the store, the migrations'
 * check) besides the module body. Nothing that reaches outside this machine.
 */
const GROUP_WARM_UP = {
  setup: {
    short: [
      ['init', '--demo'],
      ['vision', 'show'],
      ['playbook', 'list'],
    ],
    planning: [],
  },
  projects: { short: [['project', 'list']], planning: [['revenue', 'show']] },
  engine: { short: [], planning: WARM_UP.planning.slice(0, 4) },
  tasks: { short: [['tasks'], ['task', 'show', 'T-1']], planning: [] },
  learning: { short: [['assignee', 'list']], planning: [['learn']] },
  goals: { short: [['goal', 'list']], planning: [['suggest']] },
  schedule: { short: [['schedule', 'list']], planning: [] },
  tokens: { short: [['token', 'list']], planning: [] },
  roles: { short: [['role', 'list']], planning: [] },
  webhooks: { short: [['webhook', 'list']], planning: [] },
  discord: { short: [['discord', '--help']], planning: [] },
  github: { short: [['github', 'list']], planning: [] },
  stripe: { short: [['stripe', '--help']], planning: [] },
  worker: { short: [['worker', '--help']], planning: [] },
};

/**
 * Loads `bundle` and runs `commands` through it on the workspace in `dir`, so that the code caches
 * written beside it hold the functions they compile, not only the module body: V8 compiles a
 * function when it is first called, and a command paid for compiling the use cases, the store and
 * the engine each time. The short commands' cache is written once they have run (or one of them
 * failed), the planning commands' after those. A warm-up that fails costs only that saving (its
 * reason is printed): a cache then holds what had compiled by then, the module body at least.
 */
async function warmUp(bundle, commands, dir) {
  const { exports, script } = loadBundle(bundle);
  const save = (argv) => writeFileSync(codeCacheFor(bundle, argv), script.createCachedData());
  const quiet = () => true;
  const run = async (list) => {
    for (const argv of list) {
      const code = await exports.runCli({
        argv: [...argv, '--db', join(dir, 'warm-up.db'), '--now', '2026-11-21T09:00:00Z'],
        env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'silent' },
        cwd: dir,
        stdout: quiet,
        stderr: quiet,
      });
      if (code !== 0) throw new Error(`goalpost ${argv.join(' ')} exited ${code}`);
    }
  };
  let failed = null;
  await run(commands.short).catch((error) => {
    failed = error;
  });
  save([]);
  if (failed === null && commands.planning.length > 0) {
    await run(commands.planning).catch((error) => {
      failed = error;
    });
    save(['generate']);
  } else {
    // Nothing compiled since: the planning commands' cache is the short commands', one file under
    // two names (ten groups' worth, 4 MB, written twice otherwise).
    linkSync(codeCacheFor(bundle, []), codeCacheFor(bundle, ['generate']));
  }
  if (failed !== null) {
    process.stderr.write(
      `goalpost: the code cache of ${bundle} holds less than it could (${failed.message})\n`,
    );
  }
}

const ifChanged = process.argv.includes('--if-changed');
// --fresh (`npm run bench`) removes dist/ first, tsc's incremental state with it: tsc writes again
// only what it believes changed, so a compiled file edited by hand would otherwise survive every
// build, and a bench would measure it (it did, 2026-11-24).
if (process.argv.includes('--fresh')) rmSync(join(root, 'dist'), { recursive: true, force: true });
if (ifChanged && !stale()) process.exit(0);
if (ifChanged) process.stderr.write('goalpost: the sources changed since the last build; compiling dist/\n');
process.exit(await build());
