import type { Task } from '../domain/task.js';
import { DAY_MS } from '../engine/dates.js';

/** Days approved work may wait unstarted before a digest names it: a working week and a weekend. */
export const STALLED_DAYS = 7;

/** How many stalled tasks a digest names; the rest it counts. */
const NAMED = 2;

/** A title as a suggestion names it: 80 characters at most (titles quote their items already). */
const shortened = (title: string) => (title.length > 80 ? `${title.slice(0, 79)}…` : title);

/**
 * The approved work nobody has started for STALLED_DAYS days or more by `date` (the digest's,
 * YYYY-MM-DD), in words, the longest waiting first: two named, the rest counted. Work the team
 * said yes to and then left is what a digest should say first on a bad day: a review found one
 * saying only "Nothing new to propose" the morning churn more than doubled, the work approved to
 * answer it unstarted for eleven days. An approved task's `updatedAt` is its approval, or the last
 * change a person made to it (assigned by hand, handed back): each starts its week again.
 */
export function stalledWork(approved: readonly Task[], date: string): string[] {
  const today = Date.parse(`${date}T00:00:00Z`);
  const waiting = approved
    .filter((t) => t.status === 'approved')
    .map((task) => ({
      task,
      days: Math.floor((today - Date.parse(`${task.updatedAt.slice(0, 10)}T00:00:00Z`)) / DAY_MS),
    }))
    .filter((w) => w.days >= STALLED_DAYS)
    .sort((a, b) => b.days - a.days || a.task.id - b.task.id);
  const lines = waiting
    .slice(0, NAMED)
    .map(
      ({ task, days }) =>
        `${task.ref} · ${shortened(task.title)}: approved ${days} days ago and not started${task.assignee ? ` (${task.assignee})` : ''}; start it, or cancel it if it no longer matters`,
    );
  const more = waiting.length - NAMED;
  if (more > 0)
    lines.push(
      `${more} more approved ${more === 1 ? 'task has' : 'tasks have'} waited unstarted ${STALLED_DAYS} days or more: \`goalpost tasks --status approved\` lists them`,
    );
  return lines;
}

/** What a digest needs of a failed task's log: its last failure's note, and whether a retry stands. */
export interface FailureRecord {
  note: string | null;
  retried: boolean;
}

/**
 * The critical bugs whose latest task failed, in words, the latest failure first: each while its
 * project still has a critical bug open and nothing open works on it (not retried, not proposed
 * again). A failed task is held back for a day so what stopped it can clear, and a review found
 * the next morning's digest without a word of the one bug blocking the product that earns.
 * `stillBlocked`: whether a project has a critical bug open; `failure`: a task's log, read only for
 * the tasks that may be named.
 */
export function failedBlockers(
  failed: readonly Task[],
  open: readonly Task[],
  stillBlocked: (projectId: number) => boolean,
  failure: (task: Task) => FailureRecord,
): string[] {
  const working = new Set(open.map((t) => t.memoryKey).filter((k) => k !== null));
  const named = new Set<string>();
  const lines: string[] = [];
  const latestFirst = [...failed].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt) || b.id - a.id);
  for (const task of latestFirst) {
    if (task.category !== 'bugfix' || task.facts.severity !== 'critical') continue;
    if (task.projectId === null || !stillBlocked(task.projectId)) continue;
    const key = task.memoryKey ?? task.ref;
    if (working.has(key) || named.has(key)) continue;
    named.add(key);
    const { note, retried } = failure(task);
    if (retried) continue;
    const why = note === null || note.trim() === '' ? '' : ` ('${shortened(note.trim())}')`;
    lines.push(
      `${task.ref} · ${shortened(task.title)}: a critical bug, failed on ${task.updatedAt.slice(0, 10)}${why}, so ${task.projectName ?? 'its project'} stays blocked; \`goalpost retry ${task.ref}\` tries it again now`,
    );
  }
  return lines;
}
