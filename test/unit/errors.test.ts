import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import {
  asGoalpostError,
  ChatRefusedError,
  DatabaseError,
  ERRORS,
  type ErrorCode,
  errorKind,
  isShown,
  userMessage,
  ValidationError,
} from '../../src/errors.js';
import { deserializeError, serializeError } from '../../src/jobs/thread-errors.js';
import { cliFor } from '../helpers/run-cli.js';
import { useTempDir } from '../helpers/temp-dir.js';

const tempDir = useTempDir();

/** A real SQLite refusal: runs `write` on a table in a fresh file and returns what it threw. */
function sqliteError(setup: (db: Database.Database, path: string) => Database.Database): unknown {
  const path = join(tempDir(), 'e.db');
  const db = new Database(path);
  db.exec('CREATE TABLE t (x TEXT)');
  const writer = setup(db, path);
  try {
    writer.prepare('INSERT INTO t VALUES (?)').run('x'.repeat(100_000));
    return null;
  } catch (error) {
    return error;
  } finally {
    writer.close();
    if (writer !== db) db.close();
  }
}

describe('the error table', () => {
  it('rebuilds every code as the same class, message and field after crossing a thread', () => {
    for (const code of Object.keys(ERRORS) as ErrorCode[]) {
      const original = ERRORS[code].make(`a ${code} happened`, { field: 'field' });
      const back = deserializeError(JSON.parse(JSON.stringify(serializeError(original))));
      expect(back.constructor, code).toBe(original.constructor);
      expect(back).toMatchObject({ code, message: `a ${code} happened` });
    }
    expect(deserializeError(serializeError(new ValidationError('bad', 'ref')))).toMatchObject({
      field: 'ref',
    });
  });

  it('keeps which platform refused, and its reason, across the thread', () => {
    const refused = new ChatRefusedError('invite the bot to #general', {
      platform: 'slack',
      reason: 'not_in_channel',
    });
    const back = deserializeError(JSON.parse(JSON.stringify(serializeError(refused))));
    expect(back).toBeInstanceOf(ChatRefusedError);
    expect(back).toMatchObject({ platform: 'slack', reason: 'not_in_channel' });
  });

  it('turns SQLite refusals into database errors a person can act on', () => {
    const busy = sqliteError((db, path) => {
      db.exec('BEGIN IMMEDIATE');
      const other = new Database(path);
      other.pragma('busy_timeout = 0');
      return other;
    });
    const full = sqliteError((db) => {
      db.pragma('max_page_count = 3');
      return db;
    });
    const readonly = sqliteError((_db, path) => new Database(path, { readonly: true }));
    // What SQLite says of a database in a folder this user may not write (root, as CI runs, may
    // write any): it must make the -wal and -shm files there even to read.
    const folder = new Database.SqliteError(
      'attempt to write a readonly database',
      'SQLITE_READONLY_DIRECTORY',
    );
    const cases: Array<[unknown, ErrorCode, RegExp, number]> = [
      [busy, 'E_DB_BUSY', /the database is busy: .*nothing was written, try again/, 75],
      [full, 'E_DB_FULL', /the disk is full: nothing was written/, 74],
      [
        readonly,
        'E_DB_READONLY',
        /read-only: nothing was written; check the permissions of the file, of the -wal and -shm files beside it, and of its folder$/,
        74,
      ],
      [
        folder,
        'E_DB_READONLY',
        /^the database's folder is read-only for this user: SQLite makes its -wal and -shm files beside the database, even to read it; nothing was read or written/,
        74,
      ],
    ];
    for (const [raw, code, message, exit] of cases) {
      const e = asGoalpostError(raw);
      expect(e, code).toBeInstanceOf(DatabaseError);
      expect(e.code).toBe(code);
      expect(e.message).toMatch(message);
      expect(e.cause).toBe(raw);
      expect(errorKind(e)).toMatchObject({ exit, says: 'message' });
      expect(userMessage(e, 'abc123')).toBe(e.message);
    }
  });

  it('keeps anything else internal: logged, never shown, the person told the id it is logged under', () => {
    const e = asGoalpostError(new TypeError('x is undefined'));
    expect(e.code).toBe('E_INTERNAL');
    expect(errorKind(e)).toMatchObject({ http: 500, exit: 70 });
    expect(isShown(e)).toBe(false);
    expect(userMessage(e, 'abc123')).toBe(
      'Something went wrong on our side (error abc123); it has been logged',
    );
  });

  it('tells the CLI user a failure of ours with an id, and prints its details under that id', async () => {
    const path = join(tempDir(), 'g.db');
    await cliFor(path)('init');
    const db = new Database(path);
    db.exec('DROP TABLE tasks');
    db.close();
    const r = await cliFor(path)('tasks', '--json');
    expect(r.code).toBe(70);
    const id =
      /^goalpost: Something went wrong on our side \(error ([0-9a-f]{8})\); it has been logged\n/.exec(
        r.stderr,
      )?.[1];
    expect(id, r.stderr).toBeDefined();
    expect(r.stderr).toContain(`error ${id}: SqliteError: no such table: tasks\n    at `);
    expect(JSON.parse(r.stdout)).toEqual({
      error: {
        code: 'E_INTERNAL',
        message: `Something went wrong on our side (error ${id}); it has been logged`,
      },
    });
  });

  it('tells the CLI user a damaged database file for what it is, with its exit code', async () => {
    const path = join(tempDir(), 'g.db');
    writeFileSync(path, 'this is not a SQLite database, it is a grocery list'.repeat(200));
    const r = await cliFor(path)('vision', 'show');
    expect(r.code).toBe(78);
    expect(r.stderr).toBe(
      `goalpost: the database file is damaged or not a Goalpost database; restore it from a backup (database ${path})\n`,
    );
  });
});
