import type { Person } from '../domain/person.js';
import { jsonColumn } from './json-column.js';
import type { Db } from './open-database.js';

interface PersonRow {
  user_id: string;
  time_zone: string | null;
  work_days: string;
  work_start: string | null;
  work_end: string | null;
  away_from: string | null;
  away_until: string | null;
}

export interface PeopleRepository {
  find(workspaceId: string, userId: string): Person | null;
  list(workspaceId: string): Person[];
  /** Writes a person's zone, working days, hours and time off (all of them). */
  put(workspaceId: string, person: Person, now: string): void;
}

const isDays = (v: unknown): v is number[] =>
  Array.isArray(v) && v.every((d) => Number.isInteger(d) && d >= 1 && d <= 7);

const toPerson = (r: PersonRow): Person => ({
  userId: r.user_id,
  timeZone: r.time_zone,
  workDays: jsonColumn(r.work_days, isDays, `people(${r.user_id}).work_days`),
  hours: r.work_start !== null && r.work_end !== null ? { start: r.work_start, end: r.work_end } : null,
  away: r.away_from !== null && r.away_until !== null ? { from: r.away_from, until: r.away_until } : null,
});

export function createPeopleRepository(db: Db): PeopleRepository {
  // A console user in any case (`console:Dev` is the console's `dev`, as assignee names match),
  // exactly so first; platform ids are one case each. A workspace's people are a handful of rows.
  const find = db.prepare<{ ws: string; user: string }, PersonRow>(
    `SELECT * FROM people WHERE workspace_id = @ws AND user_id = @user COLLATE NOCASE
     ORDER BY user_id = @user DESC LIMIT 1`,
  );
  const list = db.prepare<[string], PersonRow>(
    'SELECT * FROM people WHERE workspace_id = ? ORDER BY user_id',
  );
  const put = db.prepare(
    `INSERT INTO people (workspace_id, user_id, time_zone, work_days, work_start, work_end, away_from,
       away_until, updated_at)
     VALUES (@workspaceId, @userId, @timeZone, @workDays, @workStart, @workEnd, @awayFrom, @awayUntil, @now)
     ON CONFLICT (workspace_id, user_id) DO UPDATE SET time_zone = excluded.time_zone,
       work_days = excluded.work_days, work_start = excluded.work_start, work_end = excluded.work_end,
       away_from = excluded.away_from, away_until = excluded.away_until, updated_at = excluded.updated_at`,
  );
  return {
    find: (ws, user) => {
      const row = find.get({ ws, user });
      return row ? toPerson(row) : null;
    },
    list: (ws) => list.all(ws).map(toPerson),
    put: (ws, p, now) => {
      put.run({
        workspaceId: ws,
        userId: p.userId,
        timeZone: p.timeZone,
        workDays: JSON.stringify(p.workDays),
        workStart: p.hours?.start ?? null,
        workEnd: p.hours?.end ?? null,
        awayFrom: p.away?.from ?? null,
        awayUntil: p.away?.until ?? null,
        now,
      });
    },
  };
}
