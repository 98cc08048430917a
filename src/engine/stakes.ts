import type { Vision } from '../domain/vision.js';
import type { Stake } from './batch-plan.js';
import { formatUsd, possessive, round } from './format.js';
import type { ProjectState, RevenueState } from './workspace-state.js';

/** The dollars at stake on each active project: what it earns, and its share of the revenue gap. */
export interface ProjectStakes {
  /** What the project earns now: bugs put a share of it at risk. */
  earns: ReadonlyMap<number, Stake>;
  /** Its share of the gap to the milestone: its growth work shares it. */
  gap: ReadonlyMap<number, Stake>;
  /** The whole gap, when no active project is revenue-bearing: growth playbooks share it. */
  workspaceGap: Stake | null;
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

/** What is at stake on each active project, and on the workspace when no project earns. */
export function projectStakes(
  revenue: RevenueState,
  active: readonly ProjectState[],
  vision: Vision,
): ProjectStakes {
  const earns = new Map<number, Stake>();
  const gap = new Map<number, Stake>();
  const { milestone } = revenue;
  const toTarget = milestone
    ? `the ${formatUsd(revenue.gap)}/month gap to the ${milestone.month} target of ${formatUsd(milestone.target)}`
    : '';
  const shares = gapShares(revenue.gap, active, vision);
  const earners = active.filter((p) => p.project.revenueBearing).length;
  for (const p of active) {
    const name = p.project.name;
    if (p.monthlyRevenue > 0) {
      earns.set(p.project.id, {
        key: `earns:${p.project.id}`,
        usd: p.monthlyRevenue,
        label: `the ${formatUsd(p.monthlyRevenue)}/month ${name} earns`,
        kind: 'revenue',
      });
    }
    const share = shares.get(p.project.id) ?? 0;
    if (share > 0) {
      gap.set(p.project.id, {
        key: `gap:${p.project.id}`,
        usd: share,
        label:
          earners === 1
            ? `${toTarget}, all of it on ${name}`
            : `${possessive(name)} ${formatUsd(share)}/month share of ${toTarget}`,
        kind: 'revenue',
      });
    }
  }
  const workspaceGap =
    milestone !== null && revenue.gap > 0 && earners === 0
      ? { key: 'gap:workspace', usd: revenue.gap, label: toTarget, kind: 'revenue' as const }
      : null;
  return { earns, gap, workspaceGap };
}
