import { compareText } from '../domain/compare-text.js';
import type { PairStats } from '../domain/outcome.js';
import type { TaskCategory } from '../domain/task.js';

/** The seed only trusted a session's rate from this many outcomes of the category on. */
export const SEED_RULE_MIN_SAMPLES = 3;

/**
 * The seed's routing rule, kept for comparison: among the candidates with at least 3 raw outcomes
 * in the category, the highest raw success rate (ties: more outcomes, then name); when nobody
 * qualifies, the first candidate by name (the seed's default session). No decay, no exploration:
 * whoever does well early keeps the work. Null without candidates.
 */
export function seedRuleChoice(
  category: TaskCategory,
  candidates: readonly string[],
  stats: readonly PairStats[],
): string | null {
  const names = [...new Set(candidates)].sort(compareText);
  const counts = new Map(stats.filter((s) => s.category === category).map((s) => [s.assignee, s] as const));
  let best: { name: string; rate: number; samples: number } | null = null;
  for (const name of names) {
    const pair = counts.get(name);
    const samples = pair === undefined ? 0 : pair.successes + pair.failures;
    if (pair === undefined || samples < SEED_RULE_MIN_SAMPLES) continue;
    const rate = pair.successes / samples;
    if (best === null || rate > best.rate || (rate === best.rate && samples > best.samples)) {
      best = { name, rate, samples };
    }
  }
  return best?.name ?? names[0] ?? null;
}
