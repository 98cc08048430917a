#!/usr/bin/env node
// Compiles src/ and adapters/ to dist/ (`npm run build`, and `npm install` through `prepare`), then
// bundles the CLI into dist/cli/ with its code cache, so a command starts quickly.
// With --if-changed (`npm start`'s prestart) it compiles only when a source, a tsconfig or the
// package files changed since the last build, so a start does not pay for tsc (seconds) every time.
// With --fresh it builds from nothing (see below).
import { spawnSync } from 'node:child_process';
import {
  existsSync,
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
import { codeCacheFor, loadBundle } from '../bin/load-cli.js';

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
const outputs = ['dist/src/main.js', 'dist/cli/goalpost.cjs', 'dist/charts/chart-thread.mjs'];

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
  const charts = await bundleChartThread();
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
  try {
    await esbuild.build({
      entryPoints: [join(root, 'dist/adapters/cli/main.js')],
      outfile: bundle,
      bundle: true,
      format: 'cjs',
      platform: 'node',
      target: 'node20',
      external: [...Object.keys(pkg.dependencies ?? {}).filter((d) => !bundled.has(d)), 'bindings'],
      // src/paths.ts finds the package from its own file's URL.
      define: { 'import.meta.url': '__goalpostFileUrl', ...migrations },
      // CommonJS's own wrapper, written around the bundle here so that bin/load-cli.js compiles the
      // file as read: wrapping it there made V8 hold a second copy of its 1.2 MB (see loadBundle).
      // Strict, as the sources are: esbuild's own "use strict" comes after this banner's first
      // statement, where it is no directive, and the modules it writes at the top level (most of
      // Goalpost's) ran in sloppy mode.
      banner: {
        js: "(function (exports, require, module, __filename, __dirname) {'use strict';const __goalpostFileUrl = require('node:url').pathToFileURL(__filename).href;",
      },
      footer: { js: '})' },
      minifyWhitespace: true,
      minifySyntax: true,
      sourcemap: 'linked',
      logLevel: 'warning',
      plugins: [lazyChildProcess],
    });
  } catch {
    return 1; // esbuild has printed why
  }
  // vm.Script (bin/load-cli.js) has no loader for import(): a dynamic import of an ES module
  // package would fail at run time, so it fails the build instead.
  const source = readFileSync(bundle, 'utf8');
  if (/\bimport\(/.test(source)) {
    process.stderr.write(
      'goalpost: the CLI bundle has a dynamic import(), which bin/load-cli.js cannot run\n',
    );
    return 1;
  }
  // bin/load-cli.js reads the bundle as Latin-1, a byte a character: right only while every
  // character is ASCII, as UTF-8 writes anything past it in two bytes or more (`×` would be read as
  // two other characters, and a regular expression would match other text). And V8 holds a source
  // with any character past Latin-1 in two bytes a character (2.4 MB for this bundle instead of
  // 1.2). esbuild escapes such characters in strings, not in regular expression literals: one en
  // dash there did it.
  const wide = /[\u0080-\uffff]/.exec(source);
  if (wide !== null) {
    process.stderr.write(
      `goalpost: the CLI bundle has a character past ASCII (${JSON.stringify(wide[0])}), most likely in a regular expression literal, which esbuild leaves as written; write it as an escape (\\u${wide[0].charCodeAt(0).toString(16).padStart(4, '0')})\n`,
    );
    return 1;
  }
  // Two code caches: V8 deserializes all of a cache as a command starts, so one warmed by planning
  // cost `vision show` 0.5 MB it never runs. The short commands' cache is written first; the same
  // script, warmed on, gives the cache of the commands that plan (see codeCacheFor).
  const { exports, script } = loadBundle(bundle);
  const save = (argv) => writeFileSync(codeCacheFor(bundle, argv), script.createCachedData());
  await warmUp(exports.runCli, () => save([]));
  save(['generate']);
  return 0;
}

/**
 * Bundles the thread that draws charts (dist/adapters/charts/chart-thread.js) into one ES module,
 * dist/charts/chart-thread.mjs, Vega and Vega-Lite inside. Loaded as compiled, the thread is some
 * 600 modules (Vega's, D3's, and Goalpost's own through the barrel) for Node's ES module loader to
 * resolve, read and link before the first chart is drawn: about 0.6 s of the 1.1 s a thread took
 * to draw a goal's chart and revenue's (0.55 s bundled, the PNGs the same bytes). An ES
 * module, as the thread is (vega-canvas awaits its optional `canvas` at the top level). resvg's
 * native binding and `canvas` (absent: Vega draws with no canvas) stay in node_modules.
 */
async function bundleChartThread() {
  const esbuild = createRequire(import.meta.url)('esbuild');
  try {
    await esbuild.build({
      entryPoints: [join(root, 'dist/adapters/charts/chart-thread.js')],
      outfile: join(root, 'dist/charts/chart-thread.mjs'),
      bundle: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      external: ['@resvg/resvg-js', 'canvas'],
      minifyWhitespace: true,
      minifySyntax: true,
      sourcemap: 'linked',
      logLevel: 'warning',
    });
  } catch {
    return 1; // esbuild has printed why
  }
  return 0;
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
 * What the warm-up runs, in order, on one scratch workspace: the commands people run most. The
 * first SHORT_WARM_UP are the short commands' (the cache of a command that plans nothing); the
 * rest are the commands that plan (PLANNING in bin/load-cli.js).
 */
const WARM_UP = [
  ['init', '--demo'],
  ['vision', 'show'],
  ['tasks'],
  ['--help'],
  ['state'],
  ['generate', '--dry-run'],
  ['generate', '--dry-run', '--json'],
  ['generate'],
  ['tasks'],
  ['learn'],
];
const SHORT_WARM_UP = 4;

/**
 * Runs the commands people run most through the loaded bundle, on a scratch workspace, so that
 * the code cache written next holds the functions they compile, not only the module body: V8
 * compiles a function when it is first called, and a command paid for compiling the use cases,
 * the store and the engine each time. `shortDone` is called once, when the short commands have run
 * (or one of them failed); an error it throws (the cache not written) is the build's. A warm-up
 * that fails costs only that saving (its reason is printed): a cache then holds what had compiled
 * by then, the module body at least.
 */
async function warmUp(runCli, shortDone) {
  const dir = mkdtempSync(join(tmpdir(), 'goalpost-build-'));
  const quiet = () => true;
  const run = async (commands) => {
    for (const argv of commands) {
      const code = await runCli({
        argv: [...argv, '--db', join(dir, 'warm-up.db'), '--now', '2026-11-21T09:00:00Z'],
        env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'silent' },
        cwd: dir,
        stdout: quiet,
        stderr: quiet,
      });
      if (code !== 0) throw new Error(`goalpost ${argv.join(' ')} exited ${code}`);
    }
  };
  try {
    let failed = null;
    await run(WARM_UP.slice(0, SHORT_WARM_UP)).catch((error) => {
      failed = error;
    });
    shortDone();
    if (failed === null) {
      await run(WARM_UP.slice(SHORT_WARM_UP)).catch((error) => {
        failed = error;
      });
    }
    if (failed !== null) {
      process.stderr.write(`goalpost: the code cache holds less than it could (${failed.message})\n`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
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
