#!/usr/bin/env node
// Runs the bundled CLI. `npm install` builds it (the `prepare` script); run `npm run build` after editing src/.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
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
await loadBundle(bundle, cachedData).exports.main();
