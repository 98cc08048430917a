import type {
  MrrMovements,
  PeriodBefore,
  PeriodsBefore,
  RevenuePeriod,
  RevenueRecord,
} from '../domain/project.js';
import { CHURN_BASELINE_PERIODS } from '../domain/revenue-period.js';
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

/** What analysis reads of a record (RevenuePeriod): period_end and id first, as list orders them. */
const PERIOD_COLUMNS =
  'period_end, id, project_id, period_start, actual, subscriptions, churn_rate, created_at, source';
/** PERIOD_COLUMNS of a query's `r`. */
const PERIOD_COLUMNS_OF_R = PERIOD_COLUMNS.split(', ')
  .map((c) => `r.${c}`)
  .join(', ');
type PeriodTuple = [
  string,
  number,
  number | null,
  string,
  number,
  number,
  number | null,
  string,
  RevenueRecord['source'],
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
  /**
   * What analysis reads of the workspace's records (fewer columns than list), in (period_end, id)
   * order: of each source (a project, or the workspace itself), its earliest record, its earliest
   * that earned (actual above 0) and its two latest complete ones (ended before `today`, a
   * `YYYY-MM-DD`), the latest carrying the periods before it (RevenuePeriod.before),
   * or every record when the sources hold few each (see READ_WHOLE_UP_TO). Analysis looks no
   * further back for anything else, a source whose records
   * are all incomplete still shows as recorded, and the sources first appear in the order they do
   * among all the records, so it makes the same of either.
   */
  periodsToAnalyse(workspaceId: string, today: string): RevenuePeriod[];
  add(record: NewRevenueRecord, now: string): RevenueRecord;
  /** Writes a billed month over the same project's and month's last one. */
  putBilled(month: BilledMonth, now: string): void;
  /** Removes typed records of `projectId` overlapping `from`–`to`; returns how many. */
  removeTyped(projectId: number, from: string, to: string): number;
  /**
   * Removes the typed records of one source (a project, or the workspace itself: null) for exactly
   * `from`–`to`, as a record typed again for that period corrects them; returns them, oldest first.
   */
  removeTypedPeriod(workspaceId: string, projectId: number | null, from: string, to: string): RevenueRecord[];
  /** The typed records of one source (null: the workspace's own) for exactly `from`–`to`, oldest first. */
  typedPeriod(workspaceId: string, projectId: number | null, from: string, to: string): RevenueRecord[];
  /** The earliest end, on or after `today`, of the workspace's records (a period not over yet); null when none. */
  firstEndFrom(workspaceId: string, today: string): string | null;
  /**
   * The typed records of one source (null: the workspace's own) that overlap `from`–`to` without
   * being that very period (which a record typed again corrects), by period end; [] when none do.
   */
  typedOverlapping(workspaceId: string, projectId: number | null, from: string, to: string): RevenueRecord[];
  /** Removes the typed records of one source (null: the workspace's own) lying within `from`–`to`; returns them. */
  removeTypedWithin(workspaceId: string, projectId: number | null, from: string, to: string): RevenueRecord[];
  /**
   * The records of the other level that overlap `from`–`to`: the projects' when `projectId` is null
   * (a record of the workspace's own), else the workspace's own; how many, and their sum.
   */
  otherLevelOverlapping(
    workspaceId: string,
    projectId: number | null,
    from: string,
    to: string,
  ): { records: number; actual: number; from: string; to: string };
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

/**
 * Every row of a workspace's records READ_CHUNK at a time, in (period_end, id) order: `read(end,
 * id)` selects the rows after that pair, `keyOf` gives a row's pair.
 */
function keyset<T>(
  read: (end: string, id: number) => T[],
  keyOf: (row: T) => [string, number],
  each: (row: T) => void,
): void {
  for (let after: [string, number] = ['', 0]; ; ) {
    const rows = read(after[0], after[1]);
    // An indexed loop, not for…of: see toProjects.
    for (let i = 0; i < rows.length; i++) each(rows[i] as T);
    const last = rows.at(-1);
    if (last === undefined || rows.length < READ_CHUNK) return;
    after = keyOf(last);
  }
}

const toPeriod = (row: PeriodTuple | LatestPeriodTuple): RevenuePeriod => ({
  id: row[1],
  projectId: row[2],
  periodStart: row[3],
  periodEnd: row[0],
  actual: row[4],
  subscriptions: row[5],
  churnRate: row[6],
  createdAt: row[7],
  source: row[8],
});

/** A period of latestPeriods: on a source's latest complete one, the periods before it (see there). */
type LatestPeriodTuple = [...PeriodTuple, string | null];

/**
 * `m2026-09-012026-09-304900.0/0.02/245;2026-10-012026-10-315000.0//` (see latestPeriods' before):
 * `m` when the periods are all calendar months (else `p`), then each period's start, end, revenue,
 * churn and subscriptions (none after their slash when not recorded), oldest first.
 */
function toBefore(text: string): PeriodsBefore {
  const periods: PeriodBefore[] = [];
  const before = { periods, months: text[0] === 'm' };
  if (text.length === 1) return before;
  for (const part of text.slice(1).split(';')) {
    const slash = part.indexOf('/', 20);
    const second = part.indexOf('/', slash + 1);
    periods.push({
      periodStart: part.slice(0, 10),
      periodEnd: part.slice(10, 20),
      actual: Number(part.slice(20, slash)),
      churnRate: slash + 1 === second ? null : Number(part.slice(slash + 1, second)),
      subscriptions: second + 1 === part.length ? null : Number(part.slice(second + 1)),
    });
  }
  return before;
}

/** Sources a read of a source's latest records takes: at most READ_CHUNK records, three per source. */
const SOURCES_PER_READ = Math.floor(READ_CHUNK / 3);

/**
 * The records per source, on average, up to which periodsToAnalyse reads every record rather than
 * seek each source's latest ones. A read of every record costs about 2-4 µs a record; seeking a
 * source's three about 13-17 µs (on the bench's data at 10,000 and 100,000 projects, and with 12
 * and 24 months per earning project, 2026-11-25): the two meet at four to six records a source.
 */
const READ_WHOLE_UP_TO = 4;

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
  const removeTypedWithin = db
    .prepare<[string, number | null, string, string], RevenueTuple>(
      `DELETE FROM revenue_records
       WHERE workspace_id = ? AND project_id IS ? AND source = 'manual' AND period_start >= ? AND period_end <= ?
       RETURNING ${COLUMNS}`,
    )
    .raw();
  const typedPeriod = db
    .prepare<[string, number | null, string, string], RevenueTuple>(
      `SELECT ${COLUMNS} FROM revenue_records
       WHERE workspace_id = ? AND project_id IS ? AND source = 'manual' AND period_start = ? AND period_end = ?
       ORDER BY id`,
    )
    .raw();
  const removeTypedPeriod = db
    .prepare<[string, number | null, string, string], RevenueTuple>(
      `DELETE FROM revenue_records
       WHERE workspace_id = ? AND project_id IS ? AND source = 'manual' AND period_start = ? AND period_end = ?
       RETURNING ${COLUMNS}`,
    )
    .raw();
  const firstEndFrom = db
    .prepare<[string, string], string | null>(
      'SELECT min(period_end) FROM revenue_records WHERE workspace_id = ? AND period_end >= ?',
    )
    .pluck();
  const otherLevel = db
    .prepare<
      { ws: string; own: 0 | 1; from: string; to: string },
      [number, number | null, string | null, string | null]
    >(
      `SELECT count(*), sum(actual), min(period_start), max(period_end) FROM revenue_records
       WHERE workspace_id = @ws AND period_end >= @from AND period_start <= @to
         AND (project_id IS NULL) = @own`,
    )
    .raw();
  const typedOverlapping = db
    .prepare<{ ws: string; project: number | null; from: string; to: string }, RevenueTuple>(
      `SELECT ${COLUMNS} FROM revenue_records
       WHERE workspace_id = @ws AND project_id IS @project AND source = 'manual'
         AND period_start <= @to AND period_end >= @from AND NOT (period_start = @from AND period_end = @to)
       ORDER BY period_end, id`,
    )
    .raw();
  // How many sources the workspace's records come from, and how many records: an index-only walk
  // of revenue_records_source (1.3 ms for 3,000 sources, 13 ms for 30,000), which tells whether to
  // read every record or seek each source's latest (see READ_WHOLE_UP_TO).
  const shape = db
    .prepare<[string], [number, number]>(
      `SELECT count(*), coalesce(sum(n), 0) FROM (
         SELECT count(*) AS n FROM revenue_records WHERE workspace_id = ? GROUP BY project_id)`,
    )
    .raw();
  // Every record, in analysis's order (so it needs no sort), READ_CHUNK at a time.
  const periods = db
    .prepare<[string, string, number, number], PeriodTuple>(
      `SELECT ${PERIOD_COLUMNS} FROM revenue_records
       WHERE workspace_id = ? AND (period_end, id) > (?, ?) ORDER BY period_end, id LIMIT ?`,
    )
    .raw();
  // Where the sources hold many records each (more than READ_WHOLE_UP_TO): three seeks per source
  // on revenue_records_source (migration 0025), and one more for its earliest that earned,
  // whatever its history. Its earliest record, found
  // as the sources are stepped through on the index (the first entry past the last source), then
  // its latest complete one and the one before. The earliest serves twice: a source whose records
  // are all incomplete still shows as recorded, and analysis takes the sources in the order their
  // first records come in, which it keeps so. SOURCES_PER_READ sources a read, by project id; the
  // workspace's own records (project_id NULL) with the first. Reading every record instead grew
  // with the months a Stripe backfill and its syncs write (see 0025).
  const pick = (source: string, offset: number) =>
    `SELECT (SELECT id FROM revenue_records WHERE workspace_id = @ws AND project_id ${source}
       AND period_end < @today ORDER BY period_end DESC, id DESC LIMIT 1 OFFSET ${offset})`;
  // Its earliest record that earned: when it began earning (see RevenueSource.firstEnd); nearly
  // always its earliest, but a Stripe backfill writes a mapped product's $0 months before its first sale.
  const firstEarned = (source: string) =>
    `SELECT (SELECT id FROM revenue_records WHERE workspace_id = @ws AND project_id ${source}
       AND actual > 0 ORDER BY period_end, id LIMIT 1)`;
  // On its latest complete period (tagged 1), the CHURN_BASELINE_PERIODS before it, as a churn
  // rise, a recent month's churn bump and the growth's trend are read from (see
  // RevenueSource.churnBaseline, churnBump and growth), in one
  // string (see toBefore), with whether they are all calendar months: asked in SQL, that costs
  // nothing to speak of, where asked of each period in JavaScript it cost a plan 13 ms cold (on
  // 3,000 earning products of 12 months, 2026-12-06). One seek and a few steps: reading those periods whole, as seven seeks,
  // cost a 12-month workspace of 10,000 projects 15 % more CPU on a plan's dry run than reading
  // none of them; their churn alone this way, 4 % (A/B, 21 pairs, 2026-12-06), and nothing on the
  // bench's 3-month data, read whole. A REAL is written as its shortest round-trip text (SQLite
  // 3.53), so the figures read back exact.
  const before = `CASE WHEN t.latest THEN (
      SELECT CASE WHEN min(substr(prior.period_start, 9, 2) = '01'
                          AND prior.period_end = date(prior.period_start, '+1 month', '-1 day')) THEN 'm' ELSE 'p' END
             || coalesce(group_concat(prior.period_start || prior.period_end || prior.actual || '/'
                                      || coalesce(prior.churn_rate, '') || '/' || coalesce(prior.subscriptions, ''),
                                      ';' ORDER BY prior.period_end, prior.id), '')
      FROM (SELECT id, period_start, period_end, actual, churn_rate, subscriptions FROM revenue_records b
            WHERE b.workspace_id = @ws AND b.project_id IS r.project_id AND (b.period_end, b.id) < (r.period_end, r.id)
            ORDER BY b.period_end DESC, b.id DESC LIMIT ${CHURN_BASELINE_PERIODS}) prior) END`;
  const firstAfter = (after: string) =>
    `(SELECT id FROM revenue_records WHERE workspace_id = @ws AND project_id > ${after}
      ORDER BY project_id, period_end, id LIMIT 1)`;
  const latestPeriods = db
    .prepare<[{ ws: string; today: string; after: number; sources: number }], LatestPeriodTuple>(
      `WITH RECURSIVE src(p, first, n) AS (
         SELECT project_id, id, 1 FROM revenue_records WHERE id = ${firstAfter('@after')}
         UNION ALL
         SELECT r.project_id, r.id, src.n + 1 FROM src JOIN revenue_records r ON r.id = ${firstAfter('src.p')}
         WHERE src.n < @sources
       ),
       ids(id, latest) AS (
         SELECT first, 0 FROM src
         UNION ALL ${pick('= src.p', 0)}, 1 FROM src
         UNION ALL ${pick('= src.p', 1)}, 0 FROM src
         UNION ALL ${firstEarned('= src.p')}, 0 FROM src
         UNION ALL SELECT (SELECT id FROM revenue_records WHERE workspace_id = @ws AND project_id IS NULL
                           ORDER BY period_end, id LIMIT 1), 0 WHERE @after < 0
         UNION ALL ${pick('IS NULL', 0)}, 1 WHERE @after < 0
         UNION ALL ${pick('IS NULL', 1)}, 0 WHERE @after < 0
         UNION ALL ${firstEarned('IS NULL')}, 0 WHERE @after < 0
       )
       SELECT ${PERIOD_COLUMNS_OF_R}, ${before}
       FROM (SELECT id, max(latest) AS latest FROM ids GROUP BY id) t JOIN revenue_records r ON r.id = t.id`,
    )
    .raw();
  return {
    list: (ws) => {
      const records: RevenueRecord[] = [];
      keyset(
        (end, id) => list.all(ws, end, id, READ_CHUNK),
        (row) => [row[4], row[0]],
        (row) => records.push(toRecord(row)),
      );
      return records;
    },
    periodsToAnalyse: (ws, today) => {
      const records: RevenuePeriod[] = [];
      const [sources, all] = shape.get(ws) ?? [0, 0];
      if (all <= READ_WHOLE_UP_TO * sources) {
        keyset(
          (end, id) => periods.all(ws, end, id, READ_CHUNK),
          (row) => [row[0], row[1]],
          (row) => records.push(toPeriod(row)),
        );
        return records;
      }
      for (let after = -1; ; ) {
        const rows = latestPeriods.all({ ws, today, after, sources: SOURCES_PER_READ });
        const read = new Set<number>();
        // By index, not destructured: see toProjects.
        for (let i = 0; i < rows.length; i++) {
          const row = rows[i] as LatestPeriodTuple;
          if (row[2] !== null) read.add(row[2]);
          const period = toPeriod(row);
          if (row[9] !== null) period.before = toBefore(row[9]);
          records.push(period);
        }
        if (read.size < SOURCES_PER_READ) break;
        after = Math.max(...read);
      }
      return records.sort((a, b) =>
        a.periodEnd === b.periodEnd ? a.id - b.id : a.periodEnd < b.periodEnd ? -1 : 1,
      );
    },
    putBilled: ({ movements, ...m }, now) => {
      putBilled.run({ ...m, ...movements, now });
    },
    removeTyped: (projectId, from, to) => removeTyped.run(projectId, to, from).changes,
    typedPeriod: (workspaceId, projectId, from, to) =>
      typedPeriod.all(workspaceId, projectId, from, to).map(toRecord),
    removeTypedPeriod: (workspaceId, projectId, from, to) =>
      removeTypedPeriod
        .all(workspaceId, projectId, from, to)
        .map(toRecord)
        .sort((a, b) => a.id - b.id),
    firstEndFrom: (workspaceId, today) => firstEndFrom.get(workspaceId, today) ?? null,
    otherLevelOverlapping: (workspaceId, projectId, from, to) => {
      const [records, actual, first, last] = otherLevel.get({
        ws: workspaceId,
        own: projectId === null ? 0 : 1,
        from,
        to,
      }) ?? [0, 0, null, null];
      return { records, actual: actual ?? 0, from: first ?? from, to: last ?? to };
    },
    typedOverlapping: (workspaceId, projectId, from, to) =>
      typedOverlapping.all({ ws: workspaceId, project: projectId, from, to }).map(toRecord),
    removeTypedWithin: (workspaceId, projectId, from, to) =>
      removeTypedWithin
        .all(workspaceId, projectId, from, to)
        .map(toRecord)
        .sort((a, b) => (a.periodStart < b.periodStart ? -1 : a.periodStart > b.periodStart ? 1 : 0)),
    add: (record, now) => {
      const row = insert.get({ ...record, now });
      if (!row) throw new Error('INSERT … RETURNING returned no row');
      return toRecord(row);
    },
  };
}
