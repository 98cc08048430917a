import {
  type DecidedTask,
  type PlaybookOutcomes,
  REJECTION_WINDOW,
  type TaskHistory,
} from '../domain/history.js';
import type { Task } from '../domain/task.js';
import { listed } from '../domain/word-list.js';
import { DAY_MS, parseInstant } from './dates.js';
import { isItemWork, newestFirst } from './rejections.js';

/** A focus area counts as worked on while a task in it was done or tried within this many days. */
export const FOCUS_RECENT_DAYS = 14;

/**
 * The fact of focus areas nothing works on, each with its rank among the vision's `total`: `No
 * task approved or under way, and none done or tried in the last 14 days, works on retention (focus area
 * 2 of 3)`; of several, one sentence (`works on activation or retention (focus areas 1 and 2 of
 * 3)`), as work serving them all says it once, not a line each.
 */
export function focusGapFact(
  areas: readonly (readonly [area: string, rank: number])[],
  total: number,
): string {
  const names = areas.map(([area]) => area);
  const which = names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} or ${names.at(-1)}`;
  const ranks = listed(areas.map(([, rank]) => String(rank)));
  return `No task approved or under way, and none done or tried in the last ${FOCUS_RECENT_DAYS} days, works on ${which} (focus area${names.length === 1 ? '' : 's'} ${ranks} of ${total})`;
}

const DECIDED_CLOSED: ReadonlySet<Task['status']> = new Set(['done', 'failed', 'rejected']);

/**
 * The history of a list of closed tasks at `now`, in one pass plus one sort of the decided ones.
 * @throws ValidationError when `now` or a task's updatedAt is not a valid instant.
 */
export function summariseHistory(
  closed: readonly Pick<
    Task,
    'id' | 'category' | 'status' | 'updatedAt' | 'projectId' | 'playbookKey' | 'focusArea' | 'memoryKey'
  >[],
  now: string,
): TaskHistory {
  const focusSince = parseInstant(now, 'now') - FOCUS_RECENT_DAYS * DAY_MS;
  const lastClosedAt = new Map<number, string>();
  const recentFocusAreas = new Set<string>();
  const outcomes = new Map<string, PlaybookOutcomes>();
  const categoryOutcomes = new Map<Task['category'], PlaybookOutcomes>();
  const decided: DecidedTask[] = [];
  for (const t of closed) {
    // Work done or tried, not a proposal turned down or withdrawn: see TaskHistory.lastClosedAt.
    if (t.projectId !== null && (t.status === 'done' || t.status === 'failed')) {
      const last = lastClosedAt.get(t.projectId);
      if (last === undefined || t.updatedAt > last) lastClosedAt.set(t.projectId, t.updatedAt);
    }
    // Work done or tried on the area, not a proposal turned down: a review rejected the one task
    // on a neglected area ("cannot reproduce") and found the area no longer called neglected.
    if (
      t.focusArea !== null &&
      (t.status === 'done' || t.status === 'failed') &&
      parseInstant(t.updatedAt, 'updatedAt') >= focusSince
    ) {
      recentFocusAreas.add(t.focusArea);
    }
    if (t.playbookKey !== null && (t.status === 'done' || t.status === 'failed')) {
      const entry = outcomes.get(t.playbookKey) ?? { done: 0, failed: 0 };
      entry[t.status] += 1;
      outcomes.set(t.playbookKey, entry);
    }
    if (t.status === 'done' || t.status === 'failed') {
      const entry = categoryOutcomes.get(t.category) ?? { done: 0, failed: 0 };
      entry[t.status] += 1;
      categoryOutcomes.set(t.category, entry);
    }
    if (DECIDED_CLOSED.has(t.status)) {
      decided.push({
        id: t.id,
        category: t.category,
        status: t.status,
        updatedAt: t.updatedAt,
        memoryKey: t.memoryKey,
        projectId: t.projectId,
      });
    }
  }
  decided.sort(newestFirst);
  const perCategory = new Map<Task['category'], number>();
  const latestDecided = decided.filter((t) => {
    const n = perCategory.get(t.category) ?? 0;
    perCategory.set(t.category, n + 1);
    return n < REJECTION_WINDOW;
  });
  return {
    lastClosedAt,
    recentFocusAreas,
    outcomes,
    categoryOutcomes,
    latestDecided,
    projectsDecided: projectsDecided(decided),
  };
}

/**
 * Of each project with work on its items rejected, per category, the newest REJECTION_WINDOW
 * decided tasks on its items (see TaskHistory.projectsDecided), of `decided`, newest first.
 */
function projectsDecided(decided: readonly DecidedTask[]): DecidedTask[] {
  const onItems = (t: DecidedTask): string | null => (isItemWork(t) ? `${t.projectId} ${t.category}` : null);
  const rejected = new Set<string>();
  for (const t of decided) {
    const key = onItems(t);
    if (key !== null && t.status === 'rejected') rejected.add(key);
  }
  const counted = new Map<string, number>();
  return decided.filter((t) => {
    const key = onItems(t);
    if (key === null || !rejected.has(key)) return false;
    const n = counted.get(key) ?? 0;
    counted.set(key, n + 1);
    return n < REJECTION_WINDOW;
  });
}
