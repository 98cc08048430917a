import type { Outcome, PairStats } from '../domain/outcome.js';
import type { TaskCategory } from '../domain/task.js';
import { applyOutcome } from './update-stats.js';

/** Pair statistics kept in memory and updated one outcome at a time (for replays and simulations). */
export interface StatsBook {
  record(outcome: Outcome): void;
  /** The statistics of every assignee who has an outcome in the category. */
  of(category: TaskCategory): PairStats[];
}

/** An empty `StatsBook` whose decayed counts use the given half-life. */
export function createStatsBook(halfLifeDays: number): StatsBook {
  const byCategory = new Map<TaskCategory, Map<string, PairStats>>();
  return {
    record(outcome) {
      const pairs = byCategory.get(outcome.category) ?? new Map<string, PairStats>();
      byCategory.set(outcome.category, pairs);
      pairs.set(outcome.assignee, applyOutcome(pairs.get(outcome.assignee) ?? null, outcome, halfLifeDays));
    },
    of(category) {
      return [...(byCategory.get(category)?.values() ?? [])];
    },
  };
}
