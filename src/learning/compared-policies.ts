import type { PairStats } from '../domain/outcome.js';
import type { TaskCategory } from '../domain/task.js';
import { createRng } from './random.js';
import { chooseAssignee } from './route.js';
import { seedRuleChoice } from './seed-rule.js';
import type { ComparedPolicy, LearningOptions, RoutingPolicy } from './types.js';

/** Picks one of `names` (non-empty, sorted) for a task of `category`, given that category's stats. */
export type Chooser = (
  category: TaskCategory,
  names: readonly string[],
  stats: readonly PairStats[],
  now: string,
) => string;

/** A record with one value per compared policy. */
export function perPolicy<T>(make: (policy: ComparedPolicy) => T): Record<ComparedPolicy, T> {
  return {
    goalpost: make('goalpost'),
    greedy: make('greedy'),
    'seed-rule': make('seed-rule'),
    random: make('random'),
  };
}

/**
 * One chooser per compared policy, each with its own rng derived from `seed` (so one policy's draws
 * never shift another's). Capacity is unlimited here: the comparison is about who is good at what.
 */
export function createComparedPolicies(
  seed: number | string,
  options: LearningOptions,
): Record<ComparedPolicy, Chooser> {
  return perPolicy((policy) => chooserFor(policy, seed, options));
}

function chooserFor(policy: ComparedPolicy, seed: number | string, options: LearningOptions): Chooser {
  const rng = createRng(`${seed}:${policy}`);
  const routing: Record<ComparedPolicy, RoutingPolicy | null> = {
    goalpost: 'thompson',
    greedy: 'greedy',
    'seed-rule': null,
    random: null,
  };
  const routingPolicy = routing[policy];
  if (routingPolicy !== null) {
    return (category, names, stats, now) => {
      const candidates = names.map((name) => ({ name, capacity: Number.POSITIVE_INFINITY, openTasks: 0 }));
      const decision = chooseAssignee({
        category,
        candidates,
        stats,
        now,
        policy: routingPolicy,
        rng,
        options,
      });
      return decision?.assignee ?? names[0] ?? '';
    };
  }
  if (policy === 'seed-rule') {
    return (category, names, stats) => seedRuleChoice(category, names, stats) ?? names[0] ?? '';
  }
  return (_category, names) => names[rng.int(names.length)] ?? names[0] ?? '';
}
