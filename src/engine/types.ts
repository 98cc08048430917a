import type { Playbook, SignalKind } from '../domain/playbook.js';
import type { Bug, Feature, Project, RevenueRecord } from '../domain/project.js';
import type { Task, TaskCategory } from '../domain/task.js';
import type { MonthKey, Vision } from '../domain/vision.js';
import type { TaskHistory } from './task-history.js';

/** Everything the engine reads, loaded by the store in one go. The engine itself does no I/O. */
export interface EngineInput {
  /** Injected "now" (ISO string); the only notion of time the engine has. */
  now: string;
  vision: Vision;
  projects: Project[];
  features: Feature[];
  bugs: Bug[];
  revenue: RevenueRecord[];
  playbooks: Playbook[];
  /** Open tasks (proposed, approved, in progress): dedup targets and dependency anchors. */
  openTasks: Task[];
  /** Active product goals with their analytics; an off-track or at-risk one is a signal. */
  goals?: GoalSignalInput[];
  /** Tasks closed in the recent past, summarised: confidence, recency, the team's latest decisions. */
  history: TaskHistory;
}

/** What the engine needs to know of a goal from the feedback loop. */
export interface GoalSignalInput {
  goalId: number;
  metric: string;
  target: number;
  unit: string;
  deadline: string;
  status: 'achieved' | 'on_track' | 'at_risk' | 'off_track' | 'no_data';
  /** What is left to reach the target, in the goal's direction. */
  gap: number | null;
  /** One sentence with the goal's numbers (current, momentum, forecast). */
  why: string;
}

export interface RevenueMilestone {
  month: MonthKey;
  target: number;
}

export interface RevenueState {
  /** Monthly recurring revenue now: each source's latest record, normalised to 30.44 days. */
  current: number;
  /** Month-over-month change of `current` from each source's previous record; null without history. */
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
  /** Latest churn rate against the previous one, across sources (null without two records). */
  churn: { latest: number; previous: number } | null;
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
  monthlyRevenue: number;
}

export interface WorkspaceState {
  now: string;
  revenue: RevenueState;
  projects: ProjectState[];
  /** Focus areas with no open task and no task closed in the recent window. */
  neglectedFocusAreas: string[];
  /** Human sentences: what stands out (near-complete projects, unpaid revenue-bearing ones). */
  opportunities: string[];
}

/** Something in the state that calls for work; playbooks turn signals into candidate tasks. */
export interface Signal {
  kind: SignalKind;
  /** Stable identity, e.g. `blocker:bug:12`. */
  key: string;
  projectId: number | null;
  focusArea: string | null;
  /** Dollars per month at stake. */
  valueUsd: number;
  /** 0–1: how pressing (critical bug = 1). */
  urgency: number;
  /**
   * Tells apart several signals of one kind on one project (a bug id, a focus area); becomes the
   * `#subject` suffix of candidate keys.
   */
  subject?: string;
  /** The goal behind a goal_off_track signal. */
  goalId?: number;
  /** Template variables: project, bug, focus, gap, target, month, remaining, completion. */
  params: Record<string, string>;
  /** One reasoning line stating the facts, with numbers. */
  fact: string;
}

/** A task the engine proposes, before or after it is persisted. */
export interface CandidateTask {
  /** Stable id within one run: `${playbookKey}@${projectId ?? '-'}`. */
  key: string;
  title: string;
  category: TaskCategory;
  projectId: number | null;
  projectName: string | null;
  playbookKey: string;
  signal: SignalKind;
  /** The signal's subject (bug id, focus area); candidates about different subjects never dedup. */
  subject: string | null;
  /** The goal the task serves, for an off-track goal's task. */
  goalId: number | null;
  focusArea: string | null;
  revenueImpact: number;
  alignment: number;
  confidence: number;
  effortHours: number;
  score: number;
  priority: number;
  reasoning: string[];
  /** Keys of candidates in this batch, or refs of open tasks, that must be done first. */
  dependsOn: string[];
  assignee: string | null;
  fingerprint: string;
}

export interface SkippedCandidate {
  title: string;
  /** Title of the kept candidate, or ref of the open task, it duplicates. */
  duplicateOf: string;
  similarity: number;
}

export interface BatchPlan {
  generated: number;
  /** After dedup, before the cap. */
  unique: number;
  skipped: SkippedCandidate[];
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
}
