import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { guardWrites } from '../../../src/store/guard-writes.js';

function db() {
  const raw = new Database(':memory:');
  raw.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)');
  return { raw, guarded: guardWrites(raw) };
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
