import type { RevenuePeriod, RevenueRecord } from '../../src/domain/project.js';

/** A whole record as analysis reads it (RevenuePeriod): what a plan's revenue read should give. */
export function periodOf(r: RevenueRecord): RevenuePeriod {
  return {
    id: r.id,
    projectId: r.projectId,
    periodStart: r.periodStart,
    periodEnd: r.periodEnd,
    actual: r.actual,
    subscriptions: r.subscriptions,
    churnRate: r.churnRate,
    createdAt: r.createdAt,
    source: r.source,
  };
}
