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

export interface GoalRepository {
  list(workspaceId: string): Goal[];
  find(workspaceId: string, metric: string): Goal | null;
  add(goal: NewGoal, now: string): Goal;
  /** Sets what a goal is worth (dollars per unit, or a weight); false for an unknown goal. */
  setValue(
    workspaceId: string,
    metric: string,
    value: Pick<Goal, 'valuePerUnit' | 'weight'>,
    now: string,
  ): boolean;
  observe(
    workspaceId: string,
    o: Omit<Observation, 'id' | 'pushSource' | 'recordedAt'>,
    source: string,
    now: string,
  ): Observation;
  observations(workspaceId: string, metric: string): Observation[];
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
  const setValue = db.prepare(
    'UPDATE goals SET value_per_unit = ?, weight = ?, updated_at = ? WHERE workspace_id = ? AND metric = ?',
  );
  const observe = db.prepare<Record<string, unknown>, ObservationRow>(
    `INSERT INTO metric_observations (workspace_id, metric, value, observed_at, context, actor, source, created_at)
     VALUES (@workspaceId, @metric, @value, @observedAt, @context, @actor, @source, @now) RETURNING *`,
  );
  const observations = db.prepare<[string, string], ObservationRow>(
    'SELECT * FROM metric_observations WHERE workspace_id = ? AND metric = ? ORDER BY observed_at, id',
  );
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
    find: (ws, metric) => {
      const row = find.get(ws, metric);
      return row ? toGoal(row) : null;
    },
    add: (g, now) => {
      const row = insert.get({ ...g, now });
      if (!row) throw new Error('INSERT … RETURNING returned no row');
      return toGoal(row);
    },
    setValue: (ws, metric, v, now) => setValue.run(v.valuePerUnit, v.weight, now, ws, metric).changes > 0,
    observe: (ws, o, source, now) => {
      const row = observe.get({ ...o, workspaceId: ws, context: JSON.stringify(o.context), source, now });
      if (!row) throw new Error('INSERT … RETURNING returned no row');
      return toObservation(row);
    },
    observations: (ws, metric) => observations.all(ws, metric).map(toObservation),
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
