import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { packageRoot } from '../src/paths.js';

/**
 * One of the tests' fakes (GitHub, Stripe) in its own process, from `dist/bench/<script>` with
 * `args`: the bin runs synchronously, so a fake cannot share the bench's event loop. Resolves once
 * it printed its URL, perhaps lines saying what it holds (`said`), and `ready`; `stop()` closes
 * its stdin, which ends it.
 */
export async function startFakeProcess(
  script: string,
  args: readonly string[],
): Promise<{ url: string; said: string[]; stop(): void }> {
  const child = spawn(process.execPath, [join(packageRoot(), 'dist/bench', script), ...args], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const [url = '', ...said] = await new Promise<string[]>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('ready\n')) resolve(out.slice(0, out.indexOf('ready\n')).split('\n').slice(0, -1));
    });
    child.on('exit', (code) => reject(new Error(`${script} exited ${code}`)));
  });
  return { url, said, stop: () => child.stdin.end() };
}
