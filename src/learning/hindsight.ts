import { compareText } from '../domain/compare-text.js';
import type { Outcome } from '../domain/outcome.js';
import type { TaskCategory } from '../domain/task.js';
import type { HindsightBest } from './types.js';

/** What the whole log says about every (category, assignee) pair, known only in hindsight. */
export interface Hindsight {
  /** Laplace rate (1 + successes) / (2 + outcomes); 0.5 for a pair with no outcomes. */
  rate(category: TaskCategory, assignee: string): number;
  /** The best assignee of each category that has outcomes, sorted by category. */
  best: HindsightBest[];
}

/**
 * The hindsight oracle: each pair's Laplace success rate over the whole log, and per category the
 * assignee with the highest one among everyone in the log (ties: more outcomes, then name). An
 * assignee who never did the category counts at 0.5, so regret against this best is never
 * negative.
 */
export function hindsightOf(outcomes: readonly Outcome[]): Hindsight {
  const counts = new Map<TaskCategory, Map<string, { successes: number; samples: number }>>();
  const everyone = new Set<string>();
  for (const o of outcomes) {
    everyone.add(o.assignee);
    const pairs = counts.get(o.category) ?? new Map<string, { successes: number; samples: number }>();
    counts.set(o.category, pairs);
    const pair = pairs.get(o.assignee) ?? { successes: 0, samples: 0 };
    pairs.set(o.assignee, { successes: pair.successes + (o.success ? 1 : 0), samples: pair.samples + 1 });
  }

  const countOf = (category: TaskCategory, assignee: string) =>
    counts.get(category)?.get(assignee) ?? { successes: 0, samples: 0 };
  const rate = (category: TaskCategory, assignee: string): number => {
    const { successes, samples } = countOf(category, assignee);
    return (1 + successes) / (2 + samples);
  };

  const names = [...everyone].sort(compareText);
  const best = [...counts.keys()].sort(compareText).map((category) =>
    names
      .map((assignee) => ({
        category,
        assignee,
        rate: rate(category, assignee),
        samples: countOf(category, assignee).samples,
      }))
      // A category in `counts` has outcomes, so `names` is not empty and reduce needs no seed.
      .reduce((top, c) => (c.rate > top.rate || (c.rate === top.rate && c.samples > top.samples) ? c : top)),
  );
  return { rate, best };
}
