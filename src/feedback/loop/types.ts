/** One action or observation in a feedback loop's timeline, e.g. `{ progress: 4, at: '2026-03-01T09:00:00.000Z' }`. */
export type Action = Record<string, unknown>;

/** Targets per metric: numeric values are goals (`{ progress: 10 }`); non-numeric keys are left alone. */
export type GoalState = Record<string, unknown>;

/** Which way a metric should move: `up` toward a larger number, `down` toward a smaller one. */
export type Direction = 'up' | 'down';

/** Where a metric is heading relative to its goal. */
export type Trend = 'toward_goal' | 'away_from_goal' | 'stable' | 'achieved';

/** The numbers behind a suggestion for one goal key, computed over the whole timeline. */
export interface MetricAnalysis {
  /** The target. */
  goal: number;
  /** The latest value in the timeline. */
  current: number;
  /** The first value in the timeline. */
  baseline: number;
  /** `up` when the target is ≥ the baseline, else `down`. */
  direction: Direction;
  /** Distance still to go in the goal direction: target − current for `up`, current − target for `down`; ≤ 0 once reached. */
  gap: number;
  trend: Trend;
  /** Least-squares slope of the last few values, per step (positive = rising). */
  momentum: number;
  /** How much of the way from baseline to target has been covered, 0–1. */
  progressRatio: number;
  /** One sentence with the numbers, for people. */
  why: string;
}

/** A new action with every numeric goal key nudged toward its target, and the analysis behind it. */
export type Suggestion = Action & { analysis: Record<string, MetricAnalysis> };

/** How much timeline to keep: the newest `maxEntries`, and nothing older than `maxAgeDays`. */
export interface Retention {
  maxEntries?: number;
  maxAgeDays?: number;
}

/** What a strategy is told besides the action, the goal state and the analysis. */
export interface StrategyOptions {
  /** Per numeric goal key (and monotonic key), the latest value as of this action: its own when it has one. */
  latest: Readonly<Record<string, number>>;
  /** Keys declared one-directional; the loop enforces them after the strategy too. */
  monotonic: Readonly<Record<string, Direction>>;
}

/** Turns one new action into a suggestion: the action with its numeric goal keys moved toward their targets. */
export interface GoalFeedbackStrategy {
  readonly name: string;
  suggest(
    action: Action,
    goalState: GoalState,
    analysis: Readonly<Record<string, MetricAnalysis>>,
    options: StrategyOptions,
  ): Action;
}

/** A goal state and the version it was read at. */
export interface GoalStateBasis {
  goalState: GoalState;
  version: number;
}

/** Everything a tracker holds for one loop. */
export interface TrackerSnapshot extends GoalStateBasis {
  /** The timeline, oldest first (submission order). */
  history: Action[];
}

/** A cheap fingerprint of a tracker's state: any change to the goal state or the timeline changes it. */
export interface TrackerRevision {
  version: number;
  historyLength: number;
  /** Sequence number of the newest timeline entry (0 when empty); grows on every append. */
  lastEntry: number;
}

/**
 * Where a loop keeps its goal state and timeline: `GoalStateTracker` (SQLite) or
 * `InMemoryGoalStateTracker`. Every method is atomic on its own; `transaction` groups several.
 */
export interface GoalStateStore {
  readonly name: string;
  load(): TrackerSnapshot;
  loadGoalState(): GoalStateBasis;
  revision(): TrackerRevision;
  /**
   * Stores a goal state and bumps the version. With `basis` (the state the caller edited), only the
   * keys the caller changed relative to it are written over the stored state, so concurrent edits
   * of different keys both survive; the same key edited twice: the last writer wins.
   */
  saveGoalState(state: GoalState, basis?: GoalStateBasis): GoalStateBasis;
  /** Adds actions at the end of the timeline; an action without `at` is dated now. */
  append(actions: readonly Action[]): void;
  /** Replaces the whole timeline. */
  replaceHistory(actions: readonly Action[]): void;
  /** Drops entries beyond `retention`; returns how many were dropped. */
  prune(retention: Retention, now: Date): number;
  /** Runs `fn` so that all of its writes land or none does. */
  transaction<T>(fn: () => T): T;
}
