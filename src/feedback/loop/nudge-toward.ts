import type { Action, GoalState, StrategyOptions } from './types.js';

/**
 * A copy of `action` with each numeric goal key moved `fraction` of the way from its latest value
 * toward the target. A key with no value yet (in the action or before it) is left as it is.
 */
export function nudgeToward(
  action: Action,
  goalState: GoalState,
  options: StrategyOptions,
  fraction: number,
): Action {
  const suggestion: Action = { ...action };
  for (const [key, target] of Object.entries(goalState)) {
    if (typeof target !== 'number') continue;
    const latest = options.latest[key];
    if (latest === undefined) continue;
    suggestion[key] = latest + (target - latest) * fraction;
  }
  return suggestion;
}
