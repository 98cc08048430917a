import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type Db, openDatabase } from '../../../src/store/open-database.js';
import { type Read, readAside } from '../../../src/store/read-aside.js';
import { useTempDir } from '../../helpers/temp-dir.js';

const tempDir = useTempDir();
const opened: Db[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

/** Blocks this thread for `ms`, as a command's own work does while the other thread reads. */
const busyFor = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/**
 * A file with a table of numbers, and this thread's connection to it. The connection has a temp
 * table the thread's own connection lacks, so each read says which connection made it.
 */
function numbers(count: number) {
  const path = join(tempDir(), 'aside.db');
  const db = openDatabase(path);
  opened.push(db);
  db.exec('CREATE TABLE numbers (n INTEGER PRIMARY KEY)');
  const insert = db.prepare('INSERT INTO numbers (n) VALUES (?)');
  db.transaction(() => {
    for (let n = 1; n <= count; n++) insert.run(n);
  })();
  db.exec('CREATE TEMP TABLE here (x)');
  return { path, db };
}

// Read i: the sum of the numbers up to @upTo (a range scan, longer as @upTo grows), and where it ran.
const READ = `SELECT @i, total(n), (SELECT count(*) FROM temp.sqlite_master WHERE name = 'here') AS here
  FROM numbers WHERE n <= @upTo`;

const sumTo = (m: number) => (m * (m + 1)) / 2;

describe('readAside', () => {
  it('gives what the thread read when it took every read, in order', () => {
    const { path } = numbers(1000);
    // Two statements, taken in turn: a sum, then a count.
    const COUNT = 'SELECT @i, count(*) FROM numbers WHERE n <= @upTo';
    const params = Array.from({ length: 12 }, (_, i) => ({ i, upTo: i * 50 }));
    const reads = params.map((p, i): Read => [i % 2, p]);
    const read = readAside(path, [READ, COUNT], reads);
    busyFor(2000); // long enough for the thread to start and take all twelve
    let hereCount = 0;
    const rows = read.finish(() => {
      hereCount++;
      return [];
    });
    expect(hereCount).toBe(0);
    expect(rows).toEqual(params.map((p, i) => [i % 2 ? [p.i, p.upTo] : [p.i, sumTo(p.upTo), 0]]));
  });

  it('reads here what the thread has not begun, and waits for what it has', () => {
    const { path, db } = numbers(400_000);
    // Each read scans up to 400,000 rows: a few ms or more each, so the threads take turns.
    const params = Array.from({ length: 40 }, (_, i) => ({ i, upTo: 400_000 - i }));
    const read = readAside(
      path,
      [READ],
      params.map((p): Read => [0, p]),
    );
    busyFor(150);
    const statement = db.prepare(READ).raw();
    const rows = read.finish(([, p]) => statement.all(p) as unknown[][]);
    expect(rows).not.toBeNull();
    expect(rows?.map((r) => (r[0] as unknown[]).slice(0, 2))).toEqual(
      params.map((p) => [p.i, sumTo(p.upTo)]),
    );
    // Each read once, on one connection or the other.
    expect(rows?.every((r) => r.length === 1 && [0, 1].includes((r[0] as unknown[])[2] as number))).toBe(
      true,
    );
    // Asked again, the same answer; the thread is gone.
    expect(read.finish(() => [])).toBe(rows);
  });

  it('reads everything here when the thread has not started yet', () => {
    const { path, db } = numbers(100);
    const params = Array.from({ length: 5 }, (_, i) => ({ i, upTo: i }));
    const read = readAside(
      path,
      [READ],
      params.map((p): Read => [0, p]),
    );
    const statement = db.prepare(READ).raw();
    const rows = read.finish(([, p]) => statement.all(p) as unknown[][]);
    expect(rows).toEqual(params.map((p) => [[p.i, sumTo(p.upTo), 1]]));
  });

  it('answers null when the thread failed a read it took, and null once dropped', () => {
    const { path, db } = numbers(10);
    // Malformed JSON on the thread's connection (which has no temp table), a number here.
    const sql = `SELECT @i, CASE WHEN (SELECT count(*) FROM temp.sqlite_master) = 0 THEN json('{') ELSE 1 END`;
    const failing = readAside(
      path,
      [sql],
      [0, 1, 2].map((i): Read => [0, { i }]),
    );
    busyFor(2000);
    const statement = db.prepare(sql).raw();
    expect(failing.finish(([, p]) => statement.all(p) as unknown[][])).toBeNull();
    const dropped = readAside(path, [READ], [[0, { i: 0, upTo: 1 }]]);
    dropped.drop();
    expect(dropped.finish(() => [[0, 1, 1]])).toBeNull();
  });

  it('stops the thread when a read here throws, and answers null when asked again', () => {
    const { path } = numbers(10);
    const read = readAside(
      path,
      [READ],
      [0, 1, 2, 3].map((i): Read => [0, { i, upTo: i }]),
    );
    let calls = 0;
    expect(() =>
      read.finish(() => {
        calls++;
        if (calls === 2) throw new Error('database is locked');
        return [];
      }),
    ).toThrow('database is locked');
    expect(read.finish(() => [])).toBeNull();
  });

  it('reads everything here when the thread fails before taking any', () => {
    const { path, db } = numbers(10);
    // The thread cannot even prepare it (no temp table there); this connection can.
    const sql = 'SELECT @i, count(*) FROM temp.here';
    const read = readAside(
      path,
      [sql],
      [
        [0, { i: 0 }],
        [0, { i: 1 }],
      ],
    );
    busyFor(2000);
    const statement = db.prepare(sql).raw();
    expect(read.finish(([, p]) => statement.all(p) as unknown[][])).toEqual([[[0, 0]], [[1, 0]]]);
  });
});
