import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../../src/domain/clock.js';
import { silentLogger } from '../../../src/domain/logger.js';
import { TASK_CATEGORIES, TASK_STATUSES } from '../../../src/domain/task.js';
import { summariseHistory } from '../../../src/engine/task-history.js';
import { createRng } from '../../../src/learning/random.js';
import { openGoalpost } from '../../../src/open-goalpost.js';
import { useTempDir } from '../../helpers/temp-dir.js';

const NOW = '2026-11-21T09:00:00.000Z';
const DAY = 86_400_000;
const tempDir = useTempDir();
const AREAS = ['payment_integration', 'automation', 'self_healing', 'growth'];

/** A workspace with `count` tasks of every status, spread over 120 days, on 20 projects. */
function workspace(seed: string, count: number) {
  const opened = openGoalpost({
    dbPath: join(tempDir(), `${seed}.db`),
    clock: fixedClock(NOW),
    logger: silentLogger,
  });
  const rng = createRng(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rng.next() * items.length)] as T;
  opened.db.exec("INSERT INTO workspaces (id, name, created_at) VALUES ('w', 'w', '2026-01-01T00:00:00Z')");
  const project = opened.db.prepare(
    "INSERT INTO projects (workspace_id, name, description, revenue_bearing, focus_areas, status, created_at, updated_at) VALUES ('w', ?, '', 0, '[]', 'active', ?, ?)",
  );
  const task = opened.db.prepare(
    `INSERT INTO tasks (workspace_id, seq, title, category, project_id, playbook_key, focus_area, priority, status,
       fingerprint, created_at, updated_at) VALUES ('w', ?, 't', ?, ?, ?, ?, 5, ?, ?, ?, ?)`,
  );
  opened.db.transaction(() => {
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
      );
    }
  })();
  return opened;
}

describe('task history in SQL', () => {
  it.each([
    ['sparse', 40],
    ['busy', 3_000],
  ])('equals the summary of every closed task, row by row (%s workspace)', (seed, count) => {
    const { store, close } = workspace(seed, count);
    const since = new Date(Date.parse(NOW) - 90 * DAY).toISOString();
    const focusSince = new Date(Date.parse(NOW) - 14 * DAY).toISOString();
    const inSql = store.history.summary('w', { since, focusSince, focusAreas: AREAS.slice(0, 3) });
    const closed = store.tasks
      .list('w', { status: ['done', 'failed', 'rejected', 'cancelled'], limit: count })
      .filter((t) => t.updatedAt >= since);
    const inMemory = summariseHistory(closed, NOW);
    close();
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
  });

  it('is empty for a workspace with nothing closed', () => {
    const { store, close } = workspace('none', 0);
    const history = store.history.summary('w', { since: NOW, focusSince: NOW, focusAreas: AREAS });
    close();
    expect(history).toEqual({
      categoryOutcomes: new Map(),
      lastClosedAt: new Map(),
      recentFocusAreas: new Set(),
      outcomes: new Map(),
      latestDecided: [],
    });
  });
});
