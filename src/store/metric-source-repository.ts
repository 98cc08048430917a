import type { MetricSource } from '../domain/goal.js';
import type { Db } from './open-database.js';

interface SourceRow {
  id: number;
  workspace_id: string;
  name: string;
  secret: string;
  every_minutes: number;
  last_push_at: string | null;
  created_by: string;
  created_at: string;
}

/** A source row to insert. */
export interface NewMetricSource {
  workspaceId: string;
  name: string;
  secret: string;
  everyMinutes: number;
  createdBy: string;
}

/** A pushed point as stored: one per (metric, observed_at, source) in a workspace. */
export interface PushedPoint {
  metric: string;
  value: number;
  observedAt: string;
  context: Record<string, string>;
}

/** What a push did to one point. */
export type PointWrite = 'added' | 'updated' | 'unchanged';

/** What one source has pushed of one metric. */
export interface PushedSeries {
  source: string;
  metric: string;
  points: number;
  lastObservedAt: string;
}

export interface MetricSourceRepository {
  add(source: NewMetricSource, now: string): MetricSource;
  find(workspaceId: string, name: string): MetricSource | null;
  list(workspaceId: string): MetricSource[];
  /** Every source of this name in any workspace, with its secret: the signature tells which it is. */
  withName(name: string): Array<{ workspaceId: string; source: MetricSource; secret: string }>;
  /** The metrics each source of a workspace has pushed. */
  series(workspaceId: string): PushedSeries[];
  remove(workspaceId: string, name: string): boolean;
  /** Records that a source pushed now. */
  pushed(id: number, now: string): void;
  /** Writes one pushed point: added when new, rewritten when its value or context changed. */
  putPoint(workspaceId: string, source: string, point: PushedPoint, actor: string, now: string): PointWrite;
}

const toSource = (r: SourceRow): MetricSource => ({
  id: r.id,
  name: r.name,
  everyMinutes: r.every_minutes,
  lastPushAt: r.last_push_at,
  createdBy: r.created_by,
  createdAt: r.created_at,
});

export function createMetricSourceRepository(db: Db): MetricSourceRepository {
  const insert = db.prepare<Record<string, unknown>, SourceRow>(
    `INSERT INTO metric_sources (workspace_id, name, secret, every_minutes, created_by, created_at)
     VALUES (@workspaceId, @name, @secret, @everyMinutes, @createdBy, @now) RETURNING *`,
  );
  const find = db.prepare<[string, string], SourceRow>(
    'SELECT * FROM metric_sources WHERE workspace_id = ? AND name = ?',
  );
  const list = db.prepare<[string], SourceRow>(
    'SELECT * FROM metric_sources WHERE workspace_id = ? ORDER BY name',
  );
  const withName = db.prepare<[string], SourceRow>('SELECT * FROM metric_sources WHERE name = ? ORDER BY id');
  const series = db.prepare<[string], { source: string; metric: string; points: number; last: string }>(
    `SELECT push_source AS source, metric, count(*) AS points, max(observed_at) AS last FROM metric_observations
     WHERE workspace_id = ? AND push_source IS NOT NULL GROUP BY push_source, metric ORDER BY push_source, metric`,
  );
  const remove = db.prepare('DELETE FROM metric_sources WHERE workspace_id = ? AND name = ?');
  const pushed = db.prepare('UPDATE metric_sources SET last_push_at = ? WHERE id = ?');
  const point = db.prepare<[string, string, string, string], { id: number; value: number; context: string }>(
    `SELECT id, value, context FROM metric_observations
     WHERE workspace_id = ? AND metric = ? AND observed_at = ? AND push_source = ?`,
  );
  const addPoint = db.prepare(
    `INSERT INTO metric_observations (workspace_id, metric, value, observed_at, context, actor, source, push_source, created_at)
     VALUES (@workspaceId, @metric, @value, @observedAt, @context, @actor, 'api', @source, @now)`,
  );
  const correct = db.prepare(
    'UPDATE metric_observations SET value = ?, context = ?, actor = ?, created_at = ? WHERE id = ?',
  );
  return {
    add: (s, now) => {
      const row = insert.get({ ...s, now });
      if (!row) throw new Error('INSERT … RETURNING returned no row');
      return toSource(row);
    },
    find: (ws, name) => {
      const row = find.get(ws, name);
      return row ? toSource(row) : null;
    },
    list: (ws) => list.all(ws).map(toSource),
    withName: (name) =>
      withName.all(name).map((r) => ({ workspaceId: r.workspace_id, source: toSource(r), secret: r.secret })),
    series: (ws) =>
      series
        .all(ws)
        .map((r) => ({ source: r.source, metric: r.metric, points: r.points, lastObservedAt: r.last })),
    remove: (ws, name) => remove.run(ws, name).changes > 0,
    pushed: (id, now) => {
      pushed.run(now, id);
    },
    putPoint: (ws, source, p, actor, now) => {
      const context = JSON.stringify(p.context);
      const stored = point.get(ws, p.metric, p.observedAt, source);
      if (!stored) {
        addPoint.run({
          workspaceId: ws,
          metric: p.metric,
          value: p.value,
          observedAt: p.observedAt,
          context,
          actor,
          source,
          now,
        });
        return 'added';
      }
      if (stored.value === p.value && stored.context === context) return 'unchanged';
      correct.run(p.value, context, actor, now, stored.id);
      return 'updated';
    },
  };
}
