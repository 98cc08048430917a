import type { RevenueRecord } from '../domain/project.js';
import type { Db } from './open-database.js';

/** A record's columns, as every statement here reads them (an array: no object per row to map). */
const COLUMNS = `id, workspace_id, project_id, period_start, period_end, actual, projected, subscriptions,
  churn_rate, notes, created_at`;
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

const toRecord = ([
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
]: RevenueTuple): RevenueRecord => ({
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
});

export function createRevenueRepository(db: Db): RevenueRepository {
  // Read as arrays: a workspace of many earning projects has tens of thousands of records.
  const list = db
    .prepare<[string], RevenueTuple>(
      `SELECT ${COLUMNS} FROM revenue_records WHERE workspace_id = ? ORDER BY period_end, id`,
    )
    .raw();
  const insert = db
    .prepare<Record<string, unknown>, RevenueTuple>(
      `INSERT INTO revenue_records (workspace_id, project_id, period_start, period_end, actual, projected,
         subscriptions, churn_rate, notes, created_at)
       VALUES (@workspaceId, @projectId, @periodStart, @periodEnd, @actual, @projected, @subscriptions,
         @churnRate, @notes, @now)
       RETURNING ${COLUMNS}`,
    )
    .raw();
  return {
    list: (ws) => list.all(ws).map(toRecord),
    add: (record, now) => {
      const row = insert.get({ ...record, now });
      if (!row) throw new Error('INSERT … RETURNING returned no row');
      return toRecord(row);
    },
  };
}
