import {
  addUnits,
  type Bug,
  type BugStats,
  type FeatureStats,
  type OpenFeature,
  type RevenuePeriod,
  strandedProjects,
} from '../domain/project.js';
import { analyseRevenue, isCalendarMonth, justPassedMilestone, reachedText } from './analyse-revenue.js';
import { areaNamedIn } from './BacklogItem.js';
import { churnBumpCost, churnBumpText } from './churn-bump.js';
import { DAY_MS, parseInstant } from './dates.js';
import { churnFromText, churnRise, churnRose } from './detect-signals.js';
import type { EngineOptions, StateInput } from './engine-input.js';
import { formatCount, formatPct, formatRate, formatUsd, possessive, round } from './format.js';
import { isRevenueMetric } from './goal-value.js';
import { groupBy } from './group-by.js';
import {
  type ChurnBump,
  type ProjectState,
  projectWithId,
  revenueFell,
  revenueLost,
  revenuePeriodName,
  totalGrew,
  type WorkspaceState,
} from './workspace-state.js';

export const DEFAULT_STALE_AFTER_DAYS = 14;
export const DEFAULT_NEAR_COMPLETION_AT = 0.8;

export type AnalyseOptions = Pick<EngineOptions, 'staleAfterDays' | 'nearCompletionAt'>;

/**
 * Where the workspace stands: revenue against the current milestone, per-project progress,
 * neglected focus areas and notable opportunities. Pure: time comes from `input.now`.
 * @throws ValidationError when `input.now` is not a valid instant.
 */
export function analyseState<R extends RevenuePeriod>(
  input: StateInput<R>,
  options: AnalyseOptions = {},
): WorkspaceState<R> {
  const nowMs = parseInstant(input.now, 'now');
  const staleAfterDays = options.staleAfterDays ?? DEFAULT_STALE_AFTER_DAYS;
  const nearAt = options.nearCompletionAt ?? DEFAULT_NEAR_COMPLETION_AT;
  const revenue = analyseRevenue(input.revenue, input.vision, nowMs, input.sharedSubscriptions);
  const sources = new Map(revenue.sources.map((s) => [s.projectId, s]));
  // One pass each, so analysis stays linear in the size of the workspace.
  const featureStats = input.featureStats ?? featureStatsOf(input.features ?? []);
  const bugStats = input.bugStats ?? bugStatsOf(input.bugs ?? []);
  const openTasksOf = groupBy(input.openTasks, (t) => t.projectId);

  // Copied by slice and read by index, not spread or for…of: see allocateStakes.
  const projects = input.projects
    .slice()
    .sort((a, b) => a.id - b.id)
    .map((project): ProjectState<R> => {
      const stats = featureStats.get(project.id);
      // Growth features only: a chore left is no feature left (upkeep is counted apart).
      const upkeepOpen = stats?.upkeepOpen ?? 0;
      const featuresTotal = (stats?.total ?? 0) - (stats?.upkeepTotal ?? 0);
      const featuresDone = (stats?.done ?? 0) - ((stats?.upkeepTotal ?? 0) - upkeepOpen);
      const featureUnits = featuresTotal - featuresDone + (stats?.extraUnits ?? 0);
      const bugs = bugStats.get(project.id);
      const completion = featuresTotal === 0 ? null : featuresDone / featuresTotal;
      // Timestamps are ISO 8601 in UTC, so the latest is the greatest string: parse only that one.
      let lastChange = project.updatedAt;
      if (stats !== undefined && stats.lastChange > lastChange) lastChange = stats.lastChange;
      if (bugs !== undefined && bugs.lastChange > lastChange) lastChange = bugs.lastChange;
      // A proposal awaiting a decision is no work on its project yet (nor, below, on its focus
      // area): valued again, it must find the signals it was proposed for as they were. Approved
      // work counts from its approval; work under way is work on the project now, however long it
      // takes (a review found projects called stale, 23 days idle, with tasks in progress on them).
      const open = openTasksOf.get(project.id);
      if (open !== undefined)
        for (let i = 0; i < open.length; i++) {
          const item = open[i];
          if (item === undefined || item.status === 'proposed') continue;
          const at = item.status === 'in_progress' ? input.now : item.updatedAt;
          if (at > lastChange) lastChange = at;
        }
      const lastClosed = input.history.lastClosedAt.get(project.id);
      if (lastClosed !== undefined && lastClosed > lastChange) lastChange = lastClosed;
      const idleDays = Math.max(0, Math.floor((nowMs - parseInstant(lastChange, 'updatedAt')) / DAY_MS));
      const source = sources.get(project.id) ?? null;
      return {
        project,
        featuresTotal,
        featuresDone,
        featureUnits,
        upkeepOpen,
        completion: completion === null ? null : round(completion, 4),
        openBugs: openBugsOf(bugs),
        blockers: bugs === undefined ? [] : bugs.blockers.slice(),
        nearCompletion: completion !== null && completion >= nearAt && completion < 1,
        idleDays,
        stale: project.status === 'active' && idleDays >= staleAfterDays,
        monthlyRevenue: source?.mrr ?? 0,
        revenue: source,
      };
    });

  const worked = new Set(input.history.recentFocusAreas);
  const visionFocus = input.vision.focusAreas;
  // Work on a project of several areas whose title names none of them works on the project as a
  // whole: on each of its areas, not on the one its card was counted for alone. A review's Auth
  // Service (reliability, security) shipped MFA and key rotation, counted as reliability, and the
  // plan then said security was never worked on.
  const onWhole = (title: string, category: string, areas: readonly string[]) => {
    if (areas.length < 2) return;
    const item = /'(.*)'/.exec(title)?.[1] ?? title;
    if (areaNamedIn(item, areas, visionFocus, category === 'feature') !== null) return;
    for (const area of areas) worked.add(area);
  };
  for (const work of input.history.otherAreaWork ?? []) onWhole(work.title, work.category, work.projectAreas);
  // A growth feature in progress is work under way on the area its title names, else on each of
  // its project's: a review's card said nothing worked on payroll_launch beside "already in
  // progress" of the payroll engine it proposed to finish.
  for (const work of input.history.featuresUnderWay ?? []) {
    const named = areaNamedIn(work.title, work.projectAreas, visionFocus, true);
    if (named !== null) worked.add(named);
    else for (const area of work.projectAreas) worked.add(area);
  }
  let areasOf: Map<number, readonly string[]> | null = null;
  for (const task of input.openTasks) {
    if (task.focusArea === null || task.status === 'proposed') continue;
    worked.add(task.focusArea);
    // Work from a backlog item only: a playbook's or a goal's task says its own area.
    if (task.projectId === null || task.item === null) continue;
    areasOf ??= new Map(input.projects.map((p) => [p.id, p.focusAreas]));
    onWhole(task.title, task.category, areasOf.get(task.projectId) ?? []);
  }
  const neglectedFocusAreas = input.vision.focusAreas.filter((area) => !worked.has(area));
  const state: WorkspaceState<R> = {
    now: input.now,
    revenue,
    projects,
    focusAreas: [...input.vision.focusAreas],
    neglectedFocusAreas,
    strandedProjects: strandedProjects(input.projects, input.vision.focusAreas),
    opportunities: [],
    pressing: [],
  };
  const { lines, pressing } = describeOpportunities(state, input, nearAt);
  state.opportunities = lines;
  state.pressing = pressing;
  return state;
}

/** Features counted per project, with their latest change. */
export function featureStatsOf(features: readonly OpenFeature[]): Map<number, FeatureStats> {
  const stats = new Map<number, FeatureStats>();
  const estimated: OpenFeature[] = [];
  for (const f of features) {
    const s = stats.get(f.projectId) ?? {
      total: 0,
      done: 0,
      upkeepTotal: 0,
      upkeepOpen: 0,
      extraUnits: 0,
      lastChange: f.updatedAt,
    };
    s.total += 1;
    if (f.status === 'done') s.done += 1;
    if (f.upkeep) {
      s.upkeepTotal += 1;
      if (f.status !== 'done') s.upkeepOpen += 1;
    }
    if (f.updatedAt > s.lastChange) s.lastChange = f.updatedAt;
    stats.set(f.projectId, s);
    if (f.estimateHours !== null && f.status !== 'done' && !f.upkeep) estimated.push(f);
  }
  // In id order, as the store adds them up: the same sum to the last bit.
  for (const f of estimated.sort((a, b) => a.id - b.id)) addUnits(stats.get(f.projectId), f);
  return stats;
}

const NO_OPEN_BUGS: Readonly<Record<Bug['severity'], number>> = { critical: 0, high: 0, medium: 0, low: 0 };

/** A project's open bugs by severity: its own record (states are returned to callers, who may change them). */
function openBugsOf(bugs: BugStats | undefined): Record<Bug['severity'], number> {
  const { critical, high, medium, low } = bugs?.open ?? NO_OPEN_BUGS;
  return { critical, high, medium, low };
}

/** Bugs counted per project: the open ones by severity, the open critical ones by id, the latest change. */
export function bugStatsOf(bugs: readonly Bug[]): Map<number, BugStats> {
  const stats = new Map<number, BugStats>();
  for (const bug of [...bugs].sort((a, b) => a.id - b.id)) {
    let s = stats.get(bug.projectId);
    if (s === undefined) {
      s = { open: { ...NO_OPEN_BUGS }, blockers: [], lastChange: bug.updatedAt };
      stats.set(bug.projectId, s);
    }
    if (bug.status === 'open') {
      s.open[bug.severity] += 1;
      if (bug.severity === 'critical') s.blockers.push(bug);
    }
    if (bug.updatedAt > s.lastChange) s.lastChange = bug.updatedAt;
  }
  return stats;
}

/**
 * Whether a target just passed was met, judged on its own month's revenue as recorded (each
 * source's calendar month; not today's MRR, which a later month moved): met, missed (a share
 * rounded down, so $14,950 of $15,000 reads 99%), or not known while a source earning now has no
 * record for that month.
 */
function passedLine(
  passed: { month: string; target: number },
  state: WorkspaceState,
  input: StateInput,
): string {
  const { month, target } = passed;
  const next = state.revenue.milestone;
  // A nearer target met early is said, not skipped ("the next is $40,000 by 2027-06" read as if
  // April's $34,000 were gone), beside a binding target as well.
  const reached = next?.reached === undefined ? '' : ` (${reachedText(next.reached)})`;
  const nextIs = `; the next${reached === '' ? '' : ' not yet reached'} is`;
  const then =
    next === null || next.passed
      ? ''
      : next.nearer !== undefined
        ? // The nearest is named as the next, and the one the plan works to beside it.
          `${nextIs} ${formatUsd(next.nearer.target)} by ${next.nearer.month}, and the plan works to ${formatUsd(next.target)} by ${next.month}, which needs more growth a month${reached}`
        : `${nextIs} ${formatUsd(next.target)} by ${next.month}${reached}`;
  const head = `The ${month} target of ${formatUsd(target)} MRR`;
  const ofMonth = input.revenue.filter((r) => r.periodStart === `${month}-01` && isCalendarMonth(r));
  const recorded = new Set(ofMonth.map((r) => r.projectId));
  const missing = state.revenue.sources.filter((s) => s.current && !recorded.has(s.projectId)).length;
  const mrr = round(ofMonth.reduce((sum, r) => sum + r.actual, 0));
  if (ofMonth.length === 0) return `${head} has passed; no revenue is recorded for ${month} yet${then}`;
  if (missing > 0 && mrr < target) {
    return `${head} has passed; ${formatUsd(mrr)} is recorded for ${month} so far, ${missing} ${missing === 1 ? 'source' : 'sources'} earning now not recorded for it${then}`;
  }
  if (mrr >= target) return `${head} was met: ${formatUsd(mrr)} MRR in ${month}${then}`;
  return `${head} was missed: ${formatUsd(mrr)} MRR in ${month}, ${Math.floor((mrr / target) * 100)}% of it${then}`;
}

/**
 * How many projects of one kind of opportunity are named one by one: past that, the most valuable
 * are named and the rest counted, so that a workspace of thousands of projects gets a few lines a
 * team reads (the digest shows five suggestions), not a line per project.
 */
const NAMED_PER_OPPORTUNITY = 3;

function describeOpportunities(
  state: WorkspaceState,
  input: StateInput,
  nearAt: number,
): { lines: string[]; pressing: string[] } {
  const lines: string[] = [];
  // A target just passed is said first, met or missed, before the digest moves on to the next one.
  const passed = justPassedMilestone(input.vision, parseInstant(state.now, 'now'));
  const passedNews = passed === null ? [] : [passedLine(passed, state, input)];
  const active = state.projects.filter((p) => p.project.status === 'active');
  const recorded = new Set(input.revenue.map((r) => r.projectId));
  const left = (p: ProjectState) => p.featuresTotal - p.featuresDone;
  // Nearly done: those earning most first, then those with least left.
  const near = active
    .filter((p) => p.nearCompletion && p.completion !== null)
    .sort((a, b) => b.monthlyRevenue - a.monthlyRevenue || left(a) - left(b));
  const nearLine = (p: ProjectState) =>
    `${p.project.name} is ${formatPct(p.completion ?? 0)} complete (${left(p)} feature${left(p) === 1 ? '' : 's'} left${p.monthlyRevenue > 0 ? `; it earns ${formatUsd(p.monthlyRevenue)}/month` : ''})`;
  // News, which a digest says before its reminders, with the target just passed: a product whose
  // revenue fell however the total moved (the total hides it when another grew; the most lost
  // first), and a churn rise, which costs more each month it lasts (the largest first).
  const fell = active.filter(revenueFell).sort((a, b) => revenueLost(b) - revenueLost(a));
  const grew = totalGrew(state.revenue);
  const moneyNews: string[] = [];
  moneyNews.push(
    ...named(
      fell,
      (p) => {
        const r = p.revenue as NonNullable<ProjectState['revenue']>;
        const was = r.previousMrr as number;
        const month = revenuePeriodName(r);
        return `${possessive(p.project.name)} revenue fell from ${formatUsd(was)} to ${formatUsd(r.mrr)} a month (${formatPct((r.mrr - was) / was)}) in ${month}${grew ? ', while the total grew' : ''}`;
      },
      (n) => `${n} more projects' revenue fell from the period before`,
    ),
  );
  const rises = state.revenue.sources
    .filter((s) => churnRose(s) && (s.projectId === null || projectWithId(active, s.projectId) !== undefined))
    .sort((a, b) => churnRise(b) - churnRise(a));
  moneyNews.push(
    ...named(
      rises,
      (s) => {
        const whose =
          s.projectId === null
            ? "The workspace's"
            : possessive(projectWithId(active, s.projectId)?.project.name ?? 'A project');
        return `${whose} churn rose from ${churnFromText(s)} to ${formatRate(s.churn ?? 0)} in ${revenuePeriodName(s)}`;
      },
      (n) => `${n} more projects' churn rose from what it was before`,
    ),
  );
  // A recent month that lost clearly more customers than usual, its churn back since but its
  // revenue not won back (see churnBumpOf): the forecast carries it (the largest loss first).
  const bumps = state.revenue.sources
    .filter(
      (s) =>
        !churnRose(s) &&
        s.churnBump !== null &&
        (s.projectId === null || projectWithId(active, s.projectId) !== undefined),
    )
    .sort((a, b) => (b.churnBump?.lostMrr ?? 0) - (a.churnBump?.lostMrr ?? 0));
  moneyNews.push(
    ...named(
      bumps,
      (s) => {
        const bump = s.churnBump as ChurnBump;
        const who =
          s.projectId === null
            ? 'The workspace'
            : (projectWithId(active, s.projectId)?.project.name ?? 'A project');
        return `${who} ${churnBumpText(bump, true)} (${churnBumpCost(bump)})`;
      },
      (n) => `${n} more projects lost more customers than usual in a recent month`,
    ),
  );
  // The state's own order: a target just passed, the nearly done, then the rest of the news.
  lines.push(
    ...passedNews,
    ...named(
      near,
      nearLine,
      (n) => `${n} more projects are ${formatPct(nearAt)} complete or more, with features left`,
    ),
    ...moneyNews,
  );
  const unpaid = active.filter((p) => p.project.revenueBearing && !recorded.has(p.project.id));
  lines.push(
    ...named(
      unpaid,
      (p) => `${p.project.name} is revenue-bearing but has no revenue recorded`,
      (n) => `${n} more revenue-bearing projects have no revenue recorded`,
    ),
  );
  for (const s of state.revenue.stale) {
    const name =
      s.projectId === null
        ? 'Workspace-level revenue'
        : `${possessive(projectWithId(state.projects, s.projectId)?.project.name ?? 'A project')} revenue`;
    lines.push(
      `${name} was last recorded for ${s.record.periodStart} to ${s.record.periodEnd}: too old to count as now (record the latest period)`,
    );
  }
  for (const goal of input.goals ?? []) {
    if (isRevenueMetric(goal.metric)) {
      lines.push(
        `Goal ${goal.metric} duplicates the revenue milestone, which reads revenue records: it gets no tasks of its own`,
      );
    }
  }
  const { milestone, gap } = state.revenue;
  if (milestone !== null && gap > 0 && !active.some((p) => p.project.revenueBearing)) {
    lines.push(
      `No active project is revenue-bearing, yet ${formatUsd(gap)}/month is missing for the ${milestone.month} target of ${formatUsd(milestone.target)}`,
    );
  }
  // A product paused with a critical bug open while it earns: nothing plans a paused project's
  // work, and a review's legacy CRM, $4,900 a month, had its SSO login broken without a word in
  // any batch (`state` listed the blocker).
  const blocked = state.projects.filter(
    (p) => p.project.status === 'paused' && p.openBugs.critical > 0 && p.monthlyRevenue > 0,
  );
  const pausedBlocked = named(
    blocked,
    (p) =>
      `${p.project.name} is paused with ${p.openBugs.critical === 1 ? 'a critical bug' : `${p.openBugs.critical} critical bugs`} open while it earns ${formatUsd(p.monthlyRevenue)}/month: nothing is planned for a paused project (\`goalpost project set "${p.project.name}" active\` plans its work again)`,
    (n) => `${n} more paused projects that earn have a critical bug open`,
  );
  lines.push(...pausedBlocked);
  return { lines, pressing: [...passedNews, ...moneyNews, ...pausedBlocked] };
}

/** Lines for the first NAMED_PER_OPPORTUNITY of `projects` when there are more, then one counting the rest. */
function named<T>(projects: readonly T[], line: (p: T) => string, rest: (count: string) => string): string[] {
  if (projects.length <= NAMED_PER_OPPORTUNITY + 1) return projects.map(line);
  const more = projects.length - NAMED_PER_OPPORTUNITY;
  return [...projects.slice(0, NAMED_PER_OPPORTUNITY).map(line), rest(formatCount(more))];
}
