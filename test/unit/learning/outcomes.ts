import type { Outcome, PairStats } from '../../../src/domain/outcome.js';
import type { TaskCategory } from '../../../src/domain/task.js';

export const T0 = '2026-01-01T00:00:00.000Z';

/** The ISO instant `days` after T0. */
export function day(days: number): string {
  return new Date(Date.parse(T0) + days * 86_400_000).toISOString();
}

/** A revenue outcome at day 0 unless told otherwise. */
export function outcome(assignee: string, success: boolean, options: Partial<Outcome> = {}): Outcome {
  return { category: 'revenue', assignee, success, minutes: null, at: T0, ...options };
}

/** Hand-made pair statistics, with decayed counts read at `decayAt`. */
export function pair(
  assignee: string,
  successes: number,
  failures: number,
  options: Partial<PairStats> & { category?: TaskCategory } = {},
): PairStats {
  return {
    category: 'revenue',
    assignee,
    successes,
    failures,
    decayedSuccesses: successes,
    decayedFailures: failures,
    decayAt: T0,
    minutesSum: 0,
    minutesCount: 0,
    lastAt: T0,
    ...options,
  };
}
