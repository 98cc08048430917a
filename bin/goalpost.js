#!/usr/bin/env node
// Runs the bundled CLI. `npm install` builds it (the `prepare` script); run `npm run build` after editing src/.
// CommonJS (bin/package.json): Node starts a CommonJS main without loading its ES module loader.
const { existsSync, readFileSync } = require('node:fs');
const { join } = require('node:path');
const { setFlagsFromString } = require('node:v8');
const { loadBundle } = require('./load-cli.js');

const bundle = join(__dirname, '..', 'dist', 'cli', 'goalpost.cjs');
if (!existsSync(bundle)) {
  process.stderr.write(
    'goalpost: not built yet; run `npm install` (or `npm run build`) in the goalpost folder\n',
  );
  process.exit(78);
}
let cachedData;
try {
  cachedData = readFileSync(`${bundle}.cache`);
} catch {
  // No code cache (a build that could not write it): V8 compiles the bundle as usual.
}
const cli = loadBundle(bundle, cachedData);
// A command runs once, where V8's heap is tuned for servers. Its young generation doubles, up to
// 32 MB, whenever most of it survives (as a workspace's rows do while a plan reads them); kept at
// its first size, a dry run on 10,000 projects peaks at 104 MB instead of 128 MB, no slower. And
// the old generation may grow by 100 % between collections instead of up to 300 %: on 100,000
// projects the two together take the peak from 579 to 347 MB, for about 10 % more time. V8 reads
// both flags as the heap grows, so setting them here takes effect; set before the bundle is
// loaded, they made V8 refuse its code cache.
setFlagsFromString('--semi-space-growth-factor=1');
setFlagsFromString('--heap-growing-percent=100');
// What escapes main (a bug: it reports a command's own errors) is Node's unhandled rejection: the
// stack on stderr and exit code 1, as an ES module's top-level await gave it.
cli.exports.main();
