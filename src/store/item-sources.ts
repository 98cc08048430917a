import type { BugSeverity, ItemSource } from '../domain/project.js';
import { isStringArray, jsonColumn } from './json-column.js';

/**
 * Where a synced item lives: `acme/app#12`, its URL, milestone, assignee, the priority its labels
 * give and those of them that may name a focus area (all null if typed here).
 */
export type SourceColumns = [
  sourceRef: string | null,
  sourceUrl: string | null,
  milestone: string | null,
  milestoneDue: string | null,
  assignee: string | null,
  priority: BugSeverity | null,
  labelsPending: number | null,
  areaLabels: string | null,
];

/** An item's source from its source columns: null for an item typed into Goalpost. */
export function sourceOf([
  ref,
  url,
  milestone,
  due,
  assignee,
  priority,
  pending,
  areaLabels,
]: SourceColumns): ItemSource | null {
  if (ref == null || url == null) return null;
  const source: ItemSource = { ref, url };
  if (milestone != null) source.milestone = { title: milestone, dueOn: due ?? null };
  if (assignee != null) source.assignee = assignee;
  if (priority != null) source.priority = priority;
  if (pending === 1) source.labelsPending = true;
  if (areaLabels != null) source.areaLabels = areaLabelsIn(areaLabels);
  return source;
}

/** An issue's area labels from their column (a JSON array, NULL for none): see areaLabelsOf. */
export const areaLabelsIn = (column: string | null): string[] =>
  column === null ? [] : jsonColumn(column, isStringArray, 'github_issues.area_labels');

/** The column that keeps an issue's area labels: NULL for none, as nearly every issue has. */
export const areaLabelsColumn = (labels: readonly string[]): string | null =>
  labels.length === 0 ? null : JSON.stringify(labels);

/**
 * The source columns of the synced items of kind `item` in a workspace, each with the item's id:
 * read from the workspace's repositories (a synced issue's item is in its repository's project)
 * rather than looked up item by item. Filtered by `where` on the item (aliased `i`).
 */
export const sourcesQuery = (item: 'feature' | 'bug', where = 'TRUE'): string =>
  `SELECT gi.${item}_id, gr.full_name || '#' || gi.number, gi.html_url, gi.milestone, gi.milestone_due,
     gi.assignee_login, gi.label_priority, gr.reread, gi.area_labels
   FROM github_repos gr JOIN github_issues gi ON gi.repo_id = gr.id JOIN ${item}s i ON i.id = gi.${item}_id
   WHERE gr.workspace_id = ? AND ${where}`;

/** Each synced item's source, by item id, from the rows of a sourcesQuery. */
export function sourcesById(rows: Iterable<[number, ...SourceColumns]>): Map<number, ItemSource | null> {
  const sources = new Map<number, ItemSource | null>();
  for (const [id, ...columns] of rows) sources.set(id, sourceOf(columns));
  return sources;
}

/** Rows by id, ascending: what a JSON document of rows (in index order) is sorted by. */
export const byId = (a: readonly [number, ...unknown[]], b: readonly [number, ...unknown[]]): number =>
  a[0] - b[0];
