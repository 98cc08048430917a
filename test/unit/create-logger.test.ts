import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLogger, deferredLogger } from '../../src/create-logger.js';
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
      `cannot write the log to ${bad} (ENOTDIR); set LOG_FILE to a file you can write`,
    );
  });
});

describe('deferredLogger: the real logger is made when a line at its level is first logged', () => {
  it('makes nothing for lines below its level, through itself or a child', () => {
    let made = 0;
    const logger = deferredLogger('warn', () => {
      made += 1;
      return createLogger('warn', join(tempDir(), 'never.log'));
    });
    logger.debug({ task: 'T-1' }, 'quiet');
    logger.info({ task: 'T-1' }, 'quiet');
    logger.child({ job: 'digest' }).info({}, 'quiet');
    expect(made).toBe(0);
  });

  it('makes it once, and writes lines at its level and above with their child bindings', () => {
    const file = join(tempDir(), 'goalpost.log');
    let made = 0;
    const logger = deferredLogger('warn', () => {
      made += 1;
      return createLogger('warn', file);
    });
    logger.child({ job: 'digest' }).warn({ token: 'xoxb-1' }, 'first');
    logger.error({ task: 'T-2' }, 'second');
    logger.info({ task: 'T-3' }, 'dropped');
    const lines = readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => [l.msg, l.job, l.token, l.task])).toEqual([
      ['first', 'digest', '[redacted]', undefined],
      ['second', undefined, undefined, 'T-2'],
    ]);
    expect(made).toBe(1);
  });
});
