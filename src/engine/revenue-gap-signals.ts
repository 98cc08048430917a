import type { Vision } from '../domain/vision.js';
import { formatFixed, formatPct, formatUsd, round } from './format.js';
import type { ProjectState, RevenueState, Signal } from './types.js';

/** Template values every project-level signal carries: project, and completion/remaining when tracked. */
export function projectParams(p: ProjectState): Record<string, string> {
  const params: Record<string, string> = { project: p.project.name };
  if (p.completion !== null) {
    params.completion = formatPct(p.completion);
    const left = p.featuresTotal - p.featuresDone;
    params.remaining = `${left} feature${left === 1 ? '' : 's'}`;
  }
  return params;
}

/**
 * Splits the revenue gap across active revenue-bearing projects, each weighted 1 + the number of its
 * focus areas that are also the vision's, so projects on the vision's path carry more of it.
 */
export function gapShares(gap: number, active: readonly ProjectState[], vision: Vision): Map<number, number> {
  const earners = active.filter((p) => p.project.revenueBearing);
  const weight = (p: ProjectState): number =>
    1 + p.project.focusAreas.filter((area) => vision.focusAreas.includes(area)).length;
  const total = earners.reduce((sum, p) => sum + weight(p), 0);
  return new Map(earners.map((p) => [p.project.id, gap > 0 ? round((gap * weight(p)) / total) : 0]));
}

/**
 * One revenue_gap signal per active revenue-bearing project (its share of the gap), or one
 * workspace-level signal when none is revenue-bearing; none when there is no milestone or no gap.
 * More urgent off track, the more so the further short the projection falls.
 */
export function revenueGapSignals(
  revenue: RevenueState,
  active: readonly ProjectState[],
  shares: ReadonlyMap<number, number>,
): Signal[] {
  const { milestone, gap } = revenue;
  if (milestone === null || gap <= 0) return [];
  const projected = revenue.projectedAtMilestone ?? revenue.current;
  const shortfall = milestone.target > 0 ? (milestone.target - projected) / milestone.target : 1;
  const urgency = revenue.onTrack ? 0.4 : round(0.6 + 0.4 * Math.min(1, Math.max(0, shortfall)));
  const fact =
    `${formatUsd(gap)} behind the ${milestone.month} target of ${formatUsd(milestone.target)} ` +
    `(${formatPct(revenue.pctOfTarget ?? 0)} reached; ${formatUsd(revenue.requiredPace ?? gap)}/month of growth needed, ` +
    `${formatFixed(revenue.monthsLeft ?? 0, 1)} months left); ` +
    (revenue.onTrack
      ? 'on track at the current growth'
      : `off track: ${formatUsd(projected)} projected by then at the current growth`);
  const base = { target: formatUsd(milestone.target), month: milestone.month };
  const earners = active.filter((p) => p.project.revenueBearing);
  if (earners.length === 0) {
    return [
      {
        kind: 'revenue_gap',
        key: 'revenue_gap:workspace',
        projectId: null,
        focusArea: null,
        valueUsd: gap,
        urgency,
        params: { ...base, gap: formatUsd(gap) },
        fact: `${fact}; no active project is revenue-bearing`,
      },
    ];
  }
  return earners.map((p) => {
    const share = shares.get(p.project.id) ?? 0;
    return {
      kind: 'revenue_gap',
      key: `revenue_gap:project:${p.project.id}`,
      projectId: p.project.id,
      focusArea: null,
      valueUsd: share,
      urgency,
      params: { ...projectParams(p), ...base, gap: formatUsd(share) },
      fact: earners.length > 1 ? `${fact}; ${p.project.name} carries ${formatUsd(share)} of it` : fact,
    };
  });
}
