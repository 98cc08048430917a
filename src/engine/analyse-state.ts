import type { Bug } from '../domain/project.js';
import { analyseRevenue, monthlyRevenueOf, recordsBySource } from './analyse-revenue.js';
import { DAY_MS, parseInstant } from './dates.js';
import { formatPct, formatUsd, round } from './format.js';
import { groupBy } from './group-by.js';
import type { EngineInput, EngineOptions, ProjectState, WorkspaceState } from './types.js';

export const DEFAULT_STALE_AFTER_DAYS = 14;
export const DEFAULT_NEAR_COMPLETION_AT = 0.8;

export type AnalyseOptions = Pick<EngineOptions, 'staleAfterDays' | 'nearCompletionAt'>;

/**
 * Where the workspace stands: revenue against the current milestone, per-project progress,
 * neglected focus areas and notable opportunities. Pure: time comes from `input.now`.
 * @throws ValidationError when `input.now` is not a valid instant.
 */
export function analyseState(input: EngineInput, options: AnalyseOptions = {}): WorkspaceState {
  const nowMs = parseInstant(input.now, 'now');
  const staleAfterDays = options.staleAfterDays ?? DEFAULT_STALE_AFTER_DAYS;
  const nearAt = options.nearCompletionAt ?? DEFAULT_NEAR_COMPLETION_AT;
  const revenue = analyseRevenue(input.revenue, input.vision, nowMs);
  const sources = recordsBySource(input.revenue);
  // One pass each, so analysis stays linear in the size of the workspace.
  const featuresOf = groupBy(input.features, (f) => f.projectId);
  const bugsOf = groupBy(input.bugs, (b) => b.projectId);
  const openTasksOf = groupBy(input.openTasks, (t) => t.projectId);

  const projects = [...input.projects]
    .sort((a, b) => a.id - b.id)
    .map((project): ProjectState => {
      const features = featuresOf.get(project.id) ?? [];
      const bugs = bugsOf.get(project.id) ?? [];
      const openBugs = bugs.filter((b) => b.status === 'open');
      const featuresDone = features.filter((f) => f.status === 'done').length;
      const completion = features.length === 0 ? null : featuresDone / features.length;
      let lastChange = parseInstant(project.updatedAt, 'updatedAt');
      for (const item of [features, bugs, openTasksOf.get(project.id) ?? []].flat()) {
        lastChange = Math.max(lastChange, parseInstant(item.updatedAt, 'updatedAt'));
      }
      const lastClosed = input.history.lastClosedAt.get(project.id);
      if (lastClosed !== undefined) lastChange = Math.max(lastChange, parseInstant(lastClosed, 'updatedAt'));
      const idleDays = Math.max(0, Math.floor((nowMs - lastChange) / DAY_MS));
      const latest = sources.get(project.id)?.at(-1);
      return {
        project,
        featuresTotal: features.length,
        featuresDone,
        completion: completion === null ? null : round(completion, 4),
        openBugs: countBySeverity(openBugs),
        blockers: openBugs.filter((b) => b.severity === 'critical').sort((a, b) => a.id - b.id),
        nearCompletion: completion !== null && completion >= nearAt && completion < 1,
        idleDays,
        stale: project.status === 'active' && idleDays >= staleAfterDays,
        monthlyRevenue: latest === undefined ? 0 : round(monthlyRevenueOf(latest)),
      };
    });

  const worked = new Set(input.history.recentFocusAreas);
  for (const task of input.openTasks) if (task.focusArea !== null) worked.add(task.focusArea);
  const neglectedFocusAreas = input.vision.focusAreas.filter((area) => !worked.has(area));
  const state: WorkspaceState = { now: input.now, revenue, projects, neglectedFocusAreas, opportunities: [] };
  state.opportunities = describeOpportunities(state, sources);
  return state;
}

function countBySeverity(bugs: readonly Bug[]): Record<Bug['severity'], number> {
  const counts = { critical: 0, high: 0, medium: 0, low: 0 };
  for (const bug of bugs) counts[bug.severity] += 1;
  return counts;
}

function describeOpportunities(
  state: WorkspaceState,
  sources: ReadonlyMap<number | null, unknown>,
): string[] {
  const lines: string[] = [];
  const active = state.projects.filter((p) => p.project.status === 'active');
  for (const p of active) {
    if (p.nearCompletion && p.completion !== null) {
      const left = p.featuresTotal - p.featuresDone;
      lines.push(
        `${p.project.name} is ${formatPct(p.completion)} complete (${left} feature${left === 1 ? '' : 's'} left)`,
      );
    }
    if (p.project.revenueBearing && !sources.has(p.project.id)) {
      lines.push(`${p.project.name} is revenue-bearing but has no revenue recorded`);
    }
  }
  const { milestone, gap } = state.revenue;
  if (milestone !== null && gap > 0 && !active.some((p) => p.project.revenueBearing)) {
    lines.push(
      `No active project is revenue-bearing, yet ${formatUsd(gap)}/month is missing for the ${milestone.month} target of ${formatUsd(milestone.target)}`,
    );
  }
  return lines;
}
