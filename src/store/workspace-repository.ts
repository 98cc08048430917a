import type { Db } from './open-database.js';

export interface WorkspaceRepository {
  exists(id: string): boolean;
  /** Creates the workspace if it does not exist yet; true if it was created. */
  create(id: string, now: string): boolean;
  /** Every workspace id, in creation order. */
  list(): string[];
  /**
   * Whether a workspace holds nothing but what creating it wrote (its row and the playbooks
   * written with it): a name typed once, by a command that then wrote nothing to it (or only read).
   * Nothing is ever removed for it: every key to a workspace cascades, and another process may be
   * writing to it.
   */
  unused(id: string): boolean;
  /** Marks a workspace as made on purpose (`init`): never `unused`. Call inside a transaction. */
  choose(id: string): void;
}

/**
 * Every table but playbooks whose rows belong to a workspace (a foreign key to it): a workspace
 * with a row in any of them is in use. test/integration/workspaces.test.ts holds this
 * list to the schema's.
 */
export const WORKSPACE_TABLES = [
  'api_tokens',
  'assignees',
  'batches',
  'chart_files',
  'chat_messages',
  'digest_posts',
  'feedback_notes',
  'github_repos',
  'goals',
  'lessons',
  'members',
  'metric_observations',
  'metric_sources',
  'outcome_category_moves',
  'outcome_log_checks',
  'outcome_repeats',
  'people',
  'processed_events',
  'projects',
  'revenue_records',
  'stripe_accounts',
  'subscriptions',
  'task_events',
  'task_outcomes',
  'task_runs',
  'task_stats',
  'tasks',
  'visions',
  'webhooks',
] as const;

export function createWorkspaceRepository(db: Db): WorkspaceRepository {
  const exists = db.prepare('SELECT 1 FROM workspaces WHERE id = ?').pluck();
  const insert = db.prepare('INSERT OR IGNORE INTO workspaces (id, created_at) VALUES (?, ?)');
  const list = db.prepare<[], string>('SELECT id FROM workspaces ORDER BY created_at, id').pluck();
  const choose = db.prepare('UPDATE workspaces SET chosen = 1 WHERE id = ? AND chosen = 0');
  // A playbook written later than the workspace was added by someone.
  const inUse = db
    .prepare<{ id: string }, number>(
      `SELECT EXISTS (SELECT 1 FROM workspaces WHERE id = @id AND chosen = 1) OR ${WORKSPACE_TABLES.map((t) => `EXISTS (SELECT 1 FROM ${t} WHERE workspace_id = @id)`).join(' OR ')}
         OR EXISTS (SELECT 1 FROM playbooks p JOIN workspaces w ON w.id = p.workspace_id
                    WHERE p.workspace_id = @id AND p.created_at <> w.created_at)`,
    )
    .pluck();
  return {
    exists: (id) => exists.get(id) !== undefined,
    create: (id, now) => insert.run(id, now).changes === 1,
    list: () => list.all(),
    unused: (id) => inUse.get({ id }) === 0,
    choose: (id) => {
      choose.run(id);
    },
  };
}
