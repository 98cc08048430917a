import * as z from 'zod';
import { compareText } from '../domain/compare-text.js';
import type { Ctx } from '../domain/ctx.js';
import type { PairStats } from '../domain/outcome.js';
import { TASK_CATEGORIES, type TaskCategory } from '../domain/task.js';
import { lazySchema, oneOf, validate } from '../domain/validate.js';
import { NotFoundError } from '../errors.js';
import { type Evaluation, evaluateRouting } from '../learning/evaluate.js';
import { assertPriorStrength, pooledPriorMean, posteriorOf } from '../learning/posterior.js';
import { createRng } from '../learning/random.js';
import { chooseAssignee, isPressing } from '../learning/route.js';
import { type SimulationResult, simulateTeam } from '../learning/simulate.js';
import { DEFAULT_LEARNING_OPTIONS, type LearningOptions, type RouteDecision } from '../learning/types.js';
import { decayedAt } from '../learning/update-stats.js';
import { pairKey } from '../store/learning-repository.js';
import { takesKind } from './assignee-scope.js';
import { nowIso, type UseCaseDeps } from './deps.js';
import { nobodyTakes, poolForNoProject, routingCandidates } from './route-batch.js';

export interface RoutingRow {
  category: TaskCategory;
  assignee: string;
  expectedSuccess: number;
  successes: number;
  failures: number;
  /** Outcomes still weighing after decay. */
  evidence: number;
  medianMinutes: number | null;
  openTasks: number;
  capacity: number;
}

export interface LearnResult {
  outcomes: number;
  /** Outcomes that name nobody (a task done before anyone was assigned): routing cannot learn from them. */
  withoutAssignee: number;
  /** Of those, failures for a block outside the work, which name nobody on purpose (see TransitionResult.blocked). */
  blocked: number;
  pairs: number;
  /** True when the rebuilt statistics equal what was there before (incremental updates were exact). */
  unchanged: boolean;
  table: RoutingRow[];
}

export interface RouteAnswer {
  category: TaskCategory;
  policy: string;
  decision: RouteDecision | null;
  /** Why nobody would get it when that is not that everyone is busy (nobody takes its kind of work). */
  nobody?: string;
  /** Who was left out as away today, and until when (`ana is away until 2026-12-01`). */
  away: string[];
  /** Who was left out as taking other kinds of work only (see assignee set --category). */
  otherKinds: string[];
  table: RoutingRow[];
}

/** Medians read ahead of the table (see `table`): of the pairs `asked`, those with a timed success. */
interface KnownMedians {
  asked: ReadonlySet<string>;
  medians: Map<string, number>;
}

const categoryInput = lazySchema(() => z.object({ category: oneOf(TASK_CATEGORIES) }));

/**
 * From how many outcomes `learn` aggregates the statistics on a thread of its own while it reads the
 * log: the thread costs some 35 ms before it reads, about what aggregating 50,000 outcomes takes.
 * Counted first from the statistics as they stand (a sum over the pairs, well under a millisecond),
 * and only when they count fewer from the outcomes themselves (a scan of up to 50,000 index
 * entries, 6-9 ms before the thread could start): a log written without its statistics (imported,
 * or before its first learn) is long too.
 */
const AGGREGATE_ASIDE_FROM = 50_000;

/**
 * From how many outcomes, where the log's comparison reads only what was logged since the recorded
 * check (see readLog), so that this thread has little else to do meanwhile: the thread then only
 * shares the aggregate, and pays for its start from about 150,000 outcomes. Measured against
 * AGGREGATE_ASIDE_FROM, on the bench's logs (farm-bench, wall, 2026-11-26): ×0.94 the time without
 * the thread over 100,000 outcomes (20 pairs), ×1.11 over 200,000, ×1.33 over 400,000 (10 pairs
 * each), ×1.60 over 1,000,000 (5 pairs).
 */
const AGGREGATE_ASIDE_BESIDE_CHECK_FROM = 150_000;

/** Decayed counts that differ by less than this (relative) are the same number, summed in another order. */
const ROUNDING = 1e-9;
const near = (a: number, b: number): boolean =>
  Math.abs(a - b) <= ROUNDING * Math.max(1, Math.abs(a), Math.abs(b));

/**
 * Whether two sets of pair statistics say the same: counts, minutes and instants exactly, decayed
 * counts up to rounding (the live path folds outcomes one by one, a rebuild sums them at once).
 */
function sameStats(a: readonly PairStats[], b: readonly PairStats[]): boolean {
  return (
    a.length === b.length &&
    a.every((x, i) => {
      const y = b[i];
      return (
        y !== undefined &&
        x.category === y.category &&
        x.assignee === y.assignee &&
        x.successes === y.successes &&
        x.failures === y.failures &&
        x.minutesCount === y.minutesCount &&
        near(x.minutesSum, y.minutesSum) &&
        x.lastAt === y.lastAt &&
        x.decayAt === y.decayAt &&
        near(x.decayedSuccesses, y.decayedSuccesses) &&
        near(x.decayedFailures, y.decayedFailures)
      );
    })
  );
}

export function createLearningUseCases(deps: UseCaseDeps) {
  const { store } = deps;
  const options = (): LearningOptions => ({
    ...DEFAULT_LEARNING_OPTIONS,
    halfLifeDays: deps.learning.halfLifeDays,
  });

  // Their open work as routing counts it (proposals routed to them too), so the table's load is
  // the one a route's reasoning says ("2 of 3 slots in use").
  function candidates(ctx: Ctx) {
    const open = store.claims.openCountByAssignee(ctx.workspaceId, true);
    return store.assignees
      .list(ctx.workspaceId)
      .filter((a) => a.active)
      .map((a) => ({
        name: a.name,
        capacity: a.capacity,
        openTasks: open.get(a.name) ?? 0,
        categories: a.categories,
      }));
  }

  /**
   * The routing table (of one category, or every one). `known`: medians read earlier from
   * outcomes that are still as they were, of the pairs `asked`; used when they cover the table's.
   */
  function table(ctx: Ctx, category?: TaskCategory, known?: KnownMedians): RoutingRow[] {
    const now = nowIso(deps);
    const stats = store.learning.stats(ctx.workspaceId);
    const shown = category ? stats.filter((s) => s.category === category) : stats;
    const medians =
      known !== undefined && shown.every((s) => known.asked.has(pairKey(s.category, s.assignee)))
        ? known.medians
        : store.learning.medians(ctx.workspaceId, shown);
    const people = candidates(ctx);
    const rows: RoutingRow[] = [];
    const categories = category ? [category] : [...new Set(stats.map((s) => s.category))].sort();
    const { halfLifeDays, priorStrength } = options();
    assertPriorStrength(priorStrength);
    for (const c of categories) {
      const inCategory = stats.filter((s) => s.category === c);
      // Each pair's decayed counts read once: the category's prior pools them all, so reading
      // them per row (posteriorFor) cost pairs² date parses.
      const decayed = inCategory.map((s) => decayedAt(s, now, halfLifeDays));
      const priorMean = pooledPriorMean(decayed);
      // With no record of its kind, only those who take it: a review's `route feature` listed a
      // worker for infrastructure and a growth lead at the prior's 66 %, beside the developers.
      const newcomers = category ? people.filter((p) => takesKind(p.categories, c)).map((p) => p.name) : [];
      const names = [...new Set([...inCategory.map((s) => s.assignee), ...newcomers])];
      for (const name of names) {
        const at = inCategory.findIndex((s) => s.assignee === name);
        const pair = inCategory[at];
        const posterior = posteriorOf(decayed[at], priorMean, priorStrength);
        const person = people.find((p) => p.name === name);
        rows.push({
          category: c,
          assignee: name,
          expectedSuccess: posterior.mean,
          successes: pair?.successes ?? 0,
          failures: pair?.failures ?? 0,
          evidence: posterior.evidence,
          medianMinutes: medians.get(pairKey(c, name)) ?? null,
          openTasks: person?.openTasks ?? 0,
          capacity: person?.capacity ?? 0,
        });
      }
    }
    return rows.sort((a, b) =>
      a.category === b.category
        ? b.expectedSuccess - a.expectedSuccess || compareText(a.assignee, b.assignee)
        : compareText(a.category, b.category),
    );
  }

  /**
   * Runs `read` on a snapshot, then `write` with its result under the write lock; if an outcome was
   * logged in between (the log's mark moved), `read` runs again under the lock first. When
   * `nothingToStore`, asked on the snapshot, says the read leaves nothing to store (its answer), no lock
   * is taken: a learn that finds the projections right neither waits for another process's writes
   * nor holds them up. `write` is told whether what it was given is the database as it is now (read
   * under the lock, or no other connection has committed since before the snapshot). Where
   * `withoutWriting` gives an answer, what `write` would store can wait for another learn: the
   * lock is taken only if free at once, and that answer given if it is not.
   */
  function readThenWrite<T, R>(
    ws: string,
    read: () => T,
    write: (value: T, current: boolean) => R,
    nothingToStore: (value: T) => R | null,
    withoutWriting: (value: T) => R | null = () => null,
  ): R {
    const version = store.learning.dataVersion();
    const early = store.snapshot(() => {
      const mark = store.learning.logMark(ws);
      const value = read();
      return { mark, value, answer: nothingToStore(value), optional: withoutWriting(value) };
    });
    if (early.answer !== null) return early.answer;
    const written = () =>
      store.learning.logMark(ws) === early.mark
        ? write(early.value, store.learning.dataVersion() === version)
        : write(read(), true);
    if (early.optional !== null) return store.transactionIfFree(written) ?? early.optional;
    return store.transaction(written);
  }

  return {
    table,

    /**
     * Rebuilds outcomes and statistics from the append-only event log, in the order events
     * happened: the same result however often it runs. The heavy reads (a million outcomes take
     * seconds) run on a read snapshot, with no lock other connections wait for; each write then
     * holds the write lock only to store what differs, after checking no outcome was logged
     * meanwhile (if one was, that part is read again under the lock). Over a long log the
     * statistics and the table's medians are read on a thread of its own, on another core, while
     * the log is read; this thread then takes what the other has not begun.
     */
    learn(ctx: Ctx): LearnResult {
      const ws = ctx.workspaceId;
      const { halfLifeDays } = deps.learning;
      // A long log's statistics are aggregated on another core while this thread reads the log.
      // Where a check is recorded, a learn has stored the statistics: they count the outcomes.
      const long = store.learning.checkRecorded(ws)
        ? store.learning.countedOutcomes(ws) >= AGGREGATE_ASIDE_BESIDE_CHECK_FROM
        : store.learning.countedOutcomes(ws) >= AGGREGATE_ASIDE_FROM ||
          store.learning.outcomesAtLeast(ws, AGGREGATE_ASIDE_FROM);
      const aside = long ? store.learning.aggregateStatsAside(ws, halfLifeDays) : null;
      // A learn that fails (a busy database) stops the thread too; once waited for, drop does nothing.
      try {
        let applied = 0;
        const { outcomes, withoutAssignee } = readThenWrite(
          ws,
          () => store.learning.readLog(ws),
          (read, current) => {
            // Found right, the projection needs no repair: only its check is recorded.
            if (read.differs !== 0) applied = store.learning.applyLog(ws);
            // The projection is now the log as read: the next learn compares what is logged after.
            if (read.check !== null && current) store.learning.recordCheck(ws, read.check);
            return read;
          },
          (read) => (read.differs === 0 && (read.check === null || !read.check.due) ? read : null),
          // Right as it is: only the check to record, which the next learn can do as well.
          (read) => (read.differs === 0 ? read : null),
        );
        const keep = (rebuilt: PairStats[]) => {
          const same = sameStats(store.learning.stats(ws), rebuilt);
          // Statistics the live path kept right stay as they are, to the last bit.
          if (!same) store.learning.replaceStats(ws, rebuilt);
          return { pairs: rebuilt.length, unchanged: same };
        };
        /** The statistics stored are `rebuilt`'s: nothing to store (read on a snapshot). */
        const alreadyStored = (rebuilt: PairStats[]) =>
          sameStats(store.learning.stats(ws), rebuilt) ? { pairs: rebuilt.length, unchanged: true } : null;
        // What the other thread read holds when reading the log changed nothing here and no other
        // connection has committed since it began (checked on a snapshot when it matches what is
        // stored, else under the write lock); otherwise the statistics are aggregated again here.
        if (applied !== 0) aside?.drop();
        // Once the log is read, this thread reads what the other has not begun (its statistics and
        // the medians the table shows), from the outcomes reading the log left as they were; they
        // hold only if no other connection has committed since the thread began (the outcomes are
        // then still those), else they are read again.
        const early = applied === 0 && aside ? store.snapshot(() => aside.finish()) : null;
        const fromAside =
          early === null
            ? null
            : (store.snapshot(() => (aside?.current() ? alreadyStored(early.stats) : null)) ??
              store.transaction(() => (aside?.current() ? keep(early.stats) : null)));
        // The medians of the pairs the statistics aggregated from those outcomes hold.
        const medians: KnownMedians | undefined =
          early === null
            ? undefined
            : {
                asked: new Set(early.stats.map((s) => pairKey(s.category, s.assignee))),
                medians: early.medians,
              };
        const { pairs, unchanged } =
          fromAside ??
          readThenWrite(ws, () => store.learning.aggregateStats(ws, halfLifeDays), keep, alreadyStored);
        return {
          outcomes,
          withoutAssignee,
          blocked:
            withoutAssignee === 0
              ? 0
              : store.learning.blockedOutcomes(ws).reduce((sum, t) => sum + t.tasks, 0),
          pairs,
          unchanged,
          table: store.snapshot(() => table(ctx, undefined, aside?.current() ? medians : undefined)),
        };
      } finally {
        aside?.drop();
      }
    },

    /** Who would get the next task of `category`, and why (with the configured policy). */
    route(ctx: Ctx, category: unknown): RouteAnswer {
      const c = validate(categoryInput(), { category }).category;
      const now = nowIso(deps);
      // As a batch is routed: whoever is away today is left out, and the proposals routed to each
      // count against their capacity.
      const { candidates: people, away } = routingCandidates(deps, ctx.workspaceId, new Date(now), true);
      if (people.length === 0 && away.length === 0) {
        throw new NotFoundError(
          'no assignees yet: add one with `goalpost assignee add dev_worker1 --kind worker`',
        );
      }
      // Only those who take its kind of work (see routeBatch).
      const able = people.filter((p) => takesKind(p.categories, c));
      const otherKinds = people.filter((p) => !takesKind(p.categories, c)).map((p) => p.name);
      if (people.length > 0 && able.length === 0) {
        return {
          category: c,
          policy: deps.learning.policy,
          decision: null,
          nobody: nobodyTakes(c),
          away,
          otherKinds,
          table: table(ctx, c),
        };
      }
      const decision = chooseAssignee({
        category: c,
        // A bug goes by the record whatever its priority (see isPressing); other work as the policy says.
        pressing: isPressing(undefined, c),
        // Asked of no project's work: as a batch routes a workspace's experiment.
        candidates: poolForNoProject(able),
        stats: store.learning.stats(ctx.workspaceId, c),
        now,
        policy: deps.learning.policy,
        rng: createRng(`${deps.learning.seed}:${ctx.workspaceId}:${c}:${now.slice(0, 10)}`),
        options: options(),
      });
      // Those who take other kinds only are not the ones at capacity.
      const busy =
        decision === null && able.length < people.length
          ? { nobody: `everyone who takes ${c} work is at capacity` }
          : {};
      return {
        category: c,
        policy: deps.learning.policy,
        decision,
        ...busy,
        away,
        otherKinds,
        table: table(ctx, c),
      };
    },

    /** Replays the logged outcomes: regret of Goalpost's policy, the seed's rule and random. */
    evaluate(ctx: Ctx): Evaluation {
      return evaluateRouting(store.learning.outcomes(ctx.workspaceId), options(), deps.learning.seed);
    },

    /** Runs the policies on a simulated team with known skills (and a skill change half-way). */
    simulate(input: { seed?: unknown; tasks?: unknown; assignees?: unknown }): SimulationResult {
      const s = validate(
        z.object({
          seed: z.coerce
            .number({ error: 'a whole number like 42' })
            .int({ error: 'a whole number like 42' })
            .default(42),
          tasks: z.coerce
            .number({ error: 'a whole number from 10 to 100000' })
            .int()
            .min(10)
            .max(100_000)
            .default(600),
          assignees: z.coerce
            .number({ error: 'a whole number from 2 to 50' })
            .int()
            .min(2)
            .max(50)
            .default(5),
        }),
        input,
      );
      return simulateTeam({
        seed: s.seed,
        tasks: s.tasks,
        assignees: s.assignees,
        halfLifeDays: deps.learning.halfLifeDays,
      });
    },
  };
}
