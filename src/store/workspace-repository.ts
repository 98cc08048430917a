import type { PlaybookInput } from '../domain/playbook.js';
import type { Db } from './open-database.js';

export interface WorkspaceRepository {
  exists(id: string): boolean;
  /** Creates the workspace with its default playbooks if it does not exist yet; true if created. */
  ensure(id: string, now: string, defaults: readonly PlaybookInput[]): boolean;
}

export function createWorkspaceRepository(db: Db): WorkspaceRepository {
  const exists = db.prepare('SELECT 1 FROM workspaces WHERE id = ?').pluck();
  const insert = db.prepare('INSERT OR IGNORE INTO workspaces (id, created_at) VALUES (?, ?)');
  const insertPlaybook = db.prepare(
    `INSERT OR IGNORE INTO playbooks
       (workspace_id, key, signal, focus_area, title, category, effort_hours, impact_share, depends_on, enabled, created_at)
     VALUES (@workspaceId, @key, @signal, @focusArea, @title, @category, @effortHours, @impactShare, @dependsOn, @enabled, @now)`,
  );
  return {
    exists: (id) => exists.get(id) !== undefined,
    ensure: db.transaction((id: string, now: string, defaults: readonly PlaybookInput[]) => {
      if (insert.run(id, now).changes === 0) return false;
      for (const p of defaults) {
        insertPlaybook.run({
          workspaceId: id,
          key: p.key,
          signal: p.signal,
          focusArea: p.focusArea,
          title: p.title,
          category: p.category,
          effortHours: p.effortHours,
          impactShare: p.impactShare,
          dependsOn: JSON.stringify(p.dependsOn),
          enabled: p.enabled === false ? 0 : 1,
          now,
        });
      }
      return true;
    }),
  };
}
