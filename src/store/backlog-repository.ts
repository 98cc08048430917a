import {
  addUnits,
  type Bug,
  type BugSeverity,
  type BugStats,
  type Feature,
  type FeatureStats,
  type FeatureStatus,
  featureUnits,
  type MetPrerequisite,
  type OpenFeature,
  type ShippedItem,
} from '../domain/project.js';
import { type SourceColumns, sourcesById, sourcesQuery } from './item-sources.js';
import { parseRows, readChunked } from './json-rows.js';
import type { Db } from './open-database.js';
import { type BugTuple, secondsByFirst, toBug } from './project-rows.js';

/** Projects whose ids are from `from` to `to`, both included. */
export interface ProjectRange {
  from: number;
  to: number;
}

/** Every project. */
export const ALL_PROJECTS: ProjectRange = { from: Number.MIN_SAFE_INTEGER, to: Number.MAX_SAFE_INTEGER };

/**
 * What planning reads of the backlog: counts per project, and the open items a range of projects
 * at a time (a large workspace has hundreds of thousands). Rows come as one JSON document each
 * (see parseRows), in the indexes' order, project by project: sorting them would cost as much again.
 */
export interface BacklogRepository {
  /** Per project with features: how many, how many done, and their latest change. */
  featureStats(workspaceId: string): Map<number, FeatureStats>;
  /** Per project with bugs: its open ones by severity, its open critical ones, their latest change. */
  bugStats(workspaceId: string): Map<number, BugStats>;
  /** The features not done yet (planned, in progress) of the projects in `range` (or with these ids). */
  openFeatures(workspaceId: string, range?: ProjectRange | readonly number[]): OpenFeature[];
  /** The open bugs of the projects in `range` (or with these ids), with the share each affects when the team judged it. */
  openBugs(workspaceId: string, range?: ProjectRange | readonly number[]): Bug[];
  /**
   * The least estimate of an open feature or bug (hours), or null when none is estimated: what
   * bounds the effort of an item a plan only counts (see scoreBound).
   */
  leastOpenEstimate(workspaceId: string): number | null;
  /**
   * Each project's highest priority among its open features the team ranked up (critical or
   * high, typed or from GitHub's labels), by project id: nearly every project is absent.
   */
  rankedUp(workspaceId: string): Map<number, 'critical' | 'high'>;
  /**
   * The open growth items (features not done but upkeep, open critical bugs) of the workspace's
   * active revenue-bearing projects whose GitHub milestone is due after the month `month`
   * (YYYY-MM), their keys (`feature:12`, `bug:4`) by project id: work scheduled after the revenue
   * target, which claims no part of its gap (see BacklogSource.scheduledAfter). Read from the
   * workspace's repositories: a workspace with none reads nothing.
   */
  scheduledAfter(workspaceId: string, month: string): Map<number, Map<string, number>>;
  /**
   * The projects with an open feature or bug (but a low one) memory may hold back: some task made
   * from it done, however long ago, rejected since `rejectedSince`, or failed since `failedSince`
   * (see failedHoldSince: a failure's reason may hold its work as long as memory keeps it). Planning reads these projects' items whole (see heldGrowthItems and countedProjects).
   */
  holdingProjects(workspaceId: string, rejectedSince: string, failedSince: string): Set<number>;
  /** The projects with an open bug (but a low one) the team judged the share of (see BacklogSource.judgedProjects). */
  judgedProjects(workspaceId: string): Set<number>;
  /**
   * The open items of these projects that planning drafts (features not done, open bugs but low
   * ones), each as its project's id, its kind (`feature`, `upkeep`, or the bug's severity), status and title,
   * and its project's name: what a draft's title and words are made of, without its sources.
   */
  openItemHeads(workspaceId: string, projectIds: readonly number[]): ItemHead[];
  /**
   * The growth work of the workspace's active revenue-bearing projects done since `since` (features
   * done but upkeep, critical bugs fixed), each with when it became so: what a plan counts on for a
   * part of the revenue gap until its revenue is recorded (see shippedAwaitingRevenue). Work entered
   * as done is history, not shipping: it has no such time (migration 0045).
   */
  shippedSince(workspaceId: string, since: string): ShippedItem[];
  /**
   * What the open features wait for (`feature after`), by feature id: `open`, the ids of the open
   * features each waits for, ascending; `met`, those done (met), with when.
   */
  featureWaits(workspaceId: string): { open: Map<number, number[]>; met: Map<number, MetPrerequisite[]> };
}

/** An open item as openItemHeads gives it: project id, kind, status, title, project name. */
export type ItemHead = [
  number,
  'feature' | 'upkeep' | 'critical' | 'high' | 'medium',
  string,
  string,
  string,
];

/**
 * An open feature's columns; the ninth and tenth, its typed priority and the size it was started
 * at, only when the team set either (see openFeatures).
 */
type OpenFeatureTuple = [
  number,
  number,
  string,
  FeatureStatus,
  number | null,
  string,
  0 | 1,
  number | null,
  (BugSeverity | null)?,
  (number | null)?,
];
type BugCountTuple = [number, number, number, number, number, string];

const IN_RANGE = 'p.workspace_id = @ws AND p.id BETWEEN @from AND @to';
const IN_LIST = 'p.workspace_id = @ws AND p.id IN (SELECT value FROM json_each(@ids))';
/** Which projects a read is of: a range of ids, or a list of them (a JSON array). */
type Which = { ws: string; from: number; to: number } | { ws: string; ids: string };
const BUG_COLUMNS =
  'b.id, b.project_id, b.title, b.severity, b.status, b.goal_id, b.created_at, b.updated_at, b.estimate_hours';

/** A read's projects as its statements take them. */
function which(ws: string, projects: ProjectRange | readonly number[]): Which {
  return 'from' in projects
    ? { ws, from: projects.from, to: projects.to }
    : { ws, ids: JSON.stringify(projects) };
}

/** A feature's status and estimate, with the size it was started at when it has one (migration 0054). */
const withSize = (
  feature: Pick<Feature, 'status' | 'estimateHours'>,
  sizeHours: number | null,
): Pick<Feature, 'status' | 'estimateHours' | 'sizeHours'> =>
  sizeHours === null ? feature : { ...feature, sizeHours };

export function createBacklogRepository(db: Db): BacklogRepository {
  // Kept by triggers (migration 0023), read a few thousand projects at a time (see readChunked).
  const featureStats = db
    .prepare<[string, number, number], string>(
      `SELECT json_group_array(json_array(project_id, total, done, last, upkeep_total, upkeep_open)) FROM (
         SELECT r.* FROM projects p JOIN project_features r ON r.project_id = p.id
         WHERE p.workspace_id = ? AND p.id > ? ORDER BY p.id LIMIT ?)`,
    )
    .pluck();
  // Few: the open growth features a team estimated (migration 0053), in id order (see addUnits).
  const estimatedFeatures = db
    .prepare<[string], [number, FeatureStatus, number, number | null]>(
      `SELECT f.project_id, f.status, f.estimate_hours, f.size_hours FROM features f INDEXED BY features_estimated
       CROSS JOIN projects p ON p.id = f.project_id
       WHERE p.workspace_id = ? AND f.estimate_hours IS NOT NULL AND f.upkeep = 0 AND f.status <> 'done'
       ORDER BY f.project_id, f.id`,
    )
    .raw();
  const bugCounts = db
    .prepare<[string, number, number], string>(
      `SELECT json_group_array(json_array(project_id, critical, high, medium, low, last)) FROM (
         SELECT r.* FROM projects p JOIN project_bugs r ON r.project_id = p.id
         WHERE p.workspace_id = ? AND p.id > ? ORDER BY p.id LIMIT ?)`,
    )
    .pluck();
  /** Every row of a statement, a few thousand projects at a time (see readChunked). */
  const chunked = <T extends [number, ...unknown[]]>(
    statement: typeof featureStats,
    ws: string,
    each: (row: T) => void,
  ): void =>
    readChunked<T>(
      (after, limit) => statement.get(ws, after, limit),
      // An indexed loop, not for…of: see toProjects.
      (rows) => {
        for (let i = 0; i < rows.length; i++) each(rows[i] as T);
      },
    );
  /** A statement for a range of projects, and one for a list of them. */
  const either = <R>(sql: (projects: string) => string) => ({
    range: db.prepare<[Which], R>(sql(IN_RANGE)).pluck(),
    list: db.prepare<[Which], R>(sql(IN_LIST)).pluck(),
  });
  const ofWhich = <R>(statements: ReturnType<typeof either<R>>, which: Which) =>
    ('ids' in which ? statements.list : statements.range).get(which) as R;
  const openFeatures = either<string>(
    (projects) =>
      // A priority and a size only on the features that have one (nearly none): the rest's rows as before.
      `SELECT json_group_array(CASE WHEN f.priority IS NULL AND f.size_hours IS NULL
         THEN json_array(f.id, f.project_id, f.title, f.status, f.goal_id, f.updated_at, f.upkeep, f.estimate_hours)
         ELSE json_array(f.id, f.project_id, f.title, f.status, f.goal_id, f.updated_at, f.upkeep, f.estimate_hours,
           f.priority, f.size_hours) END)
       FROM projects p JOIN features f ON f.project_id = p.id WHERE ${projects} AND f.status <> 'done'`,
  );
  const bugs = (where: string) =>
    either<string>(
      (projects) =>
        // The share the team judges a bug affects only on the bugs that have one (nearly none): the
        // rest's rows as before.
        `SELECT json_group_array(CASE WHEN b.affects IS NULL THEN json_array(${BUG_COLUMNS})
           ELSE json_array(${BUG_COLUMNS}, b.affects) END)
         FROM projects p JOIN bugs b ON b.project_id = p.id WHERE ${projects} AND ${where}`,
    );
  const shipped = db
    .prepare<{ ws: string; since: string }, [number, string, number | null, number | null]>(
      // When each became done (migration 0045: not its last edit, and never for one entered as
      // done), from the items (on that migration's partial indexes) to their projects: the other
      // way round, the planner seeks each project of the workspace (4.7 against 1.6 ms on 10,000).
      `SELECT f.project_id, f.done_at, f.estimate_hours, f.size_hours FROM features f INDEXED BY features_shipped
       CROSS JOIN projects p ON p.id = f.project_id
       WHERE f.done_at IS NOT NULL AND f.upkeep = 0 AND f.done_at >= @since AND f.status = 'done'
         AND p.workspace_id = @ws AND p.revenue_bearing = 1 AND p.status = 'active'
       UNION ALL
       SELECT b.project_id, b.fixed_at, NULL, NULL FROM bugs b INDEXED BY bugs_critical_fixed
       CROSS JOIN projects p ON p.id = b.project_id
       WHERE b.fixed_at IS NOT NULL AND b.severity = 'critical' AND b.fixed_at >= @since AND b.status = 'fixed'
         AND p.workspace_id = @ws AND p.revenue_bearing = 1 AND p.status = 'active'`,
    )
    .raw();
  const openBugs = bugs("b.status = 'open'");
  const criticalBugs = bugs("b.status = 'open' AND b.severity = 'critical'");
  /** The sources of the items of kind `item` in a range of projects, and in a list of them. */
  const sources = (item: 'feature' | 'bug', open: string) => ({
    range: db
      .prepare<[string, number, number], [number, ...SourceColumns]>(
        sourcesQuery(item, `i.project_id BETWEEN ? AND ? AND ${open}`),
      )
      .raw(),
    list: db
      .prepare<[string, string], [number, ...SourceColumns]>(
        sourcesQuery(item, `i.project_id IN (SELECT value FROM json_each(?)) AND ${open}`),
      )
      .raw(),
  });
  const openFeatureSources = sources('feature', "i.status <> 'done'");
  const openBugSources = sources('bug', "i.status = 'open'");
  const sourcesOf = (statements: ReturnType<typeof sources>, which: Which) =>
    sourcesById(
      'ids' in which
        ? statements.list.iterate(which.ws, which.ids)
        : statements.range.iterate(which.ws, which.from, which.to),
    );
  // Of the items planning drafts (open, a bug not low): a done task counts however old, a
  // rejection since `since`, a failure since `failedSince`. The index is partial: its own status
  // term comes first, then which of its rows count.
  const decided = `t.status IN ('done', 'rejected', 'failed') AND (t.status = 'done'
    OR (t.status = 'rejected' AND t.updated_at >= @since) OR (t.status = 'failed' AND t.updated_at >= @failedSince))`;
  const holding = db
    .prepare<[{ ws: string; since: string; failedSince: string }], string>(
      `SELECT json_group_array(project_id) FROM (
         SELECT f.project_id FROM tasks t INDEXED BY tasks_decided_memory
           JOIN features f ON f.id = CAST(substr(t.memory_key, 9) AS INTEGER)
         WHERE t.workspace_id = @ws AND t.memory_key >= 'feature:' AND t.memory_key < 'feature;'
           AND t.memory_key IS NOT NULL AND ${decided} AND f.status <> 'done'
         UNION
         SELECT b.project_id FROM tasks t INDEXED BY tasks_decided_memory
           JOIN bugs b ON b.id = CAST(substr(t.memory_key, 5) AS INTEGER)
         WHERE t.workspace_id = @ws AND t.memory_key >= 'bug:' AND t.memory_key < 'bug;'
           AND t.memory_key IS NOT NULL AND ${decided} AND b.status = 'open' AND b.severity <> 'low')`,
    )
    .pluck();

  // From 0067's partial index, which holds only the open bugs judged (a handful in any workspace).
  const judged = db
    .prepare<[string], number>(
      `SELECT DISTINCT b.project_id FROM bugs b INDEXED BY bugs_judged
       CROSS JOIN projects p ON p.id = b.project_id
       WHERE b.affects IS NOT NULL AND b.status = 'open' AND b.severity <> 'low' AND p.workspace_id = ?`,
    )
    .pluck();

  // From the edges (a workspace has a handful, most none) to their features and projects.
  const featureWaits = db
    .prepare<[string], [number, number, number, string, string, string | null]>(
      `SELECT d.feature_id, d.after_id, a.status = 'done', a.title, d.created_at, a.done_at
       FROM feature_prerequisites d
         JOIN features f ON f.id = d.feature_id JOIN features a ON a.id = d.after_id
         JOIN projects p ON p.id = f.project_id
       WHERE p.workspace_id = ? AND f.status <> 'done'
       ORDER BY d.feature_id, d.after_id`,
    )
    .raw();

  // The projects are looked up by id from the list (CROSS JOIN keeps that order): left to choose,
  // SQLite scanned the workspace's (workspace_id, name) index, which covers the name, for each list.
  const itemHeads = db
    .prepare<[{ ws: string; ids: string }], string>(
      `SELECT json_group_array(json_array(project_id, kind, status, title, name)) FROM (
         SELECT p.id AS project_id, iif(f.upkeep = 1, 'upkeep', 'feature') AS kind, f.status AS status,
           f.title AS title, p.name AS name
         FROM json_each(@ids) j CROSS JOIN projects p ON p.id = j.value CROSS JOIN features f ON f.project_id = p.id
         WHERE p.workspace_id = @ws AND f.status <> 'done'
         UNION ALL
         SELECT p.id, b.severity, b.status, b.title, p.name
         FROM json_each(@ids) j CROSS JOIN projects p ON p.id = j.value CROSS JOIN bugs b ON b.project_id = p.id
         WHERE p.workspace_id = @ws AND b.status = 'open' AND b.severity <> 'low')`,
    )
    .pluck();

  // Each of the workspace's projects sought in the partial indexes of 0038, which hold only open
  // items' estimates (1 ms at 10,000 projects, 10 at 100,000, whatever other workspaces hold).
  // Named, or the planner walks every item of each project (8 ms at 10,000).
  const leastOf = (table: 'features' | 'bugs', open: string) =>
    `SELECT i.estimate_hours AS e FROM projects p
       JOIN ${table} i INDEXED BY ${table}_project_estimates ON i.project_id = p.id
     WHERE p.workspace_id = ? AND i.estimate_hours IS NOT NULL AND ${open}`;
  // From 0050's partial indexes, which hold only the open features ranked up (a handful in any
  // workspace), to their projects: nothing read for the rest.
  const rankedUp = db
    .prepare<{ ws: string }, [number, 'critical' | 'high']>(
      `SELECT f.project_id, f.priority FROM features f INDEXED BY features_ranked_up
       CROSS JOIN projects p ON p.id = f.project_id
       WHERE f.priority IN ('critical', 'high') AND f.status <> 'done' AND p.workspace_id = @ws
       UNION ALL
       SELECT f.project_id, gi.label_priority FROM github_issues gi INDEXED BY github_issues_ranked_up
       CROSS JOIN features f ON f.id = gi.feature_id CROSS JOIN projects p ON p.id = f.project_id
       WHERE gi.label_priority IN ('critical', 'high') AND gi.feature_id IS NOT NULL AND f.status <> 'done'
         AND p.workspace_id = @ws`,
    )
    .raw();
  // From the workspace's repositories (most workspaces have none) to their issues with a milestone
  // due after the month (the due date's own day, as scheduledAfterMonth compares it), to the open
  // growth items of active revenue-bearing projects they are.
  const scheduledAfter = db
    .prepare<
      { ws: string; month: string },
      [number, string, FeatureStatus | null, number | null, number | null]
    >(
      `SELECT f.project_id, 'feature:' || f.id, f.status, f.estimate_hours, f.size_hours FROM github_repos gr
       JOIN github_issues gi ON gi.repo_id = gr.id CROSS JOIN features f ON f.id = gi.feature_id
       CROSS JOIN projects p ON p.id = f.project_id
       WHERE gr.workspace_id = @ws AND gi.feature_id IS NOT NULL AND substr(gi.milestone_due, 1, 7) > @month
         AND f.status <> 'done' AND f.upkeep = 0 AND p.status = 'active' AND p.revenue_bearing = 1
       UNION ALL
       SELECT b.project_id, 'bug:' || b.id, NULL, NULL, NULL FROM github_repos gr
       JOIN github_issues gi ON gi.repo_id = gr.id CROSS JOIN bugs b ON b.id = gi.bug_id
       CROSS JOIN projects p ON p.id = b.project_id
       WHERE gr.workspace_id = @ws AND gi.bug_id IS NOT NULL AND substr(gi.milestone_due, 1, 7) > @month
         AND b.status = 'open' AND b.severity = 'critical' AND p.status = 'active' AND p.revenue_bearing = 1`,
    )
    .raw();
  const leastEstimate = db
    .prepare<[string, string], number | null>(
      `SELECT min(e) FROM (${leastOf('features', "i.status <> 'done'")}
         UNION ALL ${leastOf('bugs', "i.status = 'open'")})`,
    )
    .pluck();

  /** The bugs `statement` selects of some projects, with their sources. */
  const readBugs = (statement: typeof openBugs, which: Which): Bug[] => {
    const sourceOf = sourcesOf(openBugSources, which);
    return parseRows<BugTuple>(ofWhich(statement, which)).map((row) =>
      toBug(row, sourceOf.get(row[0]) ?? null),
    );
  };

  return {
    featureStats: (ws) => {
      const stats = new Map<number, FeatureStats>();
      // By index, not destructured: see toProjects.
      chunked<[number, number, number, string, number, number]>(featureStats, ws, (row) =>
        stats.set(row[0], {
          total: row[1],
          done: row[2],
          upkeepTotal: row[4],
          upkeepOpen: row[5],
          extraUnits: 0,
          lastChange: row[3],
        }),
      );
      for (const [projectId, status, estimateHours, sizeHours] of estimatedFeatures.iterate(ws))
        addUnits(stats.get(projectId), withSize({ status, estimateHours }, sizeHours));
      return stats;
    },
    bugStats: (ws) => {
      const blockers = new Map<number, Bug[]>();
      for (const bug of readBugs(criticalBugs, which(ws, ALL_PROJECTS)).sort((a, b) => a.id - b.id)) {
        const list = blockers.get(bug.projectId);
        if (list) list.push(bug);
        else blockers.set(bug.projectId, [bug]);
      }
      const stats = new Map<number, BugStats>();
      chunked<BugCountTuple>(bugCounts, ws, (row) =>
        stats.set(row[0], {
          open: { critical: row[1], high: row[2], medium: row[3], low: row[4] },
          blockers: blockers.get(row[0]) ?? [],
          lastChange: row[5],
        }),
      );
      return stats;
    },
    openFeatures: (ws, projects = ALL_PROJECTS) => {
      const of = which(ws, projects);
      const sourceOf = sourcesOf(openFeatureSources, of);
      // By index, not destructured: see toProjects.
      return parseRows<OpenFeatureTuple>(ofWhich(openFeatures, of)).map((row): OpenFeature => {
        const feature: OpenFeature = {
          id: row[0],
          projectId: row[1],
          title: row[2],
          status: row[3],
          goalId: row[4],
          upkeep: row[6] === 1,
          estimateHours: row[7] ?? null,
          updatedAt: row[5],
          source: sourceOf.get(row[0]) ?? null,
        };
        if (row[8] != null) feature.priority = row[8];
        if (row[9] != null) feature.sizeHours = row[9];
        return feature;
      });
    },
    openBugs: (ws, projects = ALL_PROJECTS) => readBugs(openBugs, which(ws, projects)),
    leastOpenEstimate: (ws) => leastEstimate.get(ws, ws) ?? null,
    rankedUp: (ws) => {
      const ranked = new Map<number, 'critical' | 'high'>();
      for (const [project, priority] of rankedUp.all({ ws })) {
        if (priority === 'critical' || !ranked.has(project)) ranked.set(project, priority);
      }
      return ranked;
    },
    scheduledAfter: (ws, month) => {
      const items = new Map<number, Map<string, number>>();
      for (const [project, key, status, estimateHours, size] of scheduledAfter.all({ ws, month })) {
        const units = status === null ? 1 : featureUnits(withSize({ status, estimateHours }, size));
        const keys = items.get(project);
        if (keys === undefined) items.set(project, new Map([[key, units]]));
        else keys.set(key, units);
      }
      return items;
    },
    holdingProjects: (ws, since, failedSince) =>
      new Set(parseRows<number>(holding.get({ ws, since, failedSince }))),
    judgedProjects: (ws) => new Set(judged.all(ws)),
    openItemHeads: (ws, ids) =>
      ids.length === 0 ? [] : parseRows<ItemHead>(itemHeads.get({ ws, ids: JSON.stringify(ids) })),
    shippedSince: (ws, since) =>
      shipped.all({ ws, since }).map((row) => ({
        projectId: row[0],
        at: row[1],
        units: featureUnits(withSize({ status: 'done', estimateHours: row[2] }, row[3])),
      })),
    featureWaits: (ws) => {
      const rows = featureWaits.all(ws);
      const met = new Map<number, MetPrerequisite[]>();
      for (const [id, after, done, title, since, doneAt] of rows) {
        if (done !== 1) continue;
        const of = met.get(id) ?? [];
        of.push({ id: after, title, since, doneAt });
        met.set(id, of);
      }
      const open = rows.filter((r) => r[2] !== 1).map((r): [number, number] => [r[0], r[1]]);
      return { open: secondsByFirst(open), met };
    },
  };
}
