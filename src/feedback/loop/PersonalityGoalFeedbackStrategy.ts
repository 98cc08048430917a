import { ValidationError } from '../../errors.js';
import { shown } from './check-input.js';
import { nudgeToward } from './nudge-toward.js';
import type { Action, GoalFeedbackStrategy, GoalState, MetricAnalysis, StrategyOptions } from './types.js';

/** How far toward the target each personality moves per suggestion. */
export const PERSONALITY_STEPS = { cautious: 0.25, neutral: 0.5, aggressive: 0.75 } as const;

export type Personality = keyof typeof PERSONALITY_STEPS;

const isPersonality = (value: unknown): value is Personality =>
  typeof value === 'string' && Object.hasOwn(PERSONALITY_STEPS, value);

/**
 * Moves each numeric goal key a quarter (cautious), half (neutral) or three quarters (aggressive)
 * of the way from its latest value toward the target: latest 4, target 10 → 5.5 / 7 / 8.5.
 */
export class PersonalityGoalFeedbackStrategy implements GoalFeedbackStrategy {
  readonly name: string;
  readonly personality: Personality;
  readonly #step: number;

  /** @throws ValidationError for a personality other than cautious, neutral or aggressive. */
  constructor(personality: Personality) {
    if (!isPersonality(personality)) {
      throw new ValidationError(
        `personality: one of ${Object.keys(PERSONALITY_STEPS).join(', ')} (got ${shown(personality)})`,
        'personality',
      );
    }
    this.personality = personality;
    this.#step = PERSONALITY_STEPS[personality];
    this.name = `personality:${personality}`;
  }

  suggest(
    action: Action,
    goalState: GoalState,
    _analysis: Readonly<Record<string, MetricAnalysis>>,
    options: StrategyOptions,
  ): Action {
    return nudgeToward(action, goalState, options, this.#step);
  }
}
