import type { DecisionMemory, DoneWork, TaskHistory } from '../domain/history.js';
import type { Playbook, SignalKind } from '../domain/playbook.js';
import type {
  Bug,
  BugStats,
  FeatureStats,
  OpenFeature,
  Project,
  RevenueRecord,
  StrandedProject,
} from '../domain/project.js';
import type { BacklogRef, Task, TaskCategory, TaskFacts } from '../domain/task.js';
import type { MonthKey, Vision } from '../domain/vision.js';

/** Everything the engine reads, loaded by the store in one go. The engine itself does no I/O. */
export interface EngineInput {
  /** Injected "now" (ISO string); the only notion of time the engine has. */
  now: string;
  vision: Vision;
  projects: Project[];
  /** Every feature; or, when `featureStats` is given, at least the open ones (planned, in progress). */
  features: OpenFeature[];
  /** Per project: its features counted and their latest change (computed from `features` when absent). */
  featureStats?: ReadonlyMap<number, FeatureStats>;
  /** Every bug; or, when `bugStats` is given, at least the open ones. */
  bugs: Bug[];
  /** Per project: its bugs counted (computed from `bugs` when absent). */
  bugStats?: ReadonlyMap<number, BugStats>;
  revenue: RevenueRecord[];
  playbooks: Playbook[];
  /** Open tasks (proposed, approved, in progress): dedup targets and dependency anchors. */
  openTasks: Task[];
  /** Active product goals with their analytics; an off-track or at-risk one is a signal. */
  goals?: GoalSignalInput[];
  /** Tasks closed in the recent past, summarised: confidence, recency, the team's latest decisions. */
  history: TaskHistory;
  /** Done and rejected work, by what it is: never proposed again, or not within the cooldown. */
  memory?: DecisionMemory;
  /** Done tasks and features of projects: a playbook's proposal that repeats one is held back. */
  doneWork?: DoneWork[];
  /** Failed payments on projects' subscriptions (Stripe) of the last weeks: a spike is a signal. */
  paymentFailures?: PaymentFailureInput[];
}

/**
 * A workspace as planning reads it when its backlog is too large to hold at once: its features and
 * bugs counted per project, their rows read a range of projects at a time (see BacklogSource).
 */
export type WorkspaceInput = Omit<
  EngineInput,
  'features' | 'bugs' | 'featureStats' | 'bugStats' | 'memory' | 'doneWork'
> & {
  featureStats: ReadonlyMap<number, FeatureStats>;
  bugStats: ReadonlyMap<number, BugStats>;
};

/** What analysing a workspace reads: an EngineInput, or a WorkspaceInput (its items only counted). */
export type StateInput = Omit<EngineInput, 'features' | 'bugs'> &
  Partial<Pick<EngineInput, 'features' | 'bugs'>>;

/** Where planning reads the backlog, a range of projects at a time, and the memory of decided work. */
export interface BacklogSource {
  /** How many projects to read at a time: a large workspace's backlog is most of its data. */
  projectsPerRead: number;
  /** The open features and open bugs (at least) of the projects whose ids are from `from` to `to`. */
  read(from: number, to: number): { features: OpenFeature[]; bugs: Bug[] };
  /** The done, rejected and failed tasks of these pieces of work (memory keys). */
  memory(keys: readonly string[]): DecisionMemory;
  /** The done tasks and done features of these projects (see DoneWork). */
  doneWork(projectIds: readonly number[]): DoneWork[];
}

/**
 * A failed invoice payment on a project's subscription, as the engine reads it: one per invoice and
 * project (an invoice billing two projects' products is a failure on each).
 */
export interface PaymentFailureInput {
  projectId: number;
  invoice: string;
  subscription: string;
  customer: string;
  /** The invoice's currency. */
  currency: string;
  /** The account's currency, whose MRR the revenue milestone counts: MRR in others is not dollars. */
  accountCurrency: string;
  /** When a payment on it first failed. */
  failedAt: string;
  /** When it was paid after all, voided or written off; null while it is unpaid. */
  settledAt: string | null;
  /**
   * What the subscription's part on this project adds to MRR now (major units of `currency`): 0 once
   * it left MRR (canceled, or unpaid after Stripe's last retry).
   */
  mrr: number;
}

/** What the engine needs to know of a goal from the feedback loop. */
export interface GoalSignalInput {
  goalId: number;
  metric: string;
  target: number;
  unit: string;
  direction: 'up' | 'down';
  baseline: number | null;
  current: number | null;
  deadline: string;
  status: 'achieved' | 'on_track' | 'at_risk' | 'off_track' | 'no_data';
  /** What is left to reach the target, in the goal's direction. */
  gap: number | null;
  /** Dollars a month per unit of the metric, when the team set it. */
  valuePerUnit: number | null;
  /** Worth relative to the revenue milestone, when the team set it. */
  weight: number | null;
  /** One sentence with the goal's numbers (current, momentum, forecast). */
  why: string;
}

export interface RevenueMilestone {
  month: MonthKey;
  target: number;
}

/** One revenue source (a project, or the workspace as a whole) as it stands now. */
export interface RevenueSource {
  projectId: number | null;
  /** Its latest complete period. */
  record: RevenueRecord;
  /** That period's revenue as monthly revenue. */
  mrr: number;
  /** True when the period is not a calendar month and its revenue was converted to a month. */
  scaled: boolean;
  /** The period before, as monthly revenue; null when there is none. */
  previousMrr: number | null;
  subscriptions: number;
  /** Churn over the latest period; null when unknown. */
  churn: number | null;
  previousChurn: number | null;
  /** False when the latest period ended more than two periods ago: it no longer tells "now". */
  current: boolean;
}

export interface RevenueState {
  /** Monthly recurring revenue now: the sum over current sources. */
  current: number;
  /** Month-over-month change of `current` from each source's previous period; null without history. */
  monthlyGrowth: number | null;
  subscriptions: number;
  /** The first milestone due this month or later; the last one when all are past; null when none. */
  milestone: RevenueMilestone | null;
  gap: number;
  /** 0–1 (can exceed 1 when the target is beaten). */
  pctOfTarget: number | null;
  monthsLeft: number | null;
  /** Dollars of monthly revenue to add per month to reach the milestone on time. */
  requiredPace: number | null;
  /** Revenue projected at the milestone with the current growth. */
  projectedAtMilestone: number | null;
  onTrack: boolean | null;
  /** Churn now, weighted by each source's revenue, over the sources that measured it; null when none did. */
  churn: number | null;
  /** The sources counted in `current`. */
  sources: RevenueSource[];
  /** Sources whose latest record is too old to count as now. */
  stale: RevenueSource[];
}

export interface ProjectState {
  project: Project;
  featuresTotal: number;
  featuresDone: number;
  /** featuresDone / featuresTotal, or null when no features are tracked. */
  completion: number | null;
  openBugs: Record<Bug['severity'], number>;
  /** Open critical bugs: they block the project. */
  blockers: Bug[];
  nearCompletion: boolean;
  /** Days since anything on the project (feature, bug, task) changed. */
  idleDays: number;
  stale: boolean;
  /** Current monthly revenue (0 without a current record). */
  monthlyRevenue: number;
  /** The project's current revenue source, when it has one. */
  revenue: RevenueSource | null;
}

export interface WorkspaceState {
  now: string;
  revenue: RevenueState;
  projects: ProjectState[];
  /** The vision's focus areas, in its order. */
  focusAreas: string[];
  /** Focus areas with no open task and no task closed in the recent window. */
  neglectedFocusAreas: string[];
  /** Projects on focus areas the vision no longer has (it dropped them since they were set). */
  strandedProjects: StrandedProject[];
  /** Human sentences: what stands out (near-complete projects, unpaid revenue-bearing ones). */
  opportunities: string[];
}

/** Dollars a month at stake behind some work, and where the figure comes from. */
export interface Stake {
  /** Identity within one run: tasks claiming one stake share it, never claiming more than it. */
  key: string;
  usd: number;
  /** What the dollars are, e.g. "the $457/month Basic EDU Apps earns". */
  label: string;
  /** Revenue (counts as revenue impact) or a goal's value in dollars (counts in the score only). */
  kind: 'revenue' | 'goal';
}

/** Something in the state that calls for work; playbooks turn unserved signals into tasks. */
export interface Signal {
  kind: SignalKind;
  /** Stable identity, e.g. `blocker:bug:12`. */
  key: string;
  projectId: number | null;
  focusArea: string | null;
  /** What playbook tasks for this signal claim a share of; null when no dollars are at stake. */
  stake: Stake | null;
  /** 0–1: how pressing (critical bug = 1). */
  urgency: number;
  /**
   * Tells apart several signals of one kind on one project (a bug id, a focus area); becomes the
   * `#subject` suffix of candidate keys.
   */
  subject?: string;
  /** The goal behind a goal_off_track signal. */
  goalId?: number;
  /** The goal's status, for a goal_off_track signal. */
  goalStatus?: string;
  /** Template variables: project, bug, focus, gap, target, month, remaining, completion, … */
  params: Record<string, string>;
  /** One reasoning line stating the facts, with numbers. */
  fact: string;
}

/** A draft's claim on a stake: `weight` of it, shrunk when the claims on one stake exceed it. */
export interface Claim {
  stake: Stake;
  weight: number;
  /** Why this share, e.g. "a critical bug puts half of it at risk". */
  why: string;
}

/** A claim after every claim on its stake is known: the dollars it gets. */
export interface Allocation extends Claim {
  usd: number;
  /** The sum of the weights claiming this stake, when above 1 (the shares were scaled down). */
  crowded: number | null;
}

/** What the score is made of, kept to explain it. */
export interface ScoreTerms {
  revenue: Allocation[];
  goalValue: Allocation[];
  confidence: number;
  /** Finished tasks the confidence comes from, and what they were. */
  evidence: { done: number; failed: number; basis: string };
  alignment: number;
  alignmentLine: string;
  strategic: number;
  urgency: number;
  urgencyWhy: string[];
  effortNote: string;
  weight: number;
  /** Score multiplier for a category the team keeps rejecting, with its record. */
  damp: number;
  rejections: { rejected: number; decided: number } | null;
  /** The task's own score (a prerequisite's `score` may be raised to what it unblocks). */
  score: number;
}

/** A task the engine proposes, before or after it is persisted. */
export interface CandidateTask {
  /** Stable id within one run, e.g. `feature:12` or `pay.stripe@4`. */
  key: string;
  title: string;
  category: TaskCategory;
  projectId: number | null;
  projectName: string | null;
  playbookKey: string | null;
  /** The signal a playbook task answers, or `backlog` for a task made from the team's backlog. */
  signal: SignalKind | 'backlog';
  /** What the task is about (a bug, a feature, a focus area); candidates about different subjects never dedup. */
  subject: string | null;
  /** The feature or bug the task was made from. */
  item: BacklogRef | null;
  /** What the work is, however its title's numbers change: done and rejected work is remembered by it. */
  memoryKey: string;
  /** The goal the task serves, for an off-track goal's task. */
  goalId: number | null;
  focusArea: string | null;
  revenueImpact: number;
  alignment: number;
  confidence: number;
  effortHours: number;
  score: number;
  priority: number;
  /**
   * Where it stands in line: 0 a critical bug (first), 1 real work, 2 medium bugs (when nothing
   * better serves the goals), 3 generic planning (never ahead of real work).
   */
  tier: number;
  reasoning: string[];
  /** Keys of candidates in this batch, or refs of open tasks, that must be done first. */
  dependsOn: string[];
  assignee: string | null;
  fingerprint: string;
  facts: TaskFacts;
}

export interface SkippedCandidate {
  title: string;
  /** Title of the kept candidate, or ref of the task, it duplicates or repeats. */
  duplicateOf: string;
  similarity: number;
  /** A duplicate of open or batch work, or work the team already did or rejected. */
  reason: 'duplicate' | 'done' | 'rejected';
  /** For done and rejected work: when, and why it is not back. */
  note?: string;
}

/** A candidate that made it past dedup and memory but not into the batch: the cap left no room. */
export interface CutCandidate {
  title: string;
  score: number;
}

export interface BatchPlan {
  generated: number;
  /** After dedup and memory, before the cap. */
  unique: number;
  skipped: SkippedCandidate[];
  /** The unique candidates the cap left out, best first: `unique` = `tasks` + these. */
  cutByCap: CutCandidate[];
  /** Dependency cycles found among candidates, each as the titles involved. */
  cycles: string[][];
  /** In execution order, capped. */
  tasks: CandidateTask[];
  revenueImpact: number;
  /** The analysed state the plan came from (for digest headers and `--json`). */
  state?: WorkspaceState;
}

export interface EngineOptions {
  maxTasks: number;
  /** Multipliers per category (default: revenue 1.2 … research 0.8). */
  categoryWeights?: Partial<Record<TaskCategory, number>>;
  /** A project idle this many days is stale (default 14). */
  staleAfterDays?: number;
  /** Completion at or above which a project is near completion (default 0.8). */
  nearCompletionAt?: number;
  /** Jaccard similarity at or above which two titles are duplicates (default 0.75). */
  duplicateThreshold?: number;
  /** Days a rejected task stays away unless its facts change (default 30). */
  rejectCooldownDays?: number;
}
