import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { runtimeFloor } from '../../bench/processes.js';
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

describe("the bench's floor rows", () => {
  const python = spawnSync('python3', ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' });

  it("measure Node, and Python where the machine has it, each process's own peak", () => {
    // A path a URI would misread unencoded: Python opens the file by a file: URI, read-only.
    const dir = mkdtempSync(join(tmpdir(), 'goalpost floor #1 ?%-'));
    try {
      const db = join(dir, 'floor.db');
      const file = new Database(db);
      file.exec('CREATE TABLE projects (id INTEGER PRIMARY KEY); INSERT INTO projects VALUES (1)');
      file.close();
      // Held while the floor runs: a spawned process must not report the bench's memory as its own.
      const held = Array.from({ length: 200 }, () => Buffer.alloc(1024 * 1024, 1));
      const rows = runtimeFloor(db, 2);
      expect(held.length).toBe(200);
      const names = rows.map((r) => r.name);
      expect(names.slice(0, 2)).toEqual([
        'node, running nothing',
        'node, opening the file with better-sqlite3',
      ]);
      if (python.status !== 0) {
        expect(rows).toHaveLength(2);
        return;
      }
      const floor = rows[2];
      expect(floor?.name).toBe('python3, opening the file with sqlite3');
      expect(floor?.figure.n).toBe(2);
      expect(floor?.figure.median).toBeGreaterThan(0);
      expect(floor?.peakMb).toBeGreaterThan(1);
      expect(floor?.peakMb).toBeLessThan(150);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
