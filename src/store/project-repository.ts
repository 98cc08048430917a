import type {
  Bug,
  BugSeverity,
  BugStatus,
  Feature,
  FeatureStats,
  FeatureStatus,
  ItemSource,
  Project,
} from '../domain/project.js';
import { isStringArray, jsonColumn } from './json-column.js';
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
type FeatureTuple = [number, number, string, FeatureStatus, number | null, string, string, ...SourceColumns];
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
type BugTuple = [
  number,
  number,
  string,
  BugSeverity,
  BugStatus,
  number | null,
  string,
  string,
  ...SourceColumns,
];
/** `columns` of the table aliased `alias` in a join: `f.id, f.project_id, …`. */
const of = (alias: string, columns: readonly string[]): string =>
  columns.map((c) => `${alias}.${c}`).join(', ');

/** The source columns, and the joins that find them, for the items of the table aliased `alias`. */
const SOURCE = {
  columns: `gr.full_name || '#' || gi.number, gi.html_url, gi.milestone, gi.milestone_due, gi.assignee_login`,
  joins: (alias: 'f' | 'b') =>
    `LEFT JOIN github_issues gi ON gi.${alias === 'f' ? 'feature_id' : 'bug_id'} = ${alias}.id
     LEFT JOIN github_repos gr ON gr.id = gi.repo_id`,
};

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
  /** Features not done yet (planned, in progress), oldest first. */
  openFeatures(workspaceId: string): Feature[];
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

const toFeature = ([
  id,
  projectId,
  title,
  status,
  goalId,
  createdAt,
  updatedAt,
  ...source
]: FeatureTuple): Feature => ({
  id,
  projectId,
  title,
  status,
  goalId,
  createdAt,
  updatedAt,
  source: sourceOf(source),
});

const toBug = ([
  id,
  projectId,
  title,
  severity,
  status,
  goalId,
  createdAt,
  updatedAt,
  ...source
]: BugTuple): Bug => ({
  id,
  projectId,
  title,
  status,
  goalId,
  createdAt,
  updatedAt,
  severity,
  source: sourceOf(source),
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
    .prepare<[string], ProjectTuple>(
      `SELECT id, workspace_id, name, description, status, revenue_bearing, focus_areas, created_at, updated_at
       FROM projects WHERE workspace_id = ? ORDER BY id`,
    )
    .raw();
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
    .prepare<[string], FeatureTuple>(
      `SELECT ${of('f', FEATURE_COLUMNS)}, ${SOURCE.columns} FROM features f JOIN projects p ON p.id = f.project_id
       ${SOURCE.joins('f')} WHERE p.workspace_id = ? ORDER BY f.id`,
    )
    .raw();
  const openFeatures = db
    .prepare<[string], FeatureTuple>(
      `SELECT ${of('f', FEATURE_COLUMNS)}, ${SOURCE.columns} FROM features f JOIN projects p ON p.id = f.project_id
       ${SOURCE.joins('f')} WHERE p.workspace_id = ? AND f.status <> 'done' ORDER BY f.id`,
    )
    .raw();
  const featureStats = db
    .prepare<[string], [number, number, number, string]>(
      // Grouped by the projects' own ids, which come in order: no temporary b-tree to group in.
      `SELECT p.id, count(*), sum(f.status = 'done'), max(f.updated_at)
       FROM projects p JOIN features f ON f.project_id = p.id WHERE p.workspace_id = ? GROUP BY p.id`,
    )
    .raw();
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
  const bugs = db
    .prepare<[string], BugTuple>(
      `SELECT ${of('b', BUG_COLUMNS)}, ${SOURCE.columns} FROM bugs b JOIN projects p ON p.id = b.project_id
       ${SOURCE.joins('b')} WHERE p.workspace_id = ? ORDER BY b.id`,
    )
    .raw();
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
    list: (ws) => toProjects(list.all(ws)),
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
    features: (ws) => features.all(ws).map(toFeature),
    openFeatures: (ws) => openFeatures.all(ws).map(toFeature),
    featureStats: (ws) =>
      new Map(featureStats.all(ws).map(([id, total, done, lastChange]) => [id, { total, done, lastChange }])),
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
    bugs: (ws) => bugs.all(ws).map(toBug),
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
