import type Database from 'better-sqlite3';
import { type Clock, systemClock } from '../../domain/clock.js';
import { GoalpostError } from '../../errors.js';
import type { Db } from '../../store/open-database.js';
import { checkActions, checkGoalState, entryTime, isPlainRecord } from './check-input.js';
import { checkLoopName, checkRetention, oldestKept } from './check-options.js';
import { mergeGoalState } from './merge-goal-state.js';
import type {
  Action,
  GoalState,
  GoalStateBasis,
  GoalStateStore,
  Retention,
  TrackerRevision,
  TrackerSnapshot,
} from './types.js';

const NO_TARGETS: ReadonlyMap<string, number> = new Map();

const SQL = {
  ensure: `INSERT INTO feedback_loops (name, updated_at) VALUES (?, ?) ON CONFLICT (name) DO NOTHING`,
  goalState: 'SELECT goal_state, version FROM feedback_loops WHERE name = ?',
  saveGoalState: `UPDATE feedback_loops SET goal_state = ?, version = version + 1, updated_at = ? WHERE name = ?`,
  history: 'SELECT id, action FROM feedback_history WHERE loop = ? ORDER BY id',
  insert: 'INSERT INTO feedback_history (loop, action, at) VALUES (?, ?, ?)',
  lastId: 'SELECT coalesce(max(id), 0) FROM feedback_history',
  deleteUpTo: 'DELETE FROM feedback_history WHERE loop = ? AND id <= ?',
  deleteOlder: 'DELETE FROM feedback_history WHERE loop = ? AND at < ?',
  deleteBeyond: `DELETE FROM feedback_history WHERE loop = @loop AND id <=
    (SELECT id FROM feedback_history WHERE loop = @loop ORDER BY id DESC LIMIT 1 OFFSET @keep)`,
  revision: `SELECT coalesce((SELECT version FROM feedback_loops WHERE name = @loop), 0) AS version,
    count(*) AS historyLength, coalesce(max(id), 0) AS lastEntry FROM feedback_history WHERE loop = @loop`,
} as const;

type Statements = { [K in keyof typeof SQL]: Database.Statement };

function parseObject(raw: unknown, where: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(String(raw));
  } catch {
    value = undefined;
  }
  if (!isPlainRecord(value))
    throw new GoalpostError('E_INTERNAL', `corrupt row: ${where} is not a JSON object`);
  return value;
}

/**
 * A feedback loop's goal state and timeline, durable in SQLite (`feedback_loops`, `feedback_history`;
 * the loop's row is created on first write). Every method runs in one transaction; writes take the
 * write lock up front (BEGIN IMMEDIATE), so a goal-state read-merge-write is atomic across
 * connections and processes, and appends from several trackers all land.
 */
export class GoalStateTracker implements GoalStateStore {
  readonly name: string;
  readonly #db: Db;
  readonly #clock: Clock;
  readonly #sql: Statements;

  /**
   * @throws ValidationError when `name` is not 1–128 characters.
   * @throws GoalpostError (E_INTERNAL) when the database has not been migrated.
   */
  constructor(db: Db, name = 'default', clock: Clock = systemClock) {
    this.name = checkLoopName(name);
    this.#db = db;
    this.#clock = clock;
    try {
      this.#sql = Object.fromEntries(
        Object.entries(SQL).map(([key, sql]) => [key, db.prepare(sql)]),
      ) as Statements;
    } catch (error) {
      throw new GoalpostError('E_INTERNAL', 'feedback tables are missing: migrate the database first', {
        cause: error,
      });
    }
  }

  load(): TrackerSnapshot {
    return this.#db.transaction(() => {
      const basis = this.loadGoalState();
      const rows = this.#sql.history.all(this.name) as Array<{ id: number; action: string }>;
      const history = rows.map((row) => parseObject(row.action, `feedback_history ${row.id}`));
      return { ...basis, history };
    })();
  }

  loadGoalState(): GoalStateBasis {
    const row = this.#sql.goalState.get(this.name) as { goal_state: string; version: number } | undefined;
    if (row === undefined) return { goalState: {}, version: 0 };
    return { goalState: parseObject(row.goal_state, `feedback_loops ${this.name}`), version: row.version };
  }

  revision(): TrackerRevision {
    return this.#sql.revision.get({ loop: this.name }) as TrackerRevision;
  }

  /** @throws ValidationError when `state` is not a plain object with finite numbers. */
  saveGoalState(state: GoalState, basis?: GoalStateBasis): GoalStateBasis {
    const next = checkGoalState(state);
    return this.transaction(() => {
      const now = this.#ensureRow();
      const stored = this.loadGoalState();
      const merged = mergeGoalState(stored.goalState, basis?.goalState, next);
      this.#sql.saveGoalState.run(JSON.stringify(merged), now, this.name);
      return { goalState: merged, version: stored.version + 1 };
    });
  }

  /** @throws ValidationError for an action that is not a plain object or has an invalid `at`. */
  append(actions: readonly Action[]): void {
    const checked = checkActions(actions, NO_TARGETS, 'action');
    this.transaction(() => this.#insert(checked, this.#ensureRow()));
  }

  /**
   * Inserts the new timeline before deleting the old one, so entry ids keep growing and
   * `revision()` changes even when the new timeline has as many entries as the old.
   * @throws ValidationError for an action that is not a plain object or has an invalid `at`.
   */
  replaceHistory(actions: readonly Action[]): void {
    const checked = checkActions(actions, NO_TARGETS, 'action');
    this.transaction(() => {
      const now = this.#ensureRow();
      const lastOld = this.#sql.lastId.pluck().get() as number;
      this.#insert(checked, now);
      this.#sql.deleteUpTo.run(this.name, lastOld);
    });
  }

  /** @throws ValidationError for an invalid retention policy. */
  prune(retention: Retention, now: Date): number {
    const { maxEntries } = checkRetention(retention);
    const oldest = oldestKept(retention, now);
    return this.transaction(() => {
      let removed = 0;
      if (oldest !== null) removed += this.#sql.deleteOlder.run(this.name, oldest).changes;
      if (maxEntries !== undefined) {
        removed += this.#sql.deleteBeyond.run({ loop: this.name, keep: maxEntries }).changes;
      }
      return removed;
    });
  }

  /** Runs `fn` in one IMMEDIATE transaction (nested calls become savepoints). */
  transaction<T>(fn: () => T): T {
    return this.#db.transaction(fn).immediate();
  }

  #ensureRow(): string {
    const now = this.#clock.now().toISOString();
    this.#sql.ensure.run(this.name, now);
    return now;
  }

  #insert(actions: readonly Action[], now: string): void {
    actions.forEach((action, i) => {
      const at = action.at === undefined ? now : entryTime(action.at, `action ${i + 1}`);
      this.#sql.insert.run(this.name, JSON.stringify(action), at);
    });
  }
}
