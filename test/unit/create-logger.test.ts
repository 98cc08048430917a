import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/create-logger.js';
import { ConfigError } from '../../src/errors.js';
import { useTempDir } from '../helpers/temp-dir.js';

const tempDir = useTempDir();

describe('createLogger to a file', () => {
  it('appends JSON lines, secrets redacted, to an owner-only file in a new owner-only folder', () => {
    const dir = tempDir();
    const file = join(dir, 'logs', 'goalpost.log');
    createLogger('info', file).warn({ token: 'xoxb-1' }, 'first');
    createLogger('info', file).info({ task: 'T-1' }, 'second');
    const lines = readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => [l.msg, l.token])).toEqual([
      ['first', '[redacted]'],
      ['second', undefined],
    ]);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'logs')).mode & 0o777).toBe(0o700);
  });

  it('refuses a file it cannot write with a message naming it and LOG_FILE', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'plain'), '');
    const bad = join(dir, 'plain', 'goalpost.log');
    expect(() => createLogger('info', bad)).toThrow(ConfigError);
    expect(() => createLogger('info', bad)).toThrow(
      `cannot write the log to ${bad} (EEXIST); set LOG_FILE to a file you can write`,
    );
  });
});
