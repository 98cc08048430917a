import type { Db } from './open-database.js';

type AnyStatement = ReturnType<Db['prepare']>;

/** A prepared better-sqlite3 statement, as the lazy one calls it (parameters passed on as given). */
interface Prepared {
  run(...params: unknown[]): unknown;
  get(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[];
  iterate(...params: unknown[]): IterableIterator<unknown>;
  bind(...params: unknown[]): unknown;
  pluck(...toggle: [boolean?]): unknown;
  raw(...toggle: [boolean?]): unknown;
  expand(...toggle: [boolean?]): unknown;
  safeIntegers(...toggle: [boolean?]): unknown;
  columns(): unknown[];
  readonly reader: boolean;
  readonly readonly: boolean;
  readonly busy: boolean;
}

/**
 * A statement prepared when it is first used, then guarded (see guardWrites). The store builds
 * some 240 statements for every command and a command uses a handful: preparing them all took a
 * tenth of a trivial command's time. What configures a statement before then (`pluck`, `raw`,
 * `expand`, `safeIntegers`) is kept and applied when it is prepared.
 *
 * Preparing needs the connection free, as better-sqlite3 prepares: a statement first used while
 * another one's `iterate()` is open fails as an eager `prepare` there would. The repositories
 * read every iterator to its end before they use another statement.
 */
class LazyStatement {
  #statement: Prepared | null = null;
  #writes = false;
  readonly #modes: Array<(statement: Prepared) => void> = [];

  constructor(
    readonly database: Db,
    readonly source: string,
    private readonly prepare: (source: string) => Prepared,
  ) {}

  /** The prepared statement, prepared (with the modes asked for so far) on first use. */
  #prepared(): Prepared {
    if (this.#statement === null) {
      const statement = this.prepare(this.source);
      for (const mode of this.#modes) mode(statement);
      this.#writes = !statement.readonly;
      this.#statement = statement;
    }
    return this.#statement;
  }

  /** The statement, once it may run now: a write only inside a transaction. */
  #runnable(): Prepared {
    const statement = this.#prepared();
    if (this.#writes && !this.database.inTransaction) {
      throw new Error(
        `a write outside a transaction: ${this.source.trim().split(/\s+/).slice(0, 4).join(' ')} …`,
      );
    }
    return statement;
  }

  /** A mode applied now if the statement is prepared, when it is otherwise. */
  #mode(apply: (statement: Prepared) => void): this {
    if (this.#statement === null) this.#modes.push(apply);
    else apply(this.#statement);
    return this;
  }

  run(...params: unknown[]) {
    return this.#runnable().run(...params);
  }

  get(...params: unknown[]) {
    return this.#runnable().get(...params);
  }

  all(...params: unknown[]) {
    return this.#runnable().all(...params);
  }

  iterate(...params: unknown[]) {
    return this.#runnable().iterate(...params);
  }

  pluck(...toggle: [boolean?]): this {
    return this.#mode((s) => s.pluck(...toggle));
  }

  raw(...toggle: [boolean?]): this {
    return this.#mode((s) => s.raw(...toggle));
  }

  expand(...toggle: [boolean?]): this {
    return this.#mode((s) => s.expand(...toggle));
  }

  safeIntegers(...toggle: [boolean?]): this {
    return this.#mode((s) => s.safeIntegers(...toggle));
  }

  bind(...params: unknown[]): this {
    this.#prepared().bind(...params);
    return this;
  }

  columns() {
    return this.#prepared().columns();
  }

  get reader(): boolean {
    return this.#prepared().reader;
  }

  get readonly(): boolean {
    return this.#prepared().readonly;
  }

  /** Prepares it now (see GuardedDb.prepareAll). */
  prepareNow(): void {
    this.#prepared();
  }

  get busy(): boolean {
    return this.#statement?.busy ?? false;
  }
}

/** The guarded connection, and a way to prepare what is still unprepared. */
export interface GuardedDb {
  db: Db;
  /**
   * Prepares every statement made so far that is not prepared yet: a long-running process finds a
   * schema it cannot use at start, not at the first request that needs the broken statement.
   * @throws SqliteError as `prepare` does, for the first statement the schema refuses.
   */
  prepareAll(): void;
}

/**
 * The connection, with every statement prepared on first use (see LazyStatement), and every
 * statement that writes refusing to run outside a transaction. SQLite commits a lone statement on
 * its own, and better-sqlite3 reports a failed commit of an `INSERT … RETURNING` read with `.get()`
 * as success (the row comes back; a full disk loses it): inside `store.transaction`, the COMMIT
 * fails loudly and nothing is reported done. Reads are left as they are.
 */
export function guardWrites(db: Db): GuardedDb {
  const prepare = db.prepare.bind(db) as unknown as (source: string) => Prepared;
  const made: LazyStatement[] = [];
  const guarded = new Proxy(db, {
    get(target, key, receiver) {
      if (key === 'prepare') {
        return (source: string) => {
          const statement = new LazyStatement(target, source, prepare);
          made.push(statement);
          return statement as unknown as AnyStatement;
        };
      }
      const value = Reflect.get(target, key, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return {
    db: guarded,
    prepareAll() {
      for (const statement of made.splice(0)) statement.prepareNow();
    },
  };
}
