import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { buildWorkspace, NOW, SHAPE } from '../../bench/dataset.js';
import { cliFor } from '../helpers/run-cli.js';
import { useTempDir } from '../helpers/temp-dir.js';

const tempDir = useTempDir();

/** The first row of a read-only query on the built file. */
function one<T>(dbPath: string, sql: string): T {
  const db = new Database(dbPath, { readonly: true });
  try {
    return db.prepare(sql).get() as T;
  } finally {
    db.close();
  }
}

// The bench times `goalpost` on this data: it must be the data issue 19 describes, and the
// commands must do real work on it (a dry run that proposed nothing would be timed as fast).
describe('the bench workspace (issue 19: an EDU vision, N projects, 100,000 closed tasks)', () => {
  const projects = 200;

  it('has the shape the original engine was measured on, and a dry run proposes tasks from it', async () => {
    const dbPath = buildWorkspace(tempDir(), projects);

    expect(
      one<{ statement: string }>(dbPath, 'SELECT statement FROM visions WHERE active = 1').statement,
    ).toBe('Create revenue streams through useful applications');
    const p = one<{ n: number; active: number; earning: number }>(
      dbPath,
      `SELECT count(*) AS n, sum(status = 'active') AS active, sum(revenue_bearing) AS earning FROM projects`,
    );
    expect(p.n).toBe(projects);
    expect(p.active).toBe(projects);
    expect(p.earning / projects).toBeGreaterThan(0.2);
    expect(p.earning / projects).toBeLessThan(0.4);

    const backlog = one<{ fmin: number; fmax: number; bmin: number; bmax: number }>(
      dbPath,
      `SELECT min(f) AS fmin, max(f) AS fmax, min(b) AS bmin, max(b) AS bmax FROM (
         SELECT (SELECT count(*) FROM features WHERE project_id = p.id) AS f,
                (SELECT count(*) FROM bugs WHERE project_id = p.id) AS b
         FROM projects p)`,
    );
    expect(backlog).toEqual({ fmin: 2, fmax: 7, bmin: 0, bmax: 2 });

    // Three monthly rows per earning project, none for the others, all for whole past months.
    const revenue = one<{ earningWrong: number; othersWithRows: number; months: number }>(
      dbPath,
      `SELECT
         (SELECT count(*) FROM projects p WHERE revenue_bearing = 1
            AND (SELECT count(DISTINCT period_start) FROM revenue_records r WHERE r.project_id = p.id) <> 3) AS earningWrong,
         (SELECT count(*) FROM revenue_records r JOIN projects p ON p.id = r.project_id
            WHERE p.revenue_bearing = 0) AS othersWithRows,
         (SELECT count(DISTINCT period_start) FROM revenue_records
            WHERE strftime('%d', period_start) = '01' AND period_end < '${NOW.slice(0, 7)}-01') AS months`,
    );
    expect(revenue).toEqual({ earningWrong: 0, othersWithRows: 0, months: 3 });

    const closed = one<{
      n: number;
      done: number;
      others: number;
      categories: number;
      assignees: number;
      oldest: string;
      newest: string;
    }>(
      dbPath,
      `SELECT count(*) AS n, sum(status = 'done') AS done, sum(status NOT IN ('done', 'failed')) AS others,
         count(DISTINCT category) AS categories, count(DISTINCT assignee) AS assignees,
         min(updated_at) AS oldest, max(updated_at) AS newest
       FROM tasks`,
    );
    expect(closed.n).toBe(SHAPE.closedTasks);
    expect(closed.others).toBe(0);
    expect(closed.done / closed.n).toBeGreaterThan(0.69);
    expect(closed.done / closed.n).toBeLessThan(0.71);
    expect(closed.categories).toBe(7);
    expect(closed.assignees).toBe(50);
    expect(Date.parse(closed.oldest)).toBeGreaterThanOrEqual(Date.parse(NOW) - 30 * 86_400_000);
    expect(closed.newest <= new Date(NOW).toISOString()).toBe(true);

    // Each closed task has the outcome event decide logs; learn derived the projection and the
    // statistics of all 7 × 50 pairs from them.
    const learned = one<{ events: number; outcomes: number; pairs: number; assigneesKnown: number }>(
      dbPath,
      `SELECT (SELECT count(DISTINCT task_id) FROM task_events WHERE type IN ('done', 'failed')) AS events,
         (SELECT count(*) FROM task_outcomes) AS outcomes, (SELECT count(*) FROM task_stats) AS pairs,
         (SELECT count(*) FROM assignees) AS assigneesKnown`,
    );
    expect(learned).toEqual({
      events: SHAPE.closedTasks,
      outcomes: SHAPE.closedTasks,
      pairs: 350,
      assigneesKnown: 50,
    });

    const goalpost = cliFor(dbPath, NOW);
    const dry = await goalpost('generate', '--dry-run', '--workspace', 'bench', '--json');
    expect(dry.stderr).toBe('');
    expect(dry.code).toBe(0);
    expect(dry.json<{ proposed: number }>().proposed).toBeGreaterThan(0);
  }, 120_000);
});
