/**
 * Goalpost's public library API: what adapters, scripts and other programs build on.
 * Adapters import only from here, from `chat.ts`, and from `facade-parts.ts` for a facade of some
 * of its parts (a CLI command group's); a test enforces it.
 */

export {
  composeGoalpost,
  type Facade,
  type Goalpost,
  type GoalpostDeps,
  type PartName,
  type PartsOf,
} from './app.js';
export type { ChatInvocation, CommandDef } from './commands/define-command.js';
export type { DiscordConfig, SlackConfig } from './config/chat-config.js';
export { ENV_VARIABLES } from './config/env-schema.js';
export { type Config, loadConfig, readDotEnv, withDotEnv } from './config/load-config.js';
export { createLogger, deferredLogger, REDACTED_PATHS } from './create-logger.js';
export type { Asker, AttachedChart, ChatPort, ChatTarget, EditableView } from './delivery/chat-port.js';
export { type Delivered, type DeliveryRequest, deliver } from './delivery/deliver.js';
export { type DeliveryPlan, type Origin, planDelivery } from './delivery/plan-delivery.js';
export type { InvoiceLine, SubscriptionInvoice } from './domain/billed-history.js';
export { type Clock, fixedClock, systemClock } from './domain/clock.js';
export { rewriteCommandHints } from './domain/command-hints.js';
export { compareText } from './domain/compare-text.js';
export type { Caller, Ctx } from './domain/ctx.js';
export { DIGEST_STYLES, type DigestStyle } from './domain/digest-layout.js';
export {
  hostTimeZone,
  isTimeZone,
  type LocalTime,
  latestOccurrence,
  localTimeOf,
  nextOccurrence,
  type Occurrence,
  type WeeklySchedule,
  zonedInstant,
} from './domain/due.js';
export { formatAgo, formatEvery, formatMinutes, formatWorkMinutes } from './domain/duration.js';
export { exampleDeadline, exampleMonth, exampleTargets } from './domain/examples.js';
export {
  type BacklogIssue,
  bugLabelsAmong,
  type ClosedPullRequest,
  type ConnectInput,
  DEFAULT_BUG_LABELS,
  DEFAULT_SEVERITY_LABELS,
  DEFAULT_UPKEEP_LABELS,
  type GitHubChat,
  type GitHubMilestone,
  type GitHubRepoLink,
  type GoneIssue,
  parseRepoName,
  readsBugSpellings,
} from './domain/github.js';
export type { FeedbackNote, Goal, Lesson, MetricSource, Observation } from './domain/goal.js';
export { lazyBuiltin, nodeCrypto } from './domain/lazy-builtin.js';
export { type LearningConfig, MAX_LEASE_MINUTES } from './domain/learning-config.js';
export type { Logger } from './domain/logger.js';
export { silentLogger } from './domain/logger.js';
export {
  type BillingInterval,
  type Discount,
  type MonthMrr,
  mrrByCurrency,
  mrrByMonth,
  type PriceLine,
  type SubscriptionHistory,
  type SubscriptionState,
} from './domain/mrr.js';
export type { Outcome, PairStats } from './domain/outcome.js';
export { everFailed, type InvoicePayment, type InvoiceStatus } from './domain/payment-failure.js';
export type { Playbook, PlaybookInput, SignalKind } from './domain/playbook.js';
export { SIGNAL_KINDS, TEMPLATE_VARIABLES } from './domain/playbook.js';
export type {
  Bug,
  Feature,
  ItemSource,
  MrrMovements,
  Project,
  RevenueRecord,
  StrandedProject,
} from './domain/project.js';
export { FEATURE_SIZE_HOURS, MOST_FEATURE_UNITS, teamPriorityOf } from './domain/project.js';
export type { RemindAfter } from './domain/remind-after.js';
export type {
  DecisionTally,
  DigestHeaderView,
  DigestLayout,
  HomeChart,
  HomeView,
  Platform,
  ProgressView,
  ReasonForm,
  Reply,
  TaskButton,
  TaskCardView,
  View,
} from './domain/reply.js';
export {
  actionForReaction,
  PLATFORMS,
  PROGRESS_STATUS_WORDS,
  progressBar,
  reactionHint,
  reply,
  TASK_BUTTONS,
} from './domain/reply.js';
export { besideClause, countsFromClause, sameAsBefore } from './domain/revenue-period.js';
export { ROLES, type Role } from './domain/role.js';
export type {
  BacklogRef,
  EventSource,
  Rejection,
  RejectionHold,
  ShownValue,
  Task,
  TaskCategory,
  TaskEvent,
  TaskFacts,
  TaskStatus,
  TaskSummary,
  ValueChange,
} from './domain/task.js';
export {
  type AffectsSuggested,
  affectsText,
  blockedText,
  doneText,
  EVENT_SOURCES,
  type FailedBackBy,
  failedBackText,
  holdText,
  issueLeftOpenText,
  itemSourceText,
  leftOpenText,
  momentText,
  moveText,
  OPEN_STATUSES,
  reasoningNow,
  rejectionText,
  splitText,
  TASK_CATEGORIES,
  TASK_STATUSES,
  titleInList,
  type WaitsSuggested,
  waitsText,
} from './domain/task.js';
export { TASK_ACTION_NAMES, TASK_ACTIONS, type TaskAction } from './domain/task-lifecycle.js';
export { clipToWidth, columnWidths, displayWidth, padToWidth } from './domain/text-width.js';
export {
  accepts,
  clipForMessage,
  INSTANT_FORM,
  isInstant,
  isOneCleanLine,
  lazySchema,
  MAX_ESTIMATE_HOURS,
  MIN_ESTIMATE_HOURS,
  measure,
  numberInText,
  ownKeysOnly,
  positiveInt,
  reasonText,
  shown,
  validate,
  withoutControlCharacters,
  zoneMissing,
} from './domain/validate.js';
export type { MonthKey, Vision, VisionField } from './domain/vision.js';
export { VISION_FIELDS } from './domain/vision.js';
export { type ApiToken, WEBHOOK_EVENTS, type Webhook, type WebhookEvent } from './domain/webhook.js';
export { isPrivateAddress, webhookTargetProblem } from './domain/webhook-target.js';
export { formatDays, parseDays } from './domain/week-days.js';
export { listed, listedFirst } from './domain/word-list.js';
export {
  bindsText,
  churnSaid,
  paceOverText,
  reachedText,
  subscriptionsSaid,
} from './engine/analyse-revenue.js';
export { SEVERITY_AT_RISK, TEAM_PRIORITY_WEIGHT } from './engine/BacklogItem.js';
export type { BatchPlan, CandidateTask } from './engine/batch-plan.js';
export {
  formatCents,
  formatCount,
  formatDollars,
  formatMonths,
  formatNumber,
  formatRate,
  formatScore,
  formatShare,
  formatUsd,
  possessive,
} from './engine/format.js';
export { goalUnitSuffix } from './engine/goal-value.js';
export type { RevenueState, WorkspaceState } from './engine/workspace-state.js';
export { growthApartText } from './engine/workspace-state.js';
export {
  asGoalpostError,
  ChatRefusedError,
  ConfigError,
  ConflictError,
  DatabaseError,
  ERRORS,
  type ErrorCode,
  type ErrorKind,
  errorDetails,
  errorKind,
  ForbiddenError,
  GoalpostError,
  isShown,
  KeyReusedError,
  MigrationError,
  NotFoundError,
  ServiceError,
  UserError,
  userMessage,
  ValidationError,
} from './errors.js';
export { createGoalpost } from './facade-parts.js';
export type { AdjustRecommendation } from './feedback/adjust.js';
export type { GoalAnalytics, GoalStatus } from './feedback/analyse-goal.js';
export {
  archivedReadingText,
  goalFigure,
  goalStatusText,
  judgedOnText,
  typedOutlierText,
} from './feedback/analyse-goal.js';
export * from './feedback/loop/index.js';
export type { GoalSuggestion } from './feedback/suggest-next.js';
export { type GenerateInput, type HeavyJobs, inlineJobs } from './jobs/heavy-jobs.js';
export type {
  ComparedPolicy,
  Evaluation,
  RouteDecision,
  RoutingPolicy,
  SimulationResult,
} from './learning/types.js';
export {
  type OpenedGoalpost,
  type OpenGoalpostOptions,
  openGoalpost,
  openGoalpostWith,
} from './open-goalpost.js';
export { packageRoot, packageVersion } from './paths.js';
export {
  DEFAULT_MAINTENANCE,
  type GoalStatusChange,
  MAINTENANCE_JOBS,
  type MaintenanceJob,
  type MaintenanceResult,
} from './scheduler/maintenance.js';
export type { Assignee } from './store/assignee-repository.js';
export type { DatabaseHealth } from './store/create-store.js';
export type { Prerequisite } from './store/dependency-repository.js';
export {
  OUTPUT_CUT,
  RUN_OUTPUT_LIMIT,
  type RunResult as TaskRunResult,
  type TaskRun,
} from './store/run-repository.js';
export type { DigestRun, Subscription, SubscriptionKind } from './store/subscription-repository.js';
export { takes } from './use-cases/assignee-scope.js';
export {
  type AssigneeChange,
  type AssigneeRemoval,
  type AssigneeUpdate,
  handOn,
  worksOn,
} from './use-cases/assignees.js';
export type { BugAffectsChange } from './use-cases/bug-affects.js';
export type { PriorityChange } from './use-cases/feature-priority.js';
export { type BatchTask, type GenerateResult, generateOptions } from './use-cases/generate.js';
export type { IssueDependency } from './use-cases/github-blockers.js';
export type {
  ConnectingLink,
  ConnectPlan,
  RepoLinkView,
  VerifiedRepo,
} from './use-cases/github-connect.js';
export type { SyncCounts } from './use-cases/github-issues.js';
export type { SyncChanges, SyncCursor } from './use-cases/github-sync.js';
export type { PullRequestOutcome } from './use-cases/github-tasks.js';
export type { GoalChange } from './use-cases/goals.js';
export { goalChangeInput, goalInput, observationInput } from './use-cases/goals.js';
export type {
  BugSeverityChange,
  EstimateChange,
  FeatureDrop,
  FeatureKindChange,
  GoalLinkChange,
  ItemStatusChange,
  PrerequisiteChange,
} from './use-cases/item-status.js';
export type { LearnResult, RouteAnswer, RoutingRow } from './use-cases/learning.js';
export type { RoleEntry } from './use-cases/members.js';
export type { AddedMetricSource, MetricSourceView, PushResult } from './use-cases/metric-sources.js';
export { bugInput, featureInput, type ProjectUpdate, projectInput } from './use-cases/projects.js';
export type { ClaimRef, ClaimResult, FinishResult, QueueView, RunReport } from './use-cases/queue.js';
export {
  DEPENDENCY_RELEASED,
  DEPENDENCY_RESTORED,
  type ReleasedDependent,
} from './use-cases/release-dependents.js';
export type {
  FeedbackReport,
  GoalSeries,
  MonthInProgress,
  ReportCharts,
  RevenueSeries,
} from './use-cases/report.js';
export { ROUTED } from './use-cases/route-batch.js';
export type {
  StripeAccountView,
  StripeConnectInput,
  StripeConnectPlan,
  VerifiedStripeAccount,
} from './use-cases/stripe-accounts.js';
export { type AccountSync, type BilledProjectMonth, keyMode } from './use-cases/stripe-months.js';
export type { AccountRead, InvoicesWanted } from './use-cases/stripe-sync.js';
export type { NextRun, SavedSubscription, SubscriptionInfo, ZoneSource } from './use-cases/subscriptions.js';
export { outcomeInput, type RetryResult, type TransitionResult, taskListInput } from './use-cases/tasks.js';
export type { CreatedToken, TokenIdentity } from './use-cases/tokens.js';
export { describeValueChange, REVALUED } from './use-cases/value-change.js';
export { type SavedVision, visionFields } from './use-cases/vision.js';
export type { BlockedTask } from './use-cases/waiting.js';
export type { AddedWebhook } from './use-cases/webhooks.js';
export {
  bugAddedText,
  featureAddedText,
  featureDropText,
  priorityText,
  projectAddedText,
  severityText,
  withdrawnLines,
} from './views/backlog-replies.js';
export { goalValueText, impactInList, impactText } from './views/cards.js';
export { type ChartView, goalChart, reportCharts, revenueChart } from './views/charts.js';
export { digestReply, reportReply } from './views/digest.js';
export { GITHUB_REPO_COLUMNS, githubRepoRow } from './views/github-repos.js';
export { homeView } from './views/home.js';
export { parseMention } from './views/mention.js';
export { reportMarkdown } from './views/report-markdown.js';
export { CHARTS_HEADING, chartLine, sparkline } from './views/sparkline.js';
export {
  alreadyOpen,
  alreadyRetried,
  awaitingOldVision,
  batchSentence,
  channelText,
  copiedSentence,
  decisionsSentence,
  digestLayoutCell,
  digestLayoutWords,
  droppedSentence,
  HELD_BEFORE,
  HELD_WAITING,
  learnedSentence,
  noGoalsText,
  retriedTo,
  strandedSentences,
  type VisionFact,
  visionFacts,
} from './views/words.js';
export {
  CHAT_WATCH_CURSOR,
  type ChatWatch,
  type ChatWatchOptions,
  createChatWatch,
  describeEvent,
} from './watch/chat-watch.js';
export {
  createWebhookDeliverer,
  type DeliveryCounts,
  type WebhookDeliverer,
  type WebhookDelivererOptions,
} from './webhooks/create-webhook-deliverer.js';
export { createWebhookPost, type PostLike } from './webhooks/post-webhook.js';
export { signWebhook, verifyWebhookSignature } from './webhooks/sign-webhook.js';
