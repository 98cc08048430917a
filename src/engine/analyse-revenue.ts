import type { RevenueRecord } from '../domain/project.js';
import type { Vision } from '../domain/vision.js';
import { DAY_MS, DAYS_PER_MONTH, daysInclusive, endOfMonth, isMonthKey, monthKeyOf } from './dates.js';
import { round } from './format.js';
import type { RevenueMilestone, RevenueState } from './types.js';

/** A record's revenue scaled to a 30.44-day month. */
export function monthlyRevenueOf(record: RevenueRecord): number {
  return (record.actual * DAYS_PER_MONTH) / daysInclusive(record.periodStart, record.periodEnd);
}

/** Records sorted by period end (then id), oldest first. */
export function byPeriodEnd(records: readonly RevenueRecord[]): RevenueRecord[] {
  return [...records].sort((a, b) =>
    a.periodEnd === b.periodEnd ? a.id - b.id : a.periodEnd < b.periodEnd ? -1 : 1,
  );
}

/** Each source's records (project id, or null for workspace-level), oldest first. */
export function recordsBySource(records: readonly RevenueRecord[]): Map<number | null, RevenueRecord[]> {
  const sources = new Map<number | null, RevenueRecord[]>();
  for (const record of byPeriodEnd(records)) {
    const list = sources.get(record.projectId) ?? [];
    list.push(record);
    sources.set(record.projectId, list);
  }
  return sources;
}

/** The first dated target due this month or later; the last one when all are past; null when none. */
export function pickMilestone(vision: Vision, nowMs: number): RevenueMilestone | null {
  const months = Object.keys(vision.revenueTargets).filter(isMonthKey).sort();
  const thisMonth = monthKeyOf(nowMs);
  const month = months.find((m) => m >= thisMonth) ?? months.at(-1);
  if (month === undefined) return null;
  return { month, target: vision.revenueTargets[month] ?? 0 };
}

/** Revenue against the current milestone: MRR, growth, gap, pace, projection, churn. */
export function analyseRevenue(
  records: readonly RevenueRecord[],
  vision: Vision,
  nowMs: number,
): RevenueState {
  let current = 0;
  let subscriptions = 0;
  let growth: number | null = null;
  for (const list of recordsBySource(records).values()) {
    const latest = list.at(-1);
    if (latest === undefined) continue;
    current += monthlyRevenueOf(latest);
    subscriptions += latest.subscriptions;
    const previous = list.at(-2);
    if (previous !== undefined)
      growth = (growth ?? 0) + monthlyRevenueOf(latest) - monthlyRevenueOf(previous);
  }
  const ordered = byPeriodEnd(records);
  const [previousChurn, latestChurn] = ordered.slice(-2);
  const churn =
    previousChurn !== undefined && latestChurn !== undefined
      ? { latest: latestChurn.churnRate, previous: previousChurn.churnRate }
      : null;

  const milestone = pickMilestone(vision, nowMs);
  const base: RevenueState = {
    current: round(current),
    monthlyGrowth: growth === null ? null : round(growth),
    subscriptions,
    milestone,
    gap: 0,
    pctOfTarget: null,
    monthsLeft: null,
    requiredPace: null,
    projectedAtMilestone: null,
    onTrack: null,
    churn,
  };
  if (milestone === null) return base;

  const gap = round(Math.max(0, milestone.target - current));
  const monthsLeft = Math.max(0, (endOfMonth(milestone.month) - nowMs) / DAY_MS / DAYS_PER_MONTH);
  const projected = current + (growth ?? 0) * monthsLeft;
  return {
    ...base,
    gap,
    pctOfTarget: milestone.target > 0 ? round(current / milestone.target, 4) : null,
    monthsLeft: round(monthsLeft),
    requiredPace: gap === 0 ? 0 : round(gap / Math.max(monthsLeft, 0.5)),
    projectedAtMilestone: round(projected),
    onTrack: gap === 0 || projected >= milestone.target,
  };
}
