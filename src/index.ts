/**
 * Goalpost's public library API: what adapters, scripts and other programs build on.
 * Adapters import only from here (a test enforces it).
 */

export { createGoalpost, type Goalpost, type GoalpostDeps } from './app.js';
export { type Config, type LearningConfig, loadConfig } from './config.js';
export { createLogger, REDACTED_PATHS } from './create-logger.js';
export { type Clock, fixedClock, systemClock } from './domain/clock.js';
export type { FeedbackNote, Goal, Lesson, Observation } from './domain/goal.js';
export type { Logger } from './domain/logger.js';
export { silentLogger } from './domain/logger.js';
export type { Playbook, PlaybookInput, SignalKind } from './domain/playbook.js';
export { SIGNAL_KINDS, TEMPLATE_VARIABLES } from './domain/playbook.js';
export type { Bug, Feature, Project, RevenueRecord } from './domain/project.js';
export type { EventSource, Task, TaskCategory, TaskEvent, TaskStatus } from './domain/task.js';
export { EVENT_SOURCES, OPEN_STATUSES, TASK_CATEGORIES, TASK_STATUSES } from './domain/task.js';
export { TASK_ACTION_NAMES, TASK_ACTIONS, type TaskAction } from './domain/task-lifecycle.js';
export type { MonthKey, Vision, VisionField } from './domain/vision.js';
export { VISION_FIELDS } from './domain/vision.js';
export type { BatchPlan, CandidateTask, RevenueState, WorkspaceState } from './engine/types.js';
export {
  asGoalpostError,
  ConfigError,
  ConflictError,
  type ErrorCode,
  GoalpostError,
  MigrationError,
  NotFoundError,
  UserError,
  ValidationError,
} from './errors.js';
export type { AdjustRecommendation } from './feedback/adjust.js';
export type { GoalAnalytics, GoalStatus } from './feedback/analyse-goal.js';
export * from './feedback/loop/index.js';
export { reportMarkdown } from './feedback/report-markdown.js';
export type { GoalSuggestion } from './feedback/suggest-next.js';
export type {
  ComparedPolicy,
  Evaluation,
  Outcome,
  PairStats,
  RouteDecision,
  RoutingPolicy,
  SimulationResult,
} from './learning/types.js';
export { type OpenedGoalpost, type OpenGoalpostOptions, openGoalpost } from './open-goalpost.js';
export type { Assignee } from './store/assignee-repository.js';
export type { Ctx } from './use-cases/deps.js';
export type { BatchTask, GenerateResult } from './use-cases/generate.js';
export type { LearnResult, RouteAnswer, RoutingRow } from './use-cases/learning.js';
export type { ClaimResult, QueueView } from './use-cases/queue.js';
export type { FeedbackReport } from './use-cases/report.js';
export type { TransitionResult } from './use-cases/tasks.js';
