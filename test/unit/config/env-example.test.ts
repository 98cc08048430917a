import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ENV_VARIABLES } from '../../../src/config/env-schema.js';
import { loadConfig } from '../../../src/config/load-config.js';
import { packageRoot } from '../../../src/paths.js';

const root = packageRoot();

/** Read outside the config schema: the CLI's `worker --api` takes its token from it. */
const READ_ELSEWHERE = ['GOALPOST_TOKEN'];

/** The `# NAME=default` lines of .env.example, as a name → value map. */
function exampleSettings(): Map<string, string> {
  const text = readFileSync(join(root, '.env.example'), 'utf8');
  return new Map([...text.matchAll(/^# ([A-Z][A-Z0-9_]*)=(.*)$/gm)].map((m) => [m[1] ?? '', m[2] ?? '']));
}

/** The variables named in the first column of the README's Configuration table. */
function readmeVariables(): string[] {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('\n## Configuration\n'), readme.indexOf('\n## Data\n'));
  const firstCells = [...section.matchAll(/^\| ([^|]+) \|/gm)].map((m) => m[1] ?? '');
  return firstCells.flatMap((cell) => [...cell.matchAll(/`([A-Z][A-Z0-9_]+)`/g)].map((m) => m[1] ?? ''));
}

describe('.env.example', () => {
  it('lists every variable Goalpost reads, and nothing else', () => {
    const listed = [...exampleSettings().keys()].sort();
    expect(listed).toEqual([...Object.keys(ENV_VARIABLES), ...READ_ELSEWHERE].sort());
  });

  it('shows the defaults Goalpost really has: uncommented as it stands, it changes nothing', () => {
    const uncommented = Object.fromEntries(exampleSettings());
    expect(loadConfig(uncommented, root)).toEqual(loadConfig({}, root));
  });

  it('names the same variables as the README Configuration table', () => {
    expect(readmeVariables().sort()).toEqual([...exampleSettings().keys()].sort());
  });
});
