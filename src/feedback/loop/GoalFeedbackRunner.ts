import { type Clock, systemClock } from '../../domain/clock.js';
import { type Logger, silentLogger } from '../../domain/logger.js';
import { systemTimers, type Timers } from '../../domain/timers.js';
import { ValidationError } from '../../errors.js';
import { shown } from './check-input.js';
import type { GoalDrivenFeedbackLoop } from './GoalDrivenFeedbackLoop.js';
import type { Action, Suggestion, TrackerRevision } from './types.js';

/** What the runner listens to on a bus: `actions` events carry new actions and trigger a run now. */
export interface ActionSource {
  subscribe(event: 'actions', handler: (actions: Action[]) => void): () => void;
}

export interface GoalFeedbackRunnerOptions {
  loop: Pick<GoalDrivenFeedbackLoop, 'suggestActions' | 'reviewLatest' | 'revision'>;
  fetchNewActions: () => Action[] | Promise<Action[]>;
  deliver: (suggestions: Suggestion[]) => void | Promise<void>;
  /** Milliseconds between polls while all is well. */
  intervalMs: number;
  /** Longest wait after repeated failures (default 5 minutes). */
  maxBackoffMs?: number;
  clock?: Clock;
  logger?: Logger;
  bus?: ActionSource;
  timers?: Timers;
}

/** How one run went. */
export type FeedbackRunResult =
  | { status: 'unchanged' }
  | { status: 'delivered'; suggestions: number }
  | { status: 'failed'; error: unknown; failures: number; retryInMs: number };

const DEFAULT_MAX_BACKOFF_MS = 5 * 60_000;

const sameRevision = (a: TrackerRevision, b: TrackerRevision) =>
  a.version === b.version && a.historyLength === b.historyLength && a.lastEntry === b.lastEntry;

/**
 * Runs a feedback loop in the background: polls `fetchNewActions` every `intervalMs` (or at once
 * when the bus publishes `actions`), and recomputes only when there are new actions or the loop's
 * goal state or timeline changed since the last run (then it re-suggests for the latest action).
 * On failure it waits intervalMs × 2^failures (capped at `maxBackoffMs`); a success resets that.
 * Actions that failed for a passing reason are retried; suggestions that failed to deliver are
 * delivered again with the next run. Runs never overlap.
 */
export class GoalFeedbackRunner {
  readonly #o: Required<Omit<GoalFeedbackRunnerOptions, 'bus'>> & Pick<GoalFeedbackRunnerOptions, 'bus'>;
  #started = false;
  #timer: unknown = null;
  #unsubscribe: (() => void) | null = null;
  #chain: Promise<unknown> = Promise.resolve();
  #queued: Action[] = [];
  #undelivered: Suggestion[] = [];
  #seen: TrackerRevision;
  #failures = 0;
  #lastRunAt: string | null = null;

  /** @throws ValidationError when `intervalMs` or `maxBackoffMs` is not a number > 0. */
  constructor(options: GoalFeedbackRunnerOptions) {
    for (const field of ['intervalMs', 'maxBackoffMs'] as const) {
      const value = options[field];
      if (field === 'maxBackoffMs' && value === undefined) continue;
      if (!(typeof value === 'number' && Number.isFinite(value) && value > 0)) {
        throw new ValidationError(`${field}: milliseconds > 0 like 5000 (got ${shown(value)})`, field);
      }
    }
    this.#o = {
      ...options,
      maxBackoffMs: options.maxBackoffMs ?? DEFAULT_MAX_BACKOFF_MS,
      clock: options.clock ?? systemClock,
      logger: options.logger ?? silentLogger,
      timers: options.timers ?? systemTimers,
    };
    this.#seen = options.loop.revision();
  }

  /** Whether it is started, how many runs in a row failed, and when it last ran. */
  get status(): { running: boolean; failures: number; nextDelayMs: number; lastRunAt: string | null } {
    return {
      running: this.#started,
      failures: this.#failures,
      nextDelayMs: this.#delay(),
      lastRunAt: this.#lastRunAt,
    };
  }

  /** Starts polling (first run right away) and listening to the bus; does nothing when started. */
  start(): void {
    if (this.#started) return;
    this.#started = true;
    this.#unsubscribe =
      this.#o.bus?.subscribe('actions', (actions) => {
        this.#queued.push(...actions);
        if (this.#started) this.#schedule(0);
      }) ?? null;
    this.#schedule(0);
  }

  /** Stops polling and listening, and waits for a run in progress to finish. `start` works again after. */
  async stop(): Promise<void> {
    this.#started = false;
    if (this.#timer !== null) this.#o.timers.clearTimeout(this.#timer);
    this.#timer = null;
    this.#unsubscribe?.();
    this.#unsubscribe = null;
    await this.#chain;
  }

  /** One run now (after any run in progress); never rejects. */
  runOnce(): Promise<FeedbackRunResult> {
    const run = this.#chain
      .then(() => this.#run())
      .catch((error: unknown): FeedbackRunResult => {
        // Only a throwing logger or clock gets here; count it like any failed run.
        this.#failures += 1;
        return { status: 'failed', error, failures: this.#failures, retryInMs: this.#delay() };
      });
    this.#chain = run;
    return run;
  }

  #schedule(ms: number): void {
    if (this.#timer !== null) this.#o.timers.clearTimeout(this.#timer);
    this.#timer = this.#o.timers.setTimeout(() => {
      this.#timer = null;
      void this.runOnce().then(() => {
        if (this.#started && this.#timer === null) this.#schedule(this.#delay());
      });
    }, ms);
  }

  #delay(): number {
    const { intervalMs, maxBackoffMs } = this.#o;
    return Math.min(intervalMs * 2 ** this.#failures, Math.max(intervalMs, maxBackoffMs));
  }

  async #run(): Promise<FeedbackRunResult> {
    let taken: Action[] = [];
    try {
      this.#lastRunAt = this.#o.clock.now().toISOString();
      const fetched = await this.#o.fetchNewActions();
      taken = [...this.#queued.splice(0), ...fetched];
      const revision = this.#o.loop.revision();
      const changed = !sameRevision(revision, this.#seen);
      if (taken.length === 0 && !changed && this.#undelivered.length === 0) {
        this.#failures = 0;
        return { status: 'unchanged' };
      }
      if (taken.length > 0 || changed) {
        const fresh = taken.length > 0 ? this.#o.loop.suggestActions([], taken) : this.#o.loop.reviewLatest();
        taken = [];
        this.#seen = this.#o.loop.revision();
        this.#undelivered.push(...fresh);
      }
      const batch = this.#undelivered.splice(0);
      try {
        if (batch.length > 0) await this.#o.deliver(batch);
      } catch (error) {
        this.#undelivered.unshift(...batch);
        throw error;
      }
      this.#failures = 0;
      return { status: 'delivered', suggestions: batch.length };
    } catch (error) {
      // Bad input never becomes good by retrying; anything else (a busy database) may.
      if (!(error instanceof ValidationError)) this.#queued.unshift(...taken);
      this.#failures += 1;
      const retryInMs = this.#delay();
      this.#o.logger.error(
        { err: error, failures: this.#failures, retryInMs, dropped: error instanceof ValidationError },
        'feedback runner run failed',
      );
      return { status: 'failed', error, failures: this.#failures, retryInMs };
    }
  }
}
