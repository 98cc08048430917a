// Planning a workspace a read of projects at a time (see planWorkspace): which signals every part
// shares, and what each part must know of the whole backlog to plan as one read of it would.
import { backlogDrafts, likeliestBest } from './backlog-candidates.js';
import { CUT_LISTED, type Signal } from './batch-plan.js';
import type { BacklogSource } from './engine-input.js';
import { groupBy } from './group-by.js';
import { focusWorkedOn } from './instantiate-playbooks.js';
import { openTier } from './open-tier.js';
import { byWordsServing, type Part, type PartPlan, type PlanContext, planPart } from './plan-part.js';
import { RankBar } from './rank-bar.js';
import { goalServing } from './serve-signals.js';
import type { ProjectState, WorkspaceState } from './workspace-state.js';

/**
 * How many open items the first read holds for each place of the bar (see likeliestBest): enough
 * that the bar it sets is the batch's and the cut list's own, few enough to read little. On the
 * bench's 10,000 projects, 2, 3, 4 and 6 drafted 5,197, 4,430, 4,230 and 4,280 items with room
 * for 5 tasks, 5,468, 4,662, 4,310 and 4,439 with room for 50; reading by id from the first,
 * 5,431 and 5,364.
 */
const FIRST_READ_ITEMS_PER_PLACE = 4;

/** Signals any project's items may serve, answered (when none does) by tasks of no project or a chosen one. */
const workspaceWide = (s: Signal): boolean =>
  s.projectId === null || s.kind === 'focus_gap' || s.kind === 'goal_off_track';

/**
 * Whether to plan in parts: when the projects do not fit one read. Not when two goal signals share
 * a goal: the items one ties to the goal would count for the other, which only the whole backlog
 * at once shows.
 */
export function inParts(
  projects: readonly ProjectState[],
  perRead: number,
  signals: readonly Signal[],
): boolean {
  const goals = signals.filter((s) => s.kind === 'goal_off_track').map((s) => s.goalId);
  return projects.length > perRead && new Set(goals).size === goals.length;
}

/**
 * The workspace planned a read of projects at a time. The projects likeliest to hold the best work
 * come first (see likeliestBest), the projects workspace-wide signals' tasks are for (a neglected
 * focus area's home) last, with those signals' answers, so that every project's candidates are
 * planned together; the rest by id between them.
 */
export function planInParts(
  ctx: PlanContext,
  state: WorkspaceState,
  signals: readonly Signal[],
  backlog: BacklogSource,
): PartPlan[] {
  const { input } = ctx;
  // What the batch and the cut list can hold: backlog items ranked below that many are only counted.
  const places = Math.max(0, Math.floor(ctx.options.maxTasks)) + CUT_LISTED;
  const last = new Set(
    signals.filter((s) => workspaceWide(s) && s.projectId !== null).map((s) => s.projectId),
  );
  // The projects likeliest to hold the best work are read first (by their ids), and the rest a range
  // at a time: the first read sets the bar high, and the later ones draft only what may pass it.
  const rest = state.projects.filter((p) => !last.has(p.project.id));
  const first = likeliestBest(rest, ctx.stakes, FIRST_READ_ITEMS_PER_PLACE * places, backlog.projectsPerRead);
  const inFirst = new Set(first);
  const reads = chunks(
    rest.filter((p) => !inFirst.has(p)),
    backlog.projectsPerRead,
  );
  if (first.length > 0) reads.unshift(first);
  const wide = signals.filter(workspaceWide);
  const signalsOf = groupBy(
    signals.filter((s) => !workspaceWide(s)),
    (s) => s.projectId,
  );
  const openTasksOf = groupBy(input.openTasks, (t) => t.projectId);
  const lastProjects = state.projects.filter((p) => last.has(p.project.id));
  // A range is read at once (what it holds of other parts' projects left out); the first and the
  // last part's few projects, far apart, by their ids; and only some of a part's projects, by theirs.
  const partOf = (projects: readonly ProjectState[]): Omit<Part, 'answer' | 'workedElsewhere'> => ({
    projects,
    read: (some) => {
      const ids = (some ?? (projects === lastProjects || projects === first ? projects : null))?.map(
        (p) => p.project.id,
      );
      if (ids !== undefined) return ids.length === 0 ? { features: [], bugs: [] } : backlog.readProjects(ids);
      const here = new Set(projects.map((p) => p.project.id));
      const ofHere = <T extends { projectId: number }>(items: readonly T[]) =>
        items.filter((i) => here.has(i.projectId));
      const rows = backlog.read(projects[0]?.project.id ?? 0, projects.at(-1)?.project.id ?? 0);
      return { features: ofHere(rows.features), bugs: ofHere(rows.bugs) };
    },
    openTasks: ofProjects(projects, openTasksOf),
    signals: [...ofProjects(projects, signalsOf), ...wide].sort(
      (a, b) => (ctx.signalRank.get(a) ?? 0) - (ctx.signalRank.get(b) ?? 0),
    ),
  });
  const bar = new RankBar(places);
  // Open tasks set the priority scale too (see finish).
  for (const t of input.openTasks)
    if (t.status !== 'in_progress') bar.see(t.score, openTier(t, input.playbooks));
  const planned: PlanContext = {
    ...ctx,
    ...sharedServing(ctx, wide, [...reads, lastProjects], partOf),
    itemTitles: titlesOnce(ctx, signals),
    bar,
  };
  const served = new Set<Signal>();
  const worked = new Set<string>();
  const parts = reads.map((projects) =>
    planPart(planned, {
      ...partOf(projects),
      answer: (unserved) => {
        const missed = new Set(unserved);
        for (const s of wide) if (!missed.has(s)) served.add(s);
        const answered = unserved.filter((s) => !workspaceWide(s));
        for (const area of focusWorkedOn(answered, input)) worked.add(area);
        return answered;
      },
      workedElsewhere: new Set(),
    }),
  );
  parts.push(
    planPart(planned, {
      ...partOf(lastProjects),
      openTasks: [...ofProjects(lastProjects, openTasksOf), ...(openTasksOf.get(null) ?? [])],
      answer: (unserved) => unserved.filter((s) => !workspaceWide(s) || !served.has(s)),
      workedElsewhere: worked,
    }),
  );
  return parts;
}

/**
 * What parts need to know of the whole backlog: how it serves each goal signal (read once before
 * the parts, only when there is one), and so the total weight its items claim on the goal's stake.
 */
function sharedServing(
  ctx: PlanContext,
  wide: readonly Signal[],
  reads: readonly (readonly ProjectState[])[],
  partOf: (projects: readonly ProjectState[]) => Pick<Part, 'projects' | 'read'>,
): Pick<PlanContext, 'goals' | 'claimedElsewhere'> {
  if (!wide.some((s) => s.kind === 'goal_off_track'))
    return { goals: new Map(), claimedElsewhere: new Map() };
  const { input, stakes } = ctx;
  const items = function* () {
    for (const projects of reads) {
      if (projects.length === 0) continue;
      const { features, bugs } = partOf(projects).read(null);
      yield* backlogDrafts(projects, features, bugs, input.vision, stakes, input.now).drafts;
    }
  };
  const goals = goalServing(wide, items());
  const claimedElsewhere = new Map<string, number>();
  for (const [signal, { count, units, each }] of goals) {
    if (signal.stake === null || count === 0) continue;
    // The same sum, in the same order, as one read of the whole backlog adds up (see serveSignals).
    // A goal's whole value is counted for one feature's worth of work at least (see Answering).
    const perUnit = 1 / Math.max(1, units);
    let total = 0;
    for (let i = 0; i < each.length; i++) total += perUnit * (each[i] as number);
    claimedElsewhere.set(signal.stake.key, total);
  }
  return { goals, claimedElsewhere };
}

/**
 * The titles of items a plan in parts asks about, those of the projects of signals items serve by
 * naming words asked once for the whole plan, before the parts (each part asks of some of them
 * whether their items name the words, or duplicate a playbook task: see planPart); the rest when
 * a part asks.
 */
function titlesOnce(ctx: PlanContext, signals: readonly Signal[]): PlanContext['itemTitles'] {
  const ids = [...new Set([...byWordsServing(signals).values()].flat())];
  const asked = new Set(ids);
  const known = ids.length === 0 ? new Map<number, readonly string[]>() : ctx.itemTitles(ids);
  return (projectIds) => {
    const rest = projectIds.filter((id) => !asked.has(id));
    if (rest.length === 0) return known;
    const more = ctx.itemTitles(rest);
    return new Map(projectIds.map((id) => [id, known.get(id) ?? more.get(id) ?? []]));
  };
}

/**
 * What `of` holds for each of these projects, one project's after another's: as a flatMap would
 * give it, without the empty list and the call a flatMap makes for each project (most have none),
 * in baseline code (see allocateStakes).
 */
function ofProjects<T>(projects: readonly ProjectState[], of: ReadonlyMap<number | null, T[]>): T[] {
  const all: T[] = [];
  for (let i = 0; i < projects.length; i++) {
    const some = of.get((projects[i] as ProjectState).project.id);
    if (some !== undefined) for (let k = 0; k < some.length; k++) all.push(some[k] as T);
  }
  return all;
}

/** `items` in runs of `size`. */
function chunks<T>(items: readonly T[], size: number): T[][] {
  const runs: T[][] = [];
  for (let i = 0; i < items.length; i += size) runs.push(items.slice(i, i + size));
  return runs;
}
