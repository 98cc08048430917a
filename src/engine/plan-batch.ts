import type { DoneWork } from '../domain/history.js';
import { featureUnits, type OpenFeature, teamPriorityOf } from '../domain/project.js';
import { RESCALED, routeLines, type Task, type TaskCategory } from '../domain/task.js';
import { analyseState } from './analyse-state.js';
import {
  BacklogItem,
  featureKind,
  isGoalWork,
  isItemKey,
  itemKey,
  itemTitle,
  MIN_EFFORT_HOURS,
  scheduledAfterMonth,
  TEAM_PRIORITY_WEIGHT,
} from './BacklogItem.js';
import { openBugsOf, openFeaturesOf } from './backlog-candidates.js';
import {
  type BatchPlan,
  type CandidateTask,
  CUT_LISTED,
  type CutCandidate,
  type OutscoringBug,
  type RescaledTask,
  type RevaluedTask,
  type Signal,
  type SkippedCandidate,
  type Stake,
  type UntakenWork,
  type UnvaluedCandidate,
} from './batch-plan.js';
import { twinNotes } from './batch-twins.js';
import { namesChurnWork } from './churn-words.js';
import { parseInstant } from './dates.js';
import { byScore, DEFAULT_DUPLICATE_THRESHOLD } from './dedup.js';
import { detectSignals } from './detect-signals.js';
import { CHURN_SIGNALS, comeBackNotes } from './done-work.js';
import { TIER } from './draft.js';
import type {
  BacklogSource,
  EngineInput,
  EngineOptions,
  GoalSignalInput,
  PlanInput,
  StateInput,
} from './engine-input.js';
import { explain } from './explain.js';
import { formatScore, round } from './format.js';
import { heldGrowthItems } from './held-growth.js';
import { KEPT_PLACE, liftBug, liftedLine } from './lift-bug.js';
import { DEFAULT_REJECT_COOLDOWN_DAYS, EMPTY_MEMORY, waitedOnOf } from './memory.js';
import { openTier } from './open-tier.js';
import { orderTasks } from './order-tasks.js';
import { inParts, planInParts } from './plan-in-parts.js';
import {
  type Duplicate,
  isMediumBug,
  MEDIUM_BUGS_NAMED,
  type Part,
  type PartPlan,
  type PlanContext,
  planPart,
  Ranked,
  type Shelved,
} from './plan-part.js';
import { applyTiers, planScale, type ScaleBasis, seeWork } from './priority.js';
import { productsPutOffOf } from './product-put-off.js';
import { rejectedElsewhereOf } from './rejected-elsewhere.js';
import { latestRejections } from './rejections.js';
import { Room, roomFree, slotTakes } from './room.js';
import {
  DEFAULT_CATEGORY_WEIGHTS,
  type ScoreContext,
  type ScoredCandidate,
  scoreCandidate,
  strategicScale,
} from './score-candidate.js';
import { type Dependencies, dependenciesAmong, selectBatch } from './select-batch.js';
import { churnGoalMetrics, churnGoalOn } from './serve-signals.js';
import { shippedAwaitingRevenue, shippedOf } from './shipped.js';
import { isEarnings, launchedBy, NONE_SCHEDULED_AFTER, projectStakes } from './stakes.js';
import { staleProposals } from './stale-proposals.js';
import { tieLines } from './ties.js';
import { whyValuedAgain } from './why-valued-again.js';
import { type ProjectState, projectAt, projectWithId, type WorkspaceState } from './workspace-state.js';

/**
 * The whole engine: analyse → the team's backlog as candidates → signals it does not serve answered
 * by playbooks → stakes shared out → memory of done and rejected work → score → dedup → select
 * (capped, prerequisites only with what they unblock) → order → priority → reasoning. Pure and
 * deterministic: the same input and options give a deep-equal plan.
 * @throws ValidationError when `input.now` is invalid or a playbook title has an unknown placeholder.
 */
export function planBatch(input: EngineInput, options: EngineOptions): BatchPlan {
  return planWorkspace(
    { ...input, shipped: input.shipped ?? shippedOf(input) },
    backlogInMemory(input),
    options,
  );
}

/** The backlog of an input held in memory, read at once. */
export function backlogInMemory(input: EngineInput): BacklogSource {
  const inRange = (from: number, to: number) => (item: { projectId: number }) =>
    item.projectId >= from && item.projectId <= to;
  const memory = input.memory ?? EMPTY_MEMORY;
  return {
    projectsPerRead: Number.POSITIVE_INFINITY,
    read: (from, to) => ({
      features: input.features.filter(inRange(from, to)),
      bugs: input.bugs.filter(inRange(from, to)),
    }),
    readProjects: (ids) => {
      const wanted = new Set(ids);
      return {
        features: input.features.filter((f) => wanted.has(f.projectId)),
        bugs: input.bugs.filter((b) => wanted.has(b.projectId)),
      };
    },
    // Memory's rejections and failures are those of its window already (see DecisionMemory): a
    // failure remembered may hold its work as long as its reason says (see failedHoldEnds).
    holdingProjects: () => {
      const held = (key: string) =>
        memory.done.has(key) || memory.rejected.has(key) || memory.failed?.has(key) === true;
      return new Set(
        [
          ...input.features.filter((f) => held(itemKey('feature', f))),
          ...input.bugs.filter((b) => held(itemKey(b.severity, b))),
        ].map((item) => item.projectId),
      );
    },
    judgedProjects: () =>
      new Set(
        input.bugs
          .filter((b) => b.status === 'open' && b.severity !== 'low' && b.affects !== undefined)
          .map((b) => b.projectId),
      ),
    itemTitles: (ids) => {
      const names = new Map(input.projects.map((p) => [p.id, p.name]));
      const features = openFeaturesOf(input.features);
      const bugs = openBugsOf(input.bugs);
      return new Map(
        [...new Set(ids)]
          .filter((id) => features.has(id) || bugs.has(id))
          .map((id) => {
            const name = names.get(id) ?? '';
            return [
              id,
              [
                ...(features.get(id) ?? []).map((f) => itemTitle(featureKind(f), f, name)),
                ...(bugs.get(id) ?? []).map((b) => itemTitle(b.severity, b, name)),
              ],
            ];
          }),
      );
    },
    memory: () => memory,
    rejectedPlaybookKeys: () => [...memory.rejected.keys()].filter((key) => key.startsWith('pb:')),
    rejectedItems: () => {
      const projectOf = new Map<string, number>();
      for (const f of input.features) projectOf.set(itemKey('feature', f), f.projectId);
      for (const b of input.bugs) projectOf.set(itemKey(b.severity, b), b.projectId);
      return [...memory.rejected.keys()].flatMap((key) => {
        const projectId = projectOf.get(key);
        return projectId === undefined ? [] : [{ key, projectId }];
      });
    },
    doneWork: (ids) => {
      const wanted = new Set(ids);
      return (input.doneWork ?? []).filter((w) => wanted.has(w.projectId));
    },
    teamWeights: teamWeightsOf(input.features),
    scheduledAfter: (month) => scheduledAfterOf(input, month),
    leastEstimate: leastOf([
      ...input.features.filter((f) => f.status !== 'done').map((f) => f.estimateHours),
      ...input.bugs.filter((b) => b.status === 'open').map((b) => b.estimateHours),
    ]),
    // The input's memory holds each work's latest failure: still to do unless done or rejected
    // since, or its backlog item closed (as the store reads it: see HistoryRepository.failedWork).
    failedWork: (refs) => {
      const wanted = new Set(refs);
      const open = new Set([
        ...input.features.filter((f) => f.status !== 'done').map((f) => itemKey('feature', f)),
        ...input.bugs.filter((b) => b.status === 'open').map((b) => itemKey(b.severity, b)),
      ]);
      const still = new Set<string>();
      for (const [key, f] of memory.failed ?? []) {
        const after = (d: { at: string } | undefined) => d !== undefined && d.at >= f.at;
        const item = isItemKey(key);
        if (
          wanted.has(f.ref) &&
          (!item || open.has(key)) &&
          !after(memory.done.get(key)) &&
          !after(memory.rejected.get(key))
        )
          still.add(f.ref);
      }
      return still;
    },
    // The input's bugs fixed, named by their own ids (it holds no tasks to name them by).
    fixedBugs: (ids) => {
      const wanted = new Set(ids);
      return input.bugs
        .filter((b) => b.status === 'fixed' && wanted.has(b.projectId))
        .sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : b.id - a.id))
        .map((b) => ({ projectId: b.projectId, ref: `bug #${b.id}`, title: b.title, at: b.updatedAt }));
    },
  };
}

/**
 * planBatch over a workspace whose backlog `backlog` reads a range of projects at a time, so that
 * only the candidates of those projects are held at once, besides what the cut list shows of the
 * rest. Signals any project may serve (a neglected focus area, a goal, the workspace's own) are
 * served across the parts, and answered by playbooks in a last part with the projects their tasks
 * are for; the plan is the one planBatch makes of the whole.
 * @throws ValidationError as planBatch.
 */
export function planWorkspace(input: StateInput, backlog: BacklogSource, options: EngineOptions): BatchPlan {
  return planAnalysed(analyseState(input, options), planInput(input), backlog, options);
}

/** An input without the rows only the analysis reads (see PlanInput). */
export function planInput(input: StateInput): PlanInput {
  const {
    revenue: _revenue,
    sharedSubscriptions: _shared,
    featureStats: _features,
    bugStats: _bugs,
    features: _f,
    bugs: _b,
    ...rest
  } = input;
  return rest;
}

/**
 * planWorkspace on a state already analysed (by analyseState, with the same options) from the
 * input `input` was made of.
 * @throws ValidationError as planBatch.
 */
export function planAnalysed(
  state: WorkspaceState,
  input: PlanInput,
  backlog: BacklogSource,
  options: EngineOptions,
): BatchPlan {
  const active = state.projects.filter((p) => p.project.status === 'active');
  // The growth work the team scheduled after the revenue target's month wins none of its gap.
  const month = state.revenue.milestone?.month;
  const later = month === undefined ? NONE_SCHEDULED_AFTER : { month, items: backlog.scheduledAfter(month) };
  // What the tasks reasons name are, asked of the store once per ref for the whole plan.
  const waitedOn = waitedOnOf(input.openTasks, (ref) => backlog.failedWork([ref]).has(ref));
  const cooldown = options.rejectCooldownDays ?? DEFAULT_REJECT_COOLDOWN_DAYS;
  const projectName = (id: number) => projectWithId(state.projects, id)?.project.name ?? null;
  const productPutOff = productsPutOffOf(
    () => backlog.rejectedItems(),
    (keys) => backlog.memory(keys),
    input.now,
    cooldown,
    projectName,
  );
  const { held, doneLeftOpen } = heldGrowthItems(
    active,
    state.revenue,
    backlog,
    input,
    options,
    later,
    waitedOn,
    productPutOff,
  );
  const shipped = doneLeftOpen.length === 0 ? input.shipped : [...(input.shipped ?? []), ...doneLeftOpen];
  const stakes = projectStakes(
    state.revenue,
    active,
    input.vision,
    held,
    shippedAwaitingRevenue(active, state.revenue, shipped, input.now),
    later,
    (id) => productPutOff(id) !== null,
    launchedBy(parseInstant(input.now), input.firstSales),
  );
  const signals = detectSignals(state, input.vision, stakes, input.goals, input.paymentFailures);
  goalWorkUnderWay(signals, input.openTasks);
  const ctx: PlanContext = {
    input,
    options,
    stakes,
    scoring: scoreContext(
      input,
      state,
      options,
      backlog.leastEstimate,
      backlog.teamWeights,
      stakes.gapPerSize,
    ),
    signalRank: new Map(signals.map((s, i) => [s, i])),
    projectRank: (id) => Math.max(0, projectAt(state.projects, id)),
    goals: new Map(),
    churnGoals: churnGoalMetrics(input.goals ?? []),
    claimedElsewhere: new Map(),
    memory: (keys) => backlog.memory(keys),
    rejectedElsewhere: rejectedElsewhereOf(
      () => backlog.rejectedPlaybookKeys(),
      (keys) => backlog.memory(keys),
      input.now,
      cooldown,
      projectName,
    ),
    productPutOff,
    doneWork: (ids) => backlog.doneWork(ids),
    fixedBugs: (ids) => backlog.fixedBugs(ids),
    waitedOn,
    holdingProjects: () => backlog.holdingProjects(),
    judgedProjects: () => backlog.judgedProjects(),
    itemTitles: (ids) => backlog.itemTitles(ids),
    bar: null,
  };
  const parts = inParts(state.projects, backlog.projectsPerRead, signals)
    ? planInParts(ctx, state, signals, backlog)
    : [planPart(ctx, wholePart(state.projects, backlog, input, signals))];
  return finish(ctx, state, parts);
}

/** The scoring context of a plan: what every candidate's score reads besides its own draft. */
export function scoreContext(
  input: PlanInput,
  state: WorkspaceState,
  options: EngineOptions,
  leastEstimate: number | null = null,
  teamWeights: ReadonlyMap<number, number> = NO_TEAM_WEIGHTS,
  gapPerSize: number | null = null,
): ScoreContext {
  const categoryWeights: Record<TaskCategory, number> = { ...DEFAULT_CATEGORY_WEIGHTS };
  for (const [category, weight] of Object.entries(options.categoryWeights ?? {})) {
    if (weight !== undefined) categoryWeights[category as TaskCategory] = weight;
  }
  return {
    vision: input.vision,
    revenue: state.revenue,
    projectOf: (id) => projectWithId(state.projects, id)?.project,
    outcomes: input.history.outcomes,
    categoryOutcomes: input.history.categoryOutcomes,
    categoryWeights,
    rejections: latestRejections(
      [...input.openTasks, ...input.history.latestDecided],
      input.history.projectsDecided,
    ),
    leastEffort: leastEstimate === null ? MIN_EFFORT_HOURS : Math.min(MIN_EFFORT_HOURS, leastEstimate),
    teamWeights,
    strategic: strategicScale(state.revenue, gapPerSize),
    visionMeasures: visionMeasuresOf(input),
  };
}

/** The metrics of the input's goals on one of its vision's success metrics, by goal id. */
function visionMeasuresOf(input: Pick<EngineInput, 'goals' | 'vision'>): Map<number, string> {
  const measures = new Map<number, string>();
  for (const g of input.goals ?? [])
    if (Object.hasOwn(input.vision.successMetrics, g.metric)) measures.set(g.goalId, g.metric);
  return measures;
}

const NO_TEAM_WEIGHTS: ReadonlyMap<number, number> = new Map();

/** By project, the most the team's priority weighs an open feature of it, where above 1. */
function teamWeightsOf(features: readonly OpenFeature[]): Map<number, number> {
  const weights = new Map<number, number>();
  for (const f of features) {
    if (f.status === 'done') continue;
    const priority = teamPriorityOf(f);
    const w = priority === null ? 1 : TEAM_PRIORITY_WEIGHT[priority];
    if (w > (weights.get(f.projectId) ?? 1)) weights.set(f.projectId, w);
  }
  return weights;
}

/**
 * The open growth items of the input's active revenue-bearing projects whose milestone is due after
 * `month`, their keys by project id (see BacklogSource.scheduledAfter).
 */
function scheduledAfterOf(input: EngineInput, month: string): Map<number, Map<string, number>> {
  const earning = new Set(
    input.projects.filter((p) => p.status === 'active' && p.revenueBearing).map((p) => p.id),
  );
  const items = new Map<number, Map<string, number>>();
  const add = (projectId: number, key: string, units = 1) => {
    const keys = items.get(projectId);
    if (keys === undefined) items.set(projectId, new Map([[key, units]]));
    else keys.set(key, units);
  };
  for (const f of input.features) {
    if (f.status === 'done' || f.upkeep || !earning.has(f.projectId)) continue;
    if (scheduledAfterMonth(f.source, month)) add(f.projectId, itemKey('feature', f), featureUnits(f));
  }
  for (const b of input.bugs) {
    if (b.status !== 'open' || b.severity !== 'critical' || !earning.has(b.projectId)) continue;
    if (scheduledAfterMonth(b.source, month)) add(b.projectId, itemKey('critical', b));
  }
  return items;
}

/** The least of some estimates (hours), or null when none is given. */
function leastOf(estimates: ReadonlyArray<number | null>): number | null {
  let least: number | null = null;
  for (const e of estimates) if (e !== null && (least === null || e < least)) least = e;
  return least;
}

/** The whole workspace as one part: everything read at once, every signal answered here. */
function wholePart(
  projects: readonly ProjectState[],
  backlog: BacklogSource,
  input: PlanInput,
  signals: readonly Signal[],
): Part {
  return {
    projects,
    read: (some) => {
      if (some !== null) return backlog.readProjects(some.map((p) => p.project.id));
      // The state's projects come by id.
      const first = projects[0];
      const last = projects.at(-1);
      return first === undefined || last === undefined
        ? { features: [], bugs: [] }
        : backlog.read(first.project.id, last.project.id);
    },
    openTasks: input.openTasks,
    signals,
    answer: (unserved) => unserved,
    workedElsewhere: new Set(),
  };
}

/** A piece of work a batch with no cap could take: what parts kept, or shelved (waiting for nothing). */
type Piece = Ranked | (Shelved & { dependsOn: string[] });

/**
 * What a batch with no cap would propose in the team's free slots (`room`, before the batch), from
 * what the parts kept and the best of what they shelved, scoring above 0, as selectBatch chooses
 * (blockers first and past the room, each piece with the work it waits for): how many of the work
 * the batch left out it would propose (`more`), though it may leave out some of the batch. Where
 * whose the slots are is said (a Room): the free slots it leaves empty (`slots`), by those who
 * hold them, those who take none of the work it leaves (`holders`) apart from those who take some
 * that waits for other work first (`waiting`), or only some that comes only with other work
 * (`comesWith`); and of the work the batch left out, how many it
 * would not propose as no free slot takes it, or what it waits for, or what it comes with
 * (`noTaker`: docs a bot takes, after a feature nobody free takes, wait for no room; see
 * neverBrought). A part lists its best CUT_LISTED shelved, more than a team's free slots; those
 * it does not list are counted as some free slot's or none's (see unlistedNoTaker). Null without
 * a room.
 */
function higherCapOf(
  room: number | Room | undefined,
  kept: readonly Ranked[],
  chosen: readonly Ranked[],
  parts: readonly PartPlan[],
  redirects: ReadonlyMap<string, string>,
): BatchPlan['higherCap'] {
  if (room === undefined) return null;
  // Not a bug a part shelved that the batch holds (see liftBug): it is among the kept.
  const keptKeys = new Set(kept.map((c) => c.key));
  const shelved = parts.flatMap((p) =>
    p.shelved.listed.flatMap((c) => (c.score > 0 && !keptKeys.has(c.key) ? [{ ...c, dependsOn: [] }] : [])),
  );
  const from: Piece[] = [...kept, ...shelved].sort(byScore);
  const out: { noRoom: Piece[]; beyond: number; room?: Room | null } = { noRoom: [], beyond: 0 };
  const open = room instanceof Room ? room.fork(Number.POSITIVE_INFINITY) : room;
  const ownWork = (c: Piece) => !(c instanceof Ranked) || c.draft instanceof BacklogItem;
  const batch = selectBatch(from, Number.MAX_SAFE_INTEGER, redirects, ownWork, open, out);
  // Of the work the batch left out (not what scores 0, which no batch counts as cut).
  const inBatch = new Set(chosen.map((c) => c.key));
  const more = batch.reduce((n, c) => n + (c.score > 0 && !inBatch.has(c.key) ? 1 : 0), 0);
  const after = out.room;
  if (!(room instanceof Room) || after === undefined || after === null)
    return { more, slots: 0, holders: [], waiting: [], comesWith: [], noTaker: 0 };
  const proposed = new Set(batch.map((c) => c.key));
  // With a free slot of someone who takes any work, every piece is someone's, and brought.
  const anyTaker = room.takesAny();
  let waits: Dependencies<Piece> | undefined;
  const dependencies = () => {
    waits ??= dependenciesAmong(from, new Map(from.map((c) => [c.key, c])), redirects);
    return waits;
  };
  const never = anyTaker ? new Set<string>() : neverBrought(from, dependencies(), room, proposed, ownWork);
  // Of the work the batch left out and a higher cap would not propose either.
  const noTaker =
    from.reduce((n, c) => n + (c.score > 0 && !inBatch.has(c.key) && never.has(c.key) ? 1 : 0), 0) +
    (anyTaker ? 0 : unlistedNoTaker(parts, room));
  if (after.free === 0) return { more, slots: 0, holders: [], waiting: [], comesWith: [], noTaker };
  // Whose slots stay empty: those who take some of the work no batch proposes hold work that waits
  // for other work first (it comes with what it waits for, which has no room) or that comes only
  // with other work (a prerequisite that is not work of its own: see selectBatch), the rest none.
  const unproposed = from.filter((c) => c.score > 0 && !proposed.has(c.key));
  const comesOnlyWith = (c: Piece) => !ownWork(c) && dependencies().dependents.has(c.key);
  const takesSome = (name: string, kind: boolean) =>
    unproposed.some(
      (c) => comesOnlyWith(c) === kind && room.slots.some((s) => s.name === name && slotTakes(s, c)),
    );
  const holders: string[] = [];
  const waiting: string[] = [];
  const comesWith: string[] = [];
  for (const name of after.empties().keys()) {
    if (takesSome(name, false)) waiting.push(name);
    else if (takesSome(name, true)) comesWith.push(name);
    else holders.push(name);
  }
  return { more, slots: after.free, holders, waiting, comesWith, noTaker };
}

/**
 * The pieces no batch in `room` brings, whatever the cap: the work no free slot takes, what waits
 * for it (directly or through other work), and a prerequisite that is not work of its own whose
 * every dependent is one of them (it comes only with a dependent: see selectBatch). What
 * `proposed` holds is brought. Spread from the work no free slot takes, each piece once.
 */
function neverBrought(
  pieces: readonly Piece[],
  { before, dependents }: Dependencies<Piece>,
  room: Room,
  proposed: ReadonlySet<string>,
  ownWork: (c: Piece) => boolean,
): ReadonlySet<string> {
  // Of each prerequisite that comes only with a dependent, how many of its dependents may bring it.
  const bringers = new Map<string, number>();
  const never = new Set<string>();
  const next: Piece[] = [];
  const add = (c: Piece): void => {
    if (never.has(c.key) || proposed.has(c.key)) return;
    never.add(c.key);
    next.push(c);
  };
  for (const c of pieces) if (!room.takes(c)) add(c);
  for (let c = next.pop(); c !== undefined; c = next.pop()) {
    for (const d of dependents.get(c.key) ?? []) add(d);
    for (const p of before.get(c.key) ?? []) {
      if (ownWork(p)) continue;
      const left = (bringers.get(p.key) ?? dependents.get(p.key)?.length ?? 0) - 1;
      bringers.set(p.key, left);
      if (left === 0) add(p);
    }
  }
  return never;
}

/**
 * How many of the work the parts shelved past what they list no free slot of `room` takes, where
 * every free slot is of someone who takes only some work: those a part counted as some such slot's
 * (see shelve) wait for room, the rest, and what it did not read, for nobody.
 */
function unlistedNoTaker(parts: readonly PartPlan[], room: Room): number {
  let n = 0;
  for (const { shelved } of parts) {
    const listedTaken = shelved.listed.reduce((k, c) => k + (room.takes(c) ? 1 : 0), 0);
    n += shelved.count - shelved.listed.length - Math.max(0, shelved.taken - listedTaken);
  }
  return n;
}

/** Planning from the parts on: select, order, explain; the cut list, skips and counts of all parts. */
function finish(ctx: PlanContext, state: WorkspaceState, parts: readonly PartPlan[]): BatchPlan {
  const { input, options, scoring } = ctx;
  // Each part's candidates come best first: sorting them all merges those runs. What parts shelved
  // cannot make the batch (see planPart), so selection never looks at it.
  const unique = parts.flatMap((p) => p.kept).sort(byScore);
  const redirects = new Map(parts.flatMap((p) => [...p.redirects]));
  // A backlog item is worth doing for itself: one another waits for may come without it.
  // What the team's free slots left out as nobody with one takes it (see selectBatch).
  // And how many blockers came beyond the room.
  let out: { noRoom: Ranked[]; beyond: number; room?: Room | null } = { noRoom: [], beyond: 0 };
  const select = (from: readonly Ranked[]) => {
    out = { noRoom: [], beyond: 0 };
    return selectBatch(
      from,
      options.maxTasks,
      redirects,
      (r) => r.draft instanceof BacklogItem,
      options.room,
      out,
    );
  };
  let kept = unique;
  let chosen = select(kept);
  // A goal's research beside work of the batch on the same customers asks twice: it is set apart,
  // and the batch chosen again without it (see askedTwice).
  const twice = askedTwice(chosen, input.goals ?? [], (id) => scoring.projectOf(id)?.name);
  if (twice.size > 0) {
    for (const [r, { to }] of twice) redirects.set(r.key, to.key);
    kept = unique.filter((r) => !twice.has(r));
    chosen = select(kept);
  }
  // One medium bug left out may take the place of work it outscores (see liftBug): chosen again
  // with it, the work it replaces cut as the cap cuts work.
  const unlifted = out;
  const lift = liftBug(mediumBugsLeftOut(kept, chosen, parts), kept, chosen, redirects, select);
  let liftedFromShelf = false;
  if (lift === null) out = unlifted;
  else {
    liftedFromShelf = !kept.some((r) => r.key === lift.bug.key);
    kept = [...lift.from, lift.replaces].sort(byScore);
    chosen = lift.chosen;
  }
  const duplicates = [
    ...parts.flatMap((p) => p.duplicates),
    ...[...twice].map(([candidate, d]) => ({ candidate, skipped: d.skipped })),
  ].sort((a, b) => byScore(a.candidate, b.candidate));
  // Memory's holds in the order of the drafts: the backlog's (by project), then the playbooks' (by signal).
  const held = parts
    .flatMap((p) => p.held)
    .sort((a, b) => Number(a.playbook) - Number(b.playbook) || a.rank - b.rank || a.position - b.position);
  // A bug of the batch filed again after its fix says so (its memory, a new item's, is empty), and
  // so does a feature filed again after the same work was done.
  const threshold = options.duplicateThreshold ?? DEFAULT_DUPLICATE_THRESHOLD;
  const filedAgain = (kind: 'bug' | 'feature', finished: (ids: readonly number[]) => DoneWork[]) => {
    const drafts = chosen
      .filter((r) => r.draft.item?.kind === kind && r.memoryNote === null)
      .map((r) => r.draft);
    const projects = drafts.flatMap((d) => (d.projectId === null ? [] : [d.projectId]));
    return comeBackNotes(drafts, projects.length === 0 ? [] : finished(projects), threshold, kind);
  };
  const comeBack = new Map([...filedAgain('bug', ctx.fixedBugs), ...filedAgain('feature', ctx.doneWork)]);
  // Two items of the batch that read as one piece of work in other words: the lower one says so.
  const twins = twinNotes(chosen.map((r) => r.draft));
  const selected = chosen.map((r) => {
    const c = scoreCandidate(
      r.draft,
      r.allocated,
      scoring,
      r.memoryNote ?? comeBack.get(r.draft) ?? null,
      r.failures,
    );
    const twin = twins.get(r.draft);
    const note = r === lift?.bug ? liftedLine(lift) : null;
    const placed = note === null ? c : givenPlace(c, note);
    return twin === undefined ? placed : { ...placed, notes: [...placed.notes, twin] };
  });
  const again = proposalsAgain(input.openTasks, duplicates);
  const withdrawn = staleProposals(input.openTasks, {
    signals: [...ctx.signalRank.keys()],
    answered: new Set(parts.flatMap((p) => p.answered)),
    draftedFor: new Set(parts.flatMap((p) => p.draftedFor)),
    drafted: new Set(parts.flatMap((p) => p.playbookKeys)),
    foundAgain: new Set(duplicates.map((d) => d.skipped.duplicateOf)),
    heldForOpenWork: new Map(
      held.flatMap((h) =>
        h.memoryKey === undefined || h.withdraws !== undefined
          ? []
          : [[h.memoryKey, h.skipped.duplicateOf] as const],
      ),
    ),
    heldWithdrawn: new Map(
      held.flatMap((h) =>
        h.memoryKey === undefined || h.withdraws === undefined ? [] : [[h.memoryKey, h.withdraws] as const],
      ),
    ),
    active: new Set(state.projects.filter((p) => p.project.status === 'active').map((p) => p.project.id)),
    playbooks: new Set(input.playbooks.map((pb) => pb.key)),
    gap: state.revenue.gap,
  });
  const gone = new Set(withdrawn.map((w) => w.ref));
  // The scale is set by work (see planScale): a fill-in or a planning task comes after it whatever
  // it scores (see applyTiers), and a review of an idle flagship scoring 929 put every real task of
  // its batch at P3 or P4; a critical bug comes before it.
  const best: ScaleBasis = { work: 0, nextWork: 0, blocker: 0, any: 0 };
  const see = (score: number, tier: number) => {
    best.any = Math.max(best.any, score);
    if (tier === TIER.work) seeWork(best, score);
    else if (tier === TIER.blocker) best.blocker = Math.max(best.blocker, score);
  };
  for (const c of kept) see(c.score, c.tier);
  for (const p of parts) {
    see(p.shelved.work, TIER.work);
    see(p.shelved.nextWork, TIER.work);
    see(p.shelved.best, TIER.planning);
  }
  for (const { task, candidate } of again.values()) see(candidate.score, placeKept(task, candidate.tier));
  // An approved or started task keeps its score; a proposal not valued again (a plan in parts reads
  // only what may rank) its own. Work under way sets the scale too: a small task alone in a top-up
  // batch read P10 beside it.
  const standing = input.openTasks.filter((t) => !again.has(t.ref) && !gone.has(t.ref));
  const standingTiers = standing.map((t) => openTier(t, input.playbooks));
  for (let i = 0; i < standing.length; i++) see((standing[i] as Task).score, standingTiers[i] as number);
  const scale = planScale(best);
  const { tasks: ordered, cycles } = orderTasks(selected, redirects, scale);
  // A bug the parts shelved and the batch holds is counted among the kept (see liftBug).
  const shelvedCount = parts.reduce((sum, p) => sum + p.shelved.count, 0) - (liftedFromShelf ? 1 : 0);
  const left = leftOut(kept, chosen, parts, shelvedCount, Math.min(options.maxTasks, roomFree(options.room)));
  // The open proposals valued again stand beside the batch: the tier rules apply to all of them
  // at once (a medium bug alone in a top-up batch sits below the real work still awaiting a
  // decision), and each reasoning says its own priority.
  // A proposal that is another's prerequisite takes its priority again, as when it was proposed
  // (valued alone, a second plan ten minutes later moved it below the task it unblocks).
  const scored = [...again.values()].map(({ task, candidate: r }) => {
    const c = scoreCandidate(r.draft, r.allocated, scoring, r.memoryNote, r.failures);
    return placeKept(task, c.tier) === c.tier ? c : givenPlace(c, KEPT_PLACE);
  });
  const inherited = new Map(orderTasks(scored, redirects, scale).tasks.map((c) => [c.key, c]));
  const refs = [...again.keys()];
  const reopened = scored.map((c, i) =>
    heldUpBy(
      inherited.get(c.key) ?? { ...c, priority: scale(c.terms.score) },
      refs[i] as string,
      input.openTasks,
      again,
      scale,
      (t) => openTier(t, input.playbooks),
    ),
  );
  // The open tasks not valued again stand beside them too, each at the priority its score has on
  // this scale (their own, from the day they were proposed, compared with nothing here), or a
  // task's that waits for it, if higher: an approved diagnosis stays above the experiment after it.
  const tiered = applyTiers<ScoredCandidate | StandingTask>(
    [
      ...ordered,
      ...reopened,
      ...standingRanks(
        standing,
        standingTiers,
        [...ordered, ...reopened.map((c, i) => ({ ...c, ref: refs[i] as string }))],
        scale,
      ),
    ],
    best.work > 0,
  );
  const candidates = tiered.slice(0, ordered.length + reopened.length) as ScoredCandidate[];
  // Equal work of the batch and of the proposals valued again, beside the rest the plan ranked.
  const revaluing = [...again.values()].map((a) => a.candidate);
  const ties = tieLines(
    [...kept, ...revaluing],
    new Map(parts.flatMap((p) => [...p.shelvedTies])),
    new Set([...ordered, ...revaluing].map((c) => c.key)),
  );
  const explained = (c: ScoredCandidate): string[] => {
    const tie = ties.get(c.key);
    const reasoning = explain(c, scale(c.terms.score));
    return tie === undefined ? reasoning : [...reasoning, tie];
  };
  const tasks = candidates.slice(0, ordered.length).map((c): CandidateTask => {
    const { terms: _terms, notes: _notes, ...task } = c;
    return { ...task, reasoning: explained(c) };
  });
  const proposals = [...again.values()].map((a) => a.task);
  const revalued = candidates
    .slice(ordered.length)
    .map((c, i) => valuedAgain(proposals[i] as Task, c, explained));
  const day = input.now.slice(0, 10);
  const rescaled = tiered.slice(ordered.length + reopened.length).flatMap((r, i): RescaledTask[] => {
    const t = standing[i] as Task;
    if (r.priority === t.priority) return [];
    // Why it moved, beside the work it is compared with (a lowered fill-in, an inherited priority).
    const why = r.reasoning.map((line) => `; ${line.charAt(0).toLowerCase()}${line.slice(1)}`).join('');
    const line = `${RESCALED}${r.priority} (P${t.priority} before), on the scale of the open work on ${day}: its value stays as it was decided${why}`;
    return [{ ref: t.ref, title: t.title, status: t.status, was: t.priority, priority: r.priority, line }];
  });
  return {
    generated: parts.reduce((sum, p) => sum + p.generated, 0),
    unique: kept.length + shelvedCount + left.unvaluedSetApart,
    skipped: [...duplicates.map((d) => d.skipped), ...held.map((h) => h.skipped)],
    cut: left.cut.length,
    cutByCap: left.cut.listed,
    outscoringBugs: outscoringBugs(left.cut.all, chosen),
    leftOutByKind: out.noRoom.length > 0,
    beyondRoom: out.beyond,
    higherCap:
      left.cut.length > 0
        ? higherCapOf(
            options.room instanceof Room ? options.room : options.freeSlots,
            kept,
            chosen,
            parts,
            redirects,
          )
        : null,
    untaken: options.room instanceof Room ? untakenOf(left.cut.work, options.room) : [],
    unvalued: left.unvalued.length,
    unvaluedWork: onFocusAreas(left.unvalued.listed, input),
    cycles,
    tasks,
    revenueImpact: round(tasks.reduce((sum, task) => sum + task.revenueImpact, 0)),
    revenueProtected: round(protectedBy(candidates.slice(0, ordered.length))),
    revenueGuessed: round(
      protectedBy(
        candidates.slice(0, ordered.length).filter((c) => isBug(c) && c.facts.affects === undefined),
      ),
    ),
    revalued,
    rescaled,
    withdrawn,
    state,
  };
}

/**
 * The research a goal on customers leaving calls for, beside work of the same batch answering a
 * churn rise or a revenue fall of the product the goal is on, or naming churn work (its interview
 * of the customers who cancelled, a cancellation survey): one question about the same customers,
 * asked once, in the first plan as in the next (where onGoalAlready holds the goal's work once the
 * other is approved). Judged within the batch the cap chose (`batch`, best first): beside work the
 * cap cut, the research is no duplicate (a review found it set apart beside a survey "cut by the
 * cap", nothing on churn proposed). Its experiment asks nothing, and stays, after that work (the
 * research it waits for is redirected to it). Each such research is set apart as a duplicate of
 * the best such work.
 */
function askedTwice(
  batch: readonly Ranked[],
  goals: readonly GoalSignalInput[],
  projectName: (id: number) => string | undefined,
): Map<Ranked, { to: Ranked; skipped: SkippedCandidate }> {
  const twice = new Map<Ranked, { to: Ranked; skipped: SkippedCandidate }>();
  const onChurn = new Map<Ranked, { metric: string; on: (projectId: number | null) => boolean }>();
  for (const r of batch) {
    const signal = r.draft.signals[0];
    if (r.draft.item !== null || signal?.kind !== 'goal_off_track' || r.draft.category !== 'research')
      continue;
    const goal = goals.find((g) => g.goalId === signal.goalId);
    const on = goal === undefined ? null : churnGoalOn(goal.metric, projectName, signal.goalProduct ?? null);
    if (goal !== undefined && on !== null) onChurn.set(r, { metric: goal.metric, on });
  }
  if (onChurn.size === 0) return twice;
  // Work answering a churn rise or a revenue fall, or naming churn work (a cancellation survey),
  // as an open task on the customers leaving holds the goal's (see onGoalAlready); a fix is no work
  // on them, whatever its title says ("Cancel button does nothing").
  const answering = batch.filter(
    (r) =>
      r.draft.signals[0]?.kind !== 'goal_off_track' &&
      isGoalWork(r.draft.category) &&
      (r.draft.signals.some((s) => CHURN_SIGNALS.has(s.kind)) || namesChurnWork(r.draft.aboutWords)),
  );
  for (const [r, { metric, on }] of onChurn) {
    const to = answering.find((a) => on(a.projectId));
    if (to === undefined) continue;
    const project = to.draft.projectName ?? 'its product';
    twice.set(r, {
      to,
      skipped: {
        title: r.title,
        duplicateOf: to.title,
        similarity: 0,
        reason: 'duplicate',
        note: `goal ${metric} measures the customers leaving ${project}, whom "${to.title}" works on in this plan: asking about them again would ask twice`,
      },
    });
  }
  return twice;
}

/** An open task the plan did not value again, ranked beside the batch (see standingRanks). */
type StandingTask = Task & { tier: number };

/**
 * The open tasks the plan did not value again (of tiers `tiers`), each at the priority its stored
 * score has on the plan's scale, or, if higher, the priority of an open or new task that depends
 * on it (as a prerequisite inherits it when both are proposed: see orderTasks), said in its
 * reasoning; the reasoning holds only what this plan says (see BatchPlan.rescaled).
 */
function standingRanks(
  standing: readonly Task[],
  tiers: readonly number[],
  ranked: ReadonlyArray<Pick<ScoredCandidate, 'title' | 'priority' | 'tier' | 'dependsOn'>>,
  scale: (score: number) => number,
): StandingTask[] {
  const own = standing.map((t) => scale(t.score));
  // What waits for each open task that ranks first (the earliest tier, then the highest
  // priority), by ref (the first to reach it), from a standing task naming it, or a task of the
  // batch or a proposal valued again that does. A standing task passes on what it inherits (its
  // place, not its own): the research a design spike of critical work waits for fell to the
  // fill-ins the next day, and the queue handed it out last, holding up the spike and the critical
  // work after it. Each ref improves only when something ranks first ahead of it, so the worklist
  // ends, cycles included; a busy workspace has thousands of open tasks, most waiting on nothing.
  type Waiter = { title: string; priority: number; tier: number };
  const first = new Map<string, Waiter>();
  const index = new Map(standing.map((t, i) => [t.ref, i]));
  const reached: number[] = [];
  const offer = (w: Waiter, refs: readonly string[]): void => {
    for (const ref of refs) {
      const known = first.get(ref);
      if (
        known === undefined ||
        w.tier < known.tier ||
        (w.tier === known.tier && w.priority > known.priority)
      ) {
        first.set(ref, w);
        const i = index.get(ref);
        if (i !== undefined) reached.push(i);
      }
    }
  };
  standing.forEach((t, i) => {
    offer({ title: t.title, priority: own[i] as number, tier: tiers[i] as number }, t.dependsOn);
  });
  for (const w of ranked) offer(w, w.dependsOn);
  for (let i = reached.pop(); i !== undefined; i = reached.pop()) {
    const t = standing[i] as Task;
    const by = first.get(t.ref) as Waiter;
    const mine = own[i] as number;
    const tier = tiers[i] as number;
    if (t.dependsOn.length === 0 || !(by.priority > mine || by.tier < tier)) continue;
    offer(
      { title: t.title, priority: Math.max(mine, by.priority), tier: Math.min(tier, by.tier) },
      t.dependsOn,
    );
  }
  return standing.map((t, i): StandingTask => {
    const mine = own[i] as number;
    const tier = tiers[i] as number;
    const by = first.get(t.ref);
    // A prerequisite takes the tier of what waits on it too (see orderTasks): an approved design
    // spike of critical work fell among the fill-ins the next day, and the queue handed it out last.
    const inherits = by !== undefined && (by.priority > mine || by.tier < tier);
    return {
      ...t,
      tier: inherits ? Math.min(tier, by.tier) : tier,
      priority: inherits ? Math.max(mine, by.priority) : mine,
      reasoning: inherits
        ? [`prerequisite of '${by.title}', it inherits priority ${Math.max(mine, by.priority)}`]
        : [],
    };
  });
}

/**
 * A proposal valued again that an open task not valued again depends on (one approved or under
 * way, which keeps the value it was decided on) inherits that task's priority, as when both were
 * proposed: approving the experiment must not drop the diagnosis it waits for below it; and its
 * tier (see orderTasks): the design spike of a critical feature approved alone fell below the
 * medium bugs the next day. Its score stays its own (see orderTasks).
 */
function heldUpBy<C extends ScoredCandidate>(
  c: C,
  ref: string,
  openTasks: readonly Task[],
  again: ReadonlyMap<string, unknown>,
  scale: (score: number) => number,
  tierOf: (t: Task) => number,
): C {
  let best: Task | undefined;
  let first = c.tier;
  for (const t of openTasks) {
    if (again.has(t.ref) || !t.dependsOn.includes(ref)) continue;
    if (best === undefined || t.score > best.score) best = t;
    first = Math.min(first, tierOf(t));
  }
  if (best === undefined || (best.score <= c.score && first >= c.tier)) return c;
  const priority = Math.max(c.priority, scale(best.score));
  return {
    ...c,
    priority,
    tier: first,
    reasoning: [
      ...c.reasoning.filter((line) => !line.startsWith('Prerequisite of ')),
      `Prerequisite of '${best.title}': inherits priority ${priority} (score ${formatScore(best.score)})`,
    ],
  };
}

/**
 * What persisting writes of a proposal valued again: its candidate's value today, as the tier rules
 * left it beside the batch, explained; the proposal keeps its route line (who it was suggested to is
 * not the plan's to say again), said to be as routed then (see asRoutedThen).
 */
function valuedAgain(
  task: Task,
  c: ScoredCandidate,
  explained: (c: ScoredCandidate) => string[],
): RevaluedTask {
  const { revenueImpact, goalValue, alignment, confidence, effortHours, focusArea, facts, score, priority } =
    c;
  // Held by someone, it keeps its line; nobody's, it is routed again as the plan saves (see routeWithWaiting).
  const kept = routeLines(task.reasoning);
  const route = task.assignee === null ? kept : kept.map((line) => asRoutedThen(line, task.category));
  const because = whyValuedAgain(task, c);
  return {
    ...(because === null ? {} : { because }),
    ref: task.ref,
    // A playbook's title names the dollars it works toward ("…toward $740/month of the gap").
    title: c.title,
    was: {
      title: task.title,
      priority: task.priority,
      revenueImpact: task.revenueImpact,
      goalValue: task.goalValue,
      score: task.score,
    },
    priority,
    score,
    revenueImpact,
    goalValue,
    alignment,
    confidence,
    effortHours,
    focusArea,
    facts,
    reasoning: [...explained(c), ...route],
  };
}

/**
 * A kept route line, said to be as it was routed: its evidence and load are of then, and beside a
 * card valued today they read as now (a review: "no feature outcomes yet … 2 of 3 slots in use"
 * under "Confidence 0.67: 1 of 1 earlier feature tasks succeeded"). Said once.
 */
function asRoutedThen(line: string, category: TaskCategory): string {
  const then = `; as routed when proposed: \`goalpost route ${category}\` says who would get it now`;
  return line.endsWith(then) ? line : `${line}${then}`;
}

/** Whether a stake is revenue the products have now (see BatchPlan.revenueProtected). */
const keeps = (stake: Stake): boolean => isEarnings(stake) || (stake.churn === true && stake.lost !== true);

/** What `candidates` claim of revenue the products have now (see BatchPlan.revenueProtected). */
const protectedBy = (candidates: readonly ScoredCandidate[]): number =>
  candidates.reduce(
    (sum, c) => sum + c.terms.revenue.reduce((n, a) => (keeps(a.stake) ? n + a.usd : n), 0),
    0,
  );

/** Whether a candidate fixes a backlog bug (valued by its severity unless the team judged it). */
const isBug = (c: ScoredCandidate): boolean => c.item?.kind === 'bug';

/**
 * The open proposals a plan drafted again, by ref: each candidate dropped as the duplicate of a
 * proposed task that is its same work (the same memory key, not a title alike).
 */
function proposalsAgain(
  openTasks: readonly Task[],
  duplicates: readonly Duplicate[],
): Map<string, { task: Task; candidate: Ranked }> {
  const proposed = new Map<string, Task>();
  for (const t of openTasks) if (t.status === 'proposed') proposed.set(t.ref, t);
  const again = new Map<string, { task: Task; candidate: Ranked }>();
  for (const { skipped, candidate } of duplicates) {
    const task = proposed.get(skipped.duplicateOf);
    if (task !== undefined && task.memoryKey === candidate.memoryKey && !again.has(task.ref)) {
      again.set(task.ref, { task, candidate });
    }
  }
  return again;
}

/**
 * What the batch left out, counted and its first CUT_LISTED listed: what the cap cut, best first
 * (the candidates selection passed over, with the best each part shelved: a part lists its own
 * best CUT_LISTED, so the best of all are among them), and the work scoring 0, which no batch
 * proposes (see selectBatch). The latter is told apart only while the batch has room: then every
 * piece of work was read. In a full batch, work a plan in parts only counted (below a bar the cap
 * and the cut list filled) may score 0 unknown, so all of it counts as cut; but no work scoring 0
 * is listed among the cut, as a larger cap would not propose it either.
 */
function leftOut(
  kept: readonly Ranked[],
  chosen: readonly Ranked[],
  parts: readonly PartPlan[],
  /** How many the parts shelved (see ShelvedSummary). */
  shelved: number,
  maxTasks: number,
): {
  /**
   * `work`: the listed cut as candidates (what kind of work, of which project); `all`: every cut
   * candidate read (the parts' listed shelved), in no order.
   */
  cut: { length: number; listed: CutCandidate[]; work: Shelved[]; all: Shelved[] };
  unvalued: { length: number; listed: Omit<UnvaluedCandidate, 'onFocusArea'>[] };
  /** The unvalued the parts set apart from their kept and shelved candidates. */
  unvaluedSetApart: number;
} {
  const inBatch = new Set(chosen);
  const passed: Shelved[] = kept.filter((c) => !inBatch.has(c));
  const valued = passed.filter((c) => c.score > 0);
  const unvaluedSetApart = parts.reduce((sum, p) => sum + p.unvalued.count, 0);
  const zeros = passed.length - valued.length + unvaluedSetApart;
  // A bug a part shelved that took a place of the batch is not cut (see liftBug).
  const batchKeys = new Set(chosen.map((c) => c.key));
  const listedByParts = parts.flatMap((p) => p.shelved.listed).filter((c) => !batchKeys.has(c.key));
  const work = [...valued, ...listedByParts].sort(byScore).slice(0, CUT_LISTED);
  // And the parts' best medium bugs, wherever their lists ended (see ShelvedSummary.bugs).
  const seen = new Set(listedByParts.map((c) => c.key));
  const all: Shelved[] = [
    ...valued,
    ...listedByParts,
    ...parts.flatMap((p) => p.shelved.bugs).filter((c) => !seen.has(c.key) && !batchKeys.has(c.key)),
  ];
  const listed = work.map((c) => ({ title: c.title, score: round(c.score) }));
  if (chosen.length >= Math.floor(maxTasks)) {
    return {
      cut: { length: valued.length + shelved + zeros, listed, work, all },
      unvalued: { length: 0, listed: [] },
      unvaluedSetApart,
    };
  }
  // In one order however the workspace was read in parts (each lists its first CUT_LISTED).
  const unvalued = [...passed.filter((c) => c.score <= 0), ...parts.flatMap((p) => p.unvalued.listed)].sort(
    byScore,
  );
  return {
    cut: { length: valued.length + shelved, listed, work, all },
    unvalued: {
      length: zeros,
      listed: unvalued.slice(0, CUT_LISTED).map((c) => ({
        title: c.title,
        project: c.projectName,
        upkeepId: upkeepIdOf(c),
      })),
    },
    unvaluedSetApart,
  };
}

/**
 * The medium bugs a batch (`chosen`) left out that a plan read, with their drafts: those it kept,
 * and the best each part shelved (see ShelvedSummary.bugs). One of them may take a place of the
 * batch (see liftBug); read in parts, each part keeps its best, so the best of all is among them.
 */
function mediumBugsLeftOut(
  kept: readonly Ranked[],
  chosen: readonly Ranked[],
  parts: readonly PartPlan[],
): Ranked[] {
  const inBatch = new Set(chosen);
  return [...kept.filter((r) => isMediumBug(r) && !inBatch.has(r)), ...parts.flatMap((p) => p.shelved.bugs)];
}

/**
 * A medium bug's candidate given a place among the real work (see liftBug), its card saying why
 * (`line`, after its business case), and its facts, so that it keeps the place while open (see
 * openTier).
 */
function givenPlace(c: ScoredCandidate, line: string): ScoredCandidate {
  return { ...c, tier: TIER.work, facts: { ...c.facts, placeGiven: true }, notes: [line, ...c.notes] };
}

/**
 * A proposal's tier valued again: a medium bug a batch gave a place (see liftBug) keeps it while it
 * awaits a decision; the team decides on it as it was proposed.
 */
function placeKept(task: Task, tier: number): number {
  return task.facts.placeGiven === true && tier === TIER.fillIn && task.category === 'bugfix'
    ? TIER.work
    : tier;
}

/**
 * The medium bugs among the cut work (`cut`) that score above the least of the batch's real work
 * (`chosen`), the best three (see BatchPlan.outscoringBugs). A medium bug of a backlog is the only
 * fill-in of the bug category: a high one is real work, a critical one first. Read by score, not
 * in the cut list's order: that lists the cut real work first, and a review's bug scoring 187
 * went unnamed behind two features of 124 that the cap cut with it.
 */
function outscoringBugs(cut: readonly Shelved[], chosen: readonly Ranked[]): OutscoringBug[] {
  let least = Number.POSITIVE_INFINITY;
  for (const c of chosen) if (c.tier === TIER.work && c.score < least) least = c.score;
  return cut
    .filter((c) => isMediumBug(c) && c.score > least)
    .sort(byScore)
    .slice(0, MEDIUM_BUGS_NAMED)
    .map((c) => ({ title: c.title, score: round(c.score), bugId: Number(c.key.slice(4)) }));
}

/**
 * The kinds of the listed cut work nobody at work takes at all (each kind of work and project
 * once, best first): no free slot will ever take it until someone does.
 */
function untakenOf(work: readonly Shelved[], room: Room): UntakenWork[] {
  const seen = new Set<string>();
  const untaken: UntakenWork[] = [];
  for (const w of work) {
    const key = `${w.category}@${w.projectId}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (!room.anyoneTakes(w))
      untaken.push({ category: w.category, projectId: w.projectId, projectName: w.projectName });
  }
  return untaken;
}

/** The listed unvalued work, each saying whether its project is on a focus area of the vision. */
function onFocusAreas(
  listed: readonly Omit<UnvaluedCandidate, 'onFocusArea'>[],
  input: Pick<PlanInput, 'projects' | 'vision'>,
): UnvaluedCandidate[] {
  if (listed.length === 0) return [];
  const areas = new Set(input.vision.focusAreas);
  const byName = new Map(input.projects.map((p) => [p.name, p]));
  return listed.map((w) => ({
    ...w,
    onFocusArea: w.project !== null && (byName.get(w.project)?.focusAreas.some((a) => areas.has(a)) ?? false),
  }));
}

/** A candidate's feature id when it is upkeep (a feature whose work is infrastructure), else null. */
function upkeepIdOf(c: Pick<Shelved, 'key' | 'category'>): number | null {
  return c.category === 'infrastructure' && c.key.startsWith('feature:')
    ? Number(c.key.slice('feature:'.length))
    : null;
}

/**
 * Tells each goal's signal its playbook work the team approved or has under way, and what of the
 * goal's value that work was decided at (see Signal.underWay).
 */
function goalWorkUnderWay(signals: readonly Signal[], openTasks: readonly Task[]): void {
  for (const signal of signals) {
    if (signal.kind !== 'goal_off_track' || signal.goalId === undefined) continue;
    let usd = 0;
    const refs: string[] = [];
    for (const t of openTasks) {
      if (t.goalId !== signal.goalId || t.playbookKey === null || t.signal !== 'goal_off_track') continue;
      if ((t.status !== 'approved' && t.status !== 'in_progress') || !(t.goalValue > 0)) continue;
      usd += t.goalValue;
      refs.push(t.ref);
    }
    if (refs.length > 0) signal.underWay = { usd, refs };
  }
}
