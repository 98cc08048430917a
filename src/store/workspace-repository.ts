import type { Db } from './open-database.js';

export interface WorkspaceRepository {
  exists(id: string): boolean;
  /** Creates the workspace if it does not exist yet; true if it was created. */
  create(id: string, now: string): boolean;
  /** Every workspace id, in creation order. */
  list(): string[];
  /**
   * Removes a workspace that holds nothing but what creating it wrote (its row and its default
   * playbooks), in one transaction; false, and nothing removed, when anything else refers to it.
   */
  discardUnused(id: string): boolean;
}

export function createWorkspaceRepository(db: Db): WorkspaceRepository {
  const exists = db.prepare('SELECT 1 FROM workspaces WHERE id = ?').pluck();
  const insert = db.prepare('INSERT OR IGNORE INTO workspaces (id, created_at) VALUES (?, ?)');
  const list = db.prepare<[], string>('SELECT id FROM workspaces ORDER BY created_at, id').pluck();
  const dropPlaybooks = db.prepare('DELETE FROM playbooks WHERE workspace_id = ?');
  const drop = db.prepare('DELETE FROM workspaces WHERE id = ?');
  const discard = db.transaction((id: string) => {
    dropPlaybooks.run(id);
    return drop.run(id).changes === 1;
  });
  return {
    exists: (id) => exists.get(id) !== undefined,
    create: (id, now) => insert.run(id, now).changes === 1,
    list: () => list.all(),
    discardUnused: (id) => {
      try {
        return discard(id);
      } catch (error) {
        // A row of another table refers to it (its foreign key refuses): it is in use, and stays.
        if (error instanceof Error && /FOREIGN KEY/i.test(error.message)) return false;
        throw error;
      }
    },
  };
}
