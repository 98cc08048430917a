import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder holding Goalpost's package.json, whether running from src/ (tests) or dist/. */
export function packageRoot(from: string = fileURLToPath(import.meta.url)): string {
  let dir = dirname(from);
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'migrations'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`cannot find Goalpost's package root above ${from}`);
    dir = parent;
  }
}

/** The migrations shipped with this Goalpost. */
export const migrationsDir = (): string => join(packageRoot(), 'migrations');

/** This Goalpost's version, as its package.json says (`goalpost --version`, the API document). */
export function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

/**
 * Makes folder `dir` and the folders above it that are missing, each with `mode`, from the top
 * down. Node's own `mkdirSync(dir, { recursive: true })` loops for ever where a missing folder
 * cannot be made and its parent exists (`/proc/nope`: ENOENT, then EEXIST, again and again); made
 * one at a time, the first that cannot be made throws, saying why.
 */
export function makeFolders(dir: string, mode: number): void {
  const missing: string[] = [];
  for (let d = dir; !existsSync(d); d = dirname(d)) {
    missing.unshift(d);
    if (dirname(d) === d) break;
  }
  for (const d of missing) mkdirSync(d, { mode });
}
