import type { Vision } from '../domain/vision.js';
import type { Signal } from './batch-plan.js';
import type { GoalSignalInput, PaymentFailureInput } from './engine-input.js';
import { formatFixed, formatPct, formatUsd, round } from './format.js';
import { goalStake, goalStanding, isRevenueMetric } from './goal-value.js';
import { paymentFailureSignals } from './payment-failure-signals.js';
import type { ProjectStakes } from './stakes.js';
import { FOCUS_RECENT_DAYS } from './task-history.js';
import type { ProjectState, RevenueState, WorkspaceState } from './workspace-state.js';

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
 * The signals in a workspace's state that call for work, in a fixed order: revenue gaps,
 * near-complete projects, neglected focus areas, stale projects, churn rises, spikes of failed
 * payments, goals off track.
 * Only active projects signal; a met revenue milestone or goal signals nothing. (An open critical
 * bug needs no signal: it is a task of its own.)
 */
export function detectSignals(
  state: WorkspaceState,
  vision: Vision,
  stakes: ProjectStakes,
  goals: readonly GoalSignalInput[] = [],
  paymentFailures: readonly PaymentFailureInput[] = [],
): Signal[] {
  const active = state.projects.filter((p) => p.project.status === 'active');
  const focusOf = (p: ProjectState): string | null =>
    p.project.focusAreas.find((area) => vision.focusAreas.includes(area)) ?? null;
  const signals: Signal[] = [...revenueGapSignals(state.revenue, active, stakes, focusOf)];

  for (const p of active.filter((q) => q.nearCompletion && q.completion !== null)) {
    const left = p.featuresTotal - p.featuresDone;
    signals.push({
      kind: 'near_completion',
      key: `near_completion:project:${p.project.id}`,
      projectId: p.project.id,
      focusArea: focusOf(p),
      stake: null,
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
      stake: null,
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
      stake: stakes.earns.get(p.project.id) ?? null,
      urgency: 0.3,
      params: projectParams(p),
      fact: `${p.project.name} has had no activity for ${p.idleDays} days`,
    });
  }
  signals.push(...churnSignals(state, active, focusOf));
  signals.push(...paymentFailureSignals(paymentFailures, active, focusOf, state.now));
  signals.push(...goalSignals(goals, vision, state.revenue));
  return signals;
}

/**
 * One revenue_gap signal per active revenue-bearing project (its share of the gap), or one
 * workspace-level signal when none is revenue-bearing; none when there is no milestone or no gap.
 * More urgent off track, the more so the further short the projection falls.
 */
function revenueGapSignals(
  revenue: RevenueState,
  active: readonly ProjectState[],
  stakes: ProjectStakes,
  focusOf: (p: ProjectState) => string | null,
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
  if (stakes.workspaceGap !== null) {
    return [
      {
        kind: 'revenue_gap',
        key: 'revenue_gap:workspace',
        projectId: null,
        focusArea: null,
        stake: stakes.workspaceGap,
        urgency,
        params: { ...base, gap: formatUsd(gap) },
        fact: `${fact}; no active project is revenue-bearing`,
      },
    ];
  }
  return active.flatMap((p): Signal[] => {
    const stake = stakes.gap.get(p.project.id);
    if (stake === undefined) return [];
    return [
      {
        kind: 'revenue_gap',
        key: `revenue_gap:project:${p.project.id}`,
        projectId: p.project.id,
        // Playbooks written for the project's focus area (payment work) answer its gap first.
        focusArea: focusOf(p),
        stake,
        urgency,
        params: { ...projectParams(p), ...base, gap: formatUsd(stake.usd) },
        fact: stake.usd < gap ? `${fact}; ${p.project.name} carries ${formatUsd(stake.usd)} of it` : fact,
      },
    ];
  });
}

/** A churn rise smaller than this (half a percentage point) is noise, not a signal. */
export const MIN_CHURN_RISE = 0.005;
/** Months a churn rise is counted over when the vision has no revenue milestone. */
const CHURN_HORIZON_MONTHS = 3;

/**
 * A project (or the workspace) whose measured churn rose by MIN_CHURN_RISE or more from one period
 * to the next. The extra churn costs MRR × the rise more every month, and the loss adds up: what is
 * at stake is what it takes off the MRR by the milestone (at least one month, at most twelve).
 */
function churnSignals(
  state: WorkspaceState,
  active: readonly ProjectState[],
  focusOf: (p: ProjectState) => string | null,
): Signal[] {
  const byId = new Map(active.map((p) => [p.project.id, p]));
  const months = Math.min(12, Math.max(1, state.revenue.monthsLeft ?? CHURN_HORIZON_MONTHS));
  const by = state.revenue.milestone
    ? `by the ${state.revenue.milestone.month} milestone`
    : `over ${months} months`;
  return state.revenue.sources.flatMap((s): Signal[] => {
    if (s.churn === null || s.previousChurn === null || s.churn - s.previousChurn < MIN_CHURN_RISE) return [];
    const project = s.projectId === null ? null : byId.get(s.projectId);
    if (project === undefined) return [];
    const name = project === null ? 'the workspace' : project.project.name;
    const monthly = round(s.mrr * (s.churn - s.previousChurn));
    const lost = round(monthly * months);
    return [
      {
        kind: 'churn_rise',
        key: `churn_rise:${s.projectId ?? 'workspace'}`,
        projectId: s.projectId,
        focusArea: project === null ? null : focusOf(project),
        stake:
          lost > 0
            ? {
                key: `churn:${s.projectId ?? 'workspace'}`,
                usd: lost,
                label: `the ${formatUsd(lost)}/month of MRR the churn rise takes from ${name} ${by}`,
                kind: 'revenue',
              }
            : null,
        urgency: round(Math.min(1, 0.5 + (s.churn - s.previousChurn) * 10)),
        params: project === null ? {} : { project: name },
        fact: `Churn in ${name} rose from ${churnPct(s.previousChurn)} to ${churnPct(s.churn)}: about ${formatUsd(monthly)} more of its ${formatUsd(s.mrr)} MRR is lost each month, ${formatUsd(lost)}/month ${by}`,
      },
    ];
  });
}

const GOAL_URGENCY = { off_track: 0.8, at_risk: 0.5 } as const;

/**
 * An off-track or at-risk goal calls for work, worth what closing it is worth (see goalStake); a
 * met or on-track goal calls for none, nor does a goal on monthly revenue (the milestone's job).
 */
function goalSignals(goals: readonly GoalSignalInput[], vision: Vision, revenue: RevenueState): Signal[] {
  return goals.flatMap((g): Signal[] => {
    if (g.status !== 'off_track' && g.status !== 'at_risk') return [];
    if (isRevenueMetric(g.metric)) return [];
    const unit = g.unit ? ` ${g.unit}` : '';
    return [
      {
        kind: 'goal_off_track',
        key: `goal_off_track:${g.metric}`,
        subject: `goal:${g.metric}`,
        goalId: g.goalId,
        goalStatus: g.status,
        projectId: null,
        focusArea: null,
        stake: goalStake(g, vision, revenue),
        urgency: GOAL_URGENCY[g.status],
        params: {
          metric: g.metric,
          target: `${g.target}${unit}`,
          gap: `${round(g.gap ?? 0)}${unit}`,
          standing: goalStanding(g),
          deadline: g.deadline,
        },
        fact: `Goal ${g.metric} is ${g.status.replace('_', ' ')}, ${goalStanding(g)}: ${g.why}`,
      },
    ];
  });
}

function churnPct(rate: number): string {
  return `${formatFixed(rate * 100, 1)}%`;
}
