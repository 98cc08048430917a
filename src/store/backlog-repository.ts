import type { Bug, BugStats, FeatureStats, FeatureStatus, OpenFeature } from '../domain/project.js';
import { type SourceColumns, sourcesById, sourcesQuery } from './item-sources.js';
import { parseRows } from './json-rows.js';
import type { Db } from './open-database.js';
import { type BugTuple, toBug } from './project-rows.js';

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
  /** The features not done yet (planned, in progress) of the projects in `range`. */
  openFeatures(workspaceId: string, range?: ProjectRange): OpenFeature[];
  /** The open bugs of the projects in `range`. */
  openBugs(workspaceId: string, range?: ProjectRange): Bug[];
}

type OpenFeatureTuple = [number, number, string, FeatureStatus, number | null, string];
type BugCountTuple = [number, number, number, number, number, string];

const IN_RANGE = 'p.workspace_id = @ws AND p.id BETWEEN @from AND @to';
const BUG_COLUMNS =
  'b.id, b.project_id, b.title, b.severity, b.status, b.goal_id, b.created_at, b.updated_at';

export function createBacklogRepository(db: Db): BacklogRepository {
  // Grouped by the projects' own ids, which come in order: no temporary b-tree to group in.
  const featureStats = db
    .prepare<[string], string>(
      `SELECT json_group_array(json_array(id, total, done, last)) FROM (
         SELECT p.id AS id, count(*) AS total, sum(f.status = 'done') AS done, max(f.updated_at) AS last
         FROM projects p JOIN features f ON f.project_id = p.id WHERE p.workspace_id = ? GROUP BY p.id)`,
    )
    .pluck();
  const bugCounts = db
    .prepare<[string], string>(
      `SELECT json_group_array(json_array(id, critical, high, medium, low, last)) FROM (
         SELECT p.id AS id, sum(b.status = 'open' AND b.severity = 'critical') AS critical,
           sum(b.status = 'open' AND b.severity = 'high') AS high,
           sum(b.status = 'open' AND b.severity = 'medium') AS medium,
           sum(b.status = 'open' AND b.severity = 'low') AS low, max(b.updated_at) AS last
         FROM projects p JOIN bugs b ON b.project_id = p.id WHERE p.workspace_id = ? GROUP BY p.id)`,
    )
    .pluck();
  const openFeatures = db
    .prepare<[{ ws: string; from: number; to: number }], string>(
      `SELECT json_group_array(json_array(f.id, f.project_id, f.title, f.status, f.goal_id, f.updated_at))
       FROM projects p JOIN features f ON f.project_id = p.id WHERE ${IN_RANGE} AND f.status <> 'done'`,
    )
    .pluck();
  const openFeatureSources = db
    .prepare<[string, number, number], [number, ...SourceColumns]>(
      sourcesQuery('feature', "i.project_id BETWEEN ? AND ? AND i.status <> 'done'"),
    )
    .raw();
  const bugs = (where: string) =>
    db
      .prepare<[{ ws: string; from: number; to: number }], string>(
        `SELECT json_group_array(json_array(${BUG_COLUMNS}))
         FROM projects p JOIN bugs b ON b.project_id = p.id WHERE ${IN_RANGE} AND ${where}`,
      )
      .pluck();
  const openBugs = bugs("b.status = 'open'");
  const criticalBugs = bugs("b.status = 'open' AND b.severity = 'critical'");
  const openBugSources = db
    .prepare<[string, number, number], [number, ...SourceColumns]>(
      sourcesQuery('bug', "i.project_id BETWEEN ? AND ? AND i.status = 'open'"),
    )
    .raw();

  /** The bugs `statement` selects in a range, with their sources. */
  const readBugs = (statement: typeof openBugs, ws: string, { from, to }: ProjectRange): Bug[] => {
    const sources = sourcesById(openBugSources.iterate(ws, from, to));
    return parseRows<BugTuple>(statement.get({ ws, from, to })).map((row) =>
      toBug(row, sources.get(row[0]) ?? null),
    );
  };

  return {
    featureStats: (ws) =>
      new Map(
        parseRows<[number, number, number, string]>(featureStats.get(ws)).map(
          ([id, total, done, lastChange]) => [id, { total, done, lastChange }],
        ),
      ),
    bugStats: (ws) => {
      const blockers = new Map<number, Bug[]>();
      for (const bug of readBugs(criticalBugs, ws, ALL_PROJECTS).sort((a, b) => a.id - b.id)) {
        const list = blockers.get(bug.projectId);
        if (list) list.push(bug);
        else blockers.set(bug.projectId, [bug]);
      }
      return new Map(
        parseRows<BugCountTuple>(bugCounts.get(ws)).map(([id, critical, high, medium, low, lastChange]) => [
          id,
          { open: { critical, high, medium, low }, blockers: blockers.get(id) ?? [], lastChange },
        ]),
      );
    },
    openFeatures: (ws, { from, to } = ALL_PROJECTS) => {
      const sources = sourcesById(openFeatureSources.iterate(ws, from, to));
      return parseRows<OpenFeatureTuple>(openFeatures.get({ ws, from, to })).map(
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
    openBugs: (ws, range = ALL_PROJECTS) => readBugs(openBugs, ws, range),
  };
}
