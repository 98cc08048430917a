import type {
  Bug,
  BugSeverity,
  BugStatus,
  Feature,
  FeatureStats,
  FeatureStatus,
  ItemSource,
  OpenFeature,
  Project,
} from '../domain/project.js';
import { isStringArray, jsonColumn } from './json-column.js';
import { parseRows } from './json-rows.js';
import type { Db } from './open-database.js';

interface ProjectRow {
  id: number;
  workspace_id: string;
  name: string;
  description: string;
  status: Project['status'];
  revenue_bearing: number;
  focus_areas: string;
  created_at: string;
  updated_at: string;
}

/** A feature's columns, as every feature statement reads them (an array: no object per row to map). */
const FEATURE_COLUMNS = ['id', 'project_id', 'title', 'status', 'goal_id', 'created_at', 'updated_at'];
/** Where a synced item lives, read beside its columns: `acme/app#12` and its URL (both null if typed here). */
type SourceColumns = [
  sourceRef?: string | null,
  sourceUrl?: string | null,
  milestone?: string | null,
  milestoneDue?: string | null,
  assignee?: string | null,
];
type FeatureTuple = [number, number, string, FeatureStatus, number | null, string, string];
/** An open feature's columns, as planning reads them. */
type OpenFeatureTuple = [number, number, string, FeatureStatus, number | null, string];
/** A bug's columns, as every bug statement reads them. */
const BUG_COLUMNS = [
  'id',
  'project_id',
  'title',
  'severity',
  'status',
  'goal_id',
  'created_at',
  'updated_at',
];
type BugTuple = [number, number, string, BugSeverity, BugStatus, number | null, string, string];
/** `columns` of the table aliased `alias` in a join: `f.id, f.project_id, …`. */
const of = (alias: string, columns: readonly string[]): string =>
  columns.map((c) => `${alias}.${c}`).join(', ');

/**
 * The source columns of the synced items of kind `item` in a workspace, each with the item's id:
 * read from the workspace's repositories (a synced issue's item is in its repository's project)
 * rather than looked up item by item. Filtered by `where` on the item (aliased `i`).
 */
const sourcesQuery = (item: 'feature' | 'bug', where = 'TRUE') =>
  `SELECT gi.${item}_id, gr.full_name || '#' || gi.number, gi.html_url, gi.milestone, gi.milestone_due,
     gi.assignee_login
   FROM github_repos gr JOIN github_issues gi ON gi.repo_id = gr.id JOIN ${item}s i ON i.id = gi.${item}_id
   WHERE gr.workspace_id = ? AND ${where}`;

/** Each synced item's source, by item id, from the rows of a sourcesQuery. */
function sourcesById(rows: Iterable<[number, ...SourceColumns]>): Map<number, ItemSource | null> {
  const sources = new Map<number, ItemSource | null>();
  for (const [id, ...columns] of rows) sources.set(id, sourceOf(columns));
  return sources;
}

/** Rows by id, ascending: what a JSON document of rows (in index order) is sorted by. */
const byId = (a: readonly [number, ...unknown[]], b: readonly [number, ...unknown[]]): number => a[0] - b[0];

/** An item's source from its source columns: null for an item typed into Goalpost. */
function sourceOf([ref, url, milestone, due, assignee]: SourceColumns): ItemSource | null {
  if (ref == null || url == null) return null;
  const source: ItemSource = { ref, url };
  if (milestone != null) source.milestone = { title: milestone, dueOn: due ?? null };
  if (assignee != null) source.assignee = assignee;
  return source;
}

export interface NewProject {
  workspaceId: string;
  name: string;
  description: string;
  revenueBearing: boolean;
  focusAreas: string[];
}

export interface ProjectRepository {
  list(workspaceId: string): Project[];
  findByName(workspaceId: string, name: string): Project | null;
  add(project: NewProject, now: string): Project;
  setStatus(id: number, status: Project['status'], now: string): void;
  setFocusAreas(id: number, focusAreas: string[], now: string): void;
  features(workspaceId: string): Feature[];
  /** Features not done yet (planned, in progress), project by project. */
  openFeatures(workspaceId: string): OpenFeature[];
  /** Per project: its features counted and their latest change, in SQL. */
  featureStats(workspaceId: string): Map<number, FeatureStats>;
  addFeature(
    projectId: number,
    title: string,
    status: FeatureStatus,
    now: string,
    goalId?: number | null,
  ): Feature;
  setFeatureStatus(workspaceId: string, id: number, status: FeatureStatus, now: string): boolean;
  bugs(workspaceId: string): Bug[];
  addBug(projectId: number, title: string, severity: BugSeverity, now: string, goalId?: number | null): Bug;
  setBugStatus(workspaceId: string, id: number, status: BugStatus, now: string): boolean;
  feature(id: number): Feature | null;
  bug(id: number): Bug | null;
  /** A synced feature as its issue now reads (title, status). */
  syncFeature(id: number, title: string, status: FeatureStatus, now: string): void;
  /** A synced bug as its issue now reads (title, severity, status). */
  syncBug(id: number, title: string, severity: BugSeverity, status: BugStatus, now: string): void;
  /** Removes a feature (an issue closed as not planned, or now a bug); tasks keep their history. */
  deleteFeature(id: number): void;
  deleteBug(id: number): void;
}

function toProject(row: ProjectRow): Project {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    name: row.name,
    description: row.description,
    status: row.status,
    revenueBearing: row.revenue_bearing === 1,
    focusAreas: jsonColumn(row.focus_areas, isStringArray, `projects(${row.id}).focus_areas`),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

const toFeature = (
  [id, projectId, title, status, goalId, createdAt, updatedAt]: FeatureTuple,
  source: ItemSource | null = null,
): Feature => ({
  id,
  projectId,
  title,
  status,
  goalId,
  createdAt,
  updatedAt,
  source,
});

const toBug = (
  [id, projectId, title, severity, status, goalId, createdAt, updatedAt]: BugTuple,
  source: ItemSource | null = null,
): Bug => ({
  id,
  projectId,
  title,
  status,
  goalId,
  createdAt,
  updatedAt,
  severity,
  source,
});

/** The columns of a project, in ProjectRow's order, read as an array (no object per row to map). */
type ProjectTuple = [number, string, string, string, Project['status'], number, string, string, string];

/**
 * Projects as rows are read: a workspace of many projects repeats a few focus-area lists, so each
 * distinct list is parsed (and checked) once, and every project gets its own copy.
 */
function toProjects(rows: readonly ProjectTuple[]): Project[] {
  const parsed = new Map<string, string[]>();
  return rows.map(
    ([id, workspaceId, name, description, status, revenueBearing, focus, createdAt, updatedAt]) => {
      let focusAreas = parsed.get(focus);
      if (focusAreas === undefined) {
        focusAreas = jsonColumn(focus, isStringArray, `projects(${id}).focus_areas`);
        parsed.set(focus, focusAreas);
      }
      return {
        id,
        workspaceId,
        name,
        description,
        status,
        revenueBearing: revenueBearing === 1,
        focusAreas: [...focusAreas],
        createdAt,
        updatedAt,
      };
    },
  );
}

export function createProjectRepository(db: Db): ProjectRepository {
  const list = db
    .prepare<[string], string>(
      `SELECT json_group_array(json_array(id, workspace_id, name, description, status, revenue_bearing,
         focus_areas, created_at, updated_at)) FROM projects WHERE workspace_id = ?`,
    )
    .pluck();
  const byName = db.prepare<[string, string], ProjectRow>(
    'SELECT * FROM projects WHERE workspace_id = ? AND name = ?',
  );
  const insert = db.prepare<[string, string, string, number, string, string, string], ProjectRow>(
    `INSERT INTO projects (workspace_id, name, description, revenue_bearing, focus_areas, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING *`,
  );
  const setStatus = db.prepare('UPDATE projects SET status = ?, updated_at = ? WHERE id = ?');
  const setFocusAreas = db.prepare('UPDATE projects SET focus_areas = ?, updated_at = ? WHERE id = ?');
  const touch = db.prepare('UPDATE projects SET updated_at = ? WHERE id = ?');
  const features = db
    .prepare<[string], string>(
      `SELECT json_group_array(json_array(${of('f', FEATURE_COLUMNS)}))
       FROM projects p JOIN features f ON f.project_id = p.id WHERE p.workspace_id = ?`,
    )
    .pluck();
  const featureSources = db.prepare<[string], [number, ...SourceColumns]>(sourcesQuery('feature')).raw();
  // Planning reads every open feature, hundreds of thousands in a large workspace: as one JSON
  // document (see parseRows), in the index's order, project by project (sorting them would cost
  // as much again).
  const openFeatures = db
    .prepare<[string], string>(
      `SELECT json_group_array(json_array(f.id, f.project_id, f.title, f.status, f.goal_id, f.updated_at))
       FROM projects p JOIN features f ON f.project_id = p.id WHERE p.workspace_id = ? AND f.status <> 'done'`,
    )
    .pluck();
  const openFeatureSources = db
    .prepare<[string], [number, ...SourceColumns]>(sourcesQuery('feature', "i.status <> 'done'"))
    .raw();
  const featureStats = db
    .prepare<[string], string>(
      // Grouped by the projects' own ids, which come in order: no temporary b-tree to group in.
      `SELECT json_group_array(json_array(id, total, done, last)) FROM (
         SELECT p.id AS id, count(*) AS total, sum(f.status = 'done') AS done, max(f.updated_at) AS last
         FROM projects p JOIN features f ON f.project_id = p.id WHERE p.workspace_id = ? GROUP BY p.id)`,
    )
    .pluck();
  const insertFeature = db
    .prepare<[number, string, string, number | null, string, string], FeatureTuple>(
      `INSERT INTO features (project_id, title, status, goal_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)
       RETURNING ${FEATURE_COLUMNS.join(', ')}`,
    )
    .raw();
  const setFeature = db.prepare(
    `UPDATE features SET status = ?, updated_at = ?
     WHERE id = ? AND project_id IN (SELECT id FROM projects WHERE workspace_id = ?)`,
  );
  // Every bug of the workspace (planning counts them all) as one JSON document (see parseRows).
  const bugs = db
    .prepare<[string], string>(
      `SELECT json_group_array(json_array(${of('b', BUG_COLUMNS)}))
       FROM projects p JOIN bugs b ON b.project_id = p.id WHERE p.workspace_id = ?`,
    )
    .pluck();
  const bugSources = db.prepare<[string], [number, ...SourceColumns]>(sourcesQuery('bug')).raw();
  const insertBug = db
    .prepare<[number, string, string, number | null, string, string], BugTuple>(
      `INSERT INTO bugs (project_id, title, severity, goal_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)
       RETURNING ${BUG_COLUMNS.join(', ')}`,
    )
    .raw();
  const setBug = db.prepare(
    `UPDATE bugs SET status = ?, updated_at = ?
     WHERE id = ? AND project_id IN (SELECT id FROM projects WHERE workspace_id = ?)`,
  );
  const featureById = db
    .prepare<[number], FeatureTuple>(`SELECT ${FEATURE_COLUMNS.join(', ')} FROM features WHERE id = ?`)
    .raw();
  const bugById = db
    .prepare<[number], BugTuple>(`SELECT ${BUG_COLUMNS.join(', ')} FROM bugs WHERE id = ?`)
    .raw();
  const syncFeature = db.prepare('UPDATE features SET title = ?, status = ?, updated_at = ? WHERE id = ?');
  const syncBug = db.prepare(
    'UPDATE bugs SET title = ?, severity = ?, status = ?, updated_at = ? WHERE id = ?',
  );
  const deleteFeature = db.prepare('DELETE FROM features WHERE id = ?');
  const deleteBug = db.prepare('DELETE FROM bugs WHERE id = ?');
  return {
    // The index gives them in id order: sorting makes sure of it, at no cost then.
    list: (ws) => toProjects(parseRows<ProjectTuple>(list.get(ws)).sort(byId)),
    findByName: (ws, name) => {
      const row = byName.get(ws, name.trim());
      return row ? toProject(row) : null;
    },
    add: (p, now) => {
      const row = insert.get(
        p.workspaceId,
        p.name,
        p.description,
        p.revenueBearing ? 1 : 0,
        JSON.stringify(p.focusAreas),
        now,
        now,
      );
      if (!row) throw new Error('INSERT … RETURNING returned no row');
      return toProject(row);
    },
    setStatus: (id, status, now) => {
      setStatus.run(status, now, id);
    },
    setFocusAreas: (id, focusAreas, now) => {
      setFocusAreas.run(JSON.stringify(focusAreas), now, id);
    },
    features: (ws) => {
      const sources = sourcesById(featureSources.iterate(ws));
      return parseRows<FeatureTuple>(features.get(ws))
        .sort(byId)
        .map((row) => toFeature(row, sources.get(row[0]) ?? null));
    },
    openFeatures: (ws) => {
      const sources = sourcesById(openFeatureSources.iterate(ws));
      return parseRows<OpenFeatureTuple>(openFeatures.get(ws)).map(
        ([id, projectId, title, status, goalId, updatedAt]) => ({
          id,
          projectId,
          title,
          status,
          goalId,
          updatedAt,
          source: sources.get(id) ?? null,
        }),
      );
    },
    featureStats: (ws) =>
      new Map(
        parseRows<[number, number, number, string]>(featureStats.get(ws)).map(
          ([id, total, done, lastChange]) => [id, { total, done, lastChange }],
        ),
      ),
    addFeature: db.transaction(
      (
        projectId: number,
        title: string,
        status: FeatureStatus,
        now: string,
        goalId: number | null = null,
      ) => {
        const row = insertFeature.get(projectId, title, status, goalId, now, now);
        if (!row) throw new Error('INSERT … RETURNING returned no row');
        touch.run(now, projectId);
        return toFeature(row);
      },
    ),
    setFeatureStatus: (ws, id, status, now) => setFeature.run(status, now, id, ws).changes > 0,
    bugs: (ws) => {
      const sources = sourcesById(bugSources.iterate(ws));
      return parseRows<BugTuple>(bugs.get(ws))
        .sort(byId)
        .map((row) => toBug(row, sources.get(row[0]) ?? null));
    },
    addBug: db.transaction(
      (
        projectId: number,
        title: string,
        severity: BugSeverity,
        now: string,
        goalId: number | null = null,
      ) => {
        const row = insertBug.get(projectId, title, severity, goalId, now, now);
        if (!row) throw new Error('INSERT … RETURNING returned no row');
        touch.run(now, projectId);
        return toBug(row);
      },
    ),
    setBugStatus: (ws, id, status, now) => setBug.run(status, now, id, ws).changes > 0,
    feature: (id) => {
      const row = featureById.get(id);
      return row ? toFeature(row) : null;
    },
    bug: (id) => {
      const row = bugById.get(id);
      return row ? toBug(row) : null;
    },
    syncFeature: (id, title, status, now) => {
      syncFeature.run(title, status, now, id);
    },
    syncBug: (id, title, severity, status, now) => {
      syncBug.run(title, severity, status, now, id);
    },
    deleteFeature: (id) => {
      deleteFeature.run(id);
    },
    deleteBug: (id) => {
      deleteBug.run(id);
    },
  };
}
