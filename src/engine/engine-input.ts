// What planning reads: the workspace's records, where its backlog comes from, and the options.
import type { DecisionMemory, DoneWork, RejectedItem, TaskHistory } from '../domain/history.js';
import type { Playbook } from '../domain/playbook.js';
import type {
  Bug,
  BugStats,
  FeatureStats,
  OpenFeature,
  Project,
  RevenuePeriod,
  SharedSubscription,
  ShippedItem,
} from '../domain/project.js';
import type { Task, TaskCategory } from '../domain/task.js';
import type { Vision } from '../domain/vision.js';
import type { MovedNothing, Unmeasured } from './batch-plan.js';
import type { Room } from './room.js';

/**
 * Everything the engine reads, loaded by the store in one go. The engine itself does no I/O. `R`:
 * revenue records as read (see RevenueSource).
 */
export interface EngineInput<R extends RevenuePeriod = RevenuePeriod> {
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
  revenue: R[];
  /**
   * The Stripe subscriptions that feed more than one project in the months of the projects' latest
   * Stripe records: counted in each one's record, the workspace's total counts them once.
   */
  sharedSubscriptions?: readonly SharedSubscription[];
  /**
   * By project a connected Stripe account feeds, when its first paid subscription began billing
   * (ISO 8601): the day a launch billed by Stripe began, where its months say only the month (see
   * launchedBy). Absent, or a project absent, when no account says.
   */
  firstSales?: ReadonlyMap<number, string>;
  /**
   * The growth work of earning projects shipped lately (at least in the last SHIPPED_COUNTED_DAYS):
   * it keeps its part of the revenue gap until its revenue is recorded (see shippedAwaitingRevenue).
   * Computed from `features` and `bugs` when absent.
   */
  shipped?: readonly ShippedItem[];
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
export type WorkspaceInput<R extends RevenuePeriod = RevenuePeriod> = Omit<
  EngineInput<R>,
  'features' | 'bugs' | 'featureStats' | 'bugStats' | 'memory' | 'doneWork'
> & {
  featureStats: ReadonlyMap<number, FeatureStats>;
  bugStats: ReadonlyMap<number, BugStats>;
};

/** What analysing a workspace reads: an EngineInput, or a WorkspaceInput (its items only counted). */
export type StateInput<R extends RevenuePeriod = RevenuePeriod> = Omit<EngineInput<R>, 'features' | 'bugs'> &
  Partial<Pick<EngineInput<R>, 'features' | 'bugs'>>;

/**
 * What planning reads of a workspace once its state is analysed: not the rows only the analysis
 * reads (revenue, the feature and bug counts), which on 100,000 projects are some 55 MB that a
 * caller no longer holding them lets go while the backlog is planned.
 */
export type PlanInput = Omit<
  StateInput,
  'revenue' | 'sharedSubscriptions' | 'featureStats' | 'bugStats' | 'features' | 'bugs'
>;

/** Where planning reads the backlog, a range of projects at a time, and the memory of decided work. */
export interface BacklogSource {
  /** How many projects to read at a time: a large workspace's backlog is most of its data. */
  projectsPerRead: number;
  /** The open features and open bugs (at least) of the projects whose ids are from `from` to `to`. */
  read(from: number, to: number): { features: OpenFeature[]; bugs: Bug[] };
  /** The open features and open bugs (at least) of these projects (ids ascending). */
  readProjects(ids: readonly number[]): { features: OpenFeature[]; bugs: Bug[] };
  /**
   * The projects with a backlog item memory may hold back: one some task made from was done, or
   * rejected lately (a superset of those within the cooldown). Failures hold nothing back.
   */
  holdingProjects(): ReadonlySet<number>;
  /**
   * The projects with an open bug (but a low one) the team judged (`bug affects`): it claims less
   * of its product's share of the gap than its severity's, which its project's counts tell, so a
   * plan in parts reads these projects at once (see countedProjects).
   */
  judgedProjects(): ReadonlySet<number>;
  /**
   * The titles the open items of these projects get as drafts (see itemTitle), by project: what
   * tells, without reading the items whole, which may serve a signal by naming its words or
   * duplicate a playbook task.
   */
  itemTitles(projectIds: readonly number[]): ReadonlyMap<number, readonly string[]>;
  /** The done, rejected and failed tasks of these pieces of work (memory keys). */
  memory(keys: readonly string[]): DecisionMemory;
  /**
   * The memory keys of the playbook tasks rejected within memory's window (see DecisionMemory): a
   * few, read when a plan drafts a playbook's work, to say what the team said of the same work on
   * other products (see rejectedElsewhereOf).
   */
  rejectedPlaybookKeys(): readonly string[];
  /**
   * The backlog items whose tasks were rejected within memory's window: a few, read once a plan
   * recalls an item, to tell which products a reason put off whole (see productsPutOffOf).
   */
  rejectedItems(): readonly RejectedItem[];
  /** The done tasks and done features of these projects (see DoneWork). */
  doneWork(projectIds: readonly number[]): DoneWork[];
  /** The fixed bugs of these projects, newest first (see HistoryRepository.fixedBugs). */
  fixedBugs(projectIds: readonly number[]): DoneWork[];
  /**
   * Of these refs, those of failed tasks whose work is still to do (see HistoryRepository.failedWork):
   * what a reason's "until T-5 ships" still waits for once T-5 is closed.
   */
  failedWork(refs: readonly string[]): ReadonlySet<string>;
  /**
   * The least estimate of an open item (hours), or null when none is estimated: no item takes
   * fewer hours than it or its kind's default, which bounds what an item not read may score.
   */
  leastEstimate: number | null;
  /**
   * By project, the most the team's priority weighs an open feature of it, where that is above 1
   * (a feature marked critical or high: see TEAM_PRIORITY_WEIGHT). Every other project is absent:
   * what bounds what an item not read may score.
   */
  teamWeights: ReadonlyMap<number, number>;
  /**
   * The open growth items (features but upkeep, critical bugs) of the active revenue-bearing
   * projects whose GitHub milestone is due after the month `month` (YYYY-MM: the revenue
   * milestone's), their keys (see itemKey) by project id: they claim no part of its gap (see
   * ScheduledAfter and scheduledAfterMonth). Nearly every project is absent.
   */
  scheduledAfter(month: string): ReadonlyMap<number, ReadonlyMap<string, number>>;
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
  /**
   * Where its trend puts it at the deadline, as its analytics print it, once the trend rests on
   * the readings a goal needs before it is called on track; null or absent otherwise (then the
   * whole gap is work's to close: see goalStake).
   */
  forecast?: number | null;
  /**
   * Where its trend stands at its latest reading, when its line rests on enough readings to say
   * (see GoalAnalytics.forecastFrom), it has no forecast to count on, and that differs from what
   * the goal is judged on; null or absent otherwise. What work is counted to close is measured
   * from it (see goalStake): a noisy metric's good or bad week is no part of the gap.
   */
  standsAt?: number | null;
  /** Dollars a month per unit of the metric, when the team set it. */
  valuePerUnit: number | null;
  /** Worth relative to the revenue milestone, when the team set it. */
  weight: number | null;
  /** One sentence with the goal's numbers (current, momentum, forecast). */
  why: string;
  /**
   * The team's latest own work done for the goal: a done task linked to it that no playbook made
   * (a feature or bug linked with `feature goal`), or a growth feature done lately that works on
   * what it measures (see worksOnGoal: `linked` false), if any. The goal's playbooks wait while it
   * has had no time to show (see answeredGoal).
   */
  lastWork?: (DoneWork & { linked: boolean }) | null;
  /** When its latest value was observed (ISO 8601); null or absent when none was. */
  measuredAt?: string | null;
  /**
   * The team's own work linked to it done since it was last measured (within SHIPPED_COUNTED_DAYS),
   * in feature-sizes, with the tasks' refs: what closing it is counted on already, whose effect no
   * reading shows yet (see Signal.unmeasured). Absent when there is none.
   */
  unmeasured?: Unmeasured;
  /**
   * Its latest work (not research), once measured, read as having moved it nothing (see
   * GoalAnalytics.stalled); absent otherwise. Its experiment is a new question then (see recall).
   */
  stalled?: MovedNothing;
  /**
   * While its latest work is not `stalled`, when another is proposed, as a held note says it (see
   * GoalAnalytics.awaiting); absent otherwise.
   */
  awaiting?: string;
}

export interface EngineOptions {
  maxTasks: number;
  /**
   * The team's free slots, when fewer than `maxTasks`: work other than blockers (critical bugs,
   * work the team marked critical) enters the batch only while it holds fewer (see selectBatch).
   * A Room says whose they are too: then the rest enters only where someone with room takes it.
   */
  room?: number | Room;
  /**
   * The team's free slots for new work whatever the cap, where `room` is a number capped by it:
   * what a batch with no cap would fill (see BatchPlan.higherCap). Absent with no team.
   */
  freeSlots?: number;
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
