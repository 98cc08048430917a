import type { Role } from './role.js';
import type { TaskStatus } from './task.js';

/**
 * The decisions and steps a task can take: where each may come from, where it goes, whether it
 * needs a reason, what its event is called, and the role it needs (deciding needs approver, doing
 * the work any member). Every surface reads this one table.
 */
export const TASK_ACTIONS = {
  // A rejected task may be approved after all: the team changed its mind (see tasks.transition).
  approve: {
    from: ['proposed', 'rejected'],
    to: 'approved',
    needsReason: false,
    past: 'approved',
    role: 'approver',
  },
  reject: {
    from: ['proposed', 'approved'],
    to: 'rejected',
    needsReason: true,
    past: 'rejected',
    role: 'approver',
  },
  start: { from: ['approved'], to: 'in_progress', needsReason: false, past: 'started', role: 'member' },
  done: { from: ['approved', 'in_progress'], to: 'done', needsReason: false, past: 'done', role: 'member' },
  fail: {
    from: ['approved', 'in_progress'],
    to: 'failed',
    needsReason: true,
    past: 'failed',
    role: 'member',
  },
  cancel: {
    from: ['proposed', 'approved', 'in_progress'],
    to: 'cancelled',
    needsReason: false,
    past: 'cancelled',
    role: 'approver',
  },
} as const satisfies Record<
  string,
  { from: readonly TaskStatus[]; to: TaskStatus; needsReason: boolean; past: string; role: Role }
>;

export type TaskAction = keyof typeof TASK_ACTIONS;

/** A reason as a team gives one for an action that needs it: a failure is no rejection. */
export const reasonExample = (action: TaskAction): string =>
  action === 'fail' ? 'blocked on the API keys' : 'not this quarter';

/** Done and fail are marks, not verbs: "mark T-1 done", where the others read "approve T-1". */
const isMark = (action: TaskAction): boolean => action === 'done' || action === 'fail';

/** An action on a task as a sentence says it: "approve T-1", "mark T-1 done". */
export const actionPhrase = (action: TaskAction, ref: string): string =>
  isMark(action) ? `mark ${ref} ${TASK_ACTIONS[action].past}` : `${action} ${ref}`;

/** What a task undergoes by an action: "approved", "marked done". */
export const actionParticiple = (action: TaskAction): string =>
  isMark(action) ? `marked ${TASK_ACTIONS[action].past}` : TASK_ACTIONS[action].past;
export const TASK_ACTION_NAMES = Object.keys(TASK_ACTIONS) as TaskAction[];
