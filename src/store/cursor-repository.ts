import type { Db } from './open-database.js';

/** How far each reader of the event log has got (`event_cursors`), so a restart resumes there. */
export interface CursorRepository {
  /** The last task event id the reader `name` has handled; null before its first run. */
  get(name: string): number | null;
  set(name: string, lastEventId: number, now: string): void;
}

export function createCursorRepository(db: Db): CursorRepository {
  const get = db.prepare<[string], number>('SELECT last_event_id FROM event_cursors WHERE name = ?').pluck();
  const set = db.prepare(
    `INSERT INTO event_cursors (name, last_event_id, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (name) DO UPDATE SET last_event_id = excluded.last_event_id, updated_at = excluded.updated_at`,
  );
  return {
    get: (name) => get.get(name) ?? null,
    set: (name, id, now) => {
      set.run(name, id, now);
    },
  };
}
