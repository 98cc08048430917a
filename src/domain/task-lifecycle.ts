import type { TaskStatus } from './task.js';

/** The decisions and steps a task can take, each with where it may come from and where it goes. */
export const TASK_ACTIONS = {
  approve: { from: ['proposed'], to: 'approved', needsReason: false, past: 'approved' },
  reject: { from: ['proposed', 'approved'], to: 'rejected', needsReason: true, past: 'rejected' },
  start: { from: ['approved'], to: 'in_progress', needsReason: false, past: 'started' },
  done: { from: ['approved', 'in_progress'], to: 'done', needsReason: false, past: 'done' },
  fail: { from: ['approved', 'in_progress'], to: 'failed', needsReason: true, past: 'failed' },
  cancel: {
    from: ['proposed', 'approved', 'in_progress'],
    to: 'cancelled',
    needsReason: false,
    past: 'cancelled',
  },
} as const satisfies Record<
  string,
  { from: readonly TaskStatus[]; to: TaskStatus; needsReason: boolean; past: string }
>;

export type TaskAction = keyof typeof TASK_ACTIONS;
export const TASK_ACTION_NAMES = Object.keys(TASK_ACTIONS) as TaskAction[];
