import { runCli } from '../../adapters/cli/run-cli.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout parsed as JSON (throws if it is not). */
  json<T = unknown>(): T;
}

/**
 * Builds a `goalpost` runner bound to one database and a fixed clock, driven in-process; `env` adds
 * variables to the CLI's environment (e.g. DISCORD_*).
 */
export function cliFor(dbPath: string, now = '2026-11-21T09:00:00Z', env: Record<string, string> = {}) {
  return (...argv: string[]): Promise<CliResult> => runTyped([...argv, '--db', dbPath, '--now', now], env);
}

/** `goalpost` with exactly these words, in-process (a command line as a person typed it whole). */
export async function runTyped(argv: string[], env: Record<string, string> = {}): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await runCli({
    argv,
    env: { LOG_LEVEL: 'silent', ...env },
    cwd: process.cwd(),
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
  });
  return { code, stdout, stderr, json: <T>() => JSON.parse(stdout) as T };
}

/** Runs each command line in turn, failing on the first that does not exit 0, with what it said. */
export async function runEach(
  cli: (...argv: string[]) => Promise<CliResult>,
  lines: readonly (readonly string[])[],
): Promise<void> {
  for (const argv of lines) {
    const r = await cli(...argv);
    if (r.code !== 0) throw new Error(`goalpost ${argv.join(' ')} exited ${r.code}: ${r.stderr}`);
  }
}
