#!/usr/bin/env node
// Compiles src/ and adapters/ to dist/ (`npm run build`, and `npm install` through `prepare`).
// With --if-changed (`npm start`'s prestart) it compiles only when a source, a tsconfig or the
// package files changed since the last build, so a start does not pay for tsc (seconds) every time.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
/** Written after each successful build, dated when that build started. */
const stamp = join(root, 'dist/.build-stamp');
/**
 * What the build reads; a folder counts with everything in it (and its own mtime, for deletions).
 * Not package-lock.json: installs rewrite it without changing the JavaScript tsc emits, and npm may
 * write it after `prepare` has built, which would cost a fresh clone's first start a build.
 */
const inputs = ['src', 'adapters', 'tsconfig.json', 'tsconfig.build.json', 'package.json'];
/** What `npm start` and the CLI run: a build without them is no build. */
const outputs = ['dist/src/main.js', 'dist/adapters/cli/main.js'];

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

function build() {
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
  writeFileSync(stamp, `${started.toISOString()}\n`);
  utimesSync(stamp, started, started);
  return 0;
}

const ifChanged = process.argv.includes('--if-changed');
if (ifChanged && !stale()) process.exit(0);
if (ifChanged) process.stderr.write('goalpost: the sources changed since the last build; compiling dist/\n');
process.exit(build());
