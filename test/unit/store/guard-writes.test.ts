import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { guardWrites } from '../../../src/store/guard-writes.js';

function db() {
  const raw = new Database(':memory:');
  raw.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)');
  const { db: guarded, prepareAll } = guardWrites(raw);
  return { raw, guarded, prepareAll };
}

describe('guardWrites: a write runs inside a transaction or not at all', () => {
  it('refuses a write outside a transaction, INSERT … RETURNING read with get() included, and writes nothing', () => {
    const { raw, guarded } = db();
    expect(() => guarded.prepare("INSERT INTO t (v) VALUES ('a')").run()).toThrow(
      /a write outside a transaction/,
    );
    expect(() => guarded.prepare("INSERT INTO t (v) VALUES ('a') RETURNING id").pluck().get()).toThrow(
      /a write outside a transaction/,
    );
    expect(raw.prepare('SELECT count(*) FROM t').pluck().get()).toBe(0);
  });

  it('lets the same statements run inside a transaction, and reads anywhere', () => {
    const { raw, guarded } = db();
    const insert = guarded.prepare('INSERT INTO t (v) VALUES (?) RETURNING id').pluck();
    const ids = raw.transaction(() => [insert.get('a'), insert.get('b')])();
    expect(ids).toEqual([1, 2]);
    expect(guarded.prepare('SELECT v FROM t ORDER BY id').pluck().all()).toEqual(['a', 'b']);
  });
});

describe('guardWrites: statements are prepared when first used', () => {
  it('prepares nothing until a statement runs, then reports a bad statement as SQLite does', () => {
    const { guarded } = db();
    const missing = guarded.prepare('SELECT v FROM no_such_table');
    expect(() => missing.all()).toThrow(/no such table: no_such_table/);
  });

  it('prepares every statement made so far on request, failing on the first the schema refuses', () => {
    const { guarded, prepareAll } = db();
    guarded.prepare('SELECT v FROM t');
    guarded.prepare('SELECT v FROM no_such_table');
    expect(() => prepareAll()).toThrow(/no such table: no_such_table/);
  });

  it('applies modes asked for before and after it is prepared', () => {
    const { raw, guarded } = db();
    raw.exec("INSERT INTO t (v) VALUES ('a'), ('b')");
    const read = guarded.prepare('SELECT id, v FROM t ORDER BY id').raw();
    expect(read.all()).toEqual([
      [1, 'a'],
      [2, 'b'],
    ]);
    read.raw(false);
    expect(read.get()).toEqual({ id: 1, v: 'a' });
    expect(guarded.prepare('SELECT v FROM t ORDER BY id').pluck().pluck(false).pluck().all()).toEqual([
      'a',
      'b',
    ]);
  });
});
