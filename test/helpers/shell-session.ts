import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ShellResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * One bash process that runs commands one after another, like a person's terminal: what a command
 * sets (`export`, `TOKEN=$(…)`) or defines stays for the next. Each command gets /dev/null as
 * stdin, so none can swallow the commands after it, and its own stdout and stderr.
 */
export function startShell(cwd: string, env: Record<string, string>) {
  const outputs = mkdtempSync(join(tmpdir(), 'goalpost-shell-'));
  const bash = spawn('bash', ['--norc', '--noprofile'], { cwd, env, stdio: ['pipe', 'pipe', 'pipe'] });
  let seen = '';
  let errors = '';
  let exited: string | null = null;
  const waiting = new Map<number, (code: number) => void>();
  bash.stdout.on('data', (d: Buffer) => {
    seen += d.toString();
    for (const m of seen.matchAll(/^__done__ (\d+) (\d+)$/gm)) waiting.get(Number(m[1]))?.(Number(m[2]));
  });
  bash.stderr.on('data', (d: Buffer) => {
    errors += d.toString();
  });
  bash.on('exit', (code) => {
    exited = `bash exited (${code}): ${errors}`;
    for (const resolve of waiting.values()) resolve(-1);
  });
  let next = 0;

  return {
    /** Runs `command` (one line, or lines joined by `\`) and resolves with its exit code and output. */
    run(command: string): Promise<ShellResult> {
      if (exited) return Promise.resolve({ code: -1, stdout: '', stderr: exited });
      const id = next++;
      const out = join(outputs, `${id}.out`);
      const err = join(outputs, `${id}.err`);
      return new Promise((resolve) => {
        waiting.set(id, (code) => {
          waiting.delete(id);
          const read = (file: string) => {
            try {
              return readFileSync(file, 'utf8');
            } catch {
              return exited ?? '';
            }
          };
          resolve({ code, stdout: read(out), stderr: read(err) });
        });
        bash.stdin.write(`{ ${command}\n} </dev/null >'${out}' 2>'${err}'; echo "__done__ ${id} $?"\n`);
      });
    },
    /** Ends the shell and removes the commands' output files. */
    close(): void {
      bash.stdin.end();
      rmSync(outputs, { recursive: true, force: true });
    },
  };
}
