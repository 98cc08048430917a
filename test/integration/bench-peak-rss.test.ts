import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/paths.js';

/** The peak a measured Node process reports (bench/peak-rss.cjs), in MB, for `code`. */
function reportedPeakMb(code: string): number {
  const run = spawnSync(
    process.execPath,
    ['--require', join(packageRoot(), 'bench/peak-rss.cjs'), '-e', code],
    { encoding: 'utf8' },
  );
  expect(run.status).toBe(0);
  const kb = Number(/peak-rss-kb (\d+)/.exec(run.stderr)?.[1]);
  expect(kb).toBeGreaterThan(0);
  return kb / 1024;
}

describe("the bench's peak memory of a process", () => {
  it('is its own, not the resident memory of the large process that spawned it', () => {
    // The bench builds workspaces in its own process before it spawns commands: hold 300 MB.
    const held = Array.from({ length: 300 }, () => Buffer.alloc(1024 * 1024, 1));
    const nothing = reportedPeakMb('0');
    expect(held.length).toBe(300);
    expect(nothing).toBeLessThan(150);
  });

  it('counts what the process itself held at its peak, even when it let go before exit', () => {
    const peak = reportedPeakMb(
      'let a = Array.from({ length: 200 }, () => Buffer.alloc(1024 * 1024, 1)); a = null; globalThis.gc?.();',
    );
    expect(peak).toBeGreaterThan(200);
  });
});
