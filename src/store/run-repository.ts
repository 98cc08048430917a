import type { Db } from './open-database.js';

/** How a worker's run of a task ended. */
export const RUN_RESULTS = ['done', 'failed', 'timed_out', 'released', 'lost'] as const;
export type RunResult = (typeof RUN_RESULTS)[number];

/** Output kept per run: the tail, at most this many characters. */
export const RUN_OUTPUT_LIMIT = 65_536;
/** What a run's output kept starts with when what the command printed was longer (see tail). */
export const OUTPUT_CUT = '[… earlier output cut]\n';

/** One run of a task by a worker agent. */
export interface TaskRun {
  id: number;
  taskId: number;
  assignee: string;
  worker: string;
  attempt: number;
  startedAt: string;
  endedAt: string | null;
  result: RunResult | null;
  exitCode: number | null;
  signal: string | null;
  minutes: number | null;
  output: string;
}

export interface RunEnd {
  result: RunResult;
  exitCode: number | null;
  signal: string | null;
  minutes: number | null;
  output: string;
}

export interface RunRepository {
  start(
    run: { workspaceId: string; taskId: number; assignee: string; worker: string; attempt: number },
    now: string,
  ): number;
  /** Ends the task's open run (if any); the output is cut to its last RUN_OUTPUT_LIMIT characters. */
  end(taskId: number, end: RunEnd, now: string): void;
  /**
   * Ends the task's open run (if any) as `lost` before its worker reported: the claim was taken
   * from it (its lease ran out, or someone else decided the task). A late report fills it in.
   */
  lose(taskId: number, now: string): void;
  /**
   * Ends run `id`. A run already ended without a report (its lease ran out) keeps its result and
   * end time and takes the late report's exit, minutes and output; a run already reported keeps
   * its report whole. Whether it wrote (false for a run reported already).
   */
  endRun(id: number, end: RunEnd, now: string): boolean;
  get(id: number): TaskRun | null;
  /** The runs of a task, oldest first. */
  list(taskId: number): TaskRun[];
}

interface RunRow {
  id: number;
  task_id: number;
  assignee: string;
  worker: string;
  attempt: number;
  started_at: string;
  ended_at: string | null;
  result: RunResult | null;
  exit_code: number | null;
  signal: string | null;
  minutes: number | null;
  output: string;
}

/**
 * The last `limit` UTF-16 units of `text`, marked as cut when they are; a character the cut would
 * halve (the second half of a surrogate pair, an emoji's) is left out, not kept as U+FFFD.
 */
export function tail(text: string, limit = RUN_OUTPUT_LIMIT): string {
  if (text.length <= limit) return text;
  const marker = OUTPUT_CUT;
  let from = text.length - (limit - marker.length);
  const first = text.charCodeAt(from);
  if (first >= 0xdc00 && first <= 0xdfff) from += 1;
  return marker + text.slice(from);
}

const toRun = (r: RunRow): TaskRun => ({
  id: r.id,
  taskId: r.task_id,
  assignee: r.assignee,
  worker: r.worker,
  attempt: r.attempt,
  startedAt: r.started_at,
  endedAt: r.ended_at,
  result: r.result,
  exitCode: r.exit_code,
  signal: r.signal,
  minutes: r.minutes,
  output: r.output,
});

export function createRunRepository(db: Db): RunRepository {
  const start = db.prepare(
    `INSERT INTO task_runs (workspace_id, task_id, assignee, worker, attempt, started_at)
     VALUES (@workspaceId, @taskId, @assignee, @worker, @attempt, @now)`,
  );
  const end = db.prepare(
    `UPDATE task_runs SET ended_at = @now, result = @result, exit_code = @exitCode, signal = @signal,
       minutes = @minutes, output = @output
     WHERE id = (SELECT max(id) FROM task_runs WHERE task_id = @taskId AND ended_at IS NULL)`,
  );
  // A run the worker reported once keeps that report: a second (a retry of a report that timed
  // out, a duplicate) fills in nothing. One ended without a report (its lease ran out, or it was
  // released: no minutes) takes the late report's exit, output and minutes.
  const endRun = db.prepare(
    `UPDATE task_runs SET ended_at = coalesce(ended_at, @now), result = coalesce(result, @result),
       exit_code = @exitCode, signal = @signal, minutes = @minutes, output = @output
     WHERE id = @id AND minutes IS NULL`,
  );
  const get = db.prepare<[number], RunRow>('SELECT * FROM task_runs WHERE id = ?');
  const list = db.prepare<[number], RunRow>('SELECT * FROM task_runs WHERE task_id = ? ORDER BY id');
  return {
    start: (run, now) => Number(start.run({ ...run, now }).lastInsertRowid),
    end: (taskId, e, now) => {
      end.run({ ...e, output: tail(e.output), taskId, now });
    },
    lose: (taskId, now) => {
      end.run({ result: 'lost', exitCode: null, signal: null, minutes: null, output: '', taskId, now });
    },
    endRun: (id, e, now) => endRun.run({ ...e, output: tail(e.output), id, now }).changes > 0,
    get: (id) => {
      const row = get.get(id);
      return row ? toRun(row) : null;
    },
    list: (taskId) => list.all(taskId).map(toRun),
  };
}
