import type { DoneWork } from '../domain/history.js';
import type { OpenFeature, Project, RevenuePeriod, RevenueRecord } from '../domain/project.js';
import { OPEN_STATUSES } from '../domain/task.js';
import type { Vision } from '../domain/vision.js';
import { analyseState } from '../engine/analyse-state.js';
import { itemTitle, TEAM_PRIORITY_WEIGHT } from '../engine/BacklogItem.js';
import type { Unmeasured } from '../engine/batch-plan.js';
import { ANSWERED_DAYS, worksOnGoal } from '../engine/done-work.js';
import type { BacklogSource, PlanInput, WorkspaceInput } from '../engine/engine-input.js';
import { groupBy } from '../engine/group-by.js';
import { failedHoldSince, failureMemoryDays, rejectionWindow } from '../engine/memory.js';
import { planInput } from '../engine/plan-batch.js';
import { goalProductOf } from '../engine/serve-signals.js';
import { SHIPPED_COUNTED_DAYS } from '../engine/shipped.js';
import { FOCUS_RECENT_DAYS } from '../engine/task-history.js';
import type { WorkspaceState } from '../engine/workspace-state.js';
import { type GoalAnalytics, goalFigure } from '../feedback/analyse-goal.js';
import type { Store } from '../store/create-store.js';
import { loadPaymentFailures } from './payment-failures.js';
import { sharedSubscriptions } from './stripe-months.js';

/** How far back closed tasks count for confidence and recency. */
const HISTORY_DAYS = 90;

/**
 * How many projects' open features and bugs planning reads at a time (see BacklogSource): a part
 * this size holds under a thousand drafts at once, and each read is still one range seek. Paired
 * against 4,096: dry run on 10,000 projects ×0.96 wall, 154 → 127 MB; on 100,000 ×0.95, 660 → 580 MB.
 */
const PROJECTS_PER_READ = 256;

/** How a read takes a workspace's revenue records (as of `now`): whole, or only what analysis uses. */
export type RevenueRead<R extends RevenuePeriod> = (store: Store, workspaceId: string, now: Date) => R[];

/** Whole records: the state shown to people and scripts carries each source's record as recorded. */
export const WHOLE_RECORDS: RevenueRead<RevenueRecord> = (store, ws) => store.revenue.list(ws);

/**
 * What analysis uses (RevenuePeriod), of the records it looks at: every record, or, when the sources
 * hold many each, each source's earliest and its two latest complete ones as of `now`'s day (UTC, as
 * analyseRevenue counts it), with the periods before its latest (see periodsToAnalyse). A plan shows no record.
 */
export const PERIODS: RevenueRead<RevenuePeriod> = (store, ws, now) =>
  store.revenue.periodsToAnalyse(ws, now.toISOString().slice(0, 10));

/**
 * Reads what the engine needs of one workspace, but its backlog (see loadBacklog): its features and
 * bugs only counted per project, a large workspace's backlog being most of its data.
 */
export function loadEngineInput<R extends RevenuePeriod>(
  store: Store,
  vision: Vision,
  now: Date,
  goals: readonly GoalAnalytics[],
  readRevenue: RevenueRead<R>,
  beforeRead?: (projects: number) => void,
): WorkspaceInput<R> {
  const ws = vision.workspaceId;
  beforeRead?.(store.projects.count(ws));
  const since = new Date(now.getTime() - HISTORY_DAYS * 86_400_000).toISOString();
  const projects = store.projects.list(ws);
  const { last: lastWork, unmeasured } = goalWork(store, ws, goals, projects, now);
  const revenue = readRevenue(store, ws, now);
  return {
    now: now.toISOString(),
    vision,
    projects,
    featureStats: store.backlog.featureStats(ws),
    bugStats: store.backlog.bugStats(ws),
    revenue,
    sharedSubscriptions: sharedSubscriptions(store, ws, revenue, now.toISOString().slice(0, 10)),
    firstSales: store.stripe.firstSales(ws),
    shipped: store.backlog.shippedSince(
      ws,
      new Date(now.getTime() - SHIPPED_COUNTED_DAYS * 86_400_000).toISOString(),
    ),
    playbooks: store.playbooks.list(ws),
    paymentFailures: loadPaymentFailures(store, ws, now),
    openTasks: store.tasks.list(ws, { status: [...OPEN_STATUSES], limit: 1_000_000 }),
    history: store.history.summary(ws, {
      since,
      focusSince: new Date(now.getTime() - FOCUS_RECENT_DAYS * 86_400_000).toISOString(),
      focusAreas: vision.focusAreas,
    }),
    goals: goals.map((a) => ({
      goalId: a.goal.id,
      metric: a.goal.metric,
      target: a.goal.target,
      unit: a.goal.unit,
      direction: a.goal.direction,
      baseline: a.baseline,
      current: a.current,
      valuePerUnit: a.goal.valuePerUnit,
      weight: a.goal.weight,
      deadline: a.goal.deadline,
      status: a.status,
      gap: a.gap,
      // Counted on once it rests on the readings a goal is called on track by, as `goals` prints it.
      forecast: a.forecast !== null && a.trended ? Number(goalFigure(a.forecast)) : null,
      standsAt: standsAt(a),
      why: a.why,
      lastWork: lastWork.get(a.goal.id) ?? null,
      measuredAt: a.currentAt,
      ...(unmeasured.has(a.goal.id) ? { unmeasured: unmeasured.get(a.goal.id) } : {}),
      ...(a.stalled === null ? {} : { stalled: a.stalled }),
      ...(a.awaiting === null ? {} : { awaiting: a.awaiting }),
    })),
  };
}

/**
 * Where a goal's trend stands at its latest reading, when it has no forecast to count on and
 * the trend's value there reads otherwise than what the goal is judged on (see
 * GoalSignalInput.standsAt); null otherwise.
 */
function standsAt(a: GoalAnalytics): number | null {
  const judged = a.judgedOn ?? a.current;
  // A latest reading judged an outlier is judged on its trend already.
  if (a.trended || a.judgedBy === 'outlier' || a.forecastFrom === null || judged === null) return null;
  const stands = goalFigure(a.forecastFrom);
  return stands === goalFigure(judged) ? null : Number(stands);
}

/**
 * The team's latest own work done for each goal that calls for work (off track or at risk): its
 * latest done task linked to the goal that its playbooks did not make, by goal id (`last`), and the
 * work linked to it done since it was last measured (`unmeasured`: see Signal.unmeasured). Read
 * only when such a goal is there (most workspaces have none).
 */
function goalWork(
  store: Store,
  ws: string,
  goals: readonly GoalAnalytics[],
  projects: readonly Project[],
  now: Date,
): { last: Map<number, DoneWork & { linked: boolean }>; unmeasured: Map<number, Unmeasured> } {
  const last = new Map<number, DoneWork & { linked: boolean }>();
  const unmeasured = new Map<number, Unmeasured>();
  const calling = goals.filter((a) => a.status === 'off_track' || a.status === 'at_risk');
  if (calling.length === 0) return { last, unmeasured };
  // The team's work linked to a goal done since its last reading, and lately, is what closing it
  // is counted on already (see Signal.unmeasured).
  const measured = new Map(calling.map((a) => [a.goal.id, a.currentAt ?? '']));
  const counted = new Date(now.getTime() - SHIPPED_COUNTED_DAYS * 86_400_000).toISOString();
  // Oldest first: the last one read for a goal is its latest. The goal's own playbook tasks have
  // no project (see GoalAction): memory says what follows them.
  for (const a of store.history.goalActions(ws)) {
    if (a.projectId === null) continue;
    last.set(a.goalId, { projectId: a.projectId, ref: a.ref, title: a.title, at: a.doneAt, linked: true });
    const since = measured.get(a.goalId);
    if (a.units === null || since === undefined || a.doneAt <= since || a.doneAt < counted) continue;
    const was = unmeasured.get(a.goalId);
    unmeasured.set(a.goalId, { units: (was?.units ?? 0) + a.units, refs: [...(was?.refs ?? []), a.ref] });
  }
  // And growth features shipped lately on what a goal measures, linked to it or not (a review found
  // a churn goal's research back the morning after the cancellation survey shipped), and playbook
  // work done lately on a product's customers leaving (an interview of those who cancelled: a
  // review found the churn goal's research asking again two days after it was done).
  const since = new Date(now.getTime() - ANSWERED_DAYS * 86_400_000).toISOString();
  // Oldest first, as each list comes: the last one a goal keeps is its latest. The churn work is
  // said to answer customers leaving, as its signal (a churn rise or a revenue fall) does.
  const shipped = [
    ...store.history.doneFeaturesSince(ws, since).map((w) => ({ ...w, signal: null })),
    ...store.history.doneChurnWorkSince(ws, since).map((w) => ({ ...w, signal: 'churn_rise' })),
  ].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  if (shipped.length === 0) return { last, unmeasured };
  const names = new Map(projects.map((p) => [p.id, p.name]));
  for (const a of calling) {
    const onGoal = worksOnGoal(
      a.goal.metric,
      (id) => names.get(id),
      goalProductOf(a.goal.metric, names.values()),
    );
    for (const work of shipped) {
      const seen = last.get(a.goal.id);
      // A feature whose task is linked to the goal is that task: it serves the goal.
      if (seen !== undefined && (work.at <= seen.at || work.ref === seen.ref)) continue;
      // Research after work that shipped: the shipped work is what the goal waits to see.
      if (seen !== undefined && seen.research !== true && work.research === true) continue;
      const { signal, ...done } = work;
      if (onGoal(work.title, work.projectId, signal)) last.set(a.goal.id, { ...done, linked: false });
    }
  }
  return { last, unmeasured };
}

/**
 * The workspace's backlog as the engine reads it (the open features and bugs of a range of projects
 * at a time), and the done and rejected tasks of the work a plan considers: done ever, rejected
 * within twice the longest hold (so the reasoning can say a returning task was rejected before, and
 * how often: see rejectMemoryDays), failed within twice the cooldown. Keys
 * come in namespaces: a backlog item's `feature:` or `bug:`, a playbook task's `pb:`. When a part
 * first asks about keys of a namespace and the workspace has no more decided tasks of it than that,
 * their keys are read once, and memory is asked only about that namespace's candidates among them;
 * otherwise about each of them, until the keys asked about in the namespace are twice as many as
 * when it last counted (a plan in parts reads its likeliest projects first, a small part), when it
 * counts again. Reading a decided key costs less than asking about one, and counting stops one
 * past. A long history is mostly playbook work, and a backlog item decided is mostly closed: at
 * 10,000 projects memory was asked about 32,000 keys, 96 % of them backlog items none of which was
 * decided, and reading 70,000 decided playbook keys cost more than asking 15,000.
 */
export function loadBacklog(store: Store, input: WorkspaceInput, rejectCooldownDays: number): BacklogSource {
  const ws = input.vision.workspaceId;
  const rejections = rejectionWindow(input.now, rejectCooldownDays);
  // Failures are remembered (how often, and why) for twice the cooldown; they hold work back a day,
  // or as long as their reason says within that (see failedHoldEnds).
  const failuresSince = new Date(
    Date.parse(input.now) - failureMemoryDays(rejectCooldownDays) * 86_400_000,
  ).toISOString();
  const failedSince = new Date(failedHoldSince(input.now, rejectCooldownDays)).toISOString();
  // Per namespace of keys (what comes before the first colon: `feature:`, `bug:`, `pb:`): its
  // decided keys once read (null: too many to read), how many keys parts had asked about when they
  // were counted, and how many they have asked about since the plan began.
  const decided = new Map<string, { keys: Set<string> | null; counted: number; asked: number }>();
  let holding: ReadonlySet<number> | undefined;
  let judged: ReadonlySet<number> | undefined;
  // What each open feature waits for (`feature after`), read with the first items: most
  // workspaces have no such feature, and their rows are left as read.
  let waits: ReturnType<Store['backlog']['featureWaits']> | undefined;
  const waiting = (features: OpenFeature[]): OpenFeature[] => {
    waits ??= store.backlog.featureWaits(ws);
    const { open, met } = waits;
    if (open.size === 0 && met.size === 0) return features;
    for (let i = 0; i < features.length; i++) {
      const f = features[i] as OpenFeature;
      const after = open.get(f.id);
      const metAfter = met.get(f.id);
      if (after === undefined && metAfter === undefined) continue;
      features[i] = {
        ...f,
        ...(after === undefined ? {} : { after }),
        ...(metAfter === undefined ? {} : { metAfter }),
      };
    }
    return features;
  };
  return {
    projectsPerRead: PROJECTS_PER_READ,
    read: (from, to) => ({
      features: waiting(store.backlog.openFeatures(ws, { from, to })),
      bugs: store.backlog.openBugs(ws, { from, to }),
    }),
    readProjects: (ids) => ({
      features: waiting(store.backlog.openFeatures(ws, ids)),
      bugs: store.backlog.openBugs(ws, ids),
    }),
    holdingProjects: () => {
      holding ??= store.backlog.holdingProjects(ws, rejections.rejectedSince, failedSince);
      return holding;
    },
    judgedProjects: () => {
      judged ??= store.backlog.judgedProjects(ws);
      return judged;
    },
    itemTitles: (ids) => {
      // Columns by index, not destructured (a plan's baseline code walks an iterator for that:
      // see allocateStakes in the engine).
      const heads = groupBy(store.backlog.openItemHeads(ws, ids), (head) => head[0]);
      const titles = new Map<number, string[]>();
      heads.forEach((of, id) => {
        titles.set(
          id,
          of.map((head) => itemTitle(head[1], { status: head[2], title: head[3] }, head[4])),
        );
      });
      return titles;
    },
    memory: (keys) => {
      // Each key's namespace, the same string while it does not change from key to key.
      const spaces: string[] = new Array(keys.length);
      const counts = new Map<string, number>();
      let space = '';
      keys.forEach((key, i) => {
        if (space === '' || !key.startsWith(space)) space = key.slice(0, key.indexOf(':') + 1);
        spaces[i] = space;
        counts.set(space, (counts.get(space) ?? 0) + 1);
      });
      for (const [namespace, count] of counts) {
        const known = decided.get(namespace) ?? { keys: null, counted: 0, asked: 0 };
        known.asked += count;
        if (known.keys === null && known.asked >= 2 * known.counted) {
          known.keys = store.history.decidedKeys(ws, known.asked, namespace);
          known.counted = known.asked;
        }
        decided.set(namespace, known);
      }
      const asked = keys.filter((key, i) => {
        const known = decided.get(spaces[i] ?? '')?.keys;
        return known == null || known.has(key);
      });
      return store.history.memory(ws, { keys: asked, ...rejections, failedSince: failuresSince });
    },
    rejectedPlaybookKeys: () => store.history.rejectedPlaybookKeys(ws, rejections.rejectedSince),
    rejectedItems: () => store.history.rejectedItems(ws, rejections.rejectedSince),
    doneWork: (ids) => store.history.doneWork(ws, ids),
    fixedBugs: (ids) => store.history.fixedBugs(ws, ids),
    failedWork: (refs) => store.history.failedWork(ws, refs),
    leastEstimate: store.backlog.leastOpenEstimate(ws),
    scheduledAfter: (month) => store.backlog.scheduledAfter(ws, month),
    teamWeights: new Map(
      [...store.backlog.rankedUp(ws)].map(([project, priority]) => [project, TEAM_PRIORITY_WEIGHT[priority]]),
    ),
  };
}

/** A workspace read and analysed for planning (see loadForPlanning). */
export interface LoadedForPlanning {
  state: WorkspaceState;
  input: PlanInput;
  backlog: BacklogSource;
}

/**
 * Reads a workspace (loadEngineInput), analyses where it stands and returns what planning reads
 * past that (planAnalysed): the rows only the analysis reads are not kept, so they are let go
 * while the backlog is planned. On 100,000 projects the dry run's peak fell from 360 to 307 MB.
 */
export function loadForPlanning(
  store: Store,
  vision: Vision,
  now: Date,
  goals: readonly GoalAnalytics[],
  rejectCooldownDays: number,
  beforeRead?: (projects: number) => void,
): LoadedForPlanning {
  const loaded = loadEngineInput(store, vision, now, goals, PERIODS, beforeRead);
  return {
    state: analyseState(loaded),
    input: planInput(loaded),
    backlog: loadBacklog(store, loaded, rejectCooldownDays),
  };
}
