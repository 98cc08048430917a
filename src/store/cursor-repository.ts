import type { Db } from './open-database.js';

/** How far each reader of the event log has got (`event_cursors`), so a restart resumes there. */
export interface CursorRepository {
  /** The last task event id the reader `name` has handled; null before its first run. */
  get(name: string): number | null;
  set(name: string, lastEventId: number, now: string): void;
  /** Creates the cursor at `lastEventId` unless it exists. */
  start(name: string, lastEventId: number, now: string): void;
  /**
   * Moves the cursor from `from` to `to` only if it is still at `from` (compare-and-set): false
   * when another reader moved it first, so each range of the log is handled by one reader.
   */
  advance(name: string, from: number, to: number, now: string): boolean;
}

export function createCursorRepository(db: Db): CursorRepository {
  const get = db.prepare<[string], number>('SELECT last_event_id FROM event_cursors WHERE name = ?').pluck();
  const set = db.prepare(
    `INSERT INTO event_cursors (name, last_event_id, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (name) DO UPDATE SET last_event_id = excluded.last_event_id, updated_at = excluded.updated_at`,
  );
  const start = db.prepare(
    'INSERT OR IGNORE INTO event_cursors (name, last_event_id, updated_at) VALUES (?, ?, ?)',
  );
  const advance = db.prepare(
    'UPDATE event_cursors SET last_event_id = ?, updated_at = ? WHERE name = ? AND last_event_id = ?',
  );
  return {
    start: (name, id, now) => {
      start.run(name, id, now);
    },
    advance: (name, from, to, now) => advance.run(to, now, name, from).changes === 1,
    get: (name) => get.get(name) ?? null,
    set: (name, id, now) => {
      set.run(name, id, now);
    },
  };
}
