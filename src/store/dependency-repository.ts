import type { FeatureStatus } from '../domain/project.js';
import type { TaskStatus } from '../domain/task.js';
import type { Db } from './open-database.js';

/**
 * A task another one waits for, or a feature its feature waits for (`feature after`: `feature 15`,
 * planned or in progress), as a person needs to see it: which, what, and where it stands.
 */
export interface Prerequisite {
  ref: string;
  title: string;
  status: TaskStatus | FeatureStatus;
}

/**
 * The other side of `task_dependencies`: who waits on whom. (Edges are added with the tasks they
 * belong to, by `TaskRepository.addDependency`.)
 */
export interface DependencyRepository {
  /** Ids of the open tasks (proposed, approved, in progress) that depend on task `id`, oldest first. */
  openDependents(id: number): number[];
  /** Drops the edge "`taskId` waits for `dependsOnId`"; false when there was none. */
  remove(taskId: number, dependsOnId: number): boolean;
  /**
   * For each approved task of the workspace that waits, its prerequisites not done yet, by task id:
   * the tasks it depends on, then the features its feature waits for that no such task is on.
   */
  unfinished(workspaceId: string): Map<number, Prerequisite[]>;
  /**
   * Ids of the failed, cancelled or rejected tasks of the workspace that open tasks still depend on
   * (edges older than the release on those transitions), oldest first.
   */
  endedPrerequisites(workspaceId: string): number[];
}

export function createDependencyRepository(db: Db): DependencyRepository {
  const openDependents = db
    .prepare<[number], number>(
      `SELECT t.id FROM task_dependencies d JOIN tasks t ON t.id = d.task_id
       WHERE d.depends_on_id = ? AND t.status IN ('proposed', 'approved', 'in_progress') ORDER BY t.seq`,
    )
    .pluck();
  const remove = db.prepare('DELETE FROM task_dependencies WHERE task_id = ? AND depends_on_id = ?');
  const unfinished = db.prepare<
    [string],
    { task_id: number; seq: number; title: string; status: TaskStatus }
  >(
    `SELECT d.task_id, p.seq, p.title, p.status
     FROM tasks t JOIN task_dependencies d ON d.task_id = t.id JOIN tasks p ON p.id = d.depends_on_id
     WHERE t.workspace_id = ? AND t.status = 'approved' AND p.status <> 'done'
     ORDER BY d.task_id, p.seq`,
  );
  const ended = db
    .prepare<[string], number>(
      `SELECT DISTINCT p.id FROM tasks p JOIN task_dependencies d ON d.depends_on_id = p.id
         JOIN tasks t ON t.id = d.task_id
       WHERE p.workspace_id = ? AND p.status IN ('failed', 'cancelled', 'rejected')
         AND t.status IN ('proposed', 'approved', 'in_progress')
       ORDER BY p.seq`,
    )
    .pluck();
  // The features an approved task's feature waits for, not done, but those a task it depends on
  // is of (said as that task).
  const unfinishedFeatures = db.prepare<
    [string],
    { task_id: number; id: number; title: string; status: FeatureStatus }
  >(
    `SELECT t.id AS task_id, a.id, a.title, a.status
     FROM tasks t INDEXED BY tasks_queue JOIN feature_prerequisites fp ON fp.feature_id = t.feature_id
       JOIN features a ON a.id = fp.after_id
     WHERE t.workspace_id = ? AND t.status = 'approved' AND t.feature_id IS NOT NULL AND a.status <> 'done'
       AND NOT EXISTS (SELECT 1 FROM task_dependencies d JOIN tasks p ON p.id = d.depends_on_id
                       WHERE d.task_id = t.id AND p.feature_id = a.id)
     ORDER BY t.id, a.id`,
  );
  return {
    openDependents: (id) => openDependents.all(id),
    remove: (taskId, dependsOnId) => remove.run(taskId, dependsOnId).changes === 1,
    unfinished: (ws) => {
      const byTask = new Map<number, Prerequisite[]>();
      const add = (taskId: number, prerequisite: Prerequisite) =>
        byTask.set(taskId, [...(byTask.get(taskId) ?? []), prerequisite]);
      for (const r of unfinished.all(ws))
        add(r.task_id, { ref: `T-${r.seq}`, title: r.title, status: r.status });
      for (const r of unfinishedFeatures.all(ws))
        add(r.task_id, { ref: `feature ${r.id}`, title: r.title, status: r.status });
      return byTask;
    },
    endedPrerequisites: (ws) => ended.all(ws),
  };
}
