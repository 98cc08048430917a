/** How routing learns from outcomes; parsed from the environment at start (see config.ts). */
export const ROUTING_POLICIES = ['thompson', 'ucb', 'greedy'] as const;

export interface LearningConfig {
  /** Days until an outcome weighs half. */
  halfLifeDays: number;
  policy: (typeof ROUTING_POLICIES)[number];
  leaseMinutes: number;
  maxAttempts: number;
  /** Seeds routing's exploration, so the same data routes the same way. */
  seed: string;
}
