import type { TaskCategory } from './task.js';

/** One recorded outcome of a task, as learning sees it. */
export interface Outcome {
  category: TaskCategory;
  assignee: string;
  success: boolean;
  /** Minutes from start (or approval) to done; null when unknown. */
  minutes: number | null;
  /** ISO time the outcome was recorded. */
  at: string;
}

/**
 * Whether an outcome's minutes are known and usable (finite, not negative): only those count
 * towards a pair's minutes, however the statistics are updated.
 */
export function isTimed(minutes: number | null): minutes is number {
  return minutes !== null && Number.isFinite(minutes) && minutes >= 0;
}

/**
 * Learned statistics of one (category, assignee) pair, maintained incrementally: raw counts plus
 * exponentially decayed counts referenced to `decayAt` (multiply by 0.5^((now − decayAt)/halfLife)
 * to read them at `now`).
 */
export interface PairStats {
  category: TaskCategory;
  assignee: string;
  successes: number;
  failures: number;
  decayedSuccesses: number;
  decayedFailures: number;
  /** ISO time the decayed counts refer to (the latest outcome's time). */
  decayAt: string;
  minutesSum: number;
  minutesCount: number;
  lastAt: string;
}
