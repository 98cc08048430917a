// How projects, features and bugs come out of their tables: the rows, and the objects made of
// them. Statements read features and bugs as arrays of columns, with no object per row to map.
import type {
  Bug,
  BugSeverity,
  BugStatus,
  Feature,
  FeatureStatus,
  ItemSource,
  Project,
} from '../domain/project.js';
import { isStringArray, jsonColumn } from './json-column.js';

export interface ProjectRow {
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
export const FEATURE_COLUMNS = ['id', 'project_id', 'title', 'status', 'goal_id', 'created_at', 'updated_at'];
export type FeatureTuple = [number, number, string, FeatureStatus, number | null, string, string];
/** A bug's columns, as every bug statement reads them. */
export const BUG_COLUMNS = [
  'id',
  'project_id',
  'title',
  'severity',
  'status',
  'goal_id',
  'created_at',
  'updated_at',
];
export type BugTuple = [number, number, string, BugSeverity, BugStatus, number | null, string, string];
/** `columns` of the table aliased `alias` in a join: `f.id, f.project_id, …`. */
export const aliased = (alias: string, columns: readonly string[]): string =>
  columns.map((c) => `${alias}.${c}`).join(', ');

export function toProject(row: ProjectRow): Project {
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

export const toFeature = (
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

export const toBug = (
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
export type ProjectTuple = [
  number,
  string,
  string,
  string,
  Project['status'],
  number,
  string,
  string,
  string,
];

/**
 * Projects as rows are read: a workspace of many projects repeats a few focus-area lists, so each
 * distinct list is parsed (and checked) once, and every project gets its own copy.
 */
export function toProjects(rows: readonly ProjectTuple[]): Project[] {
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
