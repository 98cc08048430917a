import { chmodSync, chownSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/store/open-database.js';
import { useTempDir } from '../../helpers/temp-dir.js';

const tempDir = useTempDir();
const mode = (path: string) => statSync(path).mode & 0o777;

describe('the database is readable by its owner and the group it is shared with only', () => {
  it('makes a new folder 0700 and the file, its WAL and shared memory 0600', () => {
    const dir = join(tempDir(), 'data');
    const path = join(dir, 'goalpost.db');
    const db = openDatabase(path);
    db.exec('CREATE TABLE t (v TEXT)');
    db.prepare("INSERT INTO t VALUES ('secret')").run();
    expect(mode(dir)).toBe(0o700);
    for (const file of [path, `${path}-wal`, `${path}-shm`]) expect(mode(file), file).toBe(0o600);
    db.close();
  });

  it("takes the world's bits off an existing database and keeps the group's an operator gave", () => {
    const path = join(tempDir(), 'old.db');
    const made = openDatabase(path);
    made.exec('CREATE TABLE t (v TEXT)');
    made.close();
    chmodSync(path, 0o664);
    openDatabase(path).close();
    expect(mode(path)).toBe(0o660);
  });

  it('makes an empty file given as the database 0600, as a new one', () => {
    const path = join(tempDir(), 'empty.db');
    writeFileSync(path, '');
    chmodSync(path, 0o644);
    openDatabase(path).close();
    expect(mode(path)).toBe(0o600);
  });

  it("gives its -wal and -shm the group's share the database was given while open", () => {
    const path = join(tempDir(), 'shared.db');
    const bot = openDatabase(path);
    bot.exec('CREATE TABLE t (v TEXT)');
    chmodSync(path, 0o640);
    const cli = openDatabase(path);
    for (const file of [path, `${path}-wal`, `${path}-shm`]) expect(mode(file), file).toBe(0o640);
    cli.close();
    bot.close();
  });

  // Only root may give a file to another user (and the test runs as root in CI).
  it.runIf(process.getuid?.() === 0)(
    "leaves this user's -wal and -shm as they are beside another user's database",
    () => {
      const path = join(tempDir(), 'theirs.db');
      openDatabase(path).close();
      chownSync(path, 1001, 1001);
      chmodSync(path, 0o644);
      // Not empty: SQLite gives an empty -wal or -shm the database's mode as it opens it.
      for (const file of [`${path}-wal`, `${path}-shm`])
        writeFileSync(file, Buffer.alloc(32768), { mode: 0o644 });
      const db = openDatabase(path);
      // Narrowed to this user, they would keep the database's owner out of its own file.
      for (const file of [`${path}-wal`, `${path}-shm`]) expect(mode(file), file).toBe(0o644);
      db.close();
    },
  );
});
