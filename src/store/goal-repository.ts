import type { FeedbackNote, Goal, Lesson, Observation } from '../domain/goal.js';
import { jsonColumn } from './json-column.js';
import type { Db } from './open-database.js';

interface GoalRow {
  id: number;
  workspace_id: string;
  metric: string;
  target: number;
  unit: string;
  direction: Goal['direction'];
  baseline: number | null;
  deadline: string;
  owner: string | null;
  value_per_unit: number | null;
  weight: number | null;
  status: Goal['status'];
  created_by: string;
  created_at: string;
  updated_at: string;
}

export type NewGoal = Omit<Goal, 'id' | 'status' | 'createdAt' | 'updatedAt'>;

/** What of a long series an analysis reads (see observationsToAnalyse); instants are ISO 8601. */
export interface SeriesReads {
  tail: number;
  windows: ReadonlyArray<{ after: string; before: string; at: string | null }>;
}

/** A metric's series as a chart draws it, read in SQL however many points it holds. */
export interface ChartSeries {
  /** The first point and the latest `tail` (every point of a shorter series), by time, then id. */
  ends: Array<{ at: string; value: number }>;
  /** Each UTC day's last point (by time, then id), by day: `at` is the day (YYYY-MM-DD). */
  days: Array<{ at: string; value: number }>;
  /** How many points the series holds. */
  count: number;
}

export interface GoalRepository {
  list(workspaceId: string): Goal[];
  /** The metrics of the archived goals, the latest archived first. */
  archivedMetrics(workspaceId: string): string[];
  find(workspaceId: string, metric: string): Goal | null;
  add(goal: NewGoal, now: string): Goal;
  /**
   * Writes a goal's target, unit, direction, baseline, deadline, owner, worth and status as
   * `goal` has them (found by its metric); false for an unknown goal.
   */
  update(workspaceId: string, goal: Goal, now: string): boolean;
  /**
   * Records a typed point (not a pushed one); a typed point of the metric at the very same
   * instant is corrected in place (its value, context and who typed it), its old value returned.
   */
  observe(
    workspaceId: string,
    o: Omit<Observation, 'id' | 'pushSource' | 'recordedAt'>,
    source: string,
    now: string,
  ): Observation & { replaced: number | null };
  /** Removes the typed points of a metric observed from `from` to `to` (inclusive); how many. */
  removeTyped(workspaceId: string, metric: string, from: string, to: string): number;
  observations(workspaceId: string, metric: string): Observation[];
  /** The metric's latest observation (by time, then id); null without one. */
  latestObservation(workspaceId: string, metric: string): Observation | null;
  /**
   * The observations of a metric an analysis reads, in the series' order (time, then id): the
   * first, the latest `tail`, the one recorded last (the first of them in the series' order when
   * several were recorded at once), the first of those recorded first, and for each window the
   * latest `tail` strictly inside it and every one at its `at`. All of them when that would be most
   * of the series.
   */
  observationsToAnalyse(workspaceId: string, metric: string, reads: SeriesReads): Observation[];
  /** What a chart of a metric draws, however long its series (see ChartSeries). */
  chartSeries(workspaceId: string, metric: string, tail: number): ChartSeries;
  addNote(workspaceId: string, goalId: number | null, text: string, actor: string, now: string): FeedbackNote;
  notes(workspaceId: string): FeedbackNote[];
  addLesson(
    workspaceId: string,
    lesson: Omit<Lesson, 'id' | 'taskRef' | 'createdAt'> & { taskId: number | null },
    now: string,
  ): Lesson;
  lessons(workspaceId: string): Lesson[];
}

const isStringRecord = (v: unknown): v is Record<string, string> =>
  typeof v === 'object' &&
  v !== null &&
  !Array.isArray(v) &&
  Object.values(v).every((x) => typeof x === 'string');

const toGoal = (r: GoalRow): Goal => ({
  id: r.id,
  workspaceId: r.workspace_id,
  metric: r.metric,
  target: r.target,
  unit: r.unit,
  direction: r.direction,
  baseline: r.baseline,
  deadline: r.deadline,
  owner: r.owner,
  valuePerUnit: r.value_per_unit,
  weight: r.weight,
  status: r.status,
  createdBy: r.created_by,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

interface ObservationRow {
  id: number;
  metric: string;
  value: number;
  observed_at: string;
  context: string;
  actor: string;
  push_source: string | null;
  created_at: string;
}

const toObservation = (r: ObservationRow): Observation => ({
  id: r.id,
  metric: r.metric,
  value: r.value,
  observedAt: r.observed_at,
  context: jsonColumn(r.context, isStringRecord, `metric_observations(${r.id}).context`),
  actor: r.actor,
  pushSource: r.push_source,
  recordedAt: r.created_at,
});

export function createGoalRepository(db: Db): GoalRepository {
  const list = db.prepare<[string], GoalRow>(
    "SELECT * FROM goals WHERE workspace_id = ? AND status = 'active' ORDER BY deadline, metric",
  );
  const archived = db
    .prepare<[string], string>(
      "SELECT metric FROM goals WHERE workspace_id = ? AND status = 'archived' ORDER BY updated_at DESC, metric",
    )
    .pluck();
  const find = db.prepare<[string, string], GoalRow>(
    'SELECT * FROM goals WHERE workspace_id = ? AND metric = ?',
  );
  const insert = db.prepare<Record<string, unknown>, GoalRow>(
    `INSERT INTO goals (workspace_id, metric, target, unit, direction, baseline, deadline, owner, value_per_unit,
       weight, created_by, created_at, updated_at)
     VALUES (@workspaceId, @metric, @target, @unit, @direction, @baseline, @deadline, @owner, @valuePerUnit, @weight,
       @createdBy, @now, @now)
     RETURNING *`,
  );
  const update = db.prepare<Record<string, unknown>>(
    `UPDATE goals SET target = @target, unit = @unit, direction = @direction, baseline = @baseline,
       deadline = @deadline, owner = @owner, value_per_unit = @valuePerUnit, weight = @weight,
       status = @status, updated_at = @now
     WHERE workspace_id = @workspaceId AND metric = @metric`,
  );
  const observe = db.prepare<Record<string, unknown>, ObservationRow>(
    `INSERT INTO metric_observations (workspace_id, metric, value, observed_at, context, actor, source, created_at)
     VALUES (@workspaceId, @metric, @value, @observedAt, @context, @actor, @source, @now) RETURNING *`,
  );
  const typedAt = db.prepare<[string, string, string], ObservationRow>(
    `SELECT * FROM metric_observations INDEXED BY metric_observations_series
     WHERE workspace_id = ? AND metric = ? AND observed_at = ? AND push_source IS NULL ORDER BY id LIMIT 1`,
  );
  const correct = db.prepare<Record<string, unknown>, ObservationRow>(
    `UPDATE metric_observations SET value = @value, context = @context, actor = @actor, source = @source,
       created_at = @now WHERE id = @id RETURNING *`,
  );
  const removeTyped = db.prepare<[string, string, string, string]>(
    `DELETE FROM metric_observations
     WHERE workspace_id = ? AND metric = ? AND observed_at BETWEEN ? AND ? AND push_source IS NULL`,
  );
  const observations = db.prepare<[string, string], ObservationRow>(
    'SELECT * FROM metric_observations WHERE workspace_id = ? AND metric = ? ORDER BY observed_at, id',
  );
  // A long series (a metric pushed every few minutes) is read in parts: reading every point of a
  // year of five-minute pushes took about 0.6 s, and every goal listing, digest and plan read it.
  const seriesLength = db
    .prepare<[string, string], number>(
      'SELECT count(*) FROM metric_observations WHERE workspace_id = ? AND metric = ?',
    )
    .pluck();
  const latestObservation = db.prepare<[string, string], ObservationRow>(
    `SELECT * FROM metric_observations WHERE workspace_id = ? AND metric = ?
     ORDER BY observed_at DESC, id DESC LIMIT 1`,
  );
  // The first, the latest `tail`, the one recorded last and the earliest of those recorded first
  // (on the recording time's index, migration 0029; ties, points recorded at once, sorted by time).
  const seriesEdges = db
    .prepare<{ ws: string; metric: string; tail: number }, number>(
      `SELECT id FROM (SELECT id FROM metric_observations WHERE workspace_id = @ws AND metric = @metric
         ORDER BY observed_at, id LIMIT 1)
       UNION SELECT id FROM (SELECT id FROM metric_observations WHERE workspace_id = @ws AND metric = @metric
         ORDER BY observed_at DESC, id DESC LIMIT @tail)
       UNION SELECT id FROM (SELECT id FROM metric_observations WHERE workspace_id = @ws AND metric = @metric
         ORDER BY created_at DESC, observed_at, id LIMIT 1)
       UNION SELECT id FROM (SELECT id FROM metric_observations WHERE workspace_id = @ws AND metric = @metric
         ORDER BY created_at, observed_at, id LIMIT 1)`,
    )
    .pluck();
  const inWindow = db
    .prepare<{ ws: string; metric: string; after: string; before: string; tail: number }, number>(
      `SELECT id FROM metric_observations
       WHERE workspace_id = @ws AND metric = @metric AND observed_at > @after AND observed_at < @before
       ORDER BY observed_at DESC, id DESC LIMIT @tail`,
    )
    .pluck();
  const atInstant = db
    .prepare<[string, string, string], number>(
      'SELECT id FROM metric_observations WHERE workspace_id = ? AND metric = ? AND observed_at = ?',
    )
    .pluck();
  const byIds = db.prepare<[string], ObservationRow>(
    `SELECT * FROM metric_observations WHERE id IN (SELECT value FROM json_each(?))
     ORDER BY observed_at, id`,
  );
  const chartEnds = db
    .prepare<{ ws: string; metric: string; tail: number }, [string, number]>(
      `SELECT observed_at, value FROM (
         SELECT id, observed_at, value FROM (SELECT id, observed_at, value FROM metric_observations
           WHERE workspace_id = @ws AND metric = @metric ORDER BY observed_at, id LIMIT 1)
         UNION SELECT id, observed_at, value FROM (SELECT id, observed_at, value FROM metric_observations
           WHERE workspace_id = @ws AND metric = @metric ORDER BY observed_at DESC, id DESC LIMIT @tail))
       ORDER BY observed_at, id`,
    )
    .raw();
  // Two seeks on the series' index a day with points, not a read of every point (a year of
  // five-minute pushes is 100,000 of them, 365 days): the day's first point gives the day, the last
  // point before the day's end its close. Instants are ISO 8601 in UTC (YYYY-MM-DDTHH:MM:SS.sssZ),
  // their day the first ten characters: a day's instants all sort before the day followed by the
  // last character there is (U+10FFFF), every later day's after it. Each step takes a later day
  // than the last, so the walk ends whatever a row holds (a hand-edited `2024-01-01Z` included).
  const chartDays = db
    .prepare<{ ws: string; metric: string }, [string, number]>(
      `WITH RECURSIVE days (day) AS (
         SELECT (SELECT substr(observed_at, 1, 10) FROM metric_observations
           WHERE workspace_id = @ws AND metric = @metric ORDER BY observed_at LIMIT 1)
         UNION ALL
         SELECT (SELECT substr(observed_at, 1, 10) FROM metric_observations
           WHERE workspace_id = @ws AND metric = @metric AND observed_at >= day || char(1114111)
             AND substr(observed_at, 1, 10) > day
           ORDER BY observed_at LIMIT 1)
         FROM days WHERE day IS NOT NULL)
       SELECT day, (SELECT value FROM metric_observations
         WHERE workspace_id = @ws AND metric = @metric AND observed_at < day || char(1114111)
         ORDER BY observed_at DESC, id DESC LIMIT 1)
       FROM days WHERE day IS NOT NULL`,
    )
    .raw();
  const addNote = db.prepare<[string, number | null, string, string, string], { id: number }>(
    'INSERT INTO feedback_notes (workspace_id, goal_id, text, actor, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id',
  );
  const notes = db.prepare<
    [string],
    { id: number; goal_id: number | null; text: string; actor: string; created_at: string }
  >('SELECT * FROM feedback_notes WHERE workspace_id = ? ORDER BY created_at, id');
  const addLesson = db.prepare<Record<string, unknown>, { id: number }>(
    `INSERT INTO lessons (workspace_id, text, source, task_id, actor, created_at)
     VALUES (@workspaceId, @text, @source, @taskId, @actor, @now) RETURNING id`,
  );
  const lessons = db.prepare<
    [string],
    {
      id: number;
      text: string;
      source: Lesson['source'];
      ref: string | null;
      actor: string;
      created_at: string;
    }
  >(
    `SELECT l.id, l.text, l.source, CASE WHEN t.seq IS NULL THEN NULL ELSE 'T-' || t.seq END AS ref, l.actor, l.created_at
     FROM lessons l LEFT JOIN tasks t ON t.id = l.task_id WHERE l.workspace_id = ? ORDER BY l.created_at, l.id`,
  );
  return {
    list: (ws) => list.all(ws).map(toGoal),
    archivedMetrics: (ws) => archived.all(ws),
    find: (ws, metric) => {
      const row = find.get(ws, metric);
      return row ? toGoal(row) : null;
    },
    add: (g, now) => {
      const row = insert.get({ ...g, now });
      if (!row) throw new Error('INSERT … RETURNING returned no row');
      return toGoal(row);
    },
    update: (ws, g, now) =>
      update.run({
        workspaceId: ws,
        metric: g.metric,
        target: g.target,
        unit: g.unit,
        direction: g.direction,
        baseline: g.baseline,
        deadline: g.deadline,
        owner: g.owner,
        valuePerUnit: g.valuePerUnit,
        weight: g.weight,
        status: g.status,
        now,
      }).changes > 0,
    observe: (ws, o, source, now) => {
      const values = { ...o, workspaceId: ws, context: JSON.stringify(o.context), source, now };
      const was = typedAt.get(ws, o.metric, o.observedAt);
      const row = was ? correct.get({ ...values, id: was.id }) : observe.get(values);
      if (!row) throw new Error('INSERT … RETURNING returned no row');
      return { ...toObservation(row), replaced: was ? was.value : null };
    },
    removeTyped: (ws, metric, from, to) => removeTyped.run(ws, metric, from, to).changes,
    observations: (ws, metric) => observations.all(ws, metric).map(toObservation),
    latestObservation: (ws, metric) => {
      const row = latestObservation.get(ws, metric);
      return row === undefined ? null : toObservation(row);
    },
    observationsToAnalyse: (ws, metric, { tail, windows }) => {
      // Each window gives at most tail + its instant's few; past half the series, read it whole.
      if ((windows.length + 1) * (tail + 1) * 2 >= (seriesLength.get(ws, metric) ?? 0)) {
        return observations.all(ws, metric).map(toObservation);
      }
      const ids = new Set(seriesEdges.all({ ws, metric, tail }));
      for (const { after, before, at } of windows) {
        for (const id of inWindow.all({ ws, metric, after, before, tail })) ids.add(id);
        if (at !== null) for (const id of atInstant.all(ws, metric, at)) ids.add(id);
      }
      return byIds.all(JSON.stringify([...ids])).map(toObservation);
    },
    chartSeries: (ws, metric, tail) => ({
      ends: chartEnds.all({ ws, metric, tail }).map(([at, value]) => ({ at, value })),
      days: chartDays.all({ ws, metric }).map(([at, value]) => ({ at, value })),
      count: seriesLength.get(ws, metric) ?? 0,
    }),
    addNote: (ws, goalId, text, actor, now) => {
      const row = addNote.get(ws, goalId, text, actor, now);
      return { id: row?.id ?? 0, goalId, text, actor, createdAt: now };
    },
    notes: (ws) =>
      notes
        .all(ws)
        .map((r) => ({ id: r.id, goalId: r.goal_id, text: r.text, actor: r.actor, createdAt: r.created_at })),
    addLesson: (ws, l, now) => {
      const row = addLesson.get({ ...l, workspaceId: ws, now });
      return {
        id: row?.id ?? 0,
        text: l.text,
        source: l.source,
        taskRef: null,
        actor: l.actor,
        createdAt: now,
      };
    },
    lessons: (ws) =>
      lessons.all(ws).map((r) => ({
        id: r.id,
        text: r.text,
        source: r.source,
        taskRef: r.ref,
        actor: r.actor,
        createdAt: r.created_at,
      })),
  };
}
