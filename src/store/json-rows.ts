import { byId } from './item-sources.js';

/**
 * How many rows a read of a whole workspace takes at a time (projects, their counts, revenue): all
 * at once, a large workspace's rows are hundreds of thousands, all alive until the last is mapped,
 * so V8 moves them out of its young generation as survivors, where they wait for a full collection;
 * a few thousand at a time die young. At 100,000 projects a dry run took ×0.96 the time with only
 * the project list read so.
 */
export const READ_CHUNK = 4096;

/**
 * The rows of a statement that selects them as one JSON document (`json_group_array(json_array(…))`).
 * Hundreds of thousands of small rows (a large workspace's projects, features and bugs) cost about
 * half as much this way, parsed natively by V8, as a row each built by better-sqlite3 through V8's
 * API. For integer and text columns only: JSON carries both exactly, but SQLite writes a real with
 * 15 significant digits, which does not give every double back.
 */
export function parseRows<T>(document: string | undefined): T[] {
  return JSON.parse(document ?? '[]') as T[];
}

/**
 * Every row of a read of a whole workspace, READ_CHUNK projects at a time by keyset: `get(after,
 * limit)` selects, as one JSON document (see parseRows), the rows of at most `limit` projects after
 * the id `after`, in id order, each row's first column its project's id. Each chunk goes to `each`.
 */
export function readChunked<T extends [number, ...unknown[]]>(
  get: (after: number, limit: number) => string | undefined,
  each: (rows: T[]) => void,
): void {
  for (let after = Number.MIN_SAFE_INTEGER; ; ) {
    // The index gives them in id order: sorting makes sure of it, at no cost then.
    const rows = parseRows<T>(get(after, READ_CHUNK)).sort(byId);
    each(rows);
    const last = rows.at(-1);
    if (last === undefined || rows.length < READ_CHUNK) return;
    after = last[0];
  }
}
