import { type DecidedTask, REJECTION_WINDOW } from '../domain/history.js';
import type { Task, TaskCategory } from '../domain/task.js';
import { noDislike } from './reason-dates.js';

/** How many of the latest decisions in a category were rejections. */
export interface RejectionRecord {
  rejected: number;
  decided: number;
}

/** Fewer rejections than this in the window leave the score alone. */
export const REJECTION_MIN = 2;

/** Newest first; ties by id, newest first. */
export function newestFirst(a: DecidedTask, b: DecidedTask): number {
  if (a.updatedAt === b.updatedAt) return b.id - a.id;
  return a.updatedAt < b.updatedAt ? 1 : -1;
}

const ACCEPTED: ReadonlySet<Task['status']> = new Set(['approved', 'in_progress', 'done', 'failed']);

/**
 * The team's latest decisions per category (rejected vs approved, newest REJECTION_WINDOW), from
 * open tasks and the history's latest closed ones. Proposed and cancelled tasks were never decided.
 * A rejection that says nothing against work of its kind (a duplicate, work waiting for a time it
 * names: see noDislike) is no decision on it, and the same work rejected again counts once.
 */
export function rejectionsByCategory(tasks: readonly DecidedTask[]): Map<TaskCategory, RejectionRecord> {
  const decided = tasks.filter((t) => t.status === 'rejected' || ACCEPTED.has(t.status)).sort(newestFirst);
  const out = new Map<TaskCategory, RejectionRecord>();
  const rejectedWork = new Set<string>();
  for (const t of decided) {
    if (t.status === 'rejected') {
      if (noDislike(t.reason ?? null, Date.parse(t.updatedAt))) continue;
      if (t.memoryKey != null) {
        if (rejectedWork.has(t.memoryKey)) continue;
        rejectedWork.add(t.memoryKey);
      }
    }
    const r = out.get(t.category) ?? { rejected: 0, decided: 0 };
    if (r.decided >= REJECTION_WINDOW) continue;
    r.decided += 1;
    if (t.status === 'rejected') r.rejected += 1;
    out.set(t.category, r);
  }
  return out;
}

/**
 * Score multiplier for a category the team keeps rejecting: 1 − half the rejected share. The plan's
 * own picks take it; work the team committed to does not (see BacklogItem.committed).
 */
export function rejectionFactor(record: RejectionRecord | undefined): number {
  if (!record || record.rejected < REJECTION_MIN) return 1;
  return Math.round((1 - 0.5 * (record.rejected / record.decided)) * 100) / 100;
}
