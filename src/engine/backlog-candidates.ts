import type { Bug, BugSeverity, OpenFeature } from '../domain/project.js';
import type { Vision } from '../domain/vision.js';
import { BacklogItem, type ItemGroup, NO_SIGNALS } from './BacklogItem.js';
import type { Claim } from './batch-plan.js';
import { parseInstant } from './dates.js';
import { formatPct } from './format.js';
import { groupBy } from './group-by.js';
import type { ProjectStakes } from './stakes.js';
import type { ProjectState } from './workspace-state.js';

/** Share of a project's revenue a bug puts at risk, by severity. */
export const SEVERITY_AT_RISK: Readonly<Record<BugSeverity, number>> = {
  critical: 0.5,
  high: 0.2,
  medium: 0.05,
  low: 0,
};
/** The bugs that are candidates, by severity, worst first (low bugs never are). */
const BUG_GROUPS: readonly BugSeverity[] = ['critical', 'high', 'medium'];

const THREATENS: Readonly<Record<BugSeverity, string>> = {
  critical: `a critical bug threatens ${formatPct(SEVERITY_AT_RISK.critical)} of`,
  high: `a high bug threatens ${formatPct(SEVERITY_AT_RISK.high)} of`,
  medium: `a medium bug threatens ${formatPct(SEVERITY_AT_RISK.medium)} of`,
  low: `a low bug threatens ${formatPct(SEVERITY_AT_RISK.low)} of`,
};

/** The team's backlog as drafts, and each project's items grouped by kind (what serving signals reads). */
export interface Backlog {
  /** The items drafted, in backlog order. */
  drafts: BacklogItem[];
  /** Per project with open items: its groups, features first, then bugs by severity. */
  groups: Map<number, ItemGroup[]>;
}

/**
 * The team's own work as candidates, before any template: every open feature (planned or in
 * progress) and every open critical, high and medium bug of an active project, named by its own
 * title and project. A project's open features and critical bugs share its part of the revenue
 * gap equally; its bugs put a share of what it earns at risk by severity. A critical bug blocks its
 * project and comes first; medium bugs come only when nothing better serves the goals (after the
 * real work). Low bugs are never proposed. An item whose GitHub milestone is due within two weeks
 * (or overdue) is as pressing as that makes it.
 *
 * A group `drafting` declines is left undrafted: its rows are kept on it (ItemGroup.undrafted),
 * and its items are drafted only if draftGroup is called.
 */
export function backlogDrafts(
  projects: readonly ProjectState[],
  features: readonly OpenFeature[],
  bugs: readonly Bug[],
  vision: Vision,
  stakes: ProjectStakes,
  now: string,
  drafting: (group: ItemGroup) => boolean = () => true,
): Backlog {
  const nowMs = parseInstant(now, 'now');
  const featuresOf = groupBy(
    features.filter((f) => f.status !== 'done'),
    (f) => f.projectId,
  );
  const bugsOf = groupBy(
    bugs.filter((b) => b.status === 'open' && b.severity !== 'low'),
    (b) => b.projectId,
  );
  const backlog: Backlog = { drafts: [], groups: new Map() };
  const groups: ItemGroup[] = [];
  for (const p of projects) {
    if (p.project.status !== 'active') continue;
    const id = p.project.id;
    const open = featuresOf.get(id)?.sort(byId);
    const broken = bugsOf.get(id)?.sort(bySeverity);
    if (open === undefined && broken === undefined) continue;
    const focusArea = p.project.focusAreas.find((a) => vision.focusAreas.includes(a)) ?? null;
    const add = (kind: ItemGroup['kind'], claims: readonly Claim[], rows: readonly (OpenFeature | Bug)[]) => {
      const group: ItemGroup = {
        kind,
        project: p,
        focusArea,
        nowMs,
        claims,
        signals: NO_SIGNALS,
        items: [],
        undrafted: rows,
        apart: null,
      };
      if (drafting(group)) for (const item of draftGroup(group)) backlog.drafts.push(item);
      groups.push(group);
    };
    const critical = broken?.filter((b) => b.severity === 'critical') ?? [];
    const growth = (open?.length ?? 0) + critical.length;
    const gap = stakes.gap.get(id);
    const gapClaims: Claim[] =
      gap === undefined
        ? []
        : [
            {
              stake: gap,
              weight: 1 / growth,
              why: growth === 1 ? 'the only open item to win' : `1 of ${growth} open items sharing`,
            },
          ];
    if (open !== undefined) add('feature', gapClaims, open);
    const earns = stakes.earns.get(id);
    for (const severity of BUG_GROUPS) {
      const rows = broken?.filter((b) => b.severity === severity) ?? [];
      if (rows.length === 0) continue;
      const claims: Claim[] =
        earns === undefined
          ? []
          : [{ stake: earns, weight: SEVERITY_AT_RISK[severity], why: THREATENS[severity] }];
      if (severity === 'critical') claims.push(...gapClaims);
      add(severity, claims, rows);
    }
    // A list of its own, no longer than it needs: a large workspace has a hundred thousand.
    backlog.groups.set(id, groups.splice(0));
  }
  return backlog;
}

/** Drafts the items of a group left undrafted (see backlogDrafts), and returns them. */
export function draftGroup(group: ItemGroup): readonly BacklogItem[] {
  if (group.undrafted !== null) {
    group.items = group.undrafted.map((row) => new BacklogItem(group, row));
    group.undrafted = null;
  }
  return group.items;
}

const byId = (a: { id: number }, b: { id: number }): number => a.id - b.id;
const bySeverity = (a: Bug, b: Bug): number =>
  BUG_GROUPS.indexOf(a.severity) - BUG_GROUPS.indexOf(b.severity) || a.id - b.id;
