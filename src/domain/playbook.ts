import type { TaskCategory } from './task.js';

/** The kinds of signal state analysis emits; playbooks react to them. */
export const SIGNAL_KINDS = [
  'revenue_gap',
  'blocker',
  'near_completion',
  'focus_gap',
  'stale_project',
  'churn_rise',
  'revenue_fall',
  'payment_failures',
  'goal_off_track',
] as const;
export type SignalKind = (typeof SIGNAL_KINDS)[number];

/**
 * Signals a playbook can add work for. A blocker is served by its own bug and a near-complete
 * project by its remaining features, always: a playbook on them would never be used.
 */
export const PLAYBOOK_SIGNALS = [
  'revenue_gap',
  'focus_gap',
  'stale_project',
  'churn_rise',
  'revenue_fall',
  'payment_failures',
  'goal_off_track',
] as const satisfies readonly SignalKind[];

/** Template variables a playbook title may use, e.g. `Fix {bug} in {project}`. */
export const TEMPLATE_VARIABLES = [
  'project',
  'bug',
  'focus',
  'gap',
  'share',
  'target',
  'month',
  'remaining',
  'completion',
  'metric',
  'deadline',
  'standing',
  'customers',
  'fall',
  'part',
] as const;

/** A task template: data, not code. */
export interface Playbook {
  id: number;
  workspaceId: string;
  key: string;
  signal: SignalKind;
  /** When set, the playbook applies only while this is one of the vision's focus areas. */
  focusArea: string | null;
  title: string;
  category: TaskCategory;
  effortHours: number;
  /** Share (0–1) of the signal's dollar value this task is expected to recover. */
  impactShare: number;
  /** Keys of playbooks whose task must be done first (same project). */
  dependsOn: string[];
  /**
   * Days after its task was last done before the work may be proposed again (a monthly review);
   * null for one-off work, which is never proposed again once done.
   */
  recurDays: number | null;
  enabled: boolean;
}

/** What a playbook looks like before it is stored. */
export type PlaybookInput = Omit<Playbook, 'id' | 'workspaceId' | 'enabled' | 'recurDays'> & {
  enabled?: boolean;
  recurDays?: number | null;
};
