import { featureUnits, type ShippedItem } from '../domain/project.js';
import { DAY_MS, parseInstant } from './dates.js';
import type { EngineInput } from './engine-input.js';
import type { ProjectState, RevenueState } from './workspace-state.js';

/**
 * How long shipped growth work is counted on for its part of the revenue gap when no revenue period
 * after it is recorded: two months, long enough for a monthly period after any day to end and be
 * recorded, short enough that a product nobody records revenue for does not hold its part forever.
 */
export const SHIPPED_COUNTED_DAYS = 62;

/** A project's growth work shipped lately whose revenue is not in yet: how many, and the days. */
export interface Shipped {
  count: number;
  /** What it weighed open, in feature-sizes (see featureUnits): what it keeps of the gap's split. */
  units: number;
  /** The first and the last day (`YYYY-MM-DD`) it was shipped on. */
  first: string;
  last: string;
}

/**
 * The growth work each earning project shipped whose revenue is not in yet: done (or, for a
 * critical bug, fixed) in the last SHIPPED_COUNTED_DAYS, after the start of its latest complete
 * revenue period (its own, or the workspace's when it records none). Until a period beginning on
 * or after the day it shipped is recorded, the revenue does not show what it won, and the gap is
 * as wide as before: the work is counted on for the part it had, and the work still open does not
 * take that part over (see projectStakes). `items`: as EngineInput.shipped.
 */
export function shippedAwaitingRevenue(
  active: readonly ProjectState[],
  revenue: RevenueState,
  items: readonly ShippedItem[] | undefined,
  now: string,
): Map<number, Shipped> {
  const out = new Map<number, Shipped>();
  if (items === undefined || items.length === 0) return out;
  const earning = new Map<number, ProjectState>();
  for (const p of active) if (p.project.revenueBearing) earning.set(p.project.id, p);
  const workspace = revenue.sources.find((s) => s.projectId === null) ?? null;
  const since = parseInstant(now, 'now') - SHIPPED_COUNTED_DAYS * DAY_MS;
  for (const item of items) {
    const p = earning.get(item.projectId);
    if (p === undefined || parseInstant(item.at) < since) continue;
    const day = item.at.slice(0, 10);
    const recorded = (p.revenue ?? workspace)?.record.periodStart;
    if (recorded !== undefined && recorded >= day) continue;
    const seen = out.get(item.projectId);
    if (seen === undefined) out.set(item.projectId, { count: 1, units: item.units, first: day, last: day });
    else {
      seen.count += 1;
      seen.units += item.units;
      if (day < seen.first) seen.first = day;
      if (day > seen.last) seen.last = day;
    }
  }
  return out;
}

/**
 * The growth work an input holding every feature and bug shipped (see EngineInput.shipped), dated
 * by each item's last change: such an input keeps no other date (the store keeps when each became
 * done, and reads none entered as done: migration 0045).
 */
export function shippedOf(input: Pick<EngineInput, 'features' | 'bugs'>): ShippedItem[] {
  return [
    ...input.features
      .filter((f) => f.status === 'done' && !f.upkeep)
      .map((f) => ({ projectId: f.projectId, at: f.updatedAt, units: featureUnits(f) })),
    ...input.bugs
      .filter((b) => b.status === 'fixed' && b.severity === 'critical')
      .map((b) => ({ projectId: b.projectId, at: b.updatedAt, units: 1 })),
  ];
}
