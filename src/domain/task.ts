export const TASK_CATEGORIES = [
  'revenue',
  'feature',
  'bugfix',
  'growth',
  'automation',
  'infrastructure',
  'research',
] as const;
export type TaskCategory = (typeof TASK_CATEGORIES)[number];

export const TASK_STATUSES = [
  'proposed',
  'approved',
  'in_progress',
  'done',
  'failed',
  'rejected',
  'cancelled',
] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** Statuses in which a task still counts as open work (and for dedup). */
export const OPEN_STATUSES: readonly TaskStatus[] = ['proposed', 'approved', 'in_progress'];

/** Where an action came from; recorded on every event. */
export const EVENT_SOURCES = ['cli', 'console', 'slack', 'discord', 'api', 'scheduler', 'worker'] as const;
export type EventSource = (typeof EVENT_SOURCES)[number];

/** A persisted task, as adapters see it. */
export interface Task {
  id: number;
  workspaceId: string;
  ref: string;
  batchId: number | null;
  title: string;
  category: TaskCategory;
  projectId: number | null;
  projectName: string | null;
  playbookKey: string | null;
  signal: string | null;
  /** What the signal was about (a bug id, a focus area), when it names one. */
  subject: string | null;
  /** The goal this task was proposed for (an off-track goal), if any. */
  goalId: number | null;
  focusArea: string | null;
  priority: number;
  revenueImpact: number;
  alignment: number;
  confidence: number;
  effortHours: number;
  score: number;
  reasoning: string[];
  dependsOn: string[];
  assignee: string | null;
  status: TaskStatus;
  /** Who holds the claim on an in-progress task from the queue, and until when. */
  claimedBy: string | null;
  leaseExpiresAt: string | null;
  /** How many times the task has been claimed. */
  attempts: number;
  fingerprint: string;
  createdAt: string;
  updatedAt: string;
}

export interface TaskEvent {
  id: number;
  taskId: number;
  type: string;
  fromStatus: TaskStatus | null;
  toStatus: TaskStatus;
  actor: string;
  source: EventSource;
  note: string | null;
  /** What else the step recorded: an outcome's assignee and minutes, a reaction's emoji. */
  data: Record<string, unknown>;
  createdAt: string;
}
