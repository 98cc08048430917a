import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/load-config.js';
import { ConfigError } from '../../../src/errors.js';
import { packageRoot } from '../../../src/paths.js';

const root = packageRoot();

/** loadConfig's refusal of `env`. */
function refusal(env: Record<string, string>): string {
  try {
    loadConfig(env, '/tmp');
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('loadConfig took it');
}

/** Every file of the repository's own code, scripts, tests and docs (no dependencies, no build). */
function ownFiles(dir = root): string[] {
  return readdirSync(dir).flatMap((name) => {
    if (['node_modules', 'dist', 'data', 'coverage'].includes(name) || name.startsWith('.git')) return [];
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return ownFiles(path);
    return /\.(ts|js|mjs|cjs|sh|md|yml|json)$|^\.env\.example$/.test(name) && name !== 'package-lock.json'
      ? [path]
      : [];
  });
}

/** Files that spell names wrong on purpose: the refusals' own tests, and the names other tools use. */
const MISSPELT_ON_PURPOSE = new Set([
  'src/config/unknown-settings.ts',
  'test/e2e/settings-names.test.ts',
  'test/unit/config/unknown-settings.test.ts',
]);

/** Build-time constants, not environment variables. */
const NOT_VARIABLES = new Set(['GOALPOST_BUILT_MIGRATIONS']);

describe('GOALPOST_ names Goalpost does not read', () => {
  it('are refused with the name most likely meant, listed with the bad values', () => {
    expect(refusal({ GOALPOST_ROUTNG: 'greedy', GOALPOST_MAX_TASKS: '0', GOALPOST_MAXTASKS: '2' })).toBe(
      [
        'invalid environment:',
        '  GOALPOST_MAX_TASKS: a whole number from 1 to 50, like 5',
        '  GOALPOST_MAXTASKS: not a Goalpost setting; did you mean GOALPOST_MAX_TASKS?',
        '  GOALPOST_ROUTNG: not a Goalpost setting; did you mean GOALPOST_ROUTING?',
      ].join('\n'),
    );
    expect(refusal({ GOALPOST_DATABASE: 'g.db' })).toContain('did you mean GOALPOST_DB?');
    expect(refusal({ GOALPOST_LOG_LEVEL: 'debug' })).toContain('did you mean LOG_LEVEL?');
    expect(refusal({ GOALPOST_FLUX_CAPACITOR: 'on' })).toBe(
      'invalid environment:\n  GOALPOST_FLUX_CAPACITOR: not a Goalpost setting (the README’s Configuration lists them)',
    );
  });

  it('leaves other programs’ names alone, and an empty one is unset', () => {
    expect(() => loadConfig({ HOME: '/root', NODE_ENV: 'x', GOALPOST_ROUTNG: '' }, '/tmp')).not.toThrow();
  });

  it('leaves alone what Kubernetes and Docker give every container beside a service called goalpost', () => {
    const links = {
      GOALPOST_SERVICE_HOST: '10.96.0.12',
      GOALPOST_SERVICE_PORT: '3000',
      GOALPOST_SERVICE_PORT_HTTP: '3000',
      GOALPOST_PORT: 'tcp://10.96.0.12:3000',
      GOALPOST_PORT_3000_TCP: 'tcp://10.96.0.12:3000',
      GOALPOST_PORT_3000_TCP_PROTO: 'tcp',
      GOALPOST_PORT_3000_TCP_PORT: '3000',
      GOALPOST_PORT_3000_TCP_ADDR: '10.96.0.12',
      GOALPOST_NAME: '/web/goalpost',
      GOALPOST_ENV_NODE_VERSION: '20',
    };
    expect(() => loadConfig(links, '/tmp')).not.toThrow();
    // A port typed for Goalpost under the wrong name is still a slip.
    expect(refusal({ GOALPOST_PORT: '3001' })).toContain(
      'GOALPOST_PORT: not a Goalpost setting; did you mean PORT?',
    );
  });

  it('never refuses a name the code, its scripts, tests or README use', () => {
    const used = new Set<string>();
    for (const file of ownFiles().filter((f) => !MISSPELT_ON_PURPOSE.has(relative(root, f)))) {
      // A line quoting a refusal (the README's example) names a misspelling on purpose.
      const lines = readFileSync(file, 'utf8')
        .split('\n')
        .filter((line) => !line.includes('not a Goalpost setting'));
      for (const m of lines.join('\n').matchAll(/\bGOALPOST_[A-Z0-9_]*[A-Z0-9]\b/g)) {
        // `GOALPOST_TASK_*` in prose names the set, not a variable.
        if (!NOT_VARIABLES.has(m[0]) && m[0] !== 'GOALPOST_TASK') used.add(`${m[0]} ${relative(root, file)}`);
      }
    }
    const names = [...new Set([...used].map((u) => u.split(' ')[0] ?? ''))];
    expect(names.length).toBeGreaterThan(20);
    const refused = names.filter((name) => {
      try {
        loadConfig({ [name]: name === 'GOALPOST_DB' ? 'g.db' : 'x' }, '/tmp');
        return false;
      } catch (error) {
        return (error as Error).message.includes(`${name}: not a Goalpost setting`);
      }
    });
    expect([...used].filter((u) => refused.includes(u.split(' ')[0] ?? ''))).toEqual([]);
  });
});

describe('a Slack, Discord, GitHub or Stripe name in .env near a setting', () => {
  /** What loadConfig warned of, for `.env` setting `dotEnv`. */
  function warnings(dotEnv: Record<string, string>): string[] {
    const said: string[] = [];
    loadConfig(dotEnv, '/tmp', { dotEnv: Object.keys(dotEnv), warn: (line) => said.push(line) });
    return said;
  }

  it('is a warning naming the one meant, and the start goes on', () => {
    expect(
      warnings({ SLACK_API_TOKEN: 'xoxb-1', SLACK_APP_URL: 'https://x', STRIPE_WEBHOOK_SECERT: 'whsec_x' }),
    ).toEqual([
      'SLACK_API_TOKEN in .env is not a Goalpost setting; did you mean SLACK_APP_TOKEN?',
      'SLACK_APP_URL in .env is not a Goalpost setting; did you mean SLACK_API_URL?',
      'STRIPE_WEBHOOK_SECERT in .env is not a Goalpost setting; did you mean STRIPE_WEBHOOK_SECRET?',
    ]);
    expect(warnings({ DISCORD_ADMIN_ROLE: 'ops', GITHUB_TOKENS: 'a,b', GITHUB_TOKEN_2: 'x' })).toHaveLength(
      3,
    );
  });

  it('is said of .env only, never of the environment', () => {
    const said: string[] = [];
    loadConfig({ GITHUB_TOKENS: 'a,b' }, '/tmp', { dotEnv: [], warn: (line) => said.push(line) });
    expect(said).toEqual([]);
  });

  it('leaves a misspelt GOALPOST_ name refused', () => {
    expect(() =>
      loadConfig({ GOALPOST_ROUTNG: 'greedy', SLACK_API_TOKEN: 'x' }, '/tmp', {
        dotEnv: ['SLACK_API_TOKEN'],
      }),
    ).toThrow('GOALPOST_ROUTNG: not a Goalpost setting; did you mean GOALPOST_ROUTING?');
  });
});
