import type { MrrMovements, RevenueRecord } from '../domain/project.js';
import { READ_CHUNK } from './json-rows.js';
import type { Db } from './open-database.js';

/** A record's columns, as every statement here reads them (an array: no object per row to map). */
const COLUMNS = `id, workspace_id, project_id, period_start, period_end, actual, projected, subscriptions,
  churn_rate, notes, created_at, source, mrr_new, mrr_expansion, mrr_contraction, mrr_churned`;
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
  RevenueRecord['source'],
  number | null,
  number | null,
  number | null,
  number | null,
];

export type NewRevenueRecord = Omit<RevenueRecord, 'id' | 'createdAt' | 'source' | 'movements'>;

/** A month of MRR from a billing system, for one project: its record, written over the last sync's. */
export interface BilledMonth {
  workspaceId: string;
  projectId: number;
  /** `YYYY-MM-01` and the month's last day. */
  periodStart: string;
  periodEnd: string;
  /** MRR at the month's end, in dollars. */
  actual: number;
  subscriptions: number;
  churnRate: number | null;
  movements: MrrMovements;
  notes: string;
}

export interface RevenueRepository {
  list(workspaceId: string): RevenueRecord[];
  add(record: NewRevenueRecord, now: string): RevenueRecord;
  /** Writes a billed month over the same project's and month's last one. */
  putBilled(month: BilledMonth, now: string): void;
  /** Removes typed records of `projectId` overlapping `from`–`to`; returns how many. */
  removeTyped(projectId: number, from: string, to: string): number;
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
  source,
  newMrr,
  expansion,
  contraction,
  churned,
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
  source,
  movements:
    source === 'stripe'
      ? {
          newMrr: newMrr ?? 0,
          expansion: expansion ?? 0,
          contraction: contraction ?? 0,
          churned: churned ?? 0,
        }
      : null,
});

export function createRevenueRepository(db: Db): RevenueRepository {
  // Read as arrays: a workspace of many earning projects has tens of thousands of records.
  // Read a few thousand at a time (see READ_CHUNK), in the index's order.
  const list = db
    .prepare<[string, string, number, number], RevenueTuple>(
      `SELECT ${COLUMNS} FROM revenue_records
       WHERE workspace_id = ? AND (period_end, id) > (?, ?) ORDER BY period_end, id LIMIT ?`,
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
  const putBilled = db.prepare(
    `INSERT INTO revenue_records (workspace_id, project_id, period_start, period_end, actual, projected,
       subscriptions, churn_rate, notes, created_at, source, mrr_new, mrr_expansion, mrr_contraction, mrr_churned)
     VALUES (@workspaceId, @projectId, @periodStart, @periodEnd, @actual, 0, @subscriptions, @churnRate, @notes,
       @now, 'stripe', @newMrr, @expansion, @contraction, @churned)
     ON CONFLICT (project_id, period_start) WHERE source = 'stripe' DO UPDATE SET
       period_end = excluded.period_end, actual = excluded.actual, subscriptions = excluded.subscriptions,
       churn_rate = excluded.churn_rate, notes = excluded.notes, created_at = excluded.created_at,
       mrr_new = excluded.mrr_new, mrr_expansion = excluded.mrr_expansion,
       mrr_contraction = excluded.mrr_contraction, mrr_churned = excluded.mrr_churned`,
  );
  const removeTyped = db.prepare(
    `DELETE FROM revenue_records
     WHERE project_id = ? AND source = 'manual' AND period_start <= ? AND period_end >= ?`,
  );
  return {
    list: (ws) => {
      const records: RevenueRecord[] = [];
      for (let after: [string, number] = ['', 0]; ; ) {
        const rows = list.all(ws, after[0], after[1], READ_CHUNK);
        for (const row of rows) records.push(toRecord(row));
        const last = rows.at(-1);
        if (last === undefined || rows.length < READ_CHUNK) return records;
        after = [last[4], last[0]];
      }
    },
    putBilled: ({ movements, ...m }, now) => {
      putBilled.run({ ...m, ...movements, now });
    },
    removeTyped: (projectId, from, to) => removeTyped.run(projectId, to, from).changes,
    add: (record, now) => {
      const row = insert.get({ ...record, now });
      if (!row) throw new Error('INSERT … RETURNING returned no row');
      return toRecord(row);
    },
  };
}
