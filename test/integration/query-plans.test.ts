import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GoalStateTracker } from '../../src/feedback/loop/GoalStateTracker.js';
import { fixedClock, openGoalpost, silentLogger } from '../../src/index.js';
import { createStore } from '../../src/store/create-store.js';
import type { Db } from '../../src/store/open-database.js';
import { useTempDir } from '../helpers/temp-dir.js';

const tempDir = useTempDir();

/**
 * Tables that hold a few rows a workspace sets up by hand (accounts, repositories, subscriptions,
 * members…): reading one whole costs nothing. Every other table grows with use (tasks, their events
 * and outcomes, the backlog, revenue, deliveries, lessons), and a statement that scans one gets
 * slower with every day the team works.
 */
const SET_UP_BY_HAND = new Set([
  'workspaces',
  'visions',
  'playbooks',
  'assignees',
  'people',
  'members',
  'webhooks',
  'tokens',
  'installations',
  'subscriptions',
  'cursors',
  'github_repos',
  'stripe_accounts',
  'stripe_products',
  'metric_sources',
  'feedback_loops',
  'schema_migrations',
]);

interface Planned {
  sql: string;
  /** The plan's lines, as EXPLAIN QUERY PLAN gives them. */
  plan: string[];
}

/**
 * Every statement the store prepares (the bot prepares them all at start) and the feedback loop's
 * durable tracker prepares, planned on `db`.
 */
function storeStatements(db: Db): Planned[] {
  const sources: string[] = [];
  const prepare = db.prepare.bind(db);
  const watched = Object.create(db) as Db;
  watched.prepare = ((sql: string) => {
    sources.push(sql);
    return prepare(sql);
  }) as Db['prepare'];
  createStore(watched).prepareAll();
  new GoalStateTracker(watched, 'plans');
  return sources.map((sql) => {
    // Planned with every parameter NULL: SQLite plans a statement before it sees its values.
    const names = [...new Set([...sql.matchAll(/[@:$]([A-Za-z_]\w*)/g)].map((m) => m[1] as string))];
    const explain = prepare(`EXPLAIN QUERY PLAN ${sql}`);
    const rows = (
      names.length > 0
        ? explain.all(Object.fromEntries(names.map((n) => [n, null])))
        : explain.all(...new Array<null>(sql.split('?').length - 1).fill(null))
    ) as Array<{ detail: string }>;
    return { sql, plan: rows.map((r) => r.detail) };
  });
}

/** The tables a statement names, by the name or alias its plan calls them. */
function tablesNamed(sql: string): Map<string, string> {
  const named = new Map<string, string>();
  for (const m of sql.matchAll(
    /\b(?:FROM|JOIN|INTO|UPDATE)\s+(?:temp\.)?(\w+)(?:\s+(?:AS\s+)?(?!WHERE|ON|JOIN|INDEXED|LEFT|ORDER|GROUP|LIMIT|SET|VALUES|USING|WHEN|DEFAULT)(\w+))?/gi,
  )) {
    const table = m[1] as string;
    named.set(table, table);
    if (m[2] !== undefined) named.set(m[2], table);
  }
  return named;
}

describe('query plans on a migrated database', () => {
  const open = () =>
    openGoalpost({
      dbPath: join(tempDir(), 'plans.db'),
      clock: fixedClock('2026-11-21T09:00:00Z'),
      logger: silentLogger,
    });

  it('read every table that grows with use through an index, never whole', () => {
    const goalpost = open();
    const tables = new Set(
      (
        goalpost.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[]
      ).filter((t) => !SET_UP_BY_HAND.has(t)),
    );
    const scans: string[] = [];
    const statements = storeStatements(goalpost.db);
    // The store's some 250 statements and the tracker's.
    expect(statements.length).toBeGreaterThan(200);
    expect(statements.some(({ sql }) => sql.includes('FROM feedback_history'))).toBe(true);
    for (const { sql, plan } of statements) {
      const named = tablesNamed(sql);
      const inserts = /^\s*(WITH\b[\s\S]*?\)\s*)?INSERT\b/i.test(sql);
      for (const line of plan) {
        const scanned = /^SCAN (\w+)(?! USING (?:COVERING )?INDEX| VIRTUAL TABLE)/.exec(line)?.[1];
        if (scanned === undefined) continue;
        // A plan names a table by its alias, a CTE or subquery by its own name (not a table).
        const table = named.get(scanned) ?? scanned;
        if (!tables.has(table)) continue;
        // A row inserted into a table others refer to plans a look for rows referring to it, which
        // SQLite runs only while a deferred foreign-key violation is outstanding (no key here is
        // deferrable): not a scan that runs.
        if (inserts && !named.has(scanned)) continue;
        scans.push(`${line} in: ${sql.replace(/\s+/g, ' ').trim().slice(0, 150)}`);
      }
    }
    goalpost.close();
    expect(scans).toEqual([]);
  });

  it('seek tasks by status wherever a statement asks for some statuses, not every task of the workspace', () => {
    const goalpost = open();
    const wide: string[] = [];
    for (const { sql, plan } of storeStatements(goalpost.db)) {
      // The statement's own WHERE on tasks (not a subquery's) names statuses it wants.
      const where =
        /\bFROM tasks( t)?\b(?: INDEXED BY \w+)?(?: LEFT JOIN projects p ON p\.id = t\.project_id)?\s+WHERE ([\s\S]*)$/.exec(
          sql,
        )?.[2];
      if (where === undefined || !/\b(t\.)?status (=|IN \()\s*('|SELECT value FROM json_each)/.test(where))
        continue;
      // A plan that seeks the workspace alone reads all its tasks, most of them long closed.
      const byWorkspace = plan.find((line) =>
        /^SEARCH (t|tasks) USING (COVERING )?INDEX \w+ \(workspace_id=\?\)$/.test(line),
      );
      if (byWorkspace !== undefined)
        wide.push(`${byWorkspace} in: ${sql.replace(/\s+/g, ' ').trim().slice(-160)}`);
    }
    goalpost.close();
    expect(wide).toEqual([]);
  });

  it('find the point of a metric recorded last on the recording time, not by sorting its series', () => {
    const goalpost = open();
    const recordedLast = storeStatements(goalpost.db).filter(({ sql }) =>
      /FROM metric_observations[^()]*ORDER BY created_at DESC/.test(sql),
    );
    goalpost.close();
    // Every goal listing asks it; a year of five-minute pushes is 100,000 points to sort.
    expect(recordedLast.length).toBeGreaterThan(0);
    for (const { plan } of recordedLast) {
      expect(plan.some((line) => line.includes('USING INDEX metric_observations_recorded'))).toBe(true);
    }
  });

  it('keep no index on tasks that no statement reads or that enforces nothing', () => {
    const goalpost = open();
    const used = new Set<string>();
    for (const { plan } of storeStatements(goalpost.db)) {
      for (const line of plan) for (const m of line.matchAll(/INDEX (\w+)/g)) used.add(m[1] as string);
    }
    const unread = (
      goalpost.db
        .prepare(
          "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'tasks' AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%'",
        )
        .pluck()
        .all() as string[]
    ).filter((name) => !used.has(name));
    goalpost.close();
    // Each index is rewritten by every change of a task's status: one nothing reads only costs.
    expect(unread).toEqual([]);
  });
});
