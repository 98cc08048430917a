import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/load-config.js';

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('a start refused for its settings', () => {
  // A review's PORT=abc, LOG_FILE and GOALPOST_DB naming folders were found one start at a time:
  // fixing each showed the next.
  it('lists every bad value at once, a file setting that names a folder among them', () => {
    const dir = mkdtempSync(join(tmpdir(), 'goalpost-settings-'));
    made.push(dir);
    mkdirSync(join(dir, 'logs'));
    const problems = () =>
      loadConfig({ PORT: 'abc', LOG_FILE: 'logs', GOALPOST_DB: dir }, dir, { files: true });
    expect(problems).toThrow(
      /invalid environment:\n {2}PORT: .*\n {2}GOALPOST_DB: .* is a folder: name a file in it, like .*goalpost\.db\n {2}LOG_FILE: .*logs is a folder: name a file in it, like .*logs\/goalpost\.log$/,
    );
    // A file in the folder, or one not made yet, is a file setting as meant.
    expect(() =>
      loadConfig({ LOG_FILE: 'logs/goalpost.log', GOALPOST_DB: join(dir, 'new.db') }, dir, { files: true }),
    ).not.toThrow();
    // The command line's --db (given to it as GOALPOST_DB) is its own flag: opening names it.
    expect(() => loadConfig({ GOALPOST_DB: dir }, dir)).not.toThrow();
  });
});
