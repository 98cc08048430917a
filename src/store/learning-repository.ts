import { isTimed, type Outcome, type PairStats } from '../domain/outcome.js';
import type { TaskCategory, TaskTally } from '../domain/task.js';
import type { Db } from './open-database.js';
import { type Read, readAside } from './read-aside.js';
import { BLOCKED_OUTCOME } from './task-rows.js';

/**
 * A row of task_stats as read, in raw mode (an array, not an object): better-sqlite3 sets an
 * object's properties by name through V8's API, row by row, and routing reads a category's rows.
 */
type StatsRow = [
  category: TaskCategory,
  assignee: string,
  successes: number,
  failures: number,
  decayedSuccesses: number,
  decayedFailures: number,
  decayAt: string,
  minutesSum: number,
  minutesCount: number,
  lastAt: string,
];
const STATS_COLUMNS = `category, assignee, successes, failures, decayed_successes, decayed_failures, decay_at,
  minutes_sum, minutes_count, last_at`;

export interface NewOutcome {
  taskId: number;
  workspaceId: string;
  category: TaskCategory;
  assignee: string | null;
  success: boolean;
  minutes: number | null;
  note: string | null;
  at: string;
}

export interface LearningRepository {
  /** Inserts the task's outcome; false (nothing written) when it already has one. */
  insertOutcome(outcome: NewOutcome): boolean;
  stats(workspaceId: string, category?: TaskCategory): PairStats[];
  /**
   * Adds one outcome to its pair's statistics in one statement, by the rules of `applyOutcome`
   * (learning/update-stats.ts): the decayed counts aged to a later outcome's time, or an earlier
   * outcome's weight added at `decayAt`; the raw counts, minutes (only a timed success's: see
   * outcomeForStats) and the latest time as there.
   */
  addOutcome(workspaceId: string, outcome: Outcome, halfLifeDays: number): void;
  /**
   * Median minutes of the given pairs' successful outcomes, keyed by {@link pairKey}: a count and
   * two steps into each pair's sorted minutes on the covering index. Pairs without a timed
   * success are absent.
   */
  medians(
    workspaceId: string,
    pairs: ReadonlyArray<Pick<PairStats, 'category' | 'assignee'>>,
  ): Map<string, number>;
  /**
   * The (category, assignee) pairs of the stored outcomes that name an assignee, in order: the
   * pairs statistics aggregated from them hold. One seek on the index per pair.
   */
  outcomePairs(workspaceId: string): Array<Pick<PairStats, 'category' | 'assignee'>>;
  /**
   * How far the workspace's outcome events go (the id of the latest done/failed event): while it
   * stays the same, a rebuild read earlier still holds.
   */
  logMark(workspaceId: string): number;
  /**
   * Reads the workspace's outcome projection as the event log gives it (one outcome per task, its
   * first done/failed event) and how it differs from the projection stored: in one pass that copies
   * nothing when they are the same (over the events logged since the recorded check, where one
   * is: see recordCheck), else into this connection's scratch tables for applyLog. The whole
   * read, with no write to the database (a read snapshot suffices).
   */
  readLog(workspaceId: string): LogRead;
  /**
   * Records what the last `readLog` of the workspace found (its `check`), for the next to compare
   * only the events logged since: call it where the projection is then the log's (found alike, or
   * repaired by applyLog), on the database as that read saw it. Inside a transaction.
   */
  recordCheck(workspaceId: string, check: LogChecked): void;
  /**
   * Whether the next `readLog` compares only the outcome events logged since a recorded check (a
   * read of a few rows), not the whole log.
   */
  checkRecorded(workspaceId: string): boolean;
  /** SQLite's count of this connection's view of the database: another connection's commit moves it. */
  dataVersion(): number;
  /**
   * Writes what the last `readLog` found different into the projection (only those rows), and
   * empties the scratch tables; returns how many rows it wrote or dropped. The workspace then
   * leaves outcome_category_moves (migration 0028) if no category moved since that read. Inside a
   * transaction.
   */
  applyLog(workspaceId: string): number;
  /**
   * Every pair's statistics aggregated from the outcome projection in one query, as folding the
   * outcomes one by one with `applyOutcome` gives them (the decayed counts up to rounding: each
   * outcome weighs 0.5^(age at the pair's latest outcome / halfLifeDays), whatever the order).
   */
  aggregateStats(workspaceId: string, halfLifeDays: number): PairStats[];
  /**
   * aggregateStats begun on a thread of its own with its own read-only connection to the file (see
   * readAside), with the medians of the pairs, to run on another core while this connection reads
   * the log; this connection takes what the thread has not begun once it is done (`finish`). Null
   * for a database in memory, which no other connection can open.
   */
  aggregateStatsAside(workspaceId: string, halfLifeDays: number): StatsAside | null;
  /**
   * How many outcomes the workspace's statistics count (every pair's successes and failures): about
   * what aggregating them again reads, read from the statistics alone.
   */
  countedOutcomes(workspaceId: string): number;
  /** Whether the workspace's outcome projection has at least `n` outcomes (counting no further). */
  outcomesAtLeast(workspaceId: string, n: number): boolean;
  /**
   * Of the stored outcomes that name nobody, those a failure's block outside the work made so (its
   * event says `blocked`: see TransitionResult.blocked), as failed tasks by category and playbook.
   */
  blockedOutcomes(workspaceId: string): TaskTally[];
  /** Replaces the workspace's statistics projection (inside a transaction). */
  replaceStats(workspaceId: string, stats: PairStats[]): void;
  /** Outcomes with an assignee, oldest first, for evaluation. */
  outcomes(workspaceId: string): Outcome[];
}

/** What `readLog` found. */
export interface LogRead {
  outcomes: number;
  withoutAssignee: number;
  /** How many stored outcomes the log drops or changes (none: applyLog would write nothing). */
  differs: number;
  /**
   * The log as the check read it, to record once the projection is the log's (see recordCheck);
   * null where a task has two outcome events, which a later read always compares whole.
   */
  check: LogChecked | null;
}

/** How far a check found the log and the stored outcomes alike (a row of outcome_log_checks). */
export interface LogChecked {
  /** The latest outcome event read. */
  mark: number;
  outcomes: number;
  withoutAssignee: number;
  /**
   * Whether to record it: nothing is recorded for the workspace, or what is lags RECHECK_LAG
   * outcomes or more behind. A learn that finds the projection right takes the write lock only
   * then: short of that, comparing the events after the recorded mark costs next to nothing.
   */
  due: boolean;
}

/** How many outcomes logged after the recorded check make recording a newer one worth a write. */
export const RECHECK_LAG = 10_000;

/** Statistics being aggregated on another thread (see aggregateStatsAside). */
export interface StatsAside {
  /**
   * Reads, on this connection, what the thread has not begun, then blocks until the thread has
   * answered: every pair's statistics, and the median minutes of those pairs with a timed success
   * (by pairKey); null when the thread failed.
   */
  finish(): { stats: PairStats[]; medians: Map<string, number> } | null;
  /** Stops the thread: what it reads is not wanted. */
  drop(): void;
  /**
   * Whether no other connection has committed since the thread began, so that what it read is the
   * database as it is (this connection's own writes since then are the caller's to know).
   */
  current(): boolean;
}

/** The key of a (category, assignee) pair in maps. */
export const pairKey = (category: string, assignee: string): string => `${category}\u0000${assignee}`;

const toStats = (r: StatsRow): PairStats => ({
  category: r[0],
  assignee: r[1],
  successes: r[2],
  failures: r[3],
  decayedSuccesses: r[4],
  decayedFailures: r[5],
  decayAt: r[6],
  minutesSum: r[7],
  minutesCount: r[8],
  lastAt: r[9],
});

// Each outcome weighs 0.5^((L - s) / k) at its pair's latest outcome L. Summed as 2^((s - R) / k)
// against the workspace's latest outcome R (every term ≤ 1, no overflow), then scaled by
// 2^((R - L) / k) per pair; one pass over a category's part of the covering index
// task_outcomes_learning, a row per assignee and outcome (one decayed sum each: a CASE per row for
// successes and another for failures took ×1.2 the time, with the same sums). A category at a time,
// so that two threads can share the categories (see aggregateStatsAside).
const AGGREGATE = `WITH latest(r) AS (
    SELECT unixepoch(max(recorded_at), 'subsec') FROM task_outcomes WHERE workspace_id = @ws)
  SELECT assignee, success, count(*),
    total(pow(2.0, (unixepoch(recorded_at, 'subsec') - (SELECT r FROM latest)) / @k)),
    total(CASE WHEN minutes >= 0 THEN minutes END), count(CASE WHEN minutes >= 0 THEN minutes END),
    max(recorded_at), unixepoch(max(recorded_at), 'subsec'), (SELECT r FROM latest)
  FROM task_outcomes WHERE workspace_id = @ws AND category = @category AND assignee IS NOT NULL
  GROUP BY assignee, success ORDER BY assignee, success`;

interface AggregateParams {
  ws: string;
  k: number;
  category: string;
}

interface PairParams {
  ws: string;
  category: string;
  assignee: string;
}

// A pair's median minutes of its timed successes (null without one): the middle one or two of
// them, by position on the covering index. One statement: a count, then one or two steps into the
// pair's sorted minutes at the offset it gives (a count and two offset reads as three statements
// took ×1.8 the time over 100,000 outcomes, ×1.3 over a million).
const MEDIAN = `WITH timed(n) AS (
    SELECT count(*) FROM task_outcomes WHERE workspace_id = @ws AND category = @category
      AND assignee = @assignee AND success = 1 AND minutes IS NOT NULL)
  SELECT avg(minutes) FROM (
    SELECT minutes FROM task_outcomes WHERE workspace_id = @ws AND category = @category
      AND assignee = @assignee AND success = 1 AND minutes IS NOT NULL
    ORDER BY minutes LIMIT 2 - (SELECT n FROM timed) % 2 OFFSET ((SELECT n FROM timed) - 1) / 2)`;

/** A row of AGGREGATE: an assignee's outcomes of one kind, with their raw decayed sum, minutes, latest outcome and R. */
type AggregateRow = [
  assignee: string,
  success: 0 | 1,
  count: number,
  rawSum: number,
  minutesSum: number,
  minutesCount: number,
  lastAt: string,
  latestS: number,
  r: number,
];

/** A category's statistics from its AGGREGATE rows (`k`: the half-life in seconds), in the rows' order. */
function aggregated(category: TaskCategory, rows: readonly AggregateRow[], k: number): PairStats[] {
  const stats: PairStats[] = [];
  for (let i = 0; i < rows.length; ) {
    const assignee = (rows[i] as AggregateRow)[0];
    let failed: AggregateRow | undefined;
    let succeeded: AggregateRow | undefined;
    for (; i < rows.length && (rows[i] as AggregateRow)[0] === assignee; i++) {
      const row = rows[i] as AggregateRow;
      if (row[1] === 1) succeeded = row;
      else failed = row;
    }
    // The pair's latest outcome, of either kind (ISO texts compare as SQLite's max compared them).
    const latest =
      succeeded === undefined || (failed !== undefined && failed[6] > succeeded[6]) ? failed : succeeded;
    const [, , , , , , lastAt, latestS, r] = latest as AggregateRow;
    const scale = 2 ** ((r - latestS) / k);
    stats.push({
      category,
      assignee,
      successes: succeeded?.[2] ?? 0,
      failures: failed?.[2] ?? 0,
      decayedSuccesses: (succeeded?.[3] ?? 0) * scale,
      decayedFailures: (failed?.[3] ?? 0) * scale,
      decayAt: lastAt,
      minutesSum: succeeded?.[4] ?? 0,
      minutesCount: succeeded?.[5] ?? 0,
      lastAt,
    });
  }
  return stats;
}

/**
 * The log's outcome rows: a task's done/failed events, with the outcome each says, as columns of
 * task_outcomes; `category` is the task's, through a join to it, or left out; `since`, only the
 * events after the one numbered @mark. The expressions are those of the partial index
 * task_events_outcomes (migration 0030), which covers the read: no JSON is parsed, and each field
 * is read as the index holds it.
 */
const logRows = (category: 'joined' | 'left out', since = false) => `SELECT e.task_id, e.workspace_id,
       ${category === 'joined' ? 't.category,' : ''}
       CASE WHEN typeof(json_extract(e.data, '$.assignee')) = 'text' THEN json_extract(e.data, '$.assignee') END AS assignee,
       e.type = 'done' AS success,
       CASE WHEN typeof(json_extract(e.data, '$.minutes')) IN ('integer', 'real') THEN json_extract(e.data, '$.minutes') END AS minutes,
       e.note AS note, e.created_at AS recorded_at
     FROM task_events e ${category === 'joined' ? 'JOIN tasks t ON t.id = e.task_id' : ''}
     WHERE e.workspace_id = @ws AND e.type IN ('done', 'failed')${since ? ' AND e.id > @mark' : ''}`;

const LOG_ROWS = logRows('joined');

/** Stored outcome `o` says what log row `l` says, to the last column but its category. */
const SAME_BUT_CATEGORY = `o.task_id = l.task_id AND o.workspace_id = l.workspace_id
  AND o.assignee IS l.assignee AND o.success = l.success AND o.minutes IS l.minutes AND o.note IS l.note
  AND o.recorded_at = l.recorded_at`;

/** Stored outcome `o` says what log row `l` says, to the last column. */
const SAME_OUTCOME = `${SAME_BUT_CATEGORY} AND o.category = l.category`;

// One pass over the log that tells whether the stored projection is the log's, without copying the
// log anywhere: its rows, how many a stored outcome equals, and how many outcomes are stored. Only
// of a workspace where no task has two outcome events (see outcome_repeats, migration 0027): the
// pass does not count the tasks its rows name (a fifth of its time, in a temporary B-tree). Where
// every stored outcome has its task's category (no workspace in outcome_category_moves, migration
// 0028), it compares the rest and does not join each event to its task (a quarter of the time
// left); otherwise it compares the category too, as the log gives it. `since`: only the events
// after @mark, where an earlier check found the log up to it alike (outcome_log_checks, 0030).
const logCheck = (category: 'joined' | 'left out', since = false) => `SELECT count(*) AS outcomes,
    count(*) - count(l.assignee) AS withoutAssignee, count(o.task_id) AS same,
    (SELECT count(*) FROM task_outcomes WHERE workspace_id = @ws) AS stored
  FROM (${logRows(category, since)}) l
  LEFT JOIN task_outcomes o ON ${category === 'joined' ? SAME_OUTCOME : SAME_BUT_CATEGORY}`;

interface LogCheck {
  outcomes: number;
  withoutAssignee: number;
  same: number;
  stored: number;
}

/**
 * Whether the projection holds exactly the log's outcomes, of a workspace where no task has two
 * outcome events. Every row is then its task's first, so the log is these rows; each row a stored
 * outcome equals is a different stored outcome (one per task), and when every row is matched and
 * as many are stored, nothing stored is missing from the log or says otherwise. Otherwise (a
 * difference, or a workspace with a task's second outcome event) the log is copied and compared
 * row by row.
 */
const logMatches = (c: LogCheck): boolean => c.same === c.outcomes && c.stored === c.outcomes;

export function createLearningRepository(db: Db): LearningRepository {
  const insertOutcome = db.prepare(
    `INSERT OR IGNORE INTO task_outcomes (task_id, workspace_id, category, assignee, success, minutes, note, recorded_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const allStats = db
    .prepare<[string], StatsRow>(
      `SELECT ${STATS_COLUMNS} FROM task_stats WHERE workspace_id = ? ORDER BY category, assignee`,
    )
    .raw();
  const categoryStats = db
    .prepare<[string, string], StatsRow>(
      `SELECT ${STATS_COLUMNS} FROM task_stats WHERE workspace_id = ? AND category = ? ORDER BY assignee`,
    )
    .raw();
  const saveStats = db.prepare(
    `INSERT INTO task_stats (workspace_id, category, assignee, successes, failures, decayed_successes,
       decayed_failures, decay_at, minutes_sum, minutes_count, last_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (workspace_id, category, assignee) DO UPDATE SET
       successes = excluded.successes, failures = excluded.failures,
       decayed_successes = excluded.decayed_successes, decayed_failures = excluded.decayed_failures,
       decay_at = excluded.decay_at, minutes_sum = excluded.minutes_sum, minutes_count = excluded.minutes_count,
       last_at = excluded.last_at`,
  );
  // An outcome recorded updates its pair in this one statement, as applyOutcome would fold it: a
  // later outcome's days after decay_at age the decayed counts before its 1 is added; an earlier
  // one's days before it give its weight there (learning/update-stats.ts). The days come from
  // subsecond epochs, within 10^-13 of applyOutcome's arithmetic on milliseconds; `learn`, which
  // rebuilds with it, takes stored counts within 10^-9 as its own (test/integration/outcome-stats).
  // Every SET expression reads the row as it was. Reading the row and writing it back cost each
  // outcome a statement, three parsed instants and the fold's objects. The days (d) and their
  // weight (w: 0.5 to the power of |d| over the half-life, what either direction takes) are worked
  // out once, in one sub-select setting the three columns they decide: written into each column's
  // expression, the two instants were parsed five times over.
  const days = `((unixepoch(excluded.decay_at, 'subsec') - unixepoch(decay_at, 'subsec')) / 86400.0)`;
  const aged = (column: string, added: string) =>
    `CASE WHEN d >= 0 THEN ${column} * w + ${added} ELSE ${column} + ${added} * w END`;
  const addOutcome = db.prepare<
    [
      {
        ws: string;
        category: string;
        assignee: string;
        success: number;
        minutes: number | null;
        at: string;
        halfLife: number;
      },
    ]
  >(
    `INSERT INTO task_stats (workspace_id, category, assignee, successes, failures, decayed_successes,
       decayed_failures, decay_at, minutes_sum, minutes_count, last_at)
     VALUES (@ws, @category, @assignee, @success, 1 - @success, @success, 1 - @success, @at,
       coalesce(@minutes, 0), @minutes IS NOT NULL, @at)
     ON CONFLICT (workspace_id, category, assignee) DO UPDATE SET
       successes = successes + excluded.successes, failures = failures + excluded.failures,
       (decayed_successes, decayed_failures, decay_at) = (
         SELECT ${aged('decayed_successes', 'excluded.successes')},
                ${aged('decayed_failures', 'excluded.failures')},
                CASE WHEN d >= 0 THEN excluded.decay_at ELSE decay_at END
         FROM (SELECT d, pow(0.5, abs(d) / @halfLife) AS w FROM (SELECT ${days} AS d))),
       minutes_sum = minutes_sum + excluded.minutes_sum, minutes_count = minutes_count + excluded.minutes_count,
       last_at = CASE WHEN unixepoch(excluded.last_at, 'subsec') > unixepoch(last_at, 'subsec')
         THEN excluded.last_at ELSE last_at END`,
  );
  const deleteStats = db.prepare('DELETE FROM task_stats WHERE workspace_id = ?');
  const outcomes = db.prepare<
    [string],
    { category: TaskCategory; assignee: string; success: number; minutes: number | null; at: string }
  >(
    `SELECT category, assignee, success, minutes, recorded_at AS at FROM task_outcomes
     WHERE workspace_id = ? AND assignee IS NOT NULL ORDER BY recorded_at, task_id`,
  );

  // The log's outcomes, one per task (its first done/failed event), as the projection holds them:
  // a scratch table of this connection, filled and emptied within one learn.
  db.exec(`CREATE TEMP TABLE IF NOT EXISTS learn_log (
    task_id INTEGER PRIMARY KEY, workspace_id TEXT NOT NULL, category TEXT NOT NULL, assignee TEXT,
    success INTEGER NOT NULL, minutes REAL, note TEXT, recorded_at TEXT NOT NULL)`);
  // What the stored projection has that the log does not (dropped), and what the log says otherwise
  // (written): found by readLog on a snapshot, applied by applyLog under the write lock.
  db.exec('CREATE TEMP TABLE IF NOT EXISTS learn_stale (task_id INTEGER PRIMARY KEY)');
  db.exec(`CREATE TEMP TABLE IF NOT EXISTS learn_changed (
    task_id INTEGER PRIMARY KEY, workspace_id TEXT NOT NULL, category TEXT NOT NULL, assignee TEXT,
    success INTEGER NOT NULL, minutes REAL, note TEXT, recorded_at TEXT NOT NULL)`);
  const clearLogCopy = db.prepare('DELETE FROM temp.learn_log');
  const clearScratch = [
    clearLogCopy,
    db.prepare('DELETE FROM temp.learn_stale'),
    db.prepare('DELETE FROM temp.learn_changed'),
  ];
  const clearLog = () => {
    for (const clear of clearScratch) clear.run();
  };
  const logMark = db
    .prepare<[string], number | null>(
      "SELECT max(id) FROM task_events WHERE workspace_id = ? AND type IN ('done', 'failed')",
    )
    .pluck();
  // The first outcome event of each task wins: rows go in by event id, and later ones for the same
  // task are ignored.
  const readLog = db.prepare(
    `INSERT OR IGNORE INTO temp.learn_log (task_id, workspace_id, category, assignee, success, minutes, note, recorded_at)
     ${LOG_ROWS} ORDER BY e.id`,
  );
  const checkLog = db.prepare<[{ ws: string }], LogCheck>(logCheck('joined'));
  const checkLogButCategories = db.prepare<[{ ws: string }], LogCheck>(logCheck('left out'));
  const checkLogSince = db.prepare<[{ ws: string; mark: number }], LogCheck>(logCheck('left out', true));
  const lastCheck = db.prepare<[string], Omit<LogChecked, 'due'>>(
    `SELECT event_mark AS mark, outcomes, without_assignee AS withoutAssignee
     FROM outcome_log_checks WHERE workspace_id = ?`,
  );
  const recordCheck = db.prepare<[{ ws: string; mark: number; outcomes: number; withoutAssignee: number }]>(
    `INSERT INTO outcome_log_checks (workspace_id, event_mark, outcomes, without_assignee)
     VALUES (@ws, @mark, @outcomes, @withoutAssignee)
     ON CONFLICT (workspace_id) DO UPDATE SET event_mark = excluded.event_mark,
       outcomes = excluded.outcomes, without_assignee = excluded.without_assignee`,
  );
  // Whether a task of the workspace ever had a second outcome event (migration 0027).
  const repeatsOutcomes = db
    .prepare<[string], number>('SELECT EXISTS (SELECT 1 FROM outcome_repeats WHERE workspace_id = ?)')
    .pluck();
  // How many writes may have left a stored outcome of the workspace with a category its task does
  // not have, since a repair last took it off (migration 0028); undefined: none.
  const categoryMoves = db
    .prepare<[string], number>('SELECT moves FROM outcome_category_moves WHERE workspace_id = ?')
    .pluck();
  const categoriesRepaired = db.prepare(
    'DELETE FROM outcome_category_moves WHERE workspace_id = ? AND moves = ?',
  );
  // The workspace and its moves when the last readLog read the log (see applyLog).
  let readMoves: { ws: string; moves: number | undefined } | null = null;
  const findStale = db.prepare(
    `INSERT INTO temp.learn_stale (task_id)
     SELECT task_id FROM task_outcomes WHERE workspace_id = ? AND task_id NOT IN (SELECT task_id FROM temp.learn_log)`,
  );
  const findChanged = db.prepare(
    `INSERT INTO temp.learn_changed
     SELECT l.task_id, l.workspace_id, l.category, l.assignee, l.success, l.minutes, l.note, l.recorded_at
     FROM temp.learn_log l
     WHERE NOT EXISTS (SELECT 1 FROM task_outcomes o WHERE ${SAME_OUTCOME})`,
  );
  const dropStale = db.prepare(
    'DELETE FROM task_outcomes WHERE workspace_id = ? AND task_id IN (SELECT task_id FROM temp.learn_stale)',
  );
  const writeChanged = db.prepare(
    `INSERT INTO task_outcomes (task_id, workspace_id, category, assignee, success, minutes, note, recorded_at)
     SELECT task_id, workspace_id, category, assignee, success, minutes, note, recorded_at
     FROM temp.learn_changed WHERE true
     ON CONFLICT (task_id) DO UPDATE SET workspace_id = excluded.workspace_id, category = excluded.category,
       assignee = excluded.assignee, success = excluded.success, minutes = excluded.minutes,
       note = excluded.note, recorded_at = excluded.recorded_at`,
  );
  const countLog = db.prepare<[], { outcomes: number; withoutAssignee: number }>(
    'SELECT count(*) AS outcomes, count(*) - count(assignee) AS withoutAssignee FROM temp.learn_log',
  );
  const aggregate = db.prepare<[AggregateParams], AggregateRow>(AGGREGATE).raw();
  // Changes when another connection commits (SQLite's own counter, per connection).
  const dataVersion = db.prepare<[], number>('PRAGMA data_version').pluck();
  const countOutcomes = db
    .prepare<[string, number], number>(
      'SELECT count(*) FROM (SELECT 1 FROM task_outcomes INDEXED BY task_outcomes_time WHERE workspace_id = ? LIMIT ?)',
    )
    .pluck();
  // Each stored outcome for a block outside the work: a few rows.
  const blockedOutcomes = db.prepare<[string], TaskTally>(
    `SELECT t.category, nullif(t.playbook_key, '') AS playbookKey, 'failed' AS status, count(*) AS tasks
     FROM task_outcomes o JOIN tasks t ON t.id = o.task_id
     WHERE o.workspace_id = ? AND ${BLOCKED_OUTCOME}
     GROUP BY t.category, t.playbook_key`,
  );
  const countedOutcomes = db
    .prepare<[string], number>('SELECT total(successes + failures) FROM task_stats WHERE workspace_id = ?')
    .pluck();
  // The pairs by skipping along the learning index, a seek each: a category after the one before,
  // then each of its assignees after the one before ('' is the least text: the seek passes the
  // outcomes without an assignee, which sort first). A range on (category, assignee) together
  // scanned each pair's outcomes instead: 20 ms for 350 pairs over 100,000 outcomes, against 2.
  const firstCategory = db
    .prepare<[string], TaskCategory>(
      `SELECT category FROM task_outcomes INDEXED BY task_outcomes_learning
       WHERE workspace_id = ? ORDER BY category LIMIT 1`,
    )
    .pluck();
  const nextCategory = db
    .prepare<[string, string], TaskCategory>(
      `SELECT category FROM task_outcomes INDEXED BY task_outcomes_learning
       WHERE workspace_id = ? AND category > ? ORDER BY category LIMIT 1`,
    )
    .pluck();
  const nextAssignee = db
    .prepare<[string, string, string], string>(
      `SELECT assignee FROM task_outcomes INDEXED BY task_outcomes_learning
       WHERE workspace_id = ? AND category = ? AND assignee > ? ORDER BY assignee LIMIT 1`,
    )
    .pluck();
  const firstAssignee = db
    .prepare<[string, string], string>(
      `SELECT assignee FROM task_outcomes INDEXED BY task_outcomes_learning
       WHERE workspace_id = ? AND category = ? AND assignee >= '' ORDER BY assignee LIMIT 1`,
    )
    .pluck();
  // Raw, as the thread reads it: one row of one column.
  const median = db.prepare<[PairParams], [number | null]>(MEDIAN).raw();
  /** The categories of the workspace's stored outcomes, in order, a seek each. */
  const categories = (ws: string): TaskCategory[] => {
    const found: TaskCategory[] = [];
    for (let c = firstCategory.get(ws); c !== undefined; c = nextCategory.get(ws, c)) found.push(c);
    return found;
  };
  /** The pairs of the stored outcomes in `inCategories` (the workspace's categories, read once). */
  const outcomePairs = (
    ws: string,
    inCategories: readonly TaskCategory[] = categories(ws),
  ): Array<Pick<PairStats, 'category' | 'assignee'>> => {
    const pairs: Array<Pick<PairStats, 'category' | 'assignee'>> = [];
    for (const c of inCategories) {
      for (let a = firstAssignee.get(ws, c); a !== undefined; a = nextAssignee.get(ws, c, a)) {
        pairs.push({ category: c, assignee: a });
      }
    }
    return pairs;
  };

  // Bound by position: `learn` stores every pair it rebuilt that differs.
  const save = (ws: string, s: PairStats) =>
    saveStats.run(
      ws,
      s.category,
      s.assignee,
      s.successes,
      s.failures,
      s.decayedSuccesses,
      s.decayedFailures,
      s.decayAt,
      s.minutesSum,
      s.minutesCount,
      s.lastAt,
    );
  return {
    insertOutcome: (o) =>
      insertOutcome.run(
        o.taskId,
        o.workspaceId,
        o.category,
        o.assignee,
        o.success ? 1 : 0,
        o.minutes,
        o.note,
        o.at,
      ).changes === 1,
    stats: (ws, category) => (category ? categoryStats.all(ws, category) : allStats.all(ws)).map(toStats),
    addOutcome: (ws, o, halfLife) => {
      addOutcome.run({
        ws,
        category: o.category,
        assignee: o.assignee,
        success: o.success ? 1 : 0,
        minutes: isTimed(o.minutes) ? o.minutes : null,
        at: o.at,
        halfLife,
      });
    },
    medians: (ws, pairs) => {
      const found = new Map<string, number>();
      for (const p of pairs) {
        const m = median.get({ ws, category: p.category, assignee: p.assignee })?.[0];
        if (m != null) found.set(pairKey(p.category, p.assignee), m);
      }
      return found;
    },
    outcomePairs: (ws) => outcomePairs(ws),
    logMark: (ws) => logMark.get(ws) ?? 0,
    readLog: (ws) => {
      clearLog();
      const moves = categoryMoves.get(ws);
      readMoves = { ws, moves };
      const mark = logMark.get(ws) ?? 0;
      const repeats = repeatsOutcomes.get(ws) === 1;
      const last = repeats ? undefined : lastCheck.get(ws);
      // What the log holds up to `mark`, as found here, to record once the projection is it.
      // `compared`: found by copying the log, where one pass found it unlike what is recorded.
      const checked = (outcomes: number, withoutAssignee: number, compared: boolean): LogChecked | null =>
        repeats
          ? null
          : {
              mark,
              outcomes,
              withoutAssignee,
              due: compared || last === undefined || Math.abs(outcomes - last.outcomes) >= RECHECK_LAG,
            };
      // The log up to last.mark was found alike, and nothing has changed that since (the triggers
      // of 0030 drop the row otherwise): the events after it are compared, and the stored outcomes
      // counted, as many as then plus one per new event.
      const sinceLast = (found: Omit<LogChecked, 'due'>): LogCheck | undefined => {
        const since = checkLogSince.get({ ws, mark: found.mark });
        return (
          since && {
            outcomes: found.outcomes + since.outcomes,
            withoutAssignee: found.withoutAssignee + since.withoutAssignee,
            same: found.outcomes + since.same,
            stored: since.stored,
          }
        );
      };
      const check = repeats
        ? undefined
        : last !== undefined && moves === undefined && last.mark <= mark
          ? sinceLast(last)
          : (moves === undefined ? checkLogButCategories : checkLog).get({ ws });
      if (check && logMatches(check)) {
        return {
          outcomes: check.outcomes,
          withoutAssignee: check.withoutAssignee,
          differs: 0,
          check: checked(check.outcomes, check.withoutAssignee, false),
        };
      }
      readLog.run({ ws });
      const differs = findStale.run(ws).changes + findChanged.run().changes;
      const { outcomes, withoutAssignee } = countLog.get() ?? { outcomes: 0, withoutAssignee: 0 };
      // The copy of the log has served: only what differs is kept for applyLog (nothing, when the
      // projection is right and applyLog is not called), so a long-lived connection holds no copy.
      clearLogCopy.run();
      return { outcomes, withoutAssignee, differs, check: checked(outcomes, withoutAssignee, true) };
    },
    recordCheck: (ws, check) => {
      const { mark, outcomes, withoutAssignee } = check;
      recordCheck.run({ ws, mark, outcomes, withoutAssignee });
    },
    checkRecorded: (ws) =>
      repeatsOutcomes.get(ws) !== 1 && categoryMoves.get(ws) === undefined && lastCheck.get(ws) !== undefined,
    dataVersion: () => dataVersion.get() ?? 0,
    applyLog: (ws) => {
      const changed = dropStale.run(ws).changes + writeChanged.run().changes;
      clearLog();
      // The stored outcomes are now the log's, each with its task's category as the log was read:
      // the workspace leaves outcome_category_moves, unless a category moved since that read.
      if (readMoves?.ws === ws && readMoves.moves !== undefined) categoriesRepaired.run(ws, readMoves.moves);
      readMoves = null;
      return changed;
    },
    aggregateStats: (ws, halfLifeDays) => {
      const k = halfLifeDays * 86_400;
      return categories(ws).flatMap((category) =>
        aggregated(category, aggregate.all({ ws, k, category }), k),
      );
    },
    aggregateStatsAside: (ws, halfLifeDays) => {
      if (db.memory) return null;
      const k = halfLifeDays * 86_400;
      // Before the categories and pairs are read: a commit after it tells `current` they may be others.
      const since = dataVersion.get();
      const each = categories(ws);
      const pairs = outcomePairs(ws, each);
      // The categories first, the longer reads; then the pairs' medians, a seek or two each.
      const reads: Read[] = [
        ...each.map((category): Read => [0, { ws, k, category }]),
        ...pairs.map((p): Read => [1, { ws, category: p.category, assignee: p.assignee }]),
      ];
      const read = readAside(db.name, [AGGREGATE, MEDIAN], reads);
      return {
        finish: () => {
          const rows = read.finish(([statement, params]) =>
            statement === 0
              ? aggregate.all(params as unknown as AggregateParams)
              : median.all(params as unknown as PairParams),
          );
          if (rows === null) return null;
          const stats = each.flatMap((c, i) => aggregated(c, rows[i] as AggregateRow[], k));
          const medians = new Map<string, number>();
          pairs.forEach((p, i) => {
            const m = (rows[each.length + i] as unknown[][])[0]?.[0];
            if (typeof m === 'number') medians.set(pairKey(p.category, p.assignee), m);
          });
          return { stats, medians };
        },
        drop: () => read.drop(),
        current: () => dataVersion.get() === since,
      };
    },
    countedOutcomes: (ws) => countedOutcomes.get(ws) ?? 0,
    outcomesAtLeast: (ws, n) => (countOutcomes.get(ws, n) ?? 0) >= n,
    blockedOutcomes: (ws) => blockedOutcomes.all(ws),
    replaceStats: (ws, stats) => {
      deleteStats.run(ws);
      for (const s of stats) save(ws, s);
    },
    outcomes: (ws) =>
      outcomes.all(ws).map((r) => ({
        category: r.category,
        assignee: r.assignee,
        success: r.success === 1,
        minutes: r.minutes,
        at: r.at,
      })),
  };
}
