/** A month key, `YYYY-MM`, used for dated revenue milestones. */
export type MonthKey = string;

/** The team's strategic vision; versioned, one active version per workspace. */
export interface Vision {
  workspaceId: string;
  version: number;
  statement: string;
  primaryGoal: string;
  /** Ordered: the first focus area matters most. Slugs like `payment_integration`. */
  focusAreas: string[];
  /** Monthly recurring revenue targets by month: `{ "2026-03": 999, "2026-06": 1498 }`. */
  revenueTargets: Record<MonthKey, number>;
  /** Named success metrics and their targets (`{ "subscriptions": 100 }`). */
  successMetrics: Record<string, number>;
  createdBy: string;
  createdAt: string;
}

/** The vision fields a user may set one at a time. */
export const VISION_FIELDS = [
  'statement',
  'primary_goal',
  'focus_areas',
  'revenue_targets',
  'success_metrics',
] as const;
export type VisionField = (typeof VISION_FIELDS)[number];

/**
 * The version of the vision that was active at `at`, from its history (newest first); null
 * before the first.
 */
export function versionAt(history: readonly Vision[], at: string): number | null {
  return history.find((v) => v.createdAt <= at)?.version ?? null;
}
