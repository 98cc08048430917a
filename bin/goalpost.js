#!/usr/bin/env node
// Runs the bundled CLI. `npm install` builds it (the `prepare` script); run `npm run build` after editing src/.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { loadBundle } from './load-cli.js';

const bundle = fileURLToPath(new URL('../dist/cli/goalpost.cjs', import.meta.url));
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
// A command runs once: V8's young generation, tuned for servers, doubles each time most of what it
// holds survives (as a large workspace's rows do while a plan reads them) up to 32 MB, which only
// raises the command's peak. Kept at its first size, a dry run on 10,000 projects peaks at 104 MB
// instead of 128 MB, no slower. V8 reads the flag when the young generation would grow, so setting
// it here takes effect; set before loading, it made V8 refuse the bundle's code cache.
setFlagsFromString('--semi-space-growth-factor=1');
await cli.exports.main();
