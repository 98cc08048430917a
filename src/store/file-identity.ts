import { statSync } from 'node:fs';
import { DatabaseError } from '../errors.js';
import type { Db } from './open-database.js';

/**
 * A check that the path a connection opened still names the file it has open. A file removed or
 * replaced under a running bot (`rm`, a backup restored by `mv`) stays open: SQLite goes on
 * writing to a file no path names, every write answered as done, all of it lost when the process
 * ends (a review removed the file: three writes through the API answered 200 and 201, and
 * /healthz said ok). One stat of the path before each write transaction, some microseconds.
 * @returns a function throwing DatabaseError (E_DB_GONE) when the path names no file, or another.
 */
export function fileStillAtPath(db: Db): () => void {
  if (db.memory) return () => {};
  const path = db.name;
  const opened = statSync(path, { throwIfNoEntry: false });
  if (opened === undefined) return () => {};
  return () => {
    const now = statSync(path, { throwIfNoEntry: false });
    if (now !== undefined && now.ino === opened.ino && now.dev === opened.dev) return;
    throw new DatabaseError(
      'E_DB_GONE',
      `the database file was ${now === undefined ? 'removed' : 'replaced with another'} while Goalpost ran: nothing was written; the file Goalpost has open is no longer at ${path}: put it back, or restart Goalpost to open the one there now`,
    );
  };
}
