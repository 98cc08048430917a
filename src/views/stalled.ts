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
