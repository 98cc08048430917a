import type { Task, TaskCategory } from '../domain/task.js';
import type { Assignee } from '../store/assignee-repository.js';

/** Whether someone taking `categories` (none: any kind) takes work of `category`. */
export const takesKind = (categories: readonly TaskCategory[] | undefined, category: TaskCategory): boolean =>
  categories === undefined || categories.length === 0 || categories.includes(category);

/** The kinds of work someone takes as a change says them: categories joined, null for any. */
export const kindsText = (categories: readonly TaskCategory[]): string | null =>
  categories.length === 0 ? null : categories.join(', ');

/** The kinds of work someone takes, as the lists of assignees say it: the categories, or `any kind`. */
export const takes = (categories: readonly TaskCategory[]): string => kindsText(categories) ?? 'any kind';

type Scope = Pick<Assignee, 'name' | 'projects' | 'categories'>;
type Scoped = Pick<Task, 'projectId' | 'projectName' | 'category'>;

/**
 * What keeps `task` from being `a`'s to take by what they said they take: its project (one they
 * do not work on), its kind of work (one they do not take), or nothing (null).
 */
export function scopeMiss(a: Scope, task: Scoped): 'project' | 'kind' | null {
  const own = a.projects;
  if (task.projectId !== null && own.length > 0 && !own.some((p) => p.id === task.projectId))
    return 'project';
  return takesKind(a.categories, task.category) ? null : 'kind';
}

/**
 * Why `task` is not `a`'s to take by what they said they take: `tom works on Ledgerly Mobile, not
 * Developer Portal`, `docs_bot takes infrastructure, research work, not bugfix`; null when it is.
 */
export function outsideScope(a: Scope, task: Scoped): string | null {
  const miss = scopeMiss(a, task);
  if (miss === 'project')
    return `${a.name} works on ${a.projects.map((p) => p.name).join(', ')}, not ${task.projectName ?? 'its project'}`;
  return miss === 'kind' ? `${a.name} takes ${a.categories.join(', ')} work, not ${task.category}` : null;
}
