import type { Vision } from '../domain/vision.js';
import { formatFixed, formatPct, formatUsd, round } from './format.js';
import { gapShares, projectParams, revenueGapSignals } from './revenue-gap-signals.js';
import { FOCUS_RECENT_DAYS } from './task-history.js';
import type { GoalSignalInput, ProjectState, Signal, WorkspaceState } from './types.js';

/**
 * The signals in a workspace's state that call for work, in a fixed order: revenue gaps, blockers,
 * near-complete projects, neglected focus areas, stale projects, churn. Only active projects signal.
 * A met revenue goal (gap 0) signals nothing.
 */
export function detectSignals(
  state: WorkspaceState,
  vision: Vision,
  goals: readonly GoalSignalInput[] = [],
): Signal[] {
  const active = state.projects.filter((p) => p.project.status === 'active');
  const shares = gapShares(state.revenue.gap, active, vision);
  const share = (p: ProjectState): number => shares.get(p.project.id) ?? 0;
  // Work on a project's own blockers, completion or staleness serves the project's focus area.
  const focusOf = (p: ProjectState): string | null =>
    p.project.focusAreas.find((area) => vision.focusAreas.includes(area)) ?? null;
  const signals: Signal[] = [...revenueGapSignals(state.revenue, active, shares)];

  for (const p of active) {
    for (const bug of p.blockers) {
      const value = round(p.monthlyRevenue + share(p));
      const stake = [
        p.monthlyRevenue > 0 ? `earns ${formatUsd(p.monthlyRevenue)}/month` : '',
        share(p) > 0 ? `carries ${formatUsd(share(p))} of the revenue gap` : '',
      ].filter(Boolean);
      signals.push({
        kind: 'blocker',
        key: `blocker:bug:${bug.id}`,
        subject: String(bug.id),
        projectId: p.project.id,
        focusArea: focusOf(p),
        valueUsd: value,
        urgency: 1,
        params: { ...projectParams(p), bug: bug.title },
        fact: `Critical bug #${bug.id} '${bug.title}' is open in ${p.project.name}${stake.length > 0 ? `, which ${stake.join(' and ')}` : ''}`,
      });
    }
  }
  for (const p of active.filter((q) => q.nearCompletion && q.completion !== null)) {
    const left = p.featuresTotal - p.featuresDone;
    signals.push({
      kind: 'near_completion',
      key: `near_completion:project:${p.project.id}`,
      projectId: p.project.id,
      focusArea: focusOf(p),
      valueUsd: share(p),
      urgency: 0.5,
      params: projectParams(p),
      fact: `${p.project.name} is ${formatPct(p.completion ?? 0)} complete: ${p.featuresDone} of ${p.featuresTotal} features done, ${left} left`,
    });
  }
  state.neglectedFocusAreas.forEach((area, i) => {
    const home = active.find((p) => p.project.focusAreas.includes(area));
    const rank = vision.focusAreas.indexOf(area);
    signals.push({
      kind: 'focus_gap',
      key: `focus_gap:${area}`,
      subject: area,
      projectId: home?.project.id ?? null,
      focusArea: area,
      valueUsd: 0,
      urgency: 0.3,
      params: { ...(home ? projectParams(home) : {}), focus: area },
      fact: `No open task, and none closed in the last ${FOCUS_RECENT_DAYS} days, works on ${area} (focus area ${rank < 0 ? i + 1 : rank + 1} of ${vision.focusAreas.length})`,
    });
  });
  for (const p of active.filter((q) => q.stale)) {
    signals.push({
      kind: 'stale_project',
      key: `stale_project:project:${p.project.id}`,
      projectId: p.project.id,
      focusArea: focusOf(p),
      valueUsd: p.monthlyRevenue,
      urgency: 0.3,
      params: projectParams(p),
      fact: `${p.project.name} has had no activity for ${p.idleDays} days`,
    });
  }
  const { churn, current } = state.revenue;
  if (churn !== null && churn.latest > churn.previous) {
    const rise = churn.latest - churn.previous;
    const lost = round(current * rise);
    signals.push({
      kind: 'churn_rise',
      key: 'churn_rise:workspace',
      projectId: null,
      focusArea: null,
      valueUsd: lost,
      urgency: round(Math.min(1, 0.5 + rise * 10)),
      params: {},
      fact: `Churn rose from ${churnPct(churn.previous)} to ${churnPct(churn.latest)}: about ${formatUsd(lost)}/month of the ${formatUsd(current)} MRR at risk`,
    });
  }
  signals.push(...goalSignals(goals));
  return signals;
}

const GOAL_URGENCY = { off_track: 0.8, at_risk: 0.5 } as const;

/**
 * An off-track or at-risk goal calls for work; a met (or on-track) goal calls for none. A goal
 * kept in dollars puts its gap at stake; other units put strategy, not dollars, at stake.
 */
function goalSignals(goals: readonly GoalSignalInput[]): Signal[] {
  return goals.flatMap((g): Signal[] => {
    if (g.status !== 'off_track' && g.status !== 'at_risk') return [];
    const gap = g.gap ?? 0;
    return [
      {
        kind: 'goal_off_track',
        key: `goal_off_track:${g.metric}`,
        subject: `goal:${g.metric}`,
        goalId: g.goalId,
        projectId: null,
        focusArea: null,
        valueUsd: /^(usd|\$)$/i.test(g.unit) ? round(gap) : 0,
        urgency: GOAL_URGENCY[g.status],
        params: {
          metric: g.metric,
          target: `${g.target}${g.unit ? ` ${g.unit}` : ''}`,
          gap: `${round(gap)}${g.unit ? ` ${g.unit}` : ''}`,
          deadline: g.deadline,
        },
        fact: `Goal ${g.metric} is ${g.status.replace('_', ' ')}: ${g.why}`,
      },
    ];
  });
}

function churnPct(rate: number): string {
  return `${formatFixed(rate * 100, 1)}%`;
}
