import type { Db } from './open-database.js';

export interface WorkspaceRepository {
  exists(id: string): boolean;
  /** Creates the workspace if it does not exist yet; true if it was created. */
  create(id: string, now: string): boolean;
  /** Every workspace id, in creation order. */
  list(): string[];
}

export function createWorkspaceRepository(db: Db): WorkspaceRepository {
  const exists = db.prepare('SELECT 1 FROM workspaces WHERE id = ?').pluck();
  const insert = db.prepare('INSERT OR IGNORE INTO workspaces (id, created_at) VALUES (?, ?)');
  const list = db.prepare<[], string>('SELECT id FROM workspaces ORDER BY created_at, id').pluck();
  return {
    exists: (id) => exists.get(id) !== undefined,
    create: (id, now) => insert.run(id, now).changes === 1,
    list: () => list.all(),
  };
}
