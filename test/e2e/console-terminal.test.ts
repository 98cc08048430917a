import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/paths.js';
import { cliFor } from '../helpers/run-cli.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { useBuilt } from '../helpers/use-built.js';

const root = packageRoot();
const tempDir = useTempDir();
useBuilt();

/** util-linux `script` runs a command on a pseudo-terminal: the bot sees a terminal, as a person's shell gives it. */
const hasScript = spawnSync('script', ['--version']).status === 0;
const quote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

/**
 * `npm start` on a terminal: types each line once the prompt shows, then `exit`; resolves with
 * everything the terminal showed.
 */
function onTerminal(env: Record<string, string>, lines: string[], waitFor: () => boolean) {
  const command = `${quote(process.execPath)} ${quote(join(root, 'dist/src/main.js'))}`;
  const child = spawn('script', ['-qfec', command, '/dev/null'], { cwd: env.HOME, env });
  let shown = '';
  return new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`timed out; the terminal showed:\n${shown}`));
    }, 20_000);
    const pending = [...lines];
    let prompts = 0;
    const poll = setInterval(() => {
      const seen = shown.split('goalpost> ').length - 1;
      if (seen <= prompts) return;
      prompts = seen;
      const next = pending.shift();
      if (next !== undefined) child.stdin.write(`${next}\r`);
    }, 50);
    const finish = setInterval(() => {
      if (pending.length > 0 || !waitFor()) return;
      clearInterval(finish);
      child.stdin.write('exit\r');
    }, 100);
    child.stdout.on('data', (d: Buffer) => {
      shown += d.toString();
    });
    child.on('exit', () => {
      clearTimeout(timer);
      clearInterval(poll);
      clearInterval(finish);
      resolve(shown);
    });
  });
}

describe('npm start on a terminal', () => {
  it.skipIf(!hasScript)(
    'writes its log to data/goalpost.log, never between the chat lines, and says where it is',
    async () => {
      const home = tempDir();
      const db = join(home, 'data', 'goalpost.db');
      const now = new Date().toISOString();
      const cli = cliFor(db, now, { GOALPOST_WEBHOOK_ALLOW_PRIVATE: 'on' });
      expect((await cli('init', '--demo')).code).toBe(0);
      // A receiver that is not there: the bot's first delivery fails and it logs a warning.
      expect((await cli('webhook', 'add', 'http://127.0.0.1:1/hook')).code).toBe(0);
      expect((await cli('generate', '--max-tasks', '2')).code).toBe(0);
      const log = join(home, 'data', 'goalpost.log');
      const logged = () => existsSync(log) && readFileSync(log, 'utf8').includes('webhook delivery failed');
      const shown = await onTerminal(
        {
          PATH: process.env.PATH ?? '',
          HOME: home,
          GOALPOST_DB: db,
          GOALPOST_CONSOLE_USER: 'ana',
          GOALPOST_WEBHOOK_ALLOW_PRIVATE: 'on',
          PORT: '0',
          TERM: 'xterm',
        },
        ['whoami', 'role @bo approver'],
        logged,
      );
      expect(shown).toContain('Log: data/goalpost.log (LOG_LEVEL info)');
      expect(shown).toMatch(/You are console:ana \(admin\)/);
      expect(shown).toMatch(/@bo is now approver/);
      expect(shown).not.toMatch(/"level"|webhook delivery failed|role set/);
      const lines = readFileSync(log, 'utf8').trim().split('\n');
      expect(lines.map((l) => (JSON.parse(l) as { msg: string }).msg)).toEqual(
        expect.arrayContaining(['webhook delivery failed; will retry', 'role set']),
      );
      expect(statSync(log).mode & 0o777).toBe(0o600);
    },
  );

  // A review ran the README's `printf '/goalpost demo\n…' | npm start` in a terminal: the first
  // thing shown was a 2 KB JSON line of the migrations applied, and another came between replies.
  it.skipIf(!hasScript)('keeps its log off the terminal when the commands are piped in', async () => {
    const home = tempDir();
    const main = `${quote(process.execPath)} ${quote(join(root, 'dist/src/main.js'))}`;
    const piped = spawnSync(
      'script',
      ['-qfec', `printf '/goalpost demo\\nwhoami\\n' | ${main}`, '/dev/null'],
      {
        cwd: home,
        env: {
          PATH: process.env.PATH ?? '',
          HOME: home,
          PORT: '0',
          TERM: 'xterm',
          GOALPOST_CONSOLE_USER: 'ana',
        },
        encoding: 'utf8',
        timeout: 30_000,
      },
    );
    expect(piped.stdout).toMatch(/You are console:ana/);
    expect(piped.stdout).toContain('Log: data/goalpost.log');
    expect(piped.stdout).not.toMatch(/"level"|migrations applied/);
    expect(readFileSync(join(home, 'data', 'goalpost.log'), 'utf8')).toContain('migrations applied');
  });
});
