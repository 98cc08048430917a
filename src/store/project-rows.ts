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
export const FEATURE_COLUMNS = [
  'id',
  'project_id',
  'title',
  'status',
  'goal_id',
  'created_at',
  'updated_at',
  'upkeep',
  'estimate_hours',
  'priority',
  'size_hours',
];
export type FeatureTuple = [
  number,
  number,
  string,
  FeatureStatus,
  number | null,
  string,
  string,
  0 | 1,
  number | null,
  BugSeverity | null,
  number | null,
];
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
  'estimate_hours',
  'affects',
];
/** A bug's columns; the tenth, the share the team judges it affects, only when set (see BacklogRepository.openBugs). */
export type BugTuple = [
  number,
  number,
  string,
  BugSeverity,
  BugStatus,
  number | null,
  string,
  string,
  number | null,
  (number | null)?,
];
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

// Columns by index, not destructured: see toProjects.
export const toFeature = (row: FeatureTuple, source: ItemSource | null = null): Feature => ({
  id: row[0],
  projectId: row[1],
  title: row[2],
  status: row[3],
  goalId: row[4],
  upkeep: row[7] === 1,
  estimateHours: row[8] ?? null,
  createdAt: row[5],
  updatedAt: row[6],
  source,
  ...(row[9] == null ? {} : { priority: row[9] }),
  ...(row[10] == null ? {} : { sizeHours: row[10] }),
});

export const toBug = (row: BugTuple, source: ItemSource | null = null): Bug => {
  const bug: Bug = {
    id: row[0],
    projectId: row[1],
    title: row[2],
    status: row[4],
    goalId: row[5],
    estimateHours: row[8] ?? null,
    createdAt: row[6],
    updatedAt: row[7],
    severity: row[3],
    source,
  };
  // Only on the bugs the team judged (nearly none): the rest's objects as before.
  if (row[9] != null) bug.affects = row[9];
  return bug;
};

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
 *
 * A row's columns are taken by index, and the list copied by `slice`: a plan of fewer than 15,000
 * projects runs in V8's baseline code (see the bin), where destructuring an array or spreading it
 * walks its iterator, an object allocated per element. Destructured, 10,000 rows took three times
 * as long to map.
 */
export function toProjects(rows: readonly ProjectTuple[]): Project[] {
  const parsed = new Map<string, string[]>();
  return rows.map((row) => {
    const focus = row[6];
    let focusAreas = parsed.get(focus);
    if (focusAreas === undefined) {
      focusAreas = jsonColumn(focus, isStringArray, `projects(${row[0]}).focus_areas`);
      parsed.set(focus, focusAreas);
    }
    return {
      id: row[0],
      workspaceId: row[1],
      name: row[2],
      description: row[3],
      status: row[4],
      revenueBearing: row[5] === 1,
      focusAreas: focusAreas.slice(),
      createdAt: row[7],
      updatedAt: row[8],
    };
  });
}

/** Pairs of ids as a map from each first to its seconds, in the pairs' order. */
export function secondsByFirst(pairs: Iterable<readonly [number, number]>): Map<number, number[]> {
  const byFirst = new Map<number, number[]>();
  for (const [first, second] of pairs) {
    const seconds = byFirst.get(first);
    if (seconds === undefined) byFirst.set(first, [second]);
    else seconds.push(second);
  }
  return byFirst;
}
