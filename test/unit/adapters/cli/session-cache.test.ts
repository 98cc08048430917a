import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSession } from '../../../../adapters/cli/session.js';
import * as facadeParts from '../../../../src/facade-parts.js';
import { openGoalpost, silentLogger, systemClock } from '../../../../src/index.js';
import { useTempDir } from '../../../helpers/temp-dir.js';

const tempDir = useTempDir();

describe('the page cache of a CLI command', () => {
  it("keeps SQLite's own 2 MB, where the bot keeps better-sqlite3's 16 MB", () => {
    const dbPath = join(tempDir(), 'cache.db');
    const session = createSession(
      { argv: [], env: { GOALPOST_DB: dbPath }, cwd: tempDir(), stdout: () => {}, stderr: () => {} },
      {},
      { vision: facadeParts.vision },
    );
    try {
      expect(session.opened().db.pragma('cache_size', { simple: true })).toBe(-2000);
    } finally {
      session.close();
    }
    const bot = openGoalpost({ dbPath, clock: systemClock, logger: silentLogger });
    try {
      expect(bot.db.pragma('cache_size', { simple: true })).toBe(-16000);
    } finally {
      bot.close();
    }
  });
});
