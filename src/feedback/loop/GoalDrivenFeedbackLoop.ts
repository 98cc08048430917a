import { type Clock, systemClock } from '../../domain/clock.js';
import { ValidationError } from '../../errors.js';
import { analyseTimeline } from './analyse-timeline.js';
import { checkActions, checkGoalState, numericTargets } from './check-input.js';
import { checkLoopName, checkMonotonic, checkRetention } from './check-options.js';
import { InMemoryGoalStateTracker } from './InMemoryGoalStateTracker.js';
import { latestValues } from './latest-values.js';
import { sameJson } from './same-json.js';
import type {
  Action,
  Direction,
  GoalFeedbackStrategy,
  GoalState,
  GoalStateBasis,
  GoalStateStore,
  MetricAnalysis,
  Retention,
  Suggestion,
  TrackerRevision,
} from './types.js';

export interface GoalDrivenFeedbackLoopOptions {
  /** Targets to pursue; stored through the tracker when they differ from what it holds. */
  goalState?: GoalState;
  /** Where state and timeline live; an `InMemoryGoalStateTracker` named `name` when absent. */
  tracker?: GoalStateStore;
  /** The loop's name (default `default`); must match the tracker's when both are given. */
  name?: string;
  /** Timeline kept after each call: the newest `maxEntries`, nothing older than `maxAgeDays`. */
  retention?: Retention;
  /** Keys that only ever move one way: a suggestion never goes below (`up`) or above (`down`) the latest value. */
  monotonic?: Record<string, Direction>;
  clock?: Clock;
}

/**
 * Nudges new actions toward a goal state with a strategy, keeping the timeline (and the goal
 * state) in a tracker so repeated calls build on what came before. Suggestions carry the analysis
 * of every numeric goal key over the timeline, the actions just submitted included.
 */
export class GoalDrivenFeedbackLoop {
  readonly strategy: GoalFeedbackStrategy;
  readonly #tracker: GoalStateStore;
  readonly #retention: Retention;
  readonly #monotonic: Record<string, Direction>;
  readonly #clock: Clock;
  #basis: GoalStateBasis;
  #lastAnalysis: Record<string, MetricAnalysis> | null = null;

  /** @throws ValidationError for a bad goal state, name, retention or monotonic option. */
  constructor(strategy: GoalFeedbackStrategy, options: GoalDrivenFeedbackLoopOptions = {}) {
    this.strategy = strategy;
    this.#clock = options.clock ?? systemClock;
    this.#retention = checkRetention(options.retention);
    this.#monotonic = checkMonotonic(options.monotonic);
    const name = options.name === undefined ? undefined : checkLoopName(options.name);
    if (options.tracker !== undefined && name !== undefined && name !== options.tracker.name) {
      throw new ValidationError(
        `name: "${name}" differs from the tracker's "${options.tracker.name}"`,
        'name',
      );
    }
    const tracker = options.tracker ?? new InMemoryGoalStateTracker(name ?? 'default', this.#clock);
    const wanted = options.goalState === undefined ? undefined : checkGoalState(options.goalState);
    this.#tracker = tracker;
    this.#basis = tracker.transaction(() => {
      const stored = tracker.loadGoalState();
      return wanted === undefined || sameJson(stored.goalState, wanted)
        ? stored
        : tracker.saveGoalState(wanted);
    });
  }

  get name(): string {
    return this.#tracker.name;
  }

  /** A copy of the current goal state (as stored; another writer's change shows here). */
  get goalState(): GoalState {
    this.#basis = this.#tracker.loadGoalState();
    return this.#basis.goalState;
  }

  /**
   * Stores a new goal state and bumps the version. Keys this loop did not change since it last
   * read the state keep any value another writer gave them meanwhile.
   * @throws ValidationError when it is not an object or holds NaN or an infinite number.
   */
  set goalState(state: GoalState) {
    this.#basis = this.#tracker.saveGoalState(checkGoalState(state), this.#basis);
  }

  /** The goal state's version: bumped by every save. */
  get version(): number {
    return this.#tracker.loadGoalState().version;
  }

  /** A copy of the stored timeline, oldest first. */
  get history(): Action[] {
    return this.#tracker.load().history;
  }

  /** The analysis of the last `suggestActions` or `reviewLatest` call; null before the first. */
  get lastAnalysis(): Record<string, MetricAnalysis> | null {
    return this.#lastAnalysis === null ? null : structuredClone(this.#lastAnalysis);
  }

  /** A fingerprint that changes whenever the goal state or the timeline does. */
  revision(): TrackerRevision {
    return this.#tracker.revision();
  }

  /**
   * One suggestion per new action. An empty `history` means "use the stored timeline"; a non-empty
   * one is the whole timeline and replaces the stored one. The new actions (dated now when they
   * have no `at`) are then appended, retention is applied, and the analysis is computed over the
   * timeline as kept. All of it happens in one transaction: on an error nothing is stored.
   * @throws ValidationError when there is nothing to analyse, or a value under a numeric goal key
   *   is not a finite number (the message names the key and the entry).
   */
  suggestActions(history: readonly Action[], newActions: readonly Action[]): Suggestion[] {
    const now = this.#clock.now();
    return this.#tracker.transaction(() => {
      const stored = this.#tracker.load();
      this.#basis = { goalState: stored.goalState, version: stored.version };
      const targets = numericTargets(stored.goalState);
      const given = checkActions(history, targets, 'history entry');
      const fresh = checkActions(newActions, targets, 'new action').map((a) =>
        a.at === undefined ? { ...a, at: now.toISOString() } : a,
      );
      const before = given.length > 0 ? given : stored.history;
      if (before.length === 0 && fresh.length === 0) {
        throw new ValidationError(
          'nothing to analyse: pass a history or new actions (no timeline is stored yet)',
          'history',
        );
      }
      if (given.length > 0) this.#tracker.replaceHistory(given);
      this.#tracker.append(fresh);
      this.#tracker.prune(this.#retention, now);
      const analysis = analyseTimeline(this.#tracker.load().history, targets);
      const latest = latestValues(before, fresh, this.#trackedKeys(targets));
      const suggestions = fresh.map((action, i) =>
        this.#suggest(action, stored.goalState, analysis, latest[i] ?? {}),
      );
      this.#lastAnalysis = analysis;
      return suggestions;
    });
  }

  /**
   * The suggestion for the latest stored action against the current goal state, without storing
   * anything (e.g. after the goal changed); empty when the timeline is.
   * @throws ValidationError when a stored value under a numeric goal key is not a finite number.
   */
  reviewLatest(): Suggestion[] {
    const stored = this.#tracker.load();
    this.#basis = { goalState: stored.goalState, version: stored.version };
    const last = stored.history.at(-1);
    if (last === undefined) return [];
    const targets = numericTargets(stored.goalState);
    const analysis = analyseTimeline(stored.history, targets);
    const [latest] = latestValues(stored.history.slice(0, -1), [last], this.#trackedKeys(targets));
    const suggestion = this.#suggest(last, stored.goalState, analysis, latest ?? {});
    this.#lastAnalysis = analysis;
    return [suggestion];
  }

  /**
   * Appends actions to the stored timeline (dated now when they have no `at`) and applies retention.
   * @throws ValidationError when a value under a numeric goal key is not a finite number.
   */
  extendHistory(actions: readonly Action[]): void {
    const now = this.#clock.now();
    this.#tracker.transaction(() => {
      const fresh = checkActions(actions, numericTargets(this.#tracker.loadGoalState().goalState), 'action');
      this.#tracker.append(fresh.map((a) => (a.at === undefined ? { ...a, at: now.toISOString() } : a)));
      this.#tracker.prune(this.#retention, now);
    });
  }

  /** Empties the stored timeline (the goal state stays). */
  resetHistory(): void {
    this.#tracker.replaceHistory([]);
  }

  #trackedKeys(targets: ReadonlyMap<string, number>): Set<string> {
    return new Set([...targets.keys(), ...Object.keys(this.#monotonic)]);
  }

  #suggest(
    action: Action,
    goalState: GoalState,
    analysis: Record<string, MetricAnalysis>,
    latest: Record<string, number>,
  ): Suggestion {
    const suggestion = this.strategy.suggest(
      structuredClone(action),
      structuredClone(goalState),
      structuredClone(analysis),
      {
        latest,
        monotonic: this.#monotonic,
      },
    );
    for (const [key, direction] of Object.entries(this.#monotonic)) {
      const floor = latest[key];
      const value = suggestion[key];
      if (floor === undefined || typeof value !== 'number') continue;
      if (direction === 'up' ? value < floor : value > floor) suggestion[key] = floor;
    }
    return { ...suggestion, analysis: structuredClone(analysis) };
  }
}
