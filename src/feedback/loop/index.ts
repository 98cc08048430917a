export type { Timers } from '../../domain/timers.js';
export { analyseMetric, MOMENTUM_WINDOW, STABLE_SHARE } from './analyse-metric.js';
export { analyseTimeline } from './analyse-timeline.js';
export { FeedbackEventBus, type FeedbackHandler, type PublishResult } from './FeedbackEventBus.js';
export { GoalDrivenFeedbackLoop, type GoalDrivenFeedbackLoopOptions } from './GoalDrivenFeedbackLoop.js';
export {
  type ActionSource,
  type FeedbackRunResult,
  GoalFeedbackRunner,
  type GoalFeedbackRunnerOptions,
} from './GoalFeedbackRunner.js';
export { GoalStateTracker } from './GoalStateTracker.js';
export { InMemoryGoalStateTracker } from './InMemoryGoalStateTracker.js';
export {
  PERSONALITY_STEPS,
  type Personality,
  PersonalityGoalFeedbackStrategy,
} from './PersonalityGoalFeedbackStrategy.js';
export { SimpleGoalFeedbackStrategy } from './SimpleGoalFeedbackStrategy.js';
export type * from './types.js';
