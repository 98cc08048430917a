import { type Clock, systemClock } from '../../domain/clock.js';
import { checkActions, checkGoalState, entryTime, jsonCopy } from './check-input.js';
import { checkLoopName, checkRetention, oldestKept } from './check-options.js';
import { mergeGoalState } from './merge-goal-state.js';
import type {
  Action,
  GoalState,
  GoalStateBasis,
  GoalStateStore,
  Retention,
  TrackerRevision,
  TrackerSnapshot,
} from './types.js';

interface Entry {
  seq: number;
  action: Action;
  at: string;
}

const NO_TARGETS: ReadonlyMap<string, number> = new Map();

/**
 * A `GoalStateStore` in process memory, for library users without a database: the same behaviour
 * as `GoalStateTracker` (JSON copies in and out, versions, retention), gone when the process ends.
 */
export class InMemoryGoalStateTracker implements GoalStateStore {
  readonly name: string;
  readonly #clock: Clock;
  #goalState: GoalState = {};
  #version = 0;
  #entries: Entry[] = [];
  #seq = 0;

  /** @throws ValidationError when `name` is not 1–128 characters. */
  constructor(name = 'default', clock: Clock = systemClock) {
    this.name = checkLoopName(name);
    this.#clock = clock;
  }

  load(): TrackerSnapshot {
    return { ...this.loadGoalState(), history: this.#entries.map((e) => jsonCopy(e.action, 'history')) };
  }

  loadGoalState(): GoalStateBasis {
    return { goalState: jsonCopy(this.#goalState, 'goalState'), version: this.#version };
  }

  revision(): TrackerRevision {
    const lastEntry = this.#entries.at(-1)?.seq ?? 0;
    return { version: this.#version, historyLength: this.#entries.length, lastEntry };
  }

  /** @throws ValidationError when `state` is not a plain object with finite numbers. */
  saveGoalState(state: GoalState, basis?: GoalStateBasis): GoalStateBasis {
    const next = checkGoalState(state);
    this.#goalState = mergeGoalState(this.#goalState, basis?.goalState, next);
    this.#version += 1;
    return this.loadGoalState();
  }

  /** @throws ValidationError for an action that is not a plain object or has an invalid `at`. */
  append(actions: readonly Action[]): void {
    this.#entries.push(...this.#toEntries(actions));
  }

  /** @throws ValidationError for an action that is not a plain object or has an invalid `at`. */
  replaceHistory(actions: readonly Action[]): void {
    this.#entries = this.#toEntries(actions);
  }

  /** @throws ValidationError for an invalid retention policy. */
  prune(retention: Retention, now: Date): number {
    const { maxEntries } = checkRetention(retention);
    const oldest = oldestKept(retention, now);
    const before = this.#entries.length;
    let kept = oldest === null ? this.#entries : this.#entries.filter((e) => e.at >= oldest);
    if (maxEntries !== undefined && kept.length > maxEntries) kept = kept.slice(-maxEntries);
    this.#entries = kept;
    return before - kept.length;
  }

  /** Runs `fn`; when it throws, the goal state and timeline go back to what they were. */
  transaction<T>(fn: () => T): T {
    const saved = { goalState: this.#goalState, version: this.#version, entries: [...this.#entries] };
    try {
      return fn();
    } catch (error) {
      this.#goalState = saved.goalState;
      this.#version = saved.version;
      this.#entries = saved.entries;
      throw error;
    }
  }

  #toEntries(actions: readonly Action[]): Entry[] {
    const now = this.#clock.now().toISOString();
    return checkActions(actions, NO_TARGETS, 'action').map((action, i) => {
      this.#seq += 1;
      const at = action.at === undefined ? now : entryTime(action.at, `action ${i + 1}`);
      return { seq: this.#seq, action, at };
    });
  }
}
