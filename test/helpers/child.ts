import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { packageRoot } from '../../src/paths.js';

/** How a child process ended, and all it printed. */
export interface Exited {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Collects what `child` prints until it has exited and its output is closed. */
export function exited(child: ChildProcess): Promise<Exited> {
  return new Promise((resolve) => {
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (d: Buffer) => {
      stdout += d;
    });
    child.stderr?.on('data', (d: Buffer) => {
      stderr += d;
    });
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Runs a fixture script (`test/fixtures/…`) in its own Node process; resolves to its stdout as JSON. */
export async function runFixtureJson<T>(script: string, args: string[]): Promise<T> {
  const { code, stdout, stderr } = await exited(
    spawn(process.execPath, [join(packageRoot(), 'test/fixtures', script), ...args]),
  );
  if (code !== 0) throw new Error(stderr);
  return JSON.parse(stdout) as T;
}
