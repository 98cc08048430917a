import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, expect } from 'vitest';
import { packageRoot } from '../../src/paths.js';

/** What the build makes that tests run: the server, the CLI's bundle, the chart thread's bundle. */
const BUILT = ['dist/src/main.js', 'dist/cli/goalpost.cjs', 'dist/charts/charts.cjs'];

/**
 * Registers a hook that builds dist/ when it is missing: tests that spawn the real processes run
 * the compiled code. `npm test` builds first; a bare `vitest` run needs this.
 */
export function useBuilt(): void {
  beforeAll(() => {
    const root = packageRoot();
    if (BUILT.every((f) => existsSync(join(root, f)))) return;
    const built = spawnSync('npm', ['run', 'build', '--silent'], { cwd: root, encoding: 'utf8' });
    expect(built.status, built.stderr).toBe(0);
  });
}
