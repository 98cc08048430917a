import { type DecidedTask, REJECTION_WINDOW } from '../domain/history.js';
import type { Task, TaskCategory } from '../domain/task.js';
import { isItemKey } from './BacklogItem.js';
import { possessive } from './format.js';
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

/** The team's latest decisions, as the scores of work are damped by them (see rejectionsOf). */
export interface Rejections {
  /** Per category: what work other than a project's backlog items is damped by. */
  readonly byCategory: ReadonlyMap<TaskCategory, RejectionRecord>;
  /** Per category, the decisions on each project's backlog items, by project id: what its items are damped by. */
  readonly onItems: ReadonlyMap<TaskCategory, ReadonlyMap<number, RejectionRecord>>;
}

/** A decision on a project's backlog item (a feature, upkeep or a bug), not on a playbook's work. */
export const isItemWork = (w: {
  readonly memoryKey?: string | null;
  readonly projectId?: number | null;
}): boolean => w.projectId != null && w.memoryKey != null && isItemKey(w.memoryKey);

/** Work damped by the decisions on its own project's items (see rejectionsOf): a backlog item of a project. */
const dampedByItsProject = (work: {
  readonly projectId: number | null;
  readonly playbookKey: string | null;
}) => work.playbookKey === null && work.projectId !== null;

/**
 * The team's latest decisions per category (rejected vs approved, newest REJECTION_WINDOW), from
 * open tasks and the history's latest closed ones, and those on each project's backlog items.
 * Proposed and cancelled tasks were never decided. A rejection that says nothing against work of
 * its kind (a duplicate, work waiting for a time it names: see noDislike) is no decision on it,
 * and the same work rejected again counts once.
 */
export function latestRejections(
  tasks: readonly DecidedTask[],
  projectsDecided: readonly DecidedTask[] = [],
): Rejections {
  const byCategory = new Map<TaskCategory, RejectionRecord>();
  for (const t of decisions(tasks)) count(byCategory, t.category, t.status === 'rejected');
  // A project's items by the decisions on its own items: the workspace's newest of a category may
  // all be another product's (a review's Beta shipped five features, and Alpha's two rejections
  // no longer damped Alpha's next feature).
  const seen = new Set<number>();
  const onProjects: DecidedTask[] = [];
  for (const t of [...tasks, ...projectsDecided]) {
    if (!isItemWork(t) || seen.has(t.id)) continue;
    seen.add(t.id);
    onProjects.push(t);
  }
  const onItems = new Map<TaskCategory, Map<number, RejectionRecord>>();
  for (const t of decisions(onProjects)) {
    const projects = onItems.get(t.category) ?? new Map<number, RejectionRecord>();
    onItems.set(t.category, projects);
    count(projects, t.projectId as number, t.status === 'rejected');
  }
  return { byCategory, onItems };
}

/**
 * The tasks that were decisions, newest first: rejected or accepted, but a rejection that says
 * nothing against work of its kind (see noDislike), and the same work rejected again but once.
 */
function decisions(tasks: readonly DecidedTask[]): DecidedTask[] {
  const decided = tasks.filter((t) => t.status === 'rejected' || ACCEPTED.has(t.status)).sort(newestFirst);
  const rejectedWork = new Set<string>();
  return decided.filter((t) => {
    if (t.status !== 'rejected') return true;
    if (noDislike(t.reason ?? null, Date.parse(t.updatedAt))) return false;
    if (t.memoryKey == null) return true;
    if (rejectedWork.has(t.memoryKey)) return false;
    rejectedWork.add(t.memoryKey);
    return true;
  });
}

/** One more decision of `key`, while fewer than REJECTION_WINDOW are counted. */
function count<K>(records: Map<K, RejectionRecord>, key: K, rejected: boolean): void {
  const r = records.get(key) ?? { rejected: 0, decided: 0 };
  if (r.decided >= REJECTION_WINDOW) return;
  r.decided += 1;
  if (rejected) r.rejected += 1;
  records.set(key, r);
}

/**
 * The decisions `work` is damped by: a project's backlog item, by the decisions on that project's
 * items of its category (rejecting one product's features says nothing of another's: a review's
 * lead rejected two cosmetic features on one product, and the next morning another product's
 * checkout, the work its revenue waited for, scored ×0.67 for "2 of the last 3 feature tasks");
 * other work (a playbook's, which answers the same signal on every product; work of no project),
 * by its category's.
 */
export function rejectionsOf(
  rejections: Rejections | undefined,
  work: {
    readonly category: TaskCategory;
    readonly projectId: number | null;
    readonly playbookKey: string | null;
  },
): RejectionRecord | undefined {
  if (rejections === undefined) return undefined;
  if (dampedByItsProject(work)) return rejections.onItems.get(work.category)?.get(work.projectId as number);
  return rejections.byCategory.get(work.category);
}

/**
 * Whose decisions the record rejectionsOf gives `work` counts, as a card says it after "the last
 * N feature tasks": ` on Inkwell's backlog` for a project's item, nothing for its category's.
 */
export function rejectionsScope(work: {
  readonly projectId: number | null;
  readonly projectName: string | null;
  readonly playbookKey: string | null;
}): string {
  return dampedByItsProject(work) && work.projectName !== null
    ? ` on ${possessive(work.projectName)} backlog`
    : '';
}

/**
 * Score multiplier for a category the team keeps rejecting: 1 − half the rejected share. The plan's
 * own picks take it; work the team committed to does not (see BacklogItem.committed).
 */
export function rejectionFactor(record: RejectionRecord | undefined): number {
  if (!record || record.rejected < REJECTION_MIN) return 1;
  return Math.round((1 - 0.5 * (record.rejected / record.decided)) * 100) / 100;
}
