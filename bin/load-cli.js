// Loads the bundled CLI (dist/cli/goalpost.cjs) with V8's code cache. The build compiles the
// bundle, runs the common commands through it and saves what V8 made of it beside it (two caches:
// see codeCacheFor); a command then skips parsing and compiling most of its JavaScript. A cache
// V8 rejects (another Node version) only loses that saving.
//
// CommonJS (bin/package.json), like the bin: Node starts a CommonJS main without its ES module
// loader, 19 of its own modules fewer to load before a command runs.
const { existsSync, readFileSync } = require('node:fs');
const { createRequire } = require('node:module');
const { dirname, join } = require('node:path');
const { Script } = require('node:vm');

/**
 * Compiles the CommonJS bundle at `bundle` (with `cachedData` when there is a cache) and runs its
 * module body; returns its exports and the compiled script (whose code cache the build saves).
 */
function loadBundle(bundle, cachedData) {
  // The build wrote the bundle inside CommonJS's own wrapper (on its first line, so stack traces
  // keep their line numbers): V8 compiles the string as read. Wrapping it here made a second
  // string, and V8 kept both (1.2 MB each) until the process ended. Latin-1, as the build checked:
  // read as such, the bytes are the string, with no UTF-8 to decode.
  const source = readFileSync(bundle, 'latin1');
  const script = new Script(source, { filename: bundle, cachedData });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(bundle), module, bundle, dirname(bundle));
  return { exports: module.exports, script };
}

/**
 * The command group whose bundle in `built` (dist/cli) runs a command line, or null for the whole
 * CLI's (`--help`, a mistyped command and the like). route.cjs (adapters/cli/route.ts) names it,
 * by the same words the CLI defines its groups by; null too for a build without it (an older dist/).
 */
function commandGroup(built, argv) {
  const route = join(built, 'route.cjs');
  return existsSync(route) ? require(route).bundleFor(argv) : null;
}

/**
 * The bundle in `built` for a command group (commandGroup): the group's, which holds only its
 * commands and the use cases they reach, or the whole CLI's (goalpost.cjs) for null. A build
 * without the group's bundle has the whole CLI's only.
 */
function groupBundle(built, group) {
  const whole = join(built, 'goalpost.cjs');
  if (group === null) return whole;
  const bundle = join(built, `group-${group}.cjs`);
  return existsSync(bundle) ? bundle : whole;
}

/** The bundle in `built` that runs a command line (groupBundle of its commandGroup). */
function bundleFor(built, argv) {
  return groupBundle(built, commandGroup(built, argv));
}

/**
 * Words of a command line that plans, analyses or learns: what the build's warm-up compiles after
 * the short commands (see WARM_UP in scripts/build.mjs), so a command naming one of them loads
 * the cache that holds it. The commands (`schedule run-due` plans the digests, `goal suggest`,
 * `report` and `export` analyse, `route` and `simulate` route as a saved batch does), and the
 * original engine's flags the CLI still takes (`--generate`, a bare `--dry-run`…).
 */
const PLANNING = new Set([
  'generate',
  'state',
  'learn',
  'revenue',
  'report',
  'export',
  'suggest',
  'route',
  'simulate',
  'run-due',
  '--generate',
  '--dry-run',
  '--show-state',
  '--show-revenue',
  '--learn',
]);

/**
 * The code cache for a command line: the build writes two, as V8 deserializes all of a cache when
 * a command starts, and the planning code cost a short command like `vision show` 0.5 MB it never
 * ran. Any argument naming a planning command picks its cache: an option's value that happens to
 * be such a word costs only the short command's half megabyte.
 */
function codeCacheFor(bundle, argv) {
  return argv.some((a) => PLANNING.has(a)) ? `${bundle}.cache` : `${bundle}.short.cache`;
}

/**
 * Commands that read aside (`learn`): they set no V8 flag (see commandFlags), and keep V8's
 * old-generation growth if they plan too (bin/goalpost.js).
 */
const READS_ASIDE = new Set(['learn', '--learn']);

/** How far V8's old generation may grow between collections for a command line, in %; null: V8's own. */
function oldGenerationGrowth(argv) {
  return argv.some((word) => READS_ASIDE.has(word)) ? null : 50;
}

/**
 * Command groups whose commands read and write a few rows and print, unless they name a planning
 * word (PLANNING) or list a workspace's records whole (LISTS): no V8 flag was measured to help
 * them, and setting any costs a start some 3 ms. `vision show` took ×0.95 the time without them
 * (40 pairs, 2026-11-27) and 0.4 MiB less; the time was in the setting (one flag set, any of the
 * four, ×1.03), not in loading Node's `v8` module (×0.99). Every other group sets the flags: those
 * that plan, sync a service's records or fetch (`schedule`, `github`, `stripe`, `discord`,
 * `worker`, `webhooks`).
 */
const SHORT_GROUPS = new Set(['setup', 'projects', 'tasks', 'learning', 'goals', 'tokens', 'roles']);

/**
 * Words of a command that lists a workspace's records whole (`project list`, `tasks`, `goals`,
 * `queue`): on a large workspace the flags keep its memory down. A `project list` of 100,000
 * projects peaked at 124 MiB with them and 152 without, in ×1.06 the time (10 pairs).
 */
const LISTS = new Set(['list', 'tasks', 'goals', 'queue']);

/**
 * The V8 flags a command line sets once its bundle is loaded (bin/goalpost.js says why each),
 * given its command group (commandGroup): none for a short command (SHORT_GROUPS), and none for
 * one that reads aside (READS_ASIDE). `learn` over a long log starts a thread, and once any flag
 * differs from V8's default, V8 refuses the code cache Node keeps for its own modules, in the
 * thread too: a thread that only answered took ×1.16 the time to start with the wasm flags set
 * (20 pairs), and `learn` warm over a million outcomes took ×0.96 the time without the flags (12
 * pairs, 0.5 MiB less; cold over 100,000, ×0.99, 15 pairs). It fetches nothing and its memory was
 * the same with the young generation's growth stopped or not. One list, as
 * the build writes the chart thread's code cache for V8 so set too (V8 refuses a cache written
 * under other flags: see bundleCharts in scripts/build.mjs).
 */
function commandFlags(argv, group = null) {
  if (argv.some((a) => READS_ASIDE.has(a))) return [];
  if (group !== null && SHORT_GROUPS.has(group) && !argv.some((a) => PLANNING.has(a) || LISTS.has(a)))
    return [];
  const flags = ['--semi-space-growth-factor=1', '--no-wasm-tier-up', '--no-wasm-dynamic-tiering'];
  const growth = oldGenerationGrowth(argv);
  if (growth !== null) flags.push(`--heap-growing-percent=${growth}`);
  return flags;
}

exports.commandGroup = commandGroup;
exports.groupBundle = groupBundle;
exports.bundleFor = bundleFor;
exports.loadBundle = loadBundle;
exports.codeCacheFor = codeCacheFor;
exports.oldGenerationGrowth = oldGenerationGrowth;
exports.commandFlags = commandFlags;
