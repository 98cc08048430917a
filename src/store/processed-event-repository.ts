import type { Db } from './open-database.js';

/**
 * Platform event ids already handled (`processed_events`): a Slack retry, a second click or a
 * replayed webhook finds its id here and changes nothing.
 */
export interface ProcessedEventRepository {
  /** Records an event id; false when it was already recorded (a repeat). */
  mark(workspaceId: string, source: string, eventId: string, outcome: string, now: string): boolean;
  /** What handling the event did the first time, or null when it was never handled. */
  outcome(workspaceId: string, source: string, eventId: string): string | null;
  /** Drops processed-event ids older than `before`; returns how many. */
  prune(before: string): number;
}

export function createProcessedEventRepository(db: Db): ProcessedEventRepository {
  const mark = db.prepare(
    `INSERT OR IGNORE INTO processed_events (workspace_id, source, event_id, outcome, processed_at)
     VALUES (?, ?, ?, ?, ?)`,
  );
  const outcome = db
    .prepare<[string, string, string], string>(
      'SELECT outcome FROM processed_events WHERE workspace_id = ? AND source = ? AND event_id = ?',
    )
    .pluck();
  const prune = db.prepare('DELETE FROM processed_events WHERE processed_at < ?');
  return {
    mark: (ws, source, id, result, now) => mark.run(ws, source, id, result, now).changes === 1,
    outcome: (ws, source, id) => outcome.get(ws, source, id) ?? null,
    prune: (before) => prune.run(before).changes,
  };
}
