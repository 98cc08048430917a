#!/usr/bin/env node
// Runs the compiled CLI. `npm install` builds it (the `prepare` script); run `npm run build` after editing src/.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/adapters/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write(
    'goalpost: not built yet; run `npm install` (or `npm run build`) in the goalpost folder\n',
  );
  process.exit(78);
}
await import(entry.href);
