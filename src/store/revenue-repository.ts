import type { RevenueRecord } from '../domain/project.js';
import type { Db } from './open-database.js';

interface RevenueRow {
  id: number;
  workspace_id: string;
  project_id: number | null;
  period_start: string;
  period_end: string;
  actual: number;
  projected: number;
  subscriptions: number;
  churn_rate: number | null;
  notes: string;
  created_at: string;
}

/** A record's columns, in RevenueRow's order, as an array. */
type RevenueTuple = [
  number,
  string,
  number | null,
  string,
  string,
  number,
  number,
  number,
  number | null,
  string,
  string,
];

export type NewRevenueRecord = Omit<RevenueRecord, 'id' | 'createdAt'>;

export interface RevenueRepository {
  list(workspaceId: string): RevenueRecord[];
  add(record: NewRevenueRecord, now: string): RevenueRecord;
}

const toRecord = (r: RevenueRow): RevenueRecord => ({
  id: r.id,
  workspaceId: r.workspace_id,
  projectId: r.project_id,
  periodStart: r.period_start,
  periodEnd: r.period_end,
  actual: r.actual,
  projected: r.projected,
  subscriptions: r.subscriptions,
  churnRate: r.churn_rate,
  notes: r.notes,
  createdAt: r.created_at,
});

export function createRevenueRepository(db: Db): RevenueRepository {
  // Read as arrays: a workspace of many earning projects has tens of thousands of records.
  const list = db
    .prepare<[string], RevenueTuple>(
      `SELECT id, workspace_id, project_id, period_start, period_end, actual, projected, subscriptions,
         churn_rate, notes, created_at
       FROM revenue_records WHERE workspace_id = ? ORDER BY period_end, id`,
    )
    .raw();
  const insert = db.prepare<Record<string, unknown>, RevenueRow>(
    `INSERT INTO revenue_records (workspace_id, project_id, period_start, period_end, actual, projected,
       subscriptions, churn_rate, notes, created_at)
     VALUES (@workspaceId, @projectId, @periodStart, @periodEnd, @actual, @projected, @subscriptions,
       @churnRate, @notes, @now)
     RETURNING *`,
  );
  return {
    list: (ws) =>
      list
        .all(ws)
        .map(
          ([
            id,
            workspaceId,
            projectId,
            periodStart,
            periodEnd,
            actual,
            projected,
            subscriptions,
            churnRate,
            notes,
            createdAt,
          ]) => ({
            id,
            workspaceId,
            projectId,
            periodStart,
            periodEnd,
            actual,
            projected,
            subscriptions,
            churnRate,
            notes,
            createdAt,
          }),
        ),
    add: (record, now) => {
      const row = insert.get({ ...record, now });
      if (!row) throw new Error('INSERT … RETURNING returned no row');
      return toRecord(row);
    },
  };
}
