import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/paths.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { useBuilt } from '../helpers/use-built.js';

const root = packageRoot();
const tempDir = useTempDir();

useBuilt();

/** `script` run in `cwd` with a `.env` holding `dotEnv` (none when null) and `env` added. */
function run(
  script: string,
  args: string[],
  cwd: string,
  dotEnv: string | null,
  env: Record<string, string> = {},
) {
  if (dotEnv !== null) writeFileSync(join(cwd, '.env'), dotEnv);
  return spawnSync(process.execPath, [join(root, script), ...args], {
    cwd,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', HOME: cwd, LOG_LEVEL: 'silent', ...env },
    input: '',
    // A bot that took a bad setting would run: stopped, rather than the test waiting on it.
    timeout: 20_000,
  });
}

/** What a folder holds besides its .env: what the command wrote. */
const written = (dir: string) => readdirSync(dir).filter((f) => f !== '.env');

describe('a setting Goalpost does not know stops it, named with the one meant', () => {
  it('refuses misspelt names in .env with the bad values, before generating with defaults', () => {
    const dir = tempDir();
    const r = run(
      'bin/goalpost.js',
      ['generate', '--dry-run'],
      dir,
      `GOALPOST_DB=${join(dir, 'e.db')}\nGOALPOST_MAX_TASK=2\nGOALPOST_ROUTNG=greedy\nGOALPOST_SEED=${'x'.repeat(101)}\n`,
    );
    expect(r.status).toBe(78);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('GOALPOST_MAX_TASK: not a Goalpost setting; did you mean GOALPOST_MAX_TASKS?');
    expect(r.stderr).toContain('GOALPOST_ROUTNG: not a Goalpost setting; did you mean GOALPOST_ROUTING?');
    // Listed with the bad values, as one list.
    expect(r.stderr).toContain('GOALPOST_SEED: at most 100 characters');
    expect(written(dir)).toEqual([]);
  });

  it('writes no note into ./data when .env names the database under another name', () => {
    const dir = tempDir();
    const r = run(
      'bin/goalpost.js',
      ['note', 'decided to ship'],
      dir,
      `GOALPOST_DATABASE=${join(dir, 'e.db')}\n`,
    );
    expect(r.status).toBe(78);
    expect(r.stderr).toMatch(/GOALPOST_DATABASE: not a Goalpost setting; did you mean GOALPOST_DB\?/);
    expect(written(dir)).toEqual([]);
  });

  it('refuses one from the environment too, the CLI and npm start alike', () => {
    const dir = tempDir();
    const cli = run('bin/goalpost.js', ['state'], dir, null, { GOALPOST_MAXTASKS: '2' });
    expect(cli.status).toBe(78);
    expect(cli.stderr).toMatch(
      /GOALPOST_MAXTASKS: not a Goalpost setting; did you mean GOALPOST_MAX_TASKS\?/,
    );
    const bot = run('dist/src/main.js', [], dir, null, { GOALPOST_PORT: '0', GOALPOST_CONSOLE: 'on' });
    expect(bot.status).toBe(78);
    expect(bot.stderr).toMatch(/GOALPOST_PORT: not a Goalpost setting; did you mean PORT\?/);
    expect(written(dir)).toEqual([]);
  });

  it('takes the names a worker gives its commands, which may run goalpost themselves', () => {
    const dir = tempDir();
    const r = run('bin/goalpost.js', ['init', '--demo'], dir, null, {
      GOALPOST_DB: join(dir, 'e.db'),
      GOALPOST_TASK_REF: 'T-1',
      GOALPOST_TASK_TITLE: 'Ship it',
      GOALPOST_TASK_CATEGORY: 'growth',
      GOALPOST_TASK_PROJECT: 'EDU',
      GOALPOST_TASK_REASONING: 'why',
      GOALPOST_TASK_ATTEMPT: '1',
      GOALPOST_TOKEN: 'gp_x',
    });
    expect(r.status, r.stderr).toBe(0);
  });
});

describe('a Slack, Discord, GitHub or Stripe name in .env near a setting is warned of, once', () => {
  const near =
    'STRIPE_WEBHOOK_SECERT=whsec_abcdefghijkl\nGITHUB_WEBHOOK_SECERT=abcdefghijklmnopq\nDISCORD_TOKN=abcdefghijklmnopqrstuvwxyz\n';
  const warning = (variable: string, meant: string) =>
    `${variable} in .env is not a Goalpost setting; did you mean ${meant}?`;
  const times = (text: string, part: string) => text.split(part).length - 1;

  it('names each with the one meant on stderr, and the bot and the CLI go on', () => {
    const dir = tempDir();
    const bot = run('dist/src/main.js', [], dir, `PORT=0\nGOALPOST_CONSOLE=on\n${near}`);
    expect(bot.status, bot.stderr).toBe(0);
    for (const [variable, meant] of [
      ['STRIPE_WEBHOOK_SECERT', 'STRIPE_WEBHOOK_SECRET'],
      ['GITHUB_WEBHOOK_SECERT', 'GITHUB_WEBHOOK_SECRET'],
      ['DISCORD_TOKN', 'DISCORD_TOKEN'],
    ] as const)
      expect(times(bot.stderr, warning(variable, meant)), bot.stderr).toBe(1);

    // Other tools' own names, a letter or two from Goalpost's.
    const cli = run(
      'bin/goalpost.js',
      ['init'],
      dir,
      `GOALPOST_DB=${join(dir, 'e.db')}\nSLACK_API_TOKEN=xoxb-1\nDISCORD_GUILD_IDS=1,2\nGITHUB_TOKEN_2=ghp_x\n`,
    );
    expect(cli.status, cli.stderr).toBe(0);
    expect(times(cli.stderr, warning('SLACK_API_TOKEN', 'SLACK_APP_TOKEN'))).toBe(1);
    expect(cli.stderr).toContain('DISCORD_GUILD_IDS in .env is not a Goalpost setting; did you mean');
    expect(cli.stderr).toContain(
      'GITHUB_TOKEN_2 in .env is not a Goalpost setting; did you mean GITHUB_TOKEN?',
    );
    expect(existsSync(join(dir, 'e.db'))).toBe(true);
  });

  it("takes such names from the environment (CI's own GITHUB_ variables) and other tools' in .env", () => {
    const dir = tempDir();
    const r = run(
      'bin/goalpost.js',
      ['init'],
      dir,
      `GOALPOST_DB=${join(dir, 'e.db')}\nSTRIPE_API_KEY=sk_test_x\nGITHUB_USER=octocat\n`,
      { GITHUB_TOKN: 'x', GITHUB_SHA: 'abc' },
    );
    expect(r.status, r.stderr).toBe(0);
  });
});

describe('a path starting with ~ is refused: .env and systemd do not expand it', () => {
  const why = '`~` is not expanded here; give an absolute path or one relative to the working folder';

  it('refuses GOALPOST_DB and LOG_FILE from .env, and a quoted --db, making no folder named ~', () => {
    const dir = tempDir();
    const init = run('bin/goalpost.js', ['init'], dir, 'GOALPOST_DB=~/goalpost/team.db\n');
    expect(init.status).toBe(78);
    expect(init.stderr).toContain(`GOALPOST_DB: ${why}`);
    const bot = run('dist/src/main.js', [], dir, 'PORT=0\nGOALPOST_CONSOLE=off\nLOG_FILE=~/goalpost.log\n');
    expect(bot.status).toBe(78);
    expect(bot.stderr).toContain(`LOG_FILE: ${why}`);
    const flag = run('bin/goalpost.js', ['--db', '~/team.db', 'init'], dir, null);
    expect(flag.status).toBe(1);
    expect(flag.stderr).toContain(`--db: ${why}`);
    expect(written(dir)).toEqual([]);
  });
});

describe("GitHub's and Stripe's webhooks, while their secret is unset", () => {
  const running: ChildProcess[] = [];
  afterEach(() => {
    for (const child of running.splice(0)) child.kill('SIGKILL');
  });

  /** `npm start`'s process in `dir`, with no secrets; resolves to its URL once it serves. */
  function startBot(dir: string): Promise<string> {
    const child = spawn(process.execPath, [join(root, 'dist/src/main.js')], {
      cwd: dir,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: dir,
        PORT: '0',
        GOALPOST_CONSOLE: 'off',
        LOG_LEVEL: 'silent',
      },
    });
    running.push(child);
    return new Promise((resolve, reject) => {
      let out = '';
      child.stdout?.on('data', (d: Buffer) => {
        out += d;
        const m = /HTTP API on (http:\/\/[\d.:]+)/.exec(out);
        if (m?.[1]) resolve(m[1]);
      });
      child.on('exit', () => reject(new Error(`exited before serving: ${out}`)));
    });
  }

  it('answer 404 naming the variable that turns each on', async () => {
    const base = await startBot(tempDir());
    for (const [path, variable, events] of [
      ['/stripe/webhook', 'STRIPE_WEBHOOK_SECRET', "Stripe's events"],
      ['/github/webhook', 'GITHUB_WEBHOOK_SECRET', "GitHub's events"],
    ] as const) {
      const res = await fetch(`${base}${path}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: '{}',
      });
      expect(res.status).toBe(404);
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('E_NOT_FOUND');
      expect(body.error.message).toContain(`set ${variable} to receive ${events}`);
    }
  });
});

describe('a .env line that is not KEY=value stops Goalpost, naming the file and the line', () => {
  it('names a line of garbage, a quote never closed and a name given twice', () => {
    const dir = tempDir();
    const r = run(
      'bin/goalpost.js',
      ['state'],
      dir,
      `# settings\nGOALPOST_DB=${join(dir, 'e.db')}\nthis is garbage\n\nGOALPOST_MAX_TASKS=3\nGOALPOST_MAX_TASKS=4\nGOALPOST_SEED="abc\nGOALPOST_ROUTING=greedy\n`,
    );
    expect(r.status).toBe(78);
    expect(r.stderr).toContain(`invalid ${join(dir, '.env')}:`);
    expect(r.stderr).toContain('line 3: not KEY=value, a # comment or blank');
    expect(r.stderr).toContain('line 6: GOALPOST_MAX_TASKS again (first on line 5); keep one of the two');
    expect(r.stderr).toContain('line 7: GOALPOST_SEED opens a " quote that is never closed');
    expect(written(dir)).toEqual([]);
  });

  it('refuses the bot a bad .env as well', () => {
    const dir = tempDir();
    const r = run('dist/src/main.js', [], dir, 'PORT=0\nGOALPOST_CONSOLE=on\nGOALPOST_CONSOLE=off\n');
    expect(r.status).toBe(78);
    expect(r.stderr).toContain('line 3: GOALPOST_CONSOLE again (first on line 2)');
    expect(existsSync(join(dir, 'data'))).toBe(false);
  });
});
