import type { Task, TaskCategory } from '../domain/task.js';
import type { Db } from './open-database.js';
import { IN_ORDER, SELECT_TASK, selectTask, type TaskValues, toTask } from './task-rows.js';

/** The work queue's leases on tasks: who holds which approved task, until when. */
export interface ClaimRepository {
  /**
   * The highest-priority approved task this assignee may claim: routed to it or to nobody,
   * prerequisites done, and of an active project (or none): a paused or done project's work waits
   * until it is active again.
   */
  next(workspaceId: string, assignee: string): Task | null;
  /** Moves an approved task to in progress under a lease; false if it was no longer approved. */
  take(id: number, assignee: string, leaseExpiresAt: string, now: string): boolean;
  /** Ends a claim (done, failed, released): clears the holder and the lease. */
  clear(id: number): void;
  /** Extends the lease of a claim `assignee` still holds; false when it no longer does. */
  renew(id: number, assignee: string, leaseExpiresAt: string): boolean;
  /** In-progress claims whose lease ran out before `now`. */
  expired(workspaceId: string, now: string): Task[];
  /** Claims held now, oldest first. */
  held(workspaceId: string): Task[];
  /**
   * Open tasks (approved or in progress) per assignee: each one's load; with `proposed`, the
   * proposals routed to each as well (what a plan has already suggested they take). Work not yet
   * under way of a paused or finished project holds no slot: nobody can claim it until the project
   * is active again (see `next`), so it leaves its holder's slot to other work.
   */
  openCountByAssignee(workspaceId: string, proposed?: boolean): Map<string, number>;
  /**
   * Approved tasks nobody holds, of an active project (or none): work the team decided on that
   * waits for a free slot (approved while nobody had room, or handed back to the queue); counted
   * by kind of work and project, as who may take them depends on both.
   */
  unheldApproved(workspaceId: string): UnheldApproved[];
}

/** How many approved tasks nobody holds are of one kind of work and one project (or none). */
export interface UnheldApproved {
  category: TaskCategory;
  projectId: number | null;
  count: number;
}

export function createClaimRepository(db: Db): ClaimRepository {
  // A task routed to nobody goes to a claimant who works on its project, on any project (named
  // none: see assignee_projects), or of no project; and who takes its kind of work, or any kind
  // (named none: see assignee_categories).
  const theirs = `SELECT ap.project_id FROM assignee_projects ap JOIN assignees a ON a.id = ap.assignee_id
    WHERE a.workspace_id = @ws AND a.name = @assignee`;
  const kinds = `SELECT ac.category FROM assignee_categories ac JOIN assignees a ON a.id = ac.assignee_id
    WHERE a.workspace_id = @ws AND a.name = @assignee`;
  const next = db
    .prepare<[{ ws: string; assignee: string }], TaskValues>(
      `${SELECT_TASK} WHERE t.workspace_id = @ws AND t.status = 'approved'
       AND (t.assignee = @assignee OR (t.assignee IS NULL AND (t.project_id IS NULL
         OR NOT EXISTS (${theirs}) OR t.project_id IN (${theirs}))
         AND (NOT EXISTS (${kinds}) OR t.category IN (${kinds}))))
       AND (p.status IS NULL OR p.status = 'active')
       AND NOT EXISTS (SELECT 1 FROM task_dependencies d JOIN tasks p ON p.id = d.depends_on_id
                       WHERE d.task_id = t.id AND p.status <> 'done')
       AND NOT EXISTS (SELECT 1 FROM feature_prerequisites fp JOIN features a ON a.id = fp.after_id
                       WHERE fp.feature_id = t.feature_id AND a.status <> 'done')
     ORDER BY ${IN_ORDER} LIMIT 1`,
    )
    .raw();
  const take = db.prepare(
    `UPDATE tasks SET status = 'in_progress', assignee = @assignee, claimed_by = @assignee,
       lease_expires_at = @lease, attempts = attempts + 1, updated_at = @now
     WHERE id = @id AND status = 'approved'`,
  );
  const clear = db.prepare('UPDATE tasks SET claimed_by = NULL, lease_expires_at = NULL WHERE id = ?');
  const renew = db.prepare(
    `UPDATE tasks SET lease_expires_at = ? WHERE id = ? AND status = 'in_progress' AND claimed_by = ?`,
  );
  const expired = db
    .prepare<[string, string], TaskValues>(
      `${SELECT_TASK} WHERE t.workspace_id = ? AND t.status = 'in_progress' AND t.lease_expires_at IS NOT NULL
       AND t.lease_expires_at < ? ORDER BY t.seq`,
    )
    .raw();
  // By status first: SQLite otherwise walks every task of the workspace in tasks_updated's order to
  // skip the sort, 220 ms on 100,000 tasks, inside every claim's write transaction.
  const held = db
    .prepare<[string], TaskValues>(
      `${selectTask('tasks_queue')}
       WHERE t.workspace_id = ? AND t.status = 'in_progress' AND t.claimed_by IS NOT NULL
     ORDER BY t.updated_at, t.seq`,
    )
    .raw();
  const holdsSlot = `(t.status = 'in_progress' OR t.project_id IS NULL OR NOT EXISTS
    (SELECT 1 FROM projects p WHERE p.id = t.project_id AND p.status <> 'active'))`;
  const openCounts = db.prepare<[string], { assignee: string; n: number }>(
    `SELECT t.assignee, count(*) AS n FROM tasks t INDEXED BY tasks_queue
     WHERE t.workspace_id = ? AND t.status IN ('approved', 'in_progress') AND t.assignee IS NOT NULL
     AND ${holdsSlot} GROUP BY t.assignee`,
  );
  const openOrProposedCounts = db.prepare<[string], { assignee: string; n: number }>(
    `SELECT t.assignee, count(*) AS n FROM tasks t INDEXED BY tasks_queue
     WHERE t.workspace_id = ? AND t.status IN ('proposed', 'approved', 'in_progress')
     AND t.assignee IS NOT NULL AND ${holdsSlot} GROUP BY t.assignee`,
  );
  const unheldApproved = db.prepare<[string], UnheldApproved>(
    `SELECT t.category, t.project_id AS projectId, count(*) AS count
     FROM tasks t INDEXED BY tasks_queue LEFT JOIN projects p ON p.id = t.project_id
     WHERE t.workspace_id = ? AND t.status = 'approved' AND t.assignee IS NULL
     AND (p.status IS NULL OR p.status = 'active')
     GROUP BY t.category, t.project_id`,
  );
  return {
    next: (ws, assignee) => {
      const row = next.get({ ws, assignee });
      return row ? toTask(row) : null;
    },
    take: (id, assignee, lease, now) => take.run({ id, assignee, lease, now }).changes === 1,
    clear: (id) => {
      clear.run(id);
    },
    renew: (id, assignee, lease) => renew.run(lease, id, assignee).changes === 1,
    expired: (ws, now) => expired.all(ws, now).map(toTask),
    held: (ws) => held.all(ws).map(toTask),
    unheldApproved: (ws) => unheldApproved.all(ws),
    openCountByAssignee: (ws, proposed = false) =>
      new Map((proposed ? openOrProposedCounts : openCounts).all(ws).map((r) => [r.assignee, r.n])),
  };
}
