import { normaliseName } from '../domain/compare-text.js';
import type {
  Bug,
  BugSeverity,
  BugStatus,
  DroppedFeature,
  Feature,
  FeatureStatus,
  ItemSource,
  Project,
} from '../domain/project.js';
import { byId, type SourceColumns, sourcesById, sourcesQuery } from './item-sources.js';
import { parseRows, readChunked } from './json-rows.js';
import type { Db } from './open-database.js';
import {
  aliased,
  BUG_COLUMNS,
  type BugTuple,
  FEATURE_COLUMNS,
  type FeatureTuple,
  type ProjectRow,
  type ProjectTuple,
  secondsByFirst,
  toBug,
  toFeature,
  toProject,
  toProjects,
} from './project-rows.js';

export interface NewProject {
  workspaceId: string;
  name: string;
  description: string;
  revenueBearing: boolean;
  focusAreas: string[];
}

/** An open feature or bug of a project, as a new item is told apart from it. */
export interface OpenItem {
  id: number;
  title: string;
  /** A feature's status, a bug's severity. */
  state: string;
}

/** What setting an item's status did: changed it, found it so already, or found no such item in the workspace. */
export type ItemWrite = 'changed' | 'unchanged' | 'unknown';

export interface ProjectRepository {
  list(workspaceId: string): Project[];
  /**
   * The projects no longer active (paused or done) among those of the workspace's approved tasks,
   * with their status: the queue hands out none of their work. Read from the queue's index, not
   * from every project.
   */
  heldWithApprovedWork(workspaceId: string): Map<number, 'paused' | 'done'>;
  /** How many projects the workspace has, of any status (from the index: no row is read). */
  count(workspaceId: string): number;
  findByName(workspaceId: string, name: string): Project | null;
  /** A project's name by its id, null when the workspace has none of that id (one row read, not the list). */
  nameOf(workspaceId: string, id: number): string | null;
  add(project: NewProject, now: string): Project;
  setStatus(id: number, status: Project['status'], now: string): void;
  setFocusAreas(id: number, focusAreas: string[], now: string): void;
  /**
   * When a done feature or a fixed bug shipped (features.done_at, bugs.fixed_at), where that was
   * before the write that closed it: its task done before its issue closed.
   */
  setShippedAt(kind: 'feature' | 'bug', id: number, at: string): void;
  /** Whether a project bears revenue (its work shares the revenue gap). */
  setRevenueBearing(id: number, revenueBearing: boolean, now: string): void;
  /** Every feature of the workspace, or of its project `projectId` only. */
  features(workspaceId: string, projectId?: number): Feature[];
  /** `upkeep`: a chore, docs or an upgrade, sharing no part of the revenue gap (see Feature.upkeep). */
  addFeature(
    projectId: number,
    title: string,
    status: FeatureStatus,
    now: string,
    goalId?: number | null,
    upkeep?: boolean,
    estimateHours?: number | null,
  ): Feature;
  /** Sets a feature's status (and its updated_at only when the status changes). */
  setFeatureStatus(workspaceId: string, id: number, status: FeatureStatus, now: string): ItemWrite;
  /** Makes a feature upkeep or growth work (and moves its updated_at only when that changes). */
  setFeatureUpkeep(workspaceId: string, id: number, upkeep: boolean, now: string): ItemWrite;
  /** Every bug of the workspace, or of its project `projectId` only. */
  bugs(workspaceId: string, projectId?: number): Bug[];
  addBug(
    projectId: number,
    title: string,
    severity: BugSeverity,
    now: string,
    goalId?: number | null,
    estimateHours?: number | null,
    affects?: number | null,
  ): Bug;
  /**
   * Sets a feature's or bug's estimate (null: none). Its updated_at stays: an estimate is how the
   * team sizes the work, no change to the work itself (a rejection's memory reads that date).
   */
  setEstimate(workspaceId: string, kind: 'feature' | 'bug', id: number, hours: number | null): ItemWrite;
  /**
   * Sets the share of what its product earns or is to win that the team judges a bug affects (0–1; null: none, its
   * severity's share again). Its updated_at stays, as an estimate's does: the team judges the
   * work, the work is as it was.
   */
  setBugAffects(workspaceId: string, id: number, affects: number | null): ItemWrite;
  /**
   * Sets the team's priority of a feature typed into Goalpost (null: none). Its updated_at stays,
   * as an estimate's does: the priority ranks the work, it does not change it.
   */
  setFeaturePriority(workspaceId: string, id: number, priority: BugSeverity | null): ItemWrite;
  /**
   * Links a feature or bug to the goal it serves (null: to none). Its updated_at stays, as an
   * estimate's does: the link says what the work is for, not that the work changed.
   */
  setGoal(workspaceId: string, kind: 'feature' | 'bug', id: number, goalId: number | null): ItemWrite;
  /**
   * Sets a typed bug's severity. Its updated_at stays, as a feature's priority's does: the team
   * ranks the work, the work is as it was (a rejection's facts tell a worse severity apart).
   */
  setBugSeverity(workspaceId: string, id: number, severity: BugSeverity): ItemWrite;
  /** Sets a bug's status (and its updated_at only when the status changes). */
  setBugStatus(workspaceId: string, id: number, status: BugStatus, now: string): ItemWrite;
  /**
   * A project's open items of one kind (features not done, bugs open) by id: what a new one is
   * told apart from. `state` is a feature's status or a bug's severity.
   */
  openItems(projectId: number, kind: 'feature' | 'bug'): OpenItem[];
  feature(id: number): Feature | null;
  /** The feature of that id when it is of a project of the workspace; null otherwise. */
  featureIn(workspaceId: string, id: number): Feature | null;
  bug(id: number): Bug | null;
  /** A synced feature as its issue now reads (title, status, whether its labels make it upkeep). */
  syncFeature(id: number, title: string, status: FeatureStatus, upkeep: boolean, now: string): void;
  /** A synced bug as its issue now reads (title, severity, status). */
  syncBug(id: number, title: string, severity: BugSeverity, status: BugStatus, now: string): void;
  /** Removes a feature (an issue closed as not planned, or now a bug); tasks keep their history. */
  deleteFeature(id: number): void;
  deleteBug(id: number): void;
  /**
   * Records a feature that left the backlog (`feature drop`, or its issue closed on GitHub as no
   * work), what a later command naming it says.
   */
  recordDrop(workspaceId: string, drop: DroppedFeature): void;
  /** The feature of that id the workspace dropped, or null. */
  droppedFeature(workspaceId: string, id: number): DroppedFeature | null;
  /** The features each feature of the workspace waits for (`feature after`), by its id, ids ascending. */
  prerequisites(workspaceId: string, projectId?: number): Map<number, number[]>;
  /**
   * Feature `id` waits for feature `afterId` (the use case checks they share a project); false if it
   * did as typed. A wait GitHub gave becomes the team's (true): typed, a sync never drops it.
   */
  addPrerequisite(id: number, afterId: number, now: string): boolean;
  /**
   * Feature `id` waits for feature `afterId` because GitHub says its issue is blocked by that one's;
   * false if it did (a wait the team typed stays typed).
   */
  addGitHubPrerequisite(id: number, afterId: number, now: string): boolean;
  /** Drops the waits of feature `id` that GitHub gave, but those for `keep`: how many it dropped. */
  dropGitHubPrerequisites(id: number, keep: readonly number[]): number;
  /** Drops feature `id`'s wait for `afterId` if GitHub gave it (one the team typed stays): whether it did. */
  dropGitHubPrerequisite(id: number, afterId: number): boolean;
  /** Feature `id` waits for nothing any more: how many features it waited for. */
  clearPrerequisites(id: number): number;
  /** The features feature `id` waits for because GitHub says its issue is blocked by theirs, ids ascending. */
  gitHubPrerequisites(id: number): number[];
  /** Whether feature `from` waits for feature `to`, directly or through the features it waits for. */
  waitsFor(from: number, to: number): boolean;
}

/**
 * Sets one column of a feature or bug (its status, a feature's upkeep flag) within a workspace,
 * touching updated_at only when the value changes (a feature said done again keeps the date it
 * was done).
 */
function columnSetter<S extends string | number>(
  db: Db,
  table: 'features' | 'bugs',
  column: 'status' | 'upkeep' = 'status',
) {
  // A seek on the project, where `project_id IN (SELECT …)` listed every project of the workspace
  // first (19.5 ms a statement at 100,000 projects, against 0.01).
  const inWorkspace = `id = ? AND EXISTS (SELECT 1 FROM projects p WHERE p.id = ${table}.project_id AND p.workspace_id = ?)`;
  const set = db.prepare<[S, string, number, string, S]>(
    `UPDATE ${table} SET ${column} = ?, updated_at = ? WHERE ${inWorkspace} AND ${column} IS NOT ?`,
  );
  const has = db.prepare<[number, string], number>(`SELECT 1 FROM ${table} WHERE ${inWorkspace}`).pluck();
  return (ws: string, id: number, status: S, now: string): ItemWrite =>
    set.run(status, now, id, ws, status).changes > 0
      ? 'changed'
      : has.get(id, ws) === undefined
        ? 'unknown'
        : 'unchanged';
}

/**
 * Reads the features or bugs (`item`) of a workspace, or of its project `projectId` only (`project
 * show`: on 10,000 projects, reading them all to show one took 0.6 s), as one JSON document of
 * rows by id (see parseRows), each with its synced item's source.
 */
function itemReader<T extends [number, ...unknown[]]>(
  db: Db,
  item: 'feature' | 'bug',
  columns: readonly string[],
) {
  const select = (where: string) =>
    db
      .prepare<[string, ...number[]], string>(
        `SELECT json_group_array(json_array(${aliased('i', columns)}))
         FROM projects p JOIN ${item}s i ON i.project_id = p.id WHERE p.workspace_id = ?${where}`,
      )
      .pluck();
  const all = select('');
  const one = select(' AND p.id = ?');
  const allSources = db.prepare<[string], [number, ...SourceColumns]>(sourcesQuery(item)).raw();
  const oneSources = db
    .prepare<[string, number], [number, ...SourceColumns]>(sourcesQuery(item, 'i.project_id = ?'))
    .raw();
  return (ws: string, projectId?: number): { rows: T[]; sources: Map<number, ItemSource | null> } => {
    const whole = projectId === undefined;
    return {
      rows: parseRows<T>(whole ? all.get(ws) : one.get(ws, projectId)).sort(byId),
      sources: sourcesById(whole ? allSources.iterate(ws) : oneSources.iterate(ws, projectId)),
    };
  };
}

/**
 * Sets an item's estimate or goal, its updated_at left as it is (see ProjectRepository.setEstimate
 * and setGoal).
 */
function undatedSetter(
  db: Db,
  table: 'features' | 'bugs',
  column: 'estimate_hours' | 'goal_id' | 'priority' | 'severity' | 'affects',
) {
  const inWorkspace = `id = ? AND EXISTS (SELECT 1 FROM projects p WHERE p.id = ${table}.project_id AND p.workspace_id = ?)`;
  const set = db.prepare<[number | string | null, number, string, number | string | null]>(
    `UPDATE ${table} SET ${column} = ? WHERE ${inWorkspace} AND ${column} IS NOT ?`,
  );
  const has = db.prepare<[number, string], number>(`SELECT 1 FROM ${table} WHERE ${inWorkspace}`).pluck();
  return (ws: string, id: number, value: number | string | null): ItemWrite =>
    set.run(value, id, ws, value).changes > 0
      ? 'changed'
      : has.get(id, ws) === undefined
        ? 'unknown'
        : 'unchanged';
}

/**
 * The id a new item of a table takes: above every live one and every one deleted (see migration
 * 0062): an id names one item for good, its memory and its task log with it.
 */
const nextItemId = (table: 'features' | 'bugs', kind: 'feature' | 'bug'): string =>
  `(SELECT max(coalesce((SELECT max(id) FROM ${table}), 0), coalesce((SELECT id FROM retired_item_ids WHERE kind = '${kind}'), 0)) + 1)`;

export function createProjectRepository(db: Db): ProjectRepository {
  const list = db
    .prepare<[string, number, number], string>(
      `SELECT json_group_array(json_array(id, workspace_id, name, description, status, revenue_bearing,
         focus_areas, created_at, updated_at)) FROM (
         SELECT * FROM projects WHERE workspace_id = ? AND id > ? ORDER BY id LIMIT ?)`,
    )
    .pluck();
  const count = db.prepare<[string], number>('SELECT count(*) FROM projects WHERE workspace_id = ?').pluck();
  const nameOf = db
    .prepare<[string, number], string>('SELECT name FROM projects WHERE workspace_id = ? AND id = ?')
    .pluck();
  const byName = db.prepare<[string, string], ProjectRow>(
    'SELECT * FROM projects WHERE workspace_id = ? AND name = ?',
  );
  // Names stored before they were kept normalised may hold what normaliseName takes out: every such
  // name has a character past printable ASCII, so only those rows are read to compare.
  const notAscii = db.prepare<[string], ProjectRow>(
    "SELECT * FROM projects WHERE workspace_id = ? AND name GLOB '*[^ -~]*' ORDER BY id",
  );
  const insert = db.prepare<[string, string, string, number, string, string, string], ProjectRow>(
    `INSERT INTO projects (workspace_id, name, description, revenue_bearing, focus_areas, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING *`,
  );
  const setStatus = db.prepare('UPDATE projects SET status = ?, updated_at = ? WHERE id = ?');
  const setFocusAreas = db.prepare('UPDATE projects SET focus_areas = ?, updated_at = ? WHERE id = ?');
  const setDoneAt = db.prepare("UPDATE features SET done_at = ? WHERE id = ? AND status = 'done'");
  const setFixedAt = db.prepare("UPDATE bugs SET fixed_at = ? WHERE id = ? AND status = 'fixed'");
  const setRevenueBearing = db.prepare(
    'UPDATE projects SET revenue_bearing = ?, updated_at = ? WHERE id = ?',
  );
  const touch = db.prepare('UPDATE projects SET updated_at = ? WHERE id = ?');
  const features = itemReader<FeatureTuple>(db, 'feature', FEATURE_COLUMNS);
  const insertFeature = db
    .prepare<[number, string, string, number | null, number, number | null, string, string], FeatureTuple>(
      `INSERT INTO features (id, project_id, title, status, goal_id, upkeep, estimate_hours, created_at, updated_at)
       VALUES (${nextItemId('features', 'feature')}, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING ${FEATURE_COLUMNS.join(', ')}`,
    )
    .raw();
  const setFeature = columnSetter<FeatureStatus>(db, 'features');
  const setUpkeep = columnSetter<0 | 1>(db, 'features', 'upkeep');
  // Every bug of the workspace (planning counts them all), or one project's.
  const bugs = itemReader<BugTuple>(db, 'bug', BUG_COLUMNS);
  const insertBug = db
    .prepare<[number, string, string, number | null, number | null, number | null, string, string], BugTuple>(
      `INSERT INTO bugs (id, project_id, title, severity, goal_id, estimate_hours, affects, created_at, updated_at)
       VALUES (${nextItemId('bugs', 'bug')}, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING ${BUG_COLUMNS.join(', ')}`,
    )
    .raw();
  const setBug = columnSetter<BugStatus>(db, 'bugs');
  const estimates = {
    feature: undatedSetter(db, 'features', 'estimate_hours'),
    bug: undatedSetter(db, 'bugs', 'estimate_hours'),
  };
  const featurePriority = undatedSetter(db, 'features', 'priority');
  const bugSeverity = undatedSetter(db, 'bugs', 'severity');
  const bugAffects = undatedSetter(db, 'bugs', 'affects');
  const goals = {
    feature: undatedSetter(db, 'features', 'goal_id'),
    bug: undatedSetter(db, 'bugs', 'goal_id'),
  };
  const featureById = db
    .prepare<[number], FeatureTuple>(`SELECT ${FEATURE_COLUMNS.join(', ')} FROM features WHERE id = ?`)
    .raw();
  const featureIn = db
    .prepare<[number, string], FeatureTuple>(
      `SELECT ${aliased('f', FEATURE_COLUMNS)} FROM features f JOIN projects p ON p.id = f.project_id
       WHERE f.id = ? AND p.workspace_id = ?`,
    )
    .raw();
  const bugById = db
    .prepare<[number], BugTuple>(`SELECT ${BUG_COLUMNS.join(', ')} FROM bugs WHERE id = ?`)
    .raw();
  const openItems = {
    feature: db.prepare<[number], OpenItem>(
      "SELECT id, title, status AS state FROM features WHERE project_id = ? AND status != 'done' ORDER BY id",
    ),
    bug: db.prepare<[number], OpenItem>(
      "SELECT id, title, severity AS state FROM bugs WHERE project_id = ? AND status = 'open' ORDER BY id",
    ),
  };
  const syncFeature = db.prepare(
    'UPDATE features SET title = ?, status = ?, upkeep = ?, updated_at = ? WHERE id = ?',
  );
  const syncBug = db.prepare(
    'UPDATE bugs SET title = ?, severity = ?, status = ?, updated_at = ? WHERE id = ?',
  );
  const deleteFeature = db.prepare('DELETE FROM features WHERE id = ?');
  const deleteBug = db.prepare('DELETE FROM bugs WHERE id = ?');
  const recordDrop = db.prepare<
    [string, number, string, string, string | null, string, string | null, string | null]
  >(
    `INSERT INTO dropped_features (workspace_id, id, project, title, reason, dropped_at, issue, issue_url)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (workspace_id, id) DO UPDATE SET project = excluded.project, title = excluded.title,
       reason = excluded.reason, dropped_at = excluded.dropped_at, issue = excluded.issue,
       issue_url = excluded.issue_url`,
  );
  const droppedFeature = db
    .prepare<[string, number], [string, string, string | null, string, string | null, string | null]>(
      `SELECT project, title, reason, dropped_at, issue, issue_url FROM dropped_features
       WHERE workspace_id = ? AND id = ?`,
    )
    .raw();
  const prerequisites = db
    .prepare<[string], [number, number]>(
      `SELECT d.feature_id, d.after_id FROM projects p JOIN features f ON f.project_id = p.id
         JOIN feature_prerequisites d ON d.feature_id = f.id
       WHERE p.workspace_id = ? ORDER BY d.feature_id, d.after_id`,
    )
    .raw();
  const projectPrerequisites = db
    .prepare<[string, number], [number, number]>(
      `SELECT d.feature_id, d.after_id FROM projects p JOIN features f ON f.project_id = p.id
         JOIN feature_prerequisites d ON d.feature_id = f.id
       WHERE p.workspace_id = ? AND p.id = ? ORDER BY d.feature_id, d.after_id`,
    )
    .raw();
  const addPrerequisite = db.prepare(
    'INSERT OR IGNORE INTO feature_prerequisites (feature_id, after_id, created_at) VALUES (?, ?, ?)',
  );
  const typePrerequisite = db.prepare(
    'UPDATE feature_prerequisites SET from_github = 0 WHERE feature_id = ? AND after_id = ? AND from_github = 1',
  );
  const addGitHubPrerequisite = db.prepare(
    `INSERT OR IGNORE INTO feature_prerequisites (feature_id, after_id, created_at, from_github)
     VALUES (?, ?, ?, 1)`,
  );
  const dropGitHubPrerequisites = db.prepare<[number, string]>(
    `DELETE FROM feature_prerequisites WHERE feature_id = ? AND from_github = 1
       AND after_id NOT IN (SELECT value FROM json_each(?))`,
  );
  const gitHubPrerequisites = db
    .prepare<[number], number>(
      'SELECT after_id FROM feature_prerequisites WHERE feature_id = ? AND from_github = 1 ORDER BY after_id',
    )
    .pluck();
  const dropGitHubPrerequisite = db.prepare(
    'DELETE FROM feature_prerequisites WHERE feature_id = ? AND after_id = ? AND from_github = 1',
  );
  const clearPrerequisites = db.prepare('DELETE FROM feature_prerequisites WHERE feature_id = ?');
  // Every feature `from` waits for, however far down; a cycle cannot loop (UNION keeps each once).
  const waitsFor = db
    .prepare<[number, number], number>(
      `WITH RECURSIVE awaited (id) AS (
         SELECT after_id FROM feature_prerequisites WHERE feature_id = ?
         UNION SELECT d.after_id FROM feature_prerequisites d JOIN awaited a ON d.feature_id = a.id
       ) SELECT 1 FROM awaited WHERE id = ?`,
    )
    .pluck();
  const heldWithApproved = db.prepare<[string], { id: number; status: 'paused' | 'done' }>(
    `SELECT DISTINCT t.project_id AS id, p.status FROM tasks t INDEXED BY tasks_queue JOIN projects p ON p.id = t.project_id
       WHERE t.workspace_id = ? AND t.status = 'approved' AND p.status IN ('paused', 'done')`,
  );
  return {
    heldWithApprovedWork: (ws) => new Map(heldWithApproved.all(ws).map((r) => [r.id, r.status])),
    list: (ws) => {
      const projects: Project[] = [];
      readChunked<ProjectTuple>(
        (after, limit) => list.get(ws, after, limit),
        // An indexed loop, not for…of: see toProjects.
        (rows) => {
          const read = toProjects(rows);
          for (let i = 0; i < read.length; i++) projects.push(read[i] as Project);
        },
      );
      return projects;
    },
    count: (ws) => count.get(ws) ?? 0,
    nameOf: (ws, id) => nameOf.get(ws, id) ?? null,
    findByName: (ws, name) => {
      const typed = normaliseName(name).trim();
      const key = typed.toLowerCase();
      const row =
        byName.get(ws, typed) ??
        notAscii.all(ws).find((r) => normaliseName(r.name).trim().toLowerCase() === key);
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
    setShippedAt: (kind, id, at) => {
      (kind === 'feature' ? setDoneAt : setFixedAt).run(at, id);
    },
    setRevenueBearing: (id, revenueBearing, now) => {
      setRevenueBearing.run(revenueBearing ? 1 : 0, now, id);
    },
    setFocusAreas: (id, focusAreas, now) => {
      setFocusAreas.run(JSON.stringify(focusAreas), now, id);
    },
    features: (ws, projectId) => {
      const { rows, sources } = features(ws, projectId);
      return rows.map((row) => toFeature(row, sources.get(row[0]) ?? null));
    },
    addFeature: db.transaction(
      (
        projectId: number,
        title: string,
        status: FeatureStatus,
        now: string,
        goalId: number | null = null,
        upkeep = false,
        estimateHours: number | null = null,
      ) => {
        const row = insertFeature.get(
          projectId,
          title,
          status,
          goalId,
          upkeep ? 1 : 0,
          estimateHours,
          now,
          now,
        );
        if (!row) throw new Error('INSERT … RETURNING returned no row');
        touch.run(now, projectId);
        return toFeature(row);
      },
    ),
    setFeatureStatus: setFeature,
    setFeatureUpkeep: (ws, id, upkeep, now) => setUpkeep(ws, id, upkeep ? 1 : 0, now),
    bugs: (ws, projectId) => {
      const { rows, sources } = bugs(ws, projectId);
      return rows.map((row) => toBug(row, sources.get(row[0]) ?? null));
    },
    addBug: db.transaction(
      (
        projectId: number,
        title: string,
        severity: BugSeverity,
        now: string,
        goalId: number | null = null,
        estimateHours: number | null = null,
        affects: number | null = null,
      ) => {
        const row = insertBug.get(projectId, title, severity, goalId, estimateHours, affects, now, now);
        if (!row) throw new Error('INSERT … RETURNING returned no row');
        touch.run(now, projectId);
        return toBug(row);
      },
    ),
    setBugStatus: setBug,
    setBugSeverity: (ws, id, severity) => bugSeverity(ws, id, severity),
    setEstimate: (ws, kind, id, hours) => estimates[kind](ws, id, hours),
    setBugAffects: (ws, id, affects) => bugAffects(ws, id, affects),
    setFeaturePriority: (ws, id, priority) => featurePriority(ws, id, priority),
    setGoal: (ws, kind, id, goalId) => goals[kind](ws, id, goalId),
    openItems: (projectId, kind) => openItems[kind].all(projectId),
    feature: (id) => {
      const row = featureById.get(id);
      return row ? toFeature(row) : null;
    },
    featureIn: (ws, id) => {
      const row = featureIn.get(id, ws);
      return row ? toFeature(row) : null;
    },
    bug: (id) => {
      const row = bugById.get(id);
      return row ? toBug(row) : null;
    },
    syncFeature: (id, title, status, upkeep, now) => {
      syncFeature.run(title, status, upkeep ? 1 : 0, now, id);
    },
    syncBug: (id, title, severity, status, now) => {
      syncBug.run(title, severity, status, now, id);
    },
    deleteFeature: (id) => {
      deleteFeature.run(id);
    },
    recordDrop: (ws, d) => {
      recordDrop.run(
        ws,
        d.id,
        d.project,
        d.title,
        d.reason,
        d.at,
        d.issue?.ref ?? null,
        d.issue?.url ?? null,
      );
    },
    droppedFeature: (ws, id) => {
      const row = droppedFeature.get(ws, id);
      if (row === undefined) return null;
      const [project, title, reason, at, issue, url] = row;
      const drop: DroppedFeature = { id, project, title, reason, at };
      if (issue !== null && url !== null) drop.issue = { ref: issue, url };
      return drop;
    },
    deleteBug: (id) => {
      deleteBug.run(id);
    },
    prerequisites: (ws, projectId) =>
      secondsByFirst(
        projectId === undefined ? prerequisites.all(ws) : projectPrerequisites.all(ws, projectId),
      ),
    addPrerequisite: (id, afterId, now) =>
      addPrerequisite.run(id, afterId, now).changes === 1 || typePrerequisite.run(id, afterId).changes === 1,
    addGitHubPrerequisite: (id, afterId, now) => addGitHubPrerequisite.run(id, afterId, now).changes === 1,
    dropGitHubPrerequisites: (id, keep) => dropGitHubPrerequisites.run(id, JSON.stringify(keep)).changes,
    dropGitHubPrerequisite: (id, afterId) => dropGitHubPrerequisite.run(id, afterId).changes === 1,
    clearPrerequisites: (id) => clearPrerequisites.run(id).changes,
    gitHubPrerequisites: (id) => gitHubPrerequisites.all(id),
    waitsFor: (from, to) => waitsFor.get(from, to) !== undefined,
  };
}
