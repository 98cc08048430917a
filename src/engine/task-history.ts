import type { Task } from '../domain/task.js';
import { DAY_MS, parseInstant } from './dates.js';
import { type DecidedTask, newestFirst, REJECTION_WINDOW } from './rejections.js';
import type { PlaybookOutcomes } from './score-candidate.js';

/** A focus area counts as worked on while a task in it closed within this many days. */
export const FOCUS_RECENT_DAYS = 14;

/**
 * What the engine learns from the tasks closed in the history window (done, failed, rejected,
 * cancelled), summarised rather than listed: a busy workspace closes tens of thousands of tasks
 * in a quarter, and the engine needs only these few aggregates of them. The store computes it
 * in SQL over indexes; `summariseHistory` computes the same from a list, for tests and callers
 * that hold the tasks.
 */
export interface TaskHistory {
  /** The latest change of a closed task, per project id. */
  lastClosedAt: ReadonlyMap<number, string>;
  /** Focus areas of tasks closed within FOCUS_RECENT_DAYS of now. */
  recentFocusAreas: ReadonlySet<string>;
  /** Done and failed tasks per playbook key: they give a playbook's confidence. */
  outcomes: ReadonlyMap<string, PlaybookOutcomes>;
  /** Done and failed tasks per category: they give a backlog task's confidence. */
  categoryOutcomes: ReadonlyMap<Task['category'], PlaybookOutcomes>;
  /** Per category, the newest REJECTION_WINDOW closed tasks that were decided (not cancelled). */
  latestDecided: readonly DecidedTask[];
}

/** A history with nothing closed in it. */
export const EMPTY_HISTORY: TaskHistory = {
  lastClosedAt: new Map(),
  recentFocusAreas: new Set(),
  outcomes: new Map(),
  categoryOutcomes: new Map(),
  latestDecided: [],
};

const DECIDED_CLOSED: ReadonlySet<Task['status']> = new Set(['done', 'failed', 'rejected']);

/**
 * The history of a list of closed tasks at `now`, in one pass plus one sort of the decided ones.
 * @throws ValidationError when `now` or a task's updatedAt is not a valid instant.
 */
export function summariseHistory(
  closed: readonly Pick<
    Task,
    'id' | 'category' | 'status' | 'updatedAt' | 'projectId' | 'playbookKey' | 'focusArea'
  >[],
  now: string,
): TaskHistory {
  const focusSince = parseInstant(now, 'now') - FOCUS_RECENT_DAYS * DAY_MS;
  const lastClosedAt = new Map<number, string>();
  const recentFocusAreas = new Set<string>();
  const outcomes = new Map<string, PlaybookOutcomes>();
  const categoryOutcomes = new Map<Task['category'], PlaybookOutcomes>();
  const decided: DecidedTask[] = [];
  for (const t of closed) {
    if (t.projectId !== null) {
      const last = lastClosedAt.get(t.projectId);
      if (last === undefined || t.updatedAt > last) lastClosedAt.set(t.projectId, t.updatedAt);
    }
    if (t.focusArea !== null && parseInstant(t.updatedAt, 'updatedAt') >= focusSince) {
      recentFocusAreas.add(t.focusArea);
    }
    if (t.playbookKey !== null && (t.status === 'done' || t.status === 'failed')) {
      const entry = outcomes.get(t.playbookKey) ?? { done: 0, failed: 0 };
      entry[t.status] += 1;
      outcomes.set(t.playbookKey, entry);
    }
    if (t.status === 'done' || t.status === 'failed') {
      const entry = categoryOutcomes.get(t.category) ?? { done: 0, failed: 0 };
      entry[t.status] += 1;
      categoryOutcomes.set(t.category, entry);
    }
    if (DECIDED_CLOSED.has(t.status)) {
      decided.push({ id: t.id, category: t.category, status: t.status, updatedAt: t.updatedAt });
    }
  }
  decided.sort(newestFirst);
  const perCategory = new Map<Task['category'], number>();
  const latestDecided = decided.filter((t) => {
    const n = perCategory.get(t.category) ?? 0;
    perCategory.set(t.category, n + 1);
    return n < REJECTION_WINDOW;
  });
  return { lastClosedAt, recentFocusAreas, outcomes, categoryOutcomes, latestDecided };
}
