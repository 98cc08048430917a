/** How routing learns from outcomes; parsed from the environment at start (see config.ts). */
export const ROUTING_POLICIES = ['thompson', 'ucb', 'greedy'] as const;

/**
 * The longest a queue claim's lease may be, wherever it is set (GOALPOST_LEASE_MINUTES, the
 * worker's --lease-minutes, the API's leaseMinutes): a day. A lease is renewed while its command
 * runs, so a longer one only hides a worker that died; and a setting the API refused made every
 * claim of a remote worker fail.
 */
export const MAX_LEASE_MINUTES = 1440;

export interface LearningConfig {
  /** Days until an outcome weighs half. */
  halfLifeDays: number;
  policy: (typeof ROUTING_POLICIES)[number];
  leaseMinutes: number;
  maxAttempts: number;
  /** Seeds routing's exploration, so the same data routes the same way. */
  seed: string;
}
