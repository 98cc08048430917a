/** How routing learns from outcomes; parsed from the environment at start (see config.ts). */
export const ROUTING_POLICIES = ['thompson', 'ucb', 'greedy'] as const;

/**
 * The longest a queue claim's lease may be, wherever it is set (GOALPOST_LEASE_MINUTES, the
 * worker's --lease-minutes, the API's leaseMinutes): a week, as the setting always allowed (a
 * lower bound there would stop every command of a deployment that set more). The API took a day
 * at most, so a remote worker given a longer setting had every claim refused.
 */
export const MAX_LEASE_MINUTES = 10_080;

export interface LearningConfig {
  /** Days until an outcome weighs half. */
  halfLifeDays: number;
  policy: (typeof ROUTING_POLICIES)[number];
  leaseMinutes: number;
  maxAttempts: number;
  /** Seeds routing's exploration, so the same data routes the same way. */
  seed: string;
}
