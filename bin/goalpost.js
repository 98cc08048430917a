#!/usr/bin/env node
// Runs the bundled CLI. `npm install` builds it (the `prepare` script); run `npm run build` after editing src/.
// CommonJS (bin/package.json): Node starts a CommonJS main without loading its ES module loader.
const { existsSync, readFileSync } = require('node:fs');
const { join } = require('node:path');
const {
  codeCacheFor,
  commandFlags,
  commandGroup,
  groupBundle,
  loadBundle,
  oldGenerationGrowth,
} = require('./load-cli.js');
// Node's `v8` module (with its heap utilities and streams), loaded only to set a flag: a short
// command and `learn` set none (see commandFlags in load-cli.js).
const setFlagsFromString = (flags) => require('node:v8').setFlagsFromString(flags);

const built = join(__dirname, '..', 'dist', 'cli');
if (!existsSync(join(built, 'goalpost.cjs'))) {
  process.stderr.write(
    'goalpost: not built yet; run `npm install` (or `npm run build`) in the goalpost folder\n',
  );
  process.exit(78);
}
const group = commandGroup(built, process.argv.slice(2));
const bundle = groupBundle(built, group);
let cachedData;
try {
  cachedData = readFileSync(codeCacheFor(bundle, process.argv.slice(2)));
} catch {
  // No code cache (a build that could not write it): V8 compiles the bundle as usual.
}
const cli = loadBundle(bundle, cachedData);
// V8 has made the code of the cache; held here, its 0.7 MB would stay for the whole command, and
// the memory it takes could not go to what the command allocates next: `vision show` peaked at
// 50.3 instead of 51.0 MB (VmHWM as the bench counts it, 12 runs each, 2026-11-26), a dry run on
// 1 project at 54.5 instead of 55.3 (6 each), in the same time (`vision show` ×1.00, 20 pairs).
cachedData = undefined;
// A command runs once, where V8 is tuned for servers; before it plans (or analyses) a workspace,
// it tells `beforeWorkspaceRead` how many projects the workspace has, and V8 is tuned here for
// that work.
//
// The young generation doubles, up to 32 MB, whenever most of it survives (as a workspace's rows
// do while a plan reads them); kept at 8 MB (two halves of 4 MB), a dry run on 10,000 projects
// peaks at 100-104 MB instead of 128-143 MB, no slower. Smaller is worse there: at 4 MB, objects
// that die young are promoted before they die, and a dry run on 100,000 projects took 6.5 s and
// 412 MB instead of 4.4-4.8 s and 321-328 MB. The young generation starts smaller, and a command's
// own start does not allocate enough to grow it, so for a workspace of LARGE_WORKSPACE projects or
// more it is grown, deterministically: a few 64 KB arrays, kept until a scavenge finds them alive,
// make V8 double it (about 4 ms; at most 13 MB allocated if it never does). Otherwise growth is
// stopped from the start. Until 2026-11-24 every command grew it: a dry run on 10,000 projects took
// ×0.91 the time with it, but on 1,000 ×1.02 and 3.5 MB more, on 1 project and `vision show`
// ×1.01–1.02 and 1.3–2.1 MB more, a `github connect` of 10,000 issues 7.5 MB more in the same time,
// and `learn` over 100,000 and 1,000,000 outcomes the same.
//
// A smaller plan is over before V8's optimising compiler (TurboFan) pays for itself: it compiled
// 34 functions in a dry run on 1,000 projects, 126 ms of compiling on another thread, competing
// with the plan for the machine, and its own code and working memory cost the process some 12 MB.
// Planning with V8's baseline compiler at most (`--max-opt=1`), a dry run took ×0.87 the time and
// 5 MB less on 1,000 projects, ×0.90 and 8.5 MB less on 3,000 (12 pairs each, Node 20, where
// TurboFan is the only optimising compiler on). Measured again on 2026-11-24, as planning had grown
// cheaper: ×0.92 the time and 83 MiB instead of 94 on 10,000 projects (8 pairs), ×1.01 and 90
// instead of 103 on 15,000 (10 pairs), but ×1.24 on 30,000 and ×1.37 on 100,000 (8 and 4 pairs).
// So a plan of fewer than OPTIMISE_FROM projects runs without it, and a larger one with it (until
// then, from 5,000). Commands that read no workspace whole keep it (`learn` over 1,000,000 outcomes
// took ×1.09 the time without it). A command that plans several workspaces (`schedule run-due`) is
// tuned for each in turn.
//
// And the old generation may grow by 50 % between collections instead of up to 300 %: a dry run on
// 100,000 projects reaches its peak while it reads the workspace, whose rows leave garbage in the
// old generation until the next full collection, so that peak is about what survived the last one
// and half as much again. At 100 % it was 303-321 MiB, at 50 % 254-261 MiB, in the same time (4
// pairs); at 30 % no lower, ×1.11 the time. Planning has kept less since: on 2026-11-25, on
// 100,000 projects, 100 % took ×0.92 and ×0.98 the time of 50 % (two runs of 12 pairs; callgrind:
// 19.8 G instructions against 21.0 G, all threads) at a median peak of 228 and 227 MiB against
// 231 and 237 (at most 275), and 150 % the same time as 100 % in 280 MiB. So a plan of
// OPTIMISE_FROM projects or more lets it grow by 100 %; on 10,000 projects the two took the same
// time in the same 79 MiB (20 pairs). Every other command keeps 50 %: with 100 % everywhere, a
// `stripe connect` of 50,000 subscriptions (the bench's) peaked at 589 and 592 MiB against 493 and
// 496 with 50 % (two runs each), for ×0.9 the time. Set so, for the plan alone, 100 % took ×0.97
// the time of 50 % on 100,000 projects (12 pairs; median peak 227.5 against 232.4 MiB).
// V8 reads these flags as it goes, so setting them here takes effect; set before the bundle is
// loaded, they made V8 refuse its code cache. Not every flag may change once V8 runs:
// `--single-threaded-gc` set here made V8 abort at its next full collection (a failed check on
// the concurrent marker, exit 133), and `--no-parallel-scavenge`, which is safe, took ×0.99 the
// time on 10,000 projects (30 pairs).
//
// But not for `learn`: over a long log it starts a thread of its own (see readAside), whose new
// heap grows under the same flag, and the thread took twice as long to start (74-85 ms to its
// first line, against 41-46 without the flag, in a process that had set both flags above; the
// young generation's alone, 34-49). `learn` over 100,000 outcomes took ×0.94 the time without it
// (30 pairs), in the same memory (78 MB; 94 MB over a million outcomes, either way). Most of that
// was any flag set, not this one: V8 then refuses Node's code cache for its own modules, in a
// thread too (see below), and since 2026-11-27 `learn` sets no flag at all (commandFlags). Which
// commands read aside, and so keep V8's growth if they plan: oldGenerationGrowth in load-cli.js.
const LARGE_WORKSPACE = 5000;
const OPTIMISE_FROM = 15000;
const YOUNG_GENERATION = 8 * 1024 * 1024;
const youngGeneration = () =>
  require('node:v8')
    .getHeapSpaceStatistics()
    .find((s) => s.space_name === 'new_space')?.space_size ?? 0;
const OLD_GENERATION_GROWTH = oldGenerationGrowth(process.argv.slice(2));
let grown = false;
const beforeWorkspaceRead = (projects) => {
  setFlagsFromString(projects < OPTIMISE_FROM ? '--max-opt=1' : '--max-opt=999');
  if (OLD_GENERATION_GROWTH !== null) {
    const percent = projects < OPTIMISE_FROM ? OLD_GENERATION_GROWTH : 100;
    setFlagsFromString(`--heap-growing-percent=${percent}`);
  }
  if (projects < LARGE_WORKSPACE || grown) return;
  grown = true;
  setFlagsFromString('--semi-space-growth-factor=2');
  let alive = [];
  for (let round = 0; round < 200 && youngGeneration() < YOUNG_GENERATION; round++) {
    alive.push(new Array(8000).fill(0));
  }
  alive = null;
  setFlagsFromString('--semi-space-growth-factor=1');
};
// (Growth stopped from the start: `--semi-space-growth-factor=1`, among commandFlags below.)
// A Stripe sync parses page after page of an account's subscriptions and invoices (the bench's:
// 500 pages of subscriptions and some 2,800 of invoices), each page garbage once its few fields
// are kept. With the young generation held at its start (2 MB), the page being read outlived
// scavenge after scavenge and was promoted, and collecting took a third of the run: so the sync
// lets it grow (to 32 MB). Paired against the build before (2026-11-26), `stripe connect` of the
// bench's 50,000 subscriptions and 275,344 invoices took ×0.76 the time (3 pairs; 44.6 against
// 58.9 s, over the 60 s of issue 21 in one of them) and ×0.59 the CPU (31 against 53 s), peaking
// at 510 instead of 484 MB.
const beforeBulkRead = () => setFlagsFromString('--semi-space-growth-factor=2');
// WebAssembly stays in V8's baseline compiler (Liftoff). The one module a command runs is
// undici's HTTP parser (llhttp): Node's fetch runs it, which Octokit talks to GitHub with (and
// the `worker` command to Goalpost's API), and so does discord.js's REST client. Once it had
// parsed a few answers, V8 began optimising it on another thread, and the process could not exit
// until that was done: a Node process that fetched once took 117-157 ms from the answer to its
// exit, 1 ms with these flags.
// Paired against the build before (2026-11-26): a `github sync` that GitHub answered with one 304
// took ×0.73 the time (15 pairs; 380 against 513 ms) in 68 instead of 97 MB; a `github connect`
// of 10,000 issues (100 pages) the same time within the noise (×1.04 wall, ×0.97 CPU; 12 pairs)
// in 87 instead of 103 MB. Stripe's client and Slack's use Node's http, which runs no
// WebAssembly. The bot (`npm start`) does not start here: a process that lives for days keeps the
// optimised parser.
// The flags a command that plans, lists a workspace whole, syncs or fetches sets now, those above
// among them (`--no-wasm-tier-up`, `--no-wasm-dynamic-tiering`, the young generation's growth
// stopped, the old generation's OLD_GENERATION_GROWTH): one list (commandFlags), which the build
// reads too. A short command and `learn` set none (SHORT_GROUPS and READS_ASIDE in load-cli.js).
//
// Once any flag differs from V8's default, V8 refuses the code cache Node keeps for its own
// modules, and those loaded after are compiled from source (`stream`, `os`, `worker_threads`
// and `net` took 6.5 ms instead of 2.7 in a script). The one a command loads later is the stream
// under process.stdout (`net` for a pipe), so it is made first: a dry run on 1 project took ×0.98
// the time (60 pairs, 2026-11-27) and 0.3 MiB less.
process.stdout;
for (const flag of commandFlags(process.argv.slice(2), group)) setFlagsFromString(flag);
// What escapes main (a bug: it reports a command's own errors) is Node's unhandled rejection: the
// stack on stderr and exit code 1, as an ES module's top-level await gave it.
cli.exports.main({ beforeWorkspaceRead, beforeBulkRead });
