import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createGoalpost,
  fixedClock,
  type OpenedGoalpost,
  openGoalpost,
  type PairStats,
  silentLogger,
  TASK_CATEGORIES,
} from '../../src/index.js';
import { createRng } from '../../src/learning/random.js';
import { applyOutcome } from '../../src/learning/update-stats.js';
import { createStore } from '../../src/store/create-store.js';
import { snapshot } from '../helpers/snapshot.js';
import { useTempDir } from '../helpers/temp-dir.js';

const tempDir = useTempDir();
const opened: OpenedGoalpost[] = [];
afterEach(() => {
  for (const o of opened.splice(0)) o.close();
});

const WS = 'default';
const ADMIN = { workspaceId: WS, actor: 'cli:ops', source: 'cli' as const, role: 'admin' as const };
const HALF_LIFE = 30;

/** What outcome_log_checks records: how far a check found the log and the stored outcomes alike. */
const checks = (o: OpenedGoalpost) =>
  o.db.prepare('SELECT workspace_id, event_mark, outcomes FROM outcome_log_checks ORDER BY 1').all();
/** The id of the workspace's latest outcome event. */
const latestEvent = (o: OpenedGoalpost) =>
  o.db
    .prepare("SELECT max(id) FROM task_events WHERE workspace_id = ? AND type IN ('done', 'failed')")
    .pluck()
    .get(WS);

interface LoggedEvent {
  taskId: number;
  type: 'done' | 'failed';
  assignee: string | null;
  minutes: number | null;
  at: string;
}

/**
 * An event log as years of use leave it: outcomes by 6 people over 7 categories, some out of time
 * order (a late report), some without an assignee or minutes, some tasks with a second outcome
 * event after being reopened (only the first counts), written straight into the log.
 */
function loggedTeam(count: number, reopenedShare = 0.03) {
  const dbPath = join(tempDir(), 'g.db');
  const o = openGoalpost({
    dbPath,
    clock: fixedClock('2026-11-21T09:00:00Z'),
    logger: silentLogger,
  });
  opened.push(o);
  o.app.context(ADMIN);
  const rng = createRng('learn-rebuild');
  const base = Date.parse('2026-01-01T00:00:00Z');
  const events: LoggedEvent[] = [];
  const categories = new Map<number, string>();
  o.db.transaction(() => {
    const addTask = o.db.prepare(
      `INSERT INTO tasks (workspace_id, seq, title, category, priority, status, fingerprint, memory_key, created_at, updated_at)
       VALUES (?, ?, ?, ?, 5, ?, ?, ?, ?, ?)`,
    );
    const addEvent = o.db.prepare(
      `INSERT INTO task_events (workspace_id, task_id, type, from_status, to_status, actor, source, note, data, created_at)
       VALUES (?, ?, ?, 'in_progress', ?, 'worker:x', 'worker', NULL, ?, ?)`,
    );
    for (let i = 0; i < count; i++) {
      const category = TASK_CATEGORIES[i % TASK_CATEGORIES.length] ?? 'feature';
      const drift = rng.next() < 0.1 ? -Math.floor(rng.next() * 20) : 0; // a late report, days earlier
      const at = new Date(base + i * 3_600_000 + drift * 86_400_000).toISOString();
      const type = rng.next() < 0.7 ? 'done' : 'failed';
      const taskId = Number(
        addTask.run(WS, i + 1, `Task ${i}`, category, type, `f-${i}`, `m:${i}`, at, at).lastInsertRowid,
      );
      categories.set(taskId, category);
      const assignee = rng.next() < 0.05 ? null : `person${Math.floor(rng.next() * 6)}`;
      const minutes = rng.next() < 0.1 ? null : 5 + Math.floor(rng.next() * 300);
      const data = JSON.stringify({
        ...(assignee ? { assignee } : {}),
        ...(minutes === null ? {} : { minutes }),
      });
      addEvent.run(WS, taskId, type, type, data, at);
      events.push({ taskId, type, assignee, minutes, at });
      if (rng.next() < reopenedShare) {
        // Reopened and finished again later: the first outcome is the one learning keeps.
        const again = new Date(Date.parse(at) + 86_400_000).toISOString();
        addEvent.run(
          WS,
          taskId,
          'done',
          'done',
          JSON.stringify({ assignee: 'someone_else', minutes: 1 }),
          again,
        );
      }
    }
  })();
  return { o, dbPath, events, categories };
}

/** What learning must arrive at, folded one outcome at a time in log order with `applyOutcome`. */
function foldedInJs(events: LoggedEvent[], categories: Map<number, string>) {
  const stats = new Map<string, PairStats>();
  const minutes = new Map<string, number[]>();
  for (const e of events) {
    if (e.assignee === null) continue;
    const category = categories.get(e.taskId) as PairStats['category'];
    const key = `${category}/${e.assignee}`;
    const success = e.type === 'done';
    stats.set(
      key,
      applyOutcome(
        stats.get(key) ?? null,
        { category, assignee: e.assignee, success, minutes: success ? e.minutes : null, at: e.at },
        HALF_LIFE,
      ),
    );
    if (success && e.minutes !== null) minutes.set(key, [...(minutes.get(key) ?? []), e.minutes]);
  }
  const median = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    return ((s[Math.floor((s.length - 1) / 2)] ?? 0) + (s[Math.floor(s.length / 2)] ?? 0)) / 2;
  };
  return {
    stats: [...stats.values()],
    medians: new Map([...minutes].map(([k, xs]) => [k, median(xs)])),
  };
}

const closeTo = (actual: PairStats, expected: PairStats) => {
  expect(actual).toMatchObject({
    category: expected.category,
    assignee: expected.assignee,
    successes: expected.successes,
    failures: expected.failures,
    minutesCount: expected.minutesCount,
    minutesSum: expected.minutesSum,
    lastAt: expected.lastAt,
    decayAt: expected.decayAt,
  });
  expect(actual.decayedSuccesses).toBeCloseTo(expected.decayedSuccesses, 9);
  expect(actual.decayedFailures).toBeCloseTo(expected.decayedFailures, 9);
};

/** Goalpost on another connection to the file, that waits 50 ms at most for the write lock. */
function anotherConnection(dbPath: string): OpenedGoalpost {
  const other = openGoalpost({
    dbPath,
    clock: fixedClock('2026-11-21T09:00:00Z'),
    logger: silentLogger,
    busyTimeoutMs: 50,
  });
  opened.push(other);
  return other;
}

/**
 * Learns on another connection while `o`'s holds the write lock: finding the projections right
 * needs no lock; statistics that drifted need storing, so that learn is refused (busy) and writes
 * nothing until the lock is free.
 */
function learnsBesideAWriter(o: OpenedGoalpost, dbPath: string, outcomes: number) {
  o.app.learning.learn(o.app.context(ADMIN));
  const right = snapshot(dbPath).task_stats;
  const learner = anotherConnection(dbPath);
  const ctx = learner.app.context(ADMIN);
  o.db.exec('BEGIN IMMEDIATE');
  expect(learner.app.learning.learn(ctx)).toMatchObject({ outcomes, unchanged: true });
  o.db.exec('ROLLBACK');
  o.db.exec('UPDATE task_stats SET successes = successes + 5');
  const drifted = snapshot(dbPath).task_stats;
  o.db.exec('BEGIN IMMEDIATE');
  expect(() => learner.app.learning.learn(ctx)).toThrow(/database is locked/);
  o.db.exec('ROLLBACK');
  expect(snapshot(dbPath).task_stats).toEqual(drifted);
  expect(learner.app.learning.learn(ctx).unchanged).toBe(false);
  expect(snapshot(dbPath).task_stats).toEqual(right);
}

describe('learn rebuilds from the event log', () => {
  it('arrives at what folding the log one outcome at a time gives, late reports and reopened tasks included', () => {
    const { o, dbPath, events, categories } = loggedTeam(3_000);
    const result = o.app.learning.learn(o.app.context(ADMIN));
    const expected = foldedInJs(events, categories);
    expect(result.outcomes).toBe(3_000);
    expect(result.pairs).toBe(expected.stats.length);
    const stored = o.store.learning.stats(WS);
    for (const want of expected.stats) {
      const got = stored.find((s) => s.category === want.category && s.assignee === want.assignee);
      expect(got, `${want.category}/${want.assignee}`).toBeDefined();
      closeTo(got as PairStats, want);
    }
    for (const row of result.table) {
      expect(row.medianMinutes, `${row.category}/${row.assignee}`).toBe(
        expected.medians.get(`${row.category}/${row.assignee}`) ?? null,
      );
    }
    // One outcome per task: the first logged, never the reopened task's later one.
    const projection = snapshot(dbPath).task_outcomes as Array<{
      task_id: number;
      assignee: string | null;
    }>;
    expect(projection).toHaveLength(3_000);
    expect(projection.some((r) => r.assignee === 'someone_else')).toBe(false);
  });

  it('repairs projections that drifted from the log, and a second learn writes nothing', () => {
    const { o, dbPath } = loggedTeam(500);
    const ctx = o.app.context(ADMIN);
    o.app.learning.learn(ctx);
    const right = snapshot(dbPath);
    o.db.exec(`DELETE FROM task_outcomes WHERE task_id % 7 = 0;
      UPDATE task_outcomes SET success = 1 - success, minutes = 999 WHERE task_id % 11 = 0;
      UPDATE task_stats SET successes = successes + 5, decayed_failures = 0;`);
    const repaired = o.app.learning.learn(ctx);
    expect(repaired.unchanged).toBe(false);
    const after = snapshot(dbPath);
    expect(after.task_outcomes).toEqual(right.task_outcomes);
    expect(after.task_stats).toEqual(right.task_stats);
    expect(o.app.learning.learn(ctx).unchanged).toBe(true);
    expect(snapshot(dbPath)).toEqual(after);
  });

  describe('on a log where no task has two outcome events, found right in one pass', () => {
    // Each drift the one pass must see, as SQL on a right projection of 400 outcomes. The log
    // itself is never touched but for the last two, which add an event to it.
    const DRIFTS: Array<[string, string]> = [
      ['an outcome lost', 'DELETE FROM task_outcomes WHERE task_id = 17'],
      [
        'an outcome of the wrong category',
        "UPDATE task_outcomes SET category = 'research' WHERE task_id = 17",
      ],
      ['an outcome of another assignee', "UPDATE task_outcomes SET assignee = 'nobody' WHERE task_id = 17"],
      ['an outcome that lost its assignee', 'UPDATE task_outcomes SET assignee = NULL WHERE task_id = 17'],
      ['an outcome turned over', 'UPDATE task_outcomes SET success = 1 - success WHERE task_id = 17'],
      ['an outcome of other minutes', 'UPDATE task_outcomes SET minutes = 999 WHERE task_id = 17'],
      ['an outcome that lost its minutes', 'UPDATE task_outcomes SET minutes = NULL WHERE task_id = 17'],
      ['an outcome with a note the log lacks', "UPDATE task_outcomes SET note = 'x' WHERE task_id = 17"],
      [
        // As many outcomes stored as before, none of the new events': only what changed tells.
        'an outcome lost beside one stored for a task the log has none for',
        `DELETE FROM task_outcomes WHERE task_id = 17;
         INSERT INTO tasks (id, workspace_id, seq, title, category, priority, status, fingerprint, memory_key, created_at, updated_at)
           VALUES (9001, 'default', 9001, 'Never finished', 'feature', 5, 'done', 'f-9001', 'm:9001', '2026-02-01', '2026-02-01');
         INSERT INTO task_outcomes (task_id, workspace_id, category, assignee, success, minutes, note, recorded_at)
           VALUES (9001, 'default', 'feature', 'person1', 1, 30, NULL, '2026-02-01T00:00:00.000Z')`,
      ],
      [
        "an outcome moved to another team's workspace beside one stored for a task the log has none for",
        `UPDATE task_outcomes SET workspace_id = 'other' WHERE task_id = 17;
         INSERT INTO tasks (id, workspace_id, seq, title, category, priority, status, fingerprint, memory_key, created_at, updated_at)
           VALUES (9001, 'default', 9001, 'Never finished', 'feature', 5, 'done', 'f-9001', 'm:9001', '2026-02-01', '2026-02-01');
         INSERT INTO task_outcomes (task_id, workspace_id, category, assignee, success, minutes, note, recorded_at)
           VALUES (9001, 'default', 'feature', 'person1', 1, 30, NULL, '2026-02-01T00:00:00.000Z')`,
      ],
      [
        // REPLACE deletes the row it replaces without firing a delete trigger.
        'an outcome stored again over the one found alike',
        `INSERT OR REPLACE INTO task_outcomes (task_id, workspace_id, category, assignee, success, minutes, note, recorded_at)
           SELECT task_id, workspace_id, category, assignee, success, 999, note, recorded_at
           FROM task_outcomes WHERE task_id = 17`,
      ],
      [
        'an outcome deleted and stored again otherwise',
        `DELETE FROM task_outcomes WHERE task_id = 17;
         INSERT INTO task_outcomes (task_id, workspace_id, category, assignee, success, minutes, note, recorded_at)
           SELECT 17, workspace_id, category, assignee, success, 999, note, recorded_at
           FROM task_outcomes WHERE task_id = 18`,
      ],
      [
        'an outcome at another time',
        "UPDATE task_outcomes SET recorded_at = '2020-01-01T00:00:00.000Z' WHERE task_id = 17",
      ],
      [
        "an outcome in another team's workspace",
        "UPDATE task_outcomes SET workspace_id = 'other' WHERE task_id = 17",
      ],
      [
        'an outcome stored for a task the log has none for',
        `INSERT INTO tasks (id, workspace_id, seq, title, category, priority, status, fingerprint, memory_key, created_at, updated_at)
           VALUES (9001, 'default', 9001, 'Never finished', 'feature', 5, 'done', 'f-9001', 'm:9001', '2026-02-01', '2026-02-01');
         INSERT INTO task_outcomes (task_id, workspace_id, category, assignee, success, minutes, note, recorded_at)
           VALUES (9001, 'default', 'feature', 'person1', 1, 30, NULL, '2026-02-01T00:00:00.000Z')`,
      ],
      [
        // As many log rows as stored outcomes, each row equal to one: only that two rows name one
        // task tells that an outcome is stored for a task the log has none for.
        'a task logged twice alike beside an outcome the log has none for',
        `INSERT INTO task_events (workspace_id, task_id, type, from_status, to_status, actor, source, note, data, created_at)
           SELECT workspace_id, task_id, type, from_status, to_status, actor, source, note, data, created_at
           FROM task_events WHERE task_id = 17;
         INSERT INTO tasks (id, workspace_id, seq, title, category, priority, status, fingerprint, memory_key, created_at, updated_at)
           VALUES (9001, 'default', 9001, 'Never finished', 'feature', 5, 'done', 'f-9001', 'm:9001', '2026-02-01', '2026-02-01');
         INSERT INTO task_outcomes (task_id, workspace_id, category, assignee, success, minutes, note, recorded_at)
           VALUES (9001, 'default', 'feature', 'person1', 1, 30, NULL, '2026-02-01T00:00:00.000Z')`,
      ],
    ];

    it.each(DRIFTS)('repairs %s', (_what, drift) => {
      const { o, dbPath } = loggedTeam(400, 0);
      o.db.exec("INSERT INTO workspaces (id, created_at) VALUES ('other', '2026-01-01T00:00:00.000Z')");
      const ctx = o.app.context(ADMIN);
      o.app.learning.learn(ctx);
      const right = snapshot(dbPath);
      expect(o.app.learning.learn(ctx).unchanged).toBe(true);
      expect(snapshot(dbPath)).toEqual(right);
      // The check found the log alike up to its latest event: the next learn starts from there.
      expect(checks(o)).toEqual([{ workspace_id: WS, event_mark: latestEvent(o), outcomes: 400 }]);
      o.db.exec(drift);
      const result = o.app.learning.learn(ctx);
      expect(result.outcomes).toBe(400);
      const after = snapshot(dbPath);
      expect(after.task_outcomes).toEqual(right.task_outcomes);
      expect(after.task_stats).toEqual(right.task_stats);
    });
  });

  describe('where a stored outcome may have lost its task’s category (outcome_category_moves)', () => {
    const moves = (o: OpenedGoalpost) =>
      o.db.prepare('SELECT workspace_id, moves FROM outcome_category_moves ORDER BY 1').all();
    const outcomeOf = (o: OpenedGoalpost, taskId: number) =>
      o.db.prepare('SELECT category FROM task_outcomes WHERE task_id = ?').pluck().get(taskId);

    it('follows a task moved to another category, and a repair takes the workspace off', () => {
      const { o, dbPath } = loggedTeam(400, 0);
      const ctx = o.app.context(ADMIN);
      o.app.learning.learn(ctx);
      expect(moves(o)).toEqual([]);
      const before = outcomeOf(o, 17);
      const other = before === 'research' ? 'feature' : 'research';
      o.db.prepare('UPDATE tasks SET category = ? WHERE id = 17').run(other);
      expect(moves(o)).toEqual([{ workspace_id: WS, moves: 1 }]);
      const result = o.app.learning.learn(ctx);
      expect(result).toMatchObject({ outcomes: 400, unchanged: false });
      expect(outcomeOf(o, 17)).toBe(other);
      expect(moves(o)).toEqual([]);
      // Found right in one pass again, without the join, and nothing written.
      const right = snapshot(dbPath);
      expect(o.app.learning.learn(ctx).unchanged).toBe(true);
      expect(snapshot(dbPath)).toEqual(right);
      // Moved and moved back: nothing to repair, so the workspace stays (each learn joins).
      o.db.prepare('UPDATE tasks SET category = ? WHERE id = 17').run(before);
      o.db.prepare('UPDATE tasks SET category = ? WHERE id = 17').run(other);
      expect(o.app.learning.learn(ctx).unchanged).toBe(true);
      expect(moves(o)).toEqual([{ workspace_id: WS, moves: 2 }]);
    });

    it('notices every other way an outcome and its task can part, and learn repairs each', () => {
      const cases: Array<[string, string, number]> = [
        // [what, SQL, outcomes the log then has]
        [
          'a task deleted with foreign keys off, its outcome and events left',
          'PRAGMA foreign_keys = OFF; DELETE FROM tasks WHERE id = 17; PRAGMA foreign_keys = ON;',
          399,
        ],
        [
          'a task written over its outcome, of another category, with foreign keys off',
          `PRAGMA foreign_keys = OFF;
           INSERT OR REPLACE INTO tasks (id, workspace_id, seq, title, category, priority, status, fingerprint, memory_key, created_at, updated_at)
             SELECT id, workspace_id, seq, title, CASE category WHEN 'research' THEN 'feature' ELSE 'research' END,
               priority, status, fingerprint, memory_key, created_at, updated_at FROM tasks WHERE id = 17;
           PRAGMA foreign_keys = ON;`,
          400,
        ],
        [
          'an outcome moved to another task',
          `INSERT INTO tasks (id, workspace_id, seq, title, category, priority, status, fingerprint, memory_key, created_at, updated_at)
             SELECT 9001, workspace_id, 9001, title, CASE category WHEN 'research' THEN 'feature' ELSE 'research' END,
               priority, status, 'f-9001', 'm:9001', created_at, updated_at FROM tasks WHERE id = 18;
           UPDATE task_outcomes SET task_id = 9001 WHERE task_id = 18;`,
          400,
        ],
      ];
      for (const [what, drift, outcomes] of cases) {
        const { o, dbPath } = loggedTeam(400, 0);
        const ctx = o.app.context(ADMIN);
        o.app.learning.learn(ctx);
        o.db.exec(drift);
        expect(moves(o), what).toEqual([{ workspace_id: WS, moves: expect.any(Number) }]);
        expect(o.app.learning.learn(ctx).outcomes, what).toBe(outcomes);
        const repaired = snapshot(dbPath);
        // What a projection rebuilt from nothing holds.
        o.db.exec('DELETE FROM task_outcomes; DELETE FROM task_stats;');
        o.app.learning.learn(ctx);
        const rebuilt = snapshot(dbPath);
        expect(repaired.task_outcomes, what).toEqual(rebuilt.task_outcomes);
        expect(repaired.task_stats, what).toEqual(rebuilt.task_stats);
        expect(moves(o), what).toEqual([]);
      }
    });

    it('keeps the workspace when a category moves between reading the log and repairing it', () => {
      const { o } = loggedTeam(400, 0);
      const ctx = o.app.context(ADMIN);
      o.app.learning.learn(ctx);
      o.db.exec("UPDATE task_outcomes SET category = 'ops' WHERE task_id = 17");
      expect(moves(o)).toEqual([{ workspace_id: WS, moves: 1 }]);
      expect(o.store.snapshot(() => o.store.learning.readLog(WS)).differs).toBe(1);
      // Another writer moves a task's category after this read and before the repair it found.
      o.db.exec("UPDATE tasks SET category = 'ops' WHERE id = 18");
      o.store.transaction(() => o.store.learning.applyLog(WS));
      expect(moves(o)).toEqual([{ workspace_id: WS, moves: 2 }]);
      // So the next learn compares categories, and repairs task 18's outcome.
      expect(o.app.learning.learn(ctx).unchanged).toBe(false);
      expect(outcomeOf(o, 18)).toBe('ops');
      expect(moves(o)).toEqual([]);
    });
  });

  describe('from where the last check found the log alike (outcome_log_checks)', () => {
    const NEW_TASK = `INSERT INTO tasks (id, workspace_id, seq, title, category, priority, status, fingerprint, memory_key, created_at, updated_at)
      VALUES (9001, 'default', 9001, 'Finished late', 'feature', 5, 'done', 'f-9001', 'm:9001', '2026-02-01', '2026-02-01')`;
    const event = (id: string, data: string) =>
      `INSERT INTO task_events (id, workspace_id, task_id, type, from_status, to_status, actor, source, note, data, created_at)
         VALUES (${id}, 'default', 9001, 'done', 'in_progress', 'done', 'worker:x', 'worker', NULL, '${data}', '2026-02-01T00:00:00.000Z')`;
    const outcome = (minutes: number) =>
      `INSERT INTO task_outcomes (task_id, workspace_id, category, assignee, success, minutes, note, recorded_at)
         VALUES (9001, 'default', 'feature', 'person1', 1, ${minutes}, NULL, '2026-02-01T00:00:00.000Z')`;

    it('finds outcomes recorded since alike, and takes no write lock for them', () => {
      const { o, dbPath } = loggedTeam(400, 0);
      const ctx = o.app.context(ADMIN);
      const { withoutAssignee } = o.app.learning.learn(ctx);
      const mark = latestEvent(o);
      o.app.assignees.add(ctx, { name: 'person1' });
      o.db.exec(`INSERT INTO tasks (workspace_id, seq, title, category, priority, status, fingerprint, created_at, updated_at)
        VALUES ('default', 9001, 'One more', 'bug', 5, 'approved', 'f-one', '2026-11-20', '2026-11-20'),
               ('default', 9002, 'And another', 'ops', 5, 'approved', 'f-another', '2026-11-20', '2026-11-20')`);
      o.app.decisions.decide(ctx, { ref: 'T-9001', action: 'done', assignee: 'person1', minutes: 40 });
      o.app.decisions.decide(ctx, { ref: 'T-9002', action: 'fail', assignee: 'person1', note: 'flaky' });
      // Recording outcomes as the app does leaves the check as it was.
      expect(checks(o)).toEqual([{ workspace_id: WS, event_mark: mark, outcomes: 400 }]);
      const before = snapshot(dbPath);
      // Learned on another connection while this one holds the write lock: nothing to write.
      const learner = anotherConnection(dbPath);
      o.db.exec('BEGIN IMMEDIATE');
      expect(learner.app.learning.learn(learner.app.context(ADMIN))).toMatchObject({
        outcomes: 402,
        withoutAssignee,
        unchanged: true,
      });
      o.db.exec('ROLLBACK');
      expect(snapshot(dbPath)).toEqual(before);
      // Fewer than RECHECK_LAG outcomes since: the check stays where it was, and costs no write.
      expect(checks(o)).toEqual([{ workspace_id: WS, event_mark: mark, outcomes: 400 }]);
    });

    it('finds the projection right beside a writer with no check recorded, and records one later', () => {
      const { o } = loggedTeam(400, 0);
      const ctx = o.app.context(ADMIN);
      const first = o.app.learning.learn(ctx);
      // As on a database a learn has not checked since 0030.
      o.db.exec('DELETE FROM outcome_log_checks');
      const learner = anotherConnection(o.db.name);
      o.db.exec('BEGIN IMMEDIATE');
      expect(learner.app.learning.learn(learner.app.context(ADMIN))).toMatchObject({
        outcomes: 400,
        withoutAssignee: first.withoutAssignee,
        unchanged: true,
      });
      o.db.exec('ROLLBACK');
      expect(checks(o)).toEqual([]);
      learner.app.learning.learn(learner.app.context(ADMIN));
      expect(checks(o)).toEqual([{ workspace_id: WS, event_mark: latestEvent(o), outcomes: 400 }]);
    });

    // A task's outcome event (not the latest, which marks how far the log goes).
    const outcomeEventOf17 = `(SELECT max(id) FROM task_events WHERE task_id = 17 AND type IN ('done', 'failed'))`;
    const A_TASK = `INSERT INTO tasks (workspace_id, seq, title, category, priority, status, fingerprint, created_at, updated_at)
      VALUES ('default', 9002, 'Proposed today', 'ops', 5, 'proposed', 'f-9002', '2026-11-20', '2026-11-20')`;
    const FK_OFF = (sql: string) => `PRAGMA foreign_keys = OFF; ${sql}; PRAGMA foreign_keys = ON;`;

    // [what, SQL (a learn after each but the last), outcomes the log then has]
    it('finds the projection right on a database it can only read, recording nothing', () => {
      const { o, dbPath } = loggedTeam(400, 0);
      const first = o.app.learning.learn(o.app.context(ADMIN));
      o.db.exec('DELETE FROM outcome_log_checks');
      const before = snapshot(dbPath);
      const readOnly = new Database(dbPath, { readonly: true });
      try {
        const reader = createGoalpost({
          store: createStore(readOnly),
          clock: fixedClock('2026-11-21T09:00:00Z'),
          logger: silentLogger,
        });
        expect(reader.learning.learn(reader.context(ADMIN))).toMatchObject({
          outcomes: 400,
          withoutAssignee: first.withoutAssignee,
          unchanged: true,
        });
      } finally {
        readOnly.close();
      }
      expect(snapshot(dbPath)).toEqual(before);
    });

    const CHANGES: Array<[string, string | string[], number]> = [
      [
        'a new outcome event whose stored outcome says otherwise',
        `${NEW_TASK}; ${outcome(5)}; ${event('NULL', '{"assignee":"person1","minutes":30}')}`,
        401,
      ],
      [
        'a new outcome event with none stored',
        `${NEW_TASK}; ${event('NULL', '{"assignee":"person1","minutes":30}')}`,
        401,
      ],
      [
        'an outcome event logged under a number the check had passed',
        `${NEW_TASK}; ${event('-5', '{"assignee":"person1","minutes":30}')}`,
        401,
      ],
      [
        'an outcome event deleted, its task gone (foreign keys off)',
        `PRAGMA foreign_keys = OFF; DELETE FROM tasks WHERE id = 17; DELETE FROM task_events WHERE task_id = 17;
         PRAGMA foreign_keys = ON;`,
        399,
      ],
      ['a task deleted with its outcome and events', 'DELETE FROM tasks WHERE id = 17', 399],
      [
        // REPLACE deletes the event it writes over without firing a trigger.
        'an outcome event written over with REPLACE',
        `REPLACE INTO task_events (id, workspace_id, task_id, type, from_status, to_status, actor, source, note, data, created_at)
           VALUES (${outcomeEventOf17}, 'default', 17, 'commented', 'done', 'done', 'cli:x', 'cli', NULL, '{}', '2026-11-20')`,
        399,
      ],
      [
        // Its events stay, out of the log (no task to join); a new task takes the free id.
        'outcome events joining the log again, under a new task with their gone task’s id',
        [FK_OFF('DELETE FROM tasks WHERE id = 400'), A_TASK],
        400,
      ],
      [
        'outcome events joining the log again, their task’s id given back',
        [FK_OFF('UPDATE tasks SET id = 1000 WHERE id = 20'), 'UPDATE tasks SET id = 20 WHERE id = 1000'],
        400,
      ],
    ];

    it.each(CHANGES)('repairs %s', (what, change, outcomes) => {
      const { o, dbPath } = loggedTeam(400, 0);
      const ctx = o.app.context(ADMIN);
      o.app.learning.learn(ctx);
      expect(checks(o), what).toHaveLength(1);
      const steps = typeof change === 'string' ? [change] : change;
      steps.forEach((step, i) => {
        if (i > 0) o.app.learning.learn(ctx);
        o.db.exec(step);
      });
      expect(o.app.learning.learn(ctx).outcomes, what).toBe(outcomes);
      const repaired = snapshot(dbPath);
      expect(checks(o), what).toEqual([{ workspace_id: WS, event_mark: latestEvent(o), outcomes }]);
      // What a projection rebuilt from nothing holds.
      o.db.exec('DELETE FROM task_outcomes; DELETE FROM task_stats;');
      o.app.learning.learn(ctx);
      const rebuilt = snapshot(dbPath);
      expect(repaired.task_outcomes, what).toEqual(rebuilt.task_outcomes);
      expect(repaired.task_stats, what).toEqual(rebuilt.task_stats);
      expect(repaired.task_outcomes, what).toHaveLength(outcomes);
    });

    it("repairs an outcome written over another team's, beside one stored for a task of theirs with none logged", () => {
      const { o, dbPath } = loggedTeam(400, 0);
      o.db.exec(`INSERT INTO workspaces (id, created_at) VALUES ('other', '2026-01-01T00:00:00.000Z');
        INSERT INTO tasks (id, workspace_id, seq, title, category, priority, status, fingerprint, created_at, updated_at)
          VALUES (9001, 'other', 1, 'Theirs, done', 'ops', 5, 'done', 'f-o1', '2026-02-01', '2026-02-01'),
                 (9002, 'other', 2, 'Theirs, open', 'ops', 5, 'approved', 'f-o2', '2026-02-01', '2026-02-01');
        INSERT INTO task_events (workspace_id, task_id, type, from_status, to_status, actor, source, note, data, created_at)
          VALUES ('other', 9001, 'done', 'in_progress', 'done', 'worker:x', 'worker', NULL, '{"assignee":"person1","minutes":30}', '2026-02-01T00:00:00.000Z')`);
      const ours = o.app.context(ADMIN);
      const theirs = o.app.context({ ...ADMIN, workspaceId: 'other' });
      o.app.learning.learn(ours);
      expect(o.app.learning.learn(theirs).outcomes).toBe(1);
      expect(checks(o)).toHaveLength(2);
      const right = snapshot(dbPath).task_outcomes;
      // Our task 17's outcome moved onto their task 9001, replacing theirs (no delete trigger
      // fires), and an outcome stored for their task 9002, which has none logged: as many stored
      // in their workspace as before.
      o.db.exec(`UPDATE OR REPLACE task_outcomes SET task_id = 9001 WHERE task_id = 17;
        INSERT INTO task_outcomes (task_id, workspace_id, category, assignee, success, minutes, note, recorded_at)
          VALUES (9002, 'other', 'ops', 'person1', 1, 10, NULL, '2026-02-02T00:00:00.000Z')`);
      expect(o.app.learning.learn(theirs).outcomes).toBe(1);
      expect(o.app.learning.learn(ours).outcomes).toBe(400);
      expect(snapshot(dbPath).task_outcomes).toEqual(right);
      // And an outcome stored again over theirs (INSERT OR REPLACE) from our workspace.
      o.db.exec(`INSERT OR REPLACE INTO task_outcomes (task_id, workspace_id, category, assignee, success, minutes, note, recorded_at)
          VALUES (9001, 'default', 'ops', 'person1', 1, 30, NULL, '2026-02-01T00:00:00.000Z');
        INSERT INTO task_outcomes (task_id, workspace_id, category, assignee, success, minutes, note, recorded_at)
          VALUES (9002, 'other', 'ops', 'person1', 1, 10, NULL, '2026-02-02T00:00:00.000Z')`);
      expect(o.app.learning.learn(theirs).outcomes).toBe(1);
      expect(o.app.learning.learn(ours).outcomes).toBe(400);
      expect(snapshot(dbPath).task_outcomes).toEqual(right);
    });

    it('records no check for a log where a task has two outcome events, compared whole each time', () => {
      const { o } = loggedTeam(400, 0.05);
      o.app.learning.learn(o.app.context(ADMIN));
      expect(checks(o)).toEqual([]);
    });
  });

  it('takes the write lock only to store a repair: finding the projections right takes none', () => {
    const { o, dbPath } = loggedTeam(500);
    learnsBesideAWriter(o, dbPath, 500);
  });

  describe('over a long log, the statistics aggregated on another thread', () => {
    // From 50,000 outcomes `learn` aggregates on a thread of its own while it compares the whole
    // log; where a check is recorded (it compares only what was logged since), from 150,000. So
    // these tests forget the check to have the thread aggregate on a second learn.
    const LONG = 56_000;
    const forgetCheck = (o: OpenedGoalpost) => o.db.exec('DELETE FROM outcome_log_checks');

    it('are the statistics folding the log gives, and repair drifted ones', () => {
      const { o, dbPath, events, categories } = loggedTeam(LONG);
      const ctx = o.app.context(ADMIN);
      o.app.learning.learn(ctx);
      const right = snapshot(dbPath).task_stats;
      // The outcomes stay right, the statistics drift: only the aggregate can repair them.
      o.db.exec('UPDATE task_stats SET successes = successes + 5, decayed_failures = 0');
      forgetCheck(o);
      const repaired = o.app.learning.learn(ctx);
      expect(repaired.unchanged).toBe(false);
      expect(repaired.outcomes).toBe(LONG);
      expect(snapshot(dbPath).task_stats).toEqual(right);
      const expected = foldedInJs(events, categories);
      const stored = o.store.learning.stats(WS);
      expect(stored).toHaveLength(expected.stats.length);
      for (const want of expected.stats) {
        const got = stored.find((s) => s.category === want.category && s.assignee === want.assignee);
        closeTo(got as PairStats, want);
      }
      // The medians, read while the thread aggregated, are the log's too.
      expect(repaired.table).toHaveLength(expected.stats.length);
      for (const row of repaired.table) {
        expect(row.medianMinutes, `${row.category}/${row.assignee}`).toBe(
          expected.medians.get(`${row.category}/${row.assignee}`) ?? null,
        );
      }
    });

    it('are asked for the pairs of the outcomes that name an assignee, past those that name none', () => {
      const { o } = loggedTeam(0);
      // bugfix: outcomes without an assignee only; feature: some without one among them, and an
      // empty name (the least text); research: one.
      const outcomes: [string, string | null][] = [
        ['bugfix', null],
        ['bugfix', null],
        ['feature', null],
        ['feature', 'person2'],
        ['feature', null],
        ['feature', 'person1'],
        ['feature', ''],
        ['feature', 'person1'],
        ['research', 'person9'],
      ];
      o.db.transaction(() => {
        const task = o.db.prepare(
          `INSERT INTO tasks (workspace_id, seq, title, category, priority, status, fingerprint, created_at, updated_at)
           VALUES (?, ?, ?, ?, 5, 'done', ?, '2026-11-01T00:00:00Z', '2026-11-01T00:00:00Z')`,
        );
        const outcome = o.db.prepare(
          `INSERT INTO task_outcomes (task_id, workspace_id, category, assignee, success, minutes, note, recorded_at)
           VALUES (?, ?, ?, ?, 1, 30, NULL, '2026-11-01T00:00:00Z')`,
        );
        outcomes.forEach(([category, assignee], i) => {
          const id = Number(task.run(WS, i + 1, `Task ${i}`, category, `p-${i}`).lastInsertRowid);
          outcome.run(id, WS, category, assignee);
        });
      })();
      expect(o.store.learning.outcomePairs(WS)).toEqual([
        { category: 'feature', assignee: '' },
        { category: 'feature', assignee: 'person1' },
        { category: 'feature', assignee: 'person2' },
        { category: 'research', assignee: 'person9' },
      ]);
      expect(o.store.learning.outcomePairs('no-such-workspace')).toEqual([]);
    });

    it('are stored, with the log’s medians in the table, where no statistics were stored yet', () => {
      // The outcomes are right and the statistics lost (as on a log `learn` has not run on yet):
      // the medians are read while the thread aggregates, for the pairs the outcomes hold.
      const { o, dbPath, events, categories } = loggedTeam(LONG);
      const ctx = o.app.context(ADMIN);
      o.app.learning.learn(ctx);
      const right = snapshot(dbPath).task_stats;
      const expected = foldedInJs(events, categories);
      const pairs = expected.stats
        .map((s) => ({ category: s.category, assignee: s.assignee }))
        .sort((a, b) =>
          a.category === b.category ? (a.assignee < b.assignee ? -1 : 1) : a.category < b.category ? -1 : 1,
        );
      // Every pair with an assignee, in order; the outcomes without one name none.
      expect(o.store.learning.outcomePairs(WS)).toEqual(pairs);
      o.db.exec('DELETE FROM task_stats');
      forgetCheck(o);
      const result = o.app.learning.learn(ctx);
      expect(result).toMatchObject({ outcomes: LONG, unchanged: false, pairs: pairs.length });
      expect(snapshot(dbPath).task_stats).toEqual(right);
      expect(result.table).toHaveLength(pairs.length);
      for (const row of result.table) {
        expect(row.medianMinutes, `${row.category}/${row.assignee}`).toBe(
          expected.medians.get(`${row.category}/${row.assignee}`) ?? null,
        );
      }
    });

    it('are not kept when reading the log changed the outcomes they were aggregated from', () => {
      const { o, events, categories } = loggedTeam(LONG);
      const ctx = o.app.context(ADMIN);
      o.app.learning.learn(ctx);
      // A tenth of the outcomes lost: the thread aggregates what is left (still a long log) while
      // the log restores them.
      o.db.exec('DELETE FROM task_outcomes WHERE task_id % 10 = 0');
      const result = o.app.learning.learn(ctx);
      expect(result.outcomes).toBe(LONG);
      const expected = foldedInJs(events, categories);
      for (const want of expected.stats) {
        const got = o.store.learning
          .stats(WS)
          .find((s) => s.category === want.category && s.assignee === want.assignee);
        closeTo(got as PairStats, want);
      }
    });

    it('are kept without the write lock when they match what is stored', () => {
      const { o, dbPath } = loggedTeam(LONG);
      learnsBesideAWriter(o, dbPath, LONG);
    });

    it('come from the thread, and say so when another connection has committed since', () => {
      const { o, dbPath } = loggedTeam(600);
      o.app.learning.learn(o.app.context(ADMIN));
      const aside = o.store.learning.aggregateStatsAside(WS, HALF_LIFE);
      expect(aside).not.toBeNull();
      // Long enough for the thread to start and take every category (this thread takes those it
      // has not begun: see read-aside.test.ts).
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 2000);
      const stats = o.store.learning.aggregateStats(WS, HALF_LIFE);
      const read = aside?.finish();
      expect(read?.stats).toEqual(stats);
      // With the medians of those pairs, as the table reads them.
      expect(read?.medians).toEqual(o.store.learning.medians(WS, stats));
      expect(read?.medians.size).toBeGreaterThan(0);
      expect(aside?.current()).toBe(true);
      const other = openGoalpost({ dbPath, clock: fixedClock('2026-11-21T09:00:00Z'), logger: silentLogger });
      opened.push(other);
      other.db.exec("UPDATE task_stats SET successes = successes + 1 WHERE assignee = 'person1'");
      expect(aside?.current()).toBe(false);
    });

    it('are read here, medians too, when asked for before the thread has begun', () => {
      const { o } = loggedTeam(600);
      o.app.learning.learn(o.app.context(ADMIN));
      const aside = o.store.learning.aggregateStatsAside(WS, HALF_LIFE);
      // At once: the thread takes some 35 ms or more to start, so this connection takes every read.
      const read = aside?.finish();
      const stats = o.store.learning.aggregateStats(WS, HALF_LIFE);
      expect(read?.stats).toEqual(stats);
      expect(read?.medians).toEqual(o.store.learning.medians(WS, stats));
      expect(read?.medians.size).toBeGreaterThan(0);
      expect(aside?.current()).toBe(true);
    });

    it('are not asked of a database in memory, which no other connection can open', () => {
      const o = openGoalpost({
        dbPath: ':memory:',
        clock: fixedClock('2026-11-21T09:00:00Z'),
        logger: silentLogger,
      });
      opened.push(o);
      expect(o.store.learning.aggregateStatsAside(WS, HALF_LIFE)).toBeNull();
    });
  });
});
