import type { Task } from '../domain/task.js';
import { listed } from '../domain/word-list.js';
import type { Store } from '../store/create-store.js';
import type { Prerequisite } from '../store/dependency-repository.js';
import { scopeMiss } from './assignee-scope.js';

/** An approved task no worker can claim yet, and the prerequisites it waits for. */
export interface BlockedTask {
  ref: string;
  /** Who it is routed to; null: anyone. */
  assignee: string | null;
  /** Its prerequisites that are not done, with their status. */
  waitsFor: Prerequisite[];
  /** Its project's name while the project is paused (its work waits until it is active), else null. */
  paused: string | null;
  /**
   * Its project's name once the project is done (its work is not handed out: set the project
   * active again, or cancel the task), else null.
   */
  projectDone: string | null;
  /** The same as a sentence: "T-5 waits for T-3 (in progress)". */
  reason: string;
}

/** How many blocked tasks a claim's reason names before it says how many more there are. */
const NAMED_IN_REASON = 3;

/** "T-5 waits for T-3 (in progress) and T-4 (approved)". */
export function waitsForText(ref: string, waitsFor: readonly Prerequisite[]): string {
  return `${ref} waits for ${listed(waitsFor.map((p) => `${p.ref} (${p.status.replace('_', ' ')})`))}`;
}

/**
 * Those of the approved `tasks` (in their order) that wait: while their project is paused ("T-5
 * waits while Basic EDU Apps is paused") or done ("T-5 is not handed out: Basic EDU Apps is
 * done"), or for prerequisites not yet done.
 */
export function blockedTasks(store: Store, workspaceId: string, tasks: readonly Task[]): BlockedTask[] {
  const unfinished = store.dependencies.unfinished(workspaceId);
  const held = store.projects.heldWithApprovedWork(workspaceId);
  return tasks.flatMap((t) => {
    const waitsFor = unfinished.get(t.id) ?? [];
    const projectStatus = t.projectId === null ? undefined : held.get(t.projectId);
    if (waitsFor.length === 0 && projectStatus === undefined) return [];
    const reasons = [
      ...(projectStatus === 'paused' ? [`${t.ref} waits while ${t.projectName} is paused`] : []),
      ...(projectStatus === 'done' ? [`${t.ref} is not handed out: ${t.projectName} is done`] : []),
      ...(waitsFor.length > 0 ? [waitsForText(t.ref, waitsFor)] : []),
    ];
    return [
      {
        ref: t.ref,
        assignee: t.assignee,
        waitsFor,
        paused: projectStatus === 'paused' ? t.projectName : null,
        projectDone: projectStatus === 'done' ? t.projectName : null,
        reason: reasons.join('; '),
      },
    ];
  });
}

/**
 * Why `assignee` finds nothing to claim: the approved tasks routed to it (or to nobody) that wait
 * while their project is paused or done or for prerequisites, or that there are none at all.
 */
export function nothingToClaim(store: Store, workspaceId: string, assignee: string): string {
  // Only the projects it works on, when it names any (see assignee_projects), and work of none; and
  // only the kinds of work it takes, when it names any (see assignee_categories).
  const scope = store.assignees.find(workspaceId, assignee);
  const mine = (t: Task) => scope === null || scopeMiss(scope, t) === null;
  const open = store.tasks
    .list(workspaceId, { status: ['approved'], limit: 1000 })
    .filter((t) => t.assignee === null || t.assignee === assignee);
  const approved = open.filter((t) => t.assignee === assignee || mine(t));
  const others = open.length - approved.length;
  const not =
    scope === null || scope.categories.length === 0
      ? `of projects ${assignee} does not work on`
      : scope.projects.length === 0
        ? `of kinds of work ${assignee} does not take`
        : `of projects ${assignee} does not work on or kinds of work ${assignee} does not take`;
  const elsewhere =
    others === 0
      ? ''
      : ` (${others} approved task${others === 1 ? '' : 's'} ${not} wait${others === 1 ? 's' : ''} for others)`;
  const blocked = blockedTasks(store, workspaceId, approved);
  if (blocked.length === 0) return `no approved task is waiting for ${assignee}${elsewhere}`;
  const named = blocked.slice(0, NAMED_IN_REASON).map((b) => b.reason);
  const more = blocked.length - named.length;
  return `no approved task is ready for ${assignee}: ${named.join('; ')}${more > 0 ? `; and ${more} more waiting` : ''}`;
}
