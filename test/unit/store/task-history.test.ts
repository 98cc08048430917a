import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../../src/domain/clock.js';
import { silentLogger } from '../../../src/domain/logger.js';
import { TASK_CATEGORIES, TASK_STATUSES } from '../../../src/domain/task.js';
import { summariseHistory } from '../../../src/engine/task-history.js';
import { createRng } from '../../../src/learning/random.js';
import { migrateGoalpost } from '../../../src/migration-functions.js';
import { openGoalpost } from '../../../src/open-goalpost.js';
import { migrationsDir } from '../../../src/paths.js';
import type { Store } from '../../../src/store/create-store.js';
import { type Db, openDatabase } from '../../../src/store/open-database.js';
import { useTempDir } from '../../helpers/temp-dir.js';

const NOW = '2026-11-21T09:00:00.000Z';
const DAY = 86_400_000;
const tempDir = useTempDir();
const AREAS = ['payment_integration', 'automation', 'self_healing', 'growth'];

/** Fills workspace `w` with `count` tasks of every status, spread over 120 days, on 20 projects. */
function fill(db: Db, seed: string, count: number): void {
  const rng = createRng(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rng.next() * items.length)] as T;
  db.exec("INSERT INTO workspaces (id, name, created_at) VALUES ('w', 'w', '2026-01-01T00:00:00Z')");
  const project = db.prepare(
    "INSERT INTO projects (workspace_id, name, description, revenue_bearing, focus_areas, status, created_at, updated_at) VALUES ('w', ?, '', 0, '[]', 'active', ?, ?)",
  );
  const task = db.prepare(
    `INSERT INTO tasks (workspace_id, seq, title, category, project_id, playbook_key, focus_area, priority, status,
       fingerprint, created_at, updated_at, memory_key) VALUES ('w', ?, 't', ?, ?, ?, ?, 5, ?, ?, ?, ?, ?)`,
  );
  db.transaction(() => {
    for (let p = 1; p <= 20; p++) project.run(`P${p}`, NOW, NOW);
    for (let i = 1; i <= count; i++) {
      // Whole seconds, so equal timestamps (ties broken by id) happen too.
      const at = new Date(Date.parse(NOW) - Math.floor(rng.next() * 120 * 24 * 60) * 60_000).toISOString();
      task.run(
        i,
        pick(TASK_CATEGORIES),
        rng.next() < 0.2 ? null : 1 + Math.floor(rng.next() * 20),
        rng.next() < 0.3 ? null : pick(['pay.stripe', 'pay.pricing', 'ops.heal', 'grow.seo']),
        rng.next() < 0.4 ? null : pick(AREAS),
        pick(TASK_STATUSES),
        `f${i}`,
        at,
        at,
        // Half of them work on a backlog item (a few items, each worked on several times).
        rng.next() < 0.5 ? `${pick(['feature:', 'bug:'])}${1 + Math.floor(rng.next() * 50)}` : null,
      );
    }
  })();
}

/** A workspace with `count` tasks of every status (see fill). */
function workspace(seed: string, count: number) {
  const opened = openGoalpost({
    dbPath: join(tempDir(), `${seed}.db`),
    clock: fixedClock(NOW),
    logger: silentLogger,
  });
  fill(opened.db, seed, count);
  return opened;
}

/**
 * Checks the history read in SQL (rollups and indexes) against the summary of every closed task
 * of the window read row by row.
 */
function expectSummaryOfEveryClosedTask(store: Store, count: number): void {
  const since = new Date(Date.parse(NOW) - 90 * DAY).toISOString();
  const focusSince = new Date(Date.parse(NOW) - 14 * DAY).toISOString();
  const inSql = store.history.summary('w', { since, focusSince, focusAreas: AREAS.slice(0, 3) });
  const closed = store.tasks
    .list('w', { status: ['done', 'failed', 'rejected', 'cancelled'], limit: count })
    .filter((t) => t.updatedAt >= since);
  const inMemory = summariseHistory(closed, NOW);
  expect(inSql.lastClosedAt).toEqual(inMemory.lastClosedAt);
  expect(inSql.outcomes).toEqual(inMemory.outcomes);
  expect(inSql.categoryOutcomes).toEqual(inMemory.categoryOutcomes);
  expect([...inSql.recentFocusAreas].sort()).toEqual(
    [...inMemory.recentFocusAreas].filter((a) => AREAS.slice(0, 3).includes(a)).sort(),
  );
  const byCategoryNewestFirst = (ts: readonly { id: number; category: string }[]) =>
    [...ts].sort((a, b) => a.category.localeCompare(b.category)).map((t) => t.id);
  expect(byCategoryNewestFirst(inSql.latestDecided)).toEqual(byCategoryNewestFirst(inMemory.latestDecided));
  expect(inSql.latestDecided.length).toBeGreaterThan(0);
  // Each project's own newest decisions on its items, where any was rejected.
  const ids = (ts: readonly { id: number }[] | undefined) =>
    (ts ?? []).map((t) => t.id).sort((a, b) => a - b);
  expect(ids(inSql.projectsDecided)).toEqual(ids(inMemory.projectsDecided));
  expect(inSql.projectsDecided?.length).toBeGreaterThan(count >= 1_000 ? 50 : 0);
}

describe('task history in SQL', () => {
  it.each([
    ['sparse', 40],
    ['busy', 3_000],
  ])('equals the summary of every closed task, row by row (%s workspace)', (seed, count) => {
    const { store, close } = workspace(seed, count);
    expectSummaryOfEveryClosedTask(store, count);
    close();
  });

  it('stays equal to the summary of every closed task as tasks close, reopen, move, change and go', () => {
    const { store, db, close } = workspace('churn', 2_000);
    const rng = createRng('churn-writes');
    const pick = <T>(items: readonly T[]): T => items[Math.floor(rng.next() * items.length)] as T;
    const someTask = () => 1 + Math.floor(rng.next() * 2_000);
    const at = (days: number) => new Date(Date.parse(NOW) - days * DAY).toISOString();
    // Every kind of write a task sees: done, failed, rejected and undone (back to proposed), a day
    // moved either way (across the window's first day too), another category, playbook or project,
    // deleted, and its project deleted (the tasks keep going, without a project).
    const writes = [
      () =>
        db
          .prepare('UPDATE tasks SET status = ?, updated_at = ? WHERE id = ?')
          .run(pick(['done', 'failed', 'rejected']), at(rng.next() * 100), someTask()),
      () => db.prepare("UPDATE tasks SET status = 'proposed' WHERE id = ?").run(someTask()),
      () =>
        db.prepare('UPDATE tasks SET updated_at = ? WHERE id = ?').run(at(85 + rng.next() * 10), someTask()),
      () => db.prepare('UPDATE tasks SET category = ? WHERE id = ?').run(pick(TASK_CATEGORIES), someTask()),
      () =>
        db
          .prepare('UPDATE tasks SET playbook_key = ? WHERE id = ?')
          .run(pick([null, 'pay.stripe', 'ops.heal']), someTask()),
      () =>
        db.prepare('UPDATE tasks SET project_id = ? WHERE id = ?').run(pick([null, 3, 7, 11]), someTask()),
      () => db.prepare('DELETE FROM tasks WHERE id = ?').run(someTask()),
    ];
    for (let round = 0; round < 5; round++) {
      db.transaction(() => {
        for (let i = 0; i < 200; i++) pick(writes)();
      })();
      expectSummaryOfEveryClosedTask(store, 2_000);
    }
    db.prepare("DELETE FROM projects WHERE name IN ('P3', 'P4')").run();
    expectSummaryOfEveryClosedTask(store, 2_000);
    db.prepare("DELETE FROM tasks WHERE workspace_id = 'w'").run();
    expect(db.prepare('SELECT count(*) FROM finished_daily').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM project_last_closed').pluck().get()).toBe(0);
    close();
  });

  it('is built from the tasks already closed when a database made before the rollups is upgraded', () => {
    const before = join(tempDir(), 'before-rollups');
    mkdirSync(before);
    for (const f of readdirSync(migrationsDir()).filter((f) => f < '0011')) {
      copyFileSync(join(migrationsDir(), f), join(before, f));
    }
    const dbPath = join(tempDir(), 'upgrade.db');
    const db = openDatabase(dbPath);
    migrateGoalpost(db, before, fixedClock(NOW));
    fill(db, 'upgrade', 1_500);
    db.close();
    const { store, close } = openGoalpost({ dbPath, clock: fixedClock(NOW), logger: silentLogger });
    expectSummaryOfEveryClosedTask(store, 1_500);
    close();
  });

  it('is empty for a workspace with nothing closed', () => {
    const { store, close } = workspace('none', 0);
    const history = store.history.summary('w', { since: NOW, focusSince: NOW, focusAreas: AREAS });
    close();
    expect(history).toEqual({
      categoryOutcomes: new Map(),
      lastClosedAt: new Map(),
      recentFocusAreas: new Set(),
      otherAreaWork: [],
      featuresUnderWay: [],
      outcomes: new Map(),
      latestDecided: [],
      projectsDecided: [],
    });
  });
});
