import { nudgeToward } from './nudge-toward.js';
import type { Action, GoalFeedbackStrategy, GoalState, MetricAnalysis, StrategyOptions } from './types.js';

/** Moves each numeric goal key half-way from its latest value toward the target (latest 4, target 10 → 7). */
export class SimpleGoalFeedbackStrategy implements GoalFeedbackStrategy {
  readonly name = 'simple';

  suggest(
    action: Action,
    goalState: GoalState,
    _analysis: Readonly<Record<string, MetricAnalysis>>,
    options: StrategyOptions,
  ): Action {
    return nudgeToward(action, goalState, options, 0.5);
  }
}
