import type { Db } from './open-database.js';

type AnyStatement = ReturnType<Db['prepare']>;

/** Methods that run a statement; a write run by one of them must be inside a transaction. */
const RUNS = new Set(['run', 'get', 'all', 'iterate']);
/** Methods that configure a statement and return it: they must return the guarded one. */
const CHAINS = new Set(['pluck', 'raw', 'expand', 'safeIntegers', 'bind']);

/**
 * The connection, with every statement that writes refusing to run outside a transaction.
 * SQLite commits a lone statement on its own, and better-sqlite3 reports a failed commit of an
 * `INSERT … RETURNING` read with `.get()` as success (the row comes back; a full disk loses it):
 * inside `store.transaction`, the COMMIT fails loudly and nothing is reported done. Reads are
 * left as they are.
 */
export function guardWrites(db: Db): Db {
  const prepare = db.prepare.bind(db);
  const guarded = (statement: AnyStatement): AnyStatement =>
    new Proxy(statement, {
      get(target, key, receiver) {
        const value = Reflect.get(target, key, receiver);
        if (typeof key !== 'string' || typeof value !== 'function') return value;
        if (RUNS.has(key)) {
          return (...args: unknown[]) => {
            if (!db.inTransaction) {
              throw new Error(
                `a write outside a transaction: ${target.source.trim().split(/\s+/).slice(0, 4).join(' ')} …`,
              );
            }
            return value.apply(target, args);
          };
        }
        if (CHAINS.has(key)) {
          return (...args: unknown[]) => {
            value.apply(target, args);
            return receiver;
          };
        }
        return value.bind(target);
      },
    });
  return new Proxy(db, {
    get(target, key, receiver) {
      if (key === 'prepare') {
        return (source: string) => {
          const statement = prepare(source);
          return statement.readonly ? statement : guarded(statement);
        };
      }
      const value = Reflect.get(target, key, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
