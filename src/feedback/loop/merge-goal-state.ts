import { sameJson } from './same-json.js';
import type { GoalState } from './types.js';

/**
 * Three-way merge of a goal-state edit: the keys `next` added, changed or removed relative to
 * `basis` (what the writer started from) are applied over `stored` (what is there now); every
 * other key keeps its stored value. Without a basis, `next` replaces the whole state.
 */
export function mergeGoalState(stored: GoalState, basis: GoalState | undefined, next: GoalState): GoalState {
  if (basis === undefined) return { ...next };
  const merged: GoalState = { ...stored };
  for (const key of new Set([...Object.keys(basis), ...Object.keys(next)])) {
    const inNext = Object.hasOwn(next, key);
    if (!inNext) {
      if (Object.hasOwn(basis, key)) delete merged[key];
    } else if (!Object.hasOwn(basis, key) || !sameJson(basis[key], next[key])) {
      merged[key] = next[key];
    }
  }
  return merged;
}
