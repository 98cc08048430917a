import type { Playbook, PlaybookInput } from '../domain/playbook.js';
import { isStringArray, jsonColumn } from './json-column.js';
import type { Db } from './open-database.js';

interface PlaybookRow {
  id: number;
  workspace_id: string;
  key: string;
  signal: Playbook['signal'];
  focus_area: string | null;
  title: string;
  category: Playbook['category'];
  effort_hours: number;
  impact_share: number;
  depends_on: string;
  recur_days: number | null;
  enabled: number;
}

export interface PlaybookRepository {
  list(workspaceId: string): Playbook[];
  find(workspaceId: string, key: string): Playbook | null;
  add(workspaceId: string, playbook: PlaybookInput, now: string): Playbook;
  remove(workspaceId: string, key: string): boolean;
}

const toPlaybook = (r: PlaybookRow): Playbook => ({
  id: r.id,
  workspaceId: r.workspace_id,
  key: r.key,
  signal: r.signal,
  focusArea: r.focus_area,
  title: r.title,
  category: r.category,
  effortHours: r.effort_hours,
  impactShare: r.impact_share,
  dependsOn: jsonColumn(r.depends_on, isStringArray, `playbooks(${r.key}).depends_on`),
  recurDays: r.recur_days,
  enabled: r.enabled === 1,
});

export function createPlaybookRepository(db: Db): PlaybookRepository {
  const list = db.prepare<[string], PlaybookRow>(
    'SELECT * FROM playbooks WHERE workspace_id = ? ORDER BY key',
  );
  const find = db.prepare<[string, string], PlaybookRow>(
    'SELECT * FROM playbooks WHERE workspace_id = ? AND key = ?',
  );
  const insert = db.prepare<Record<string, unknown>, PlaybookRow>(
    `INSERT INTO playbooks (workspace_id, key, signal, focus_area, title, category, effort_hours, impact_share,
       depends_on, recur_days, enabled, created_at)
     VALUES (@workspaceId, @key, @signal, @focusArea, @title, @category, @effortHours, @impactShare, @dependsOn,
       @recurDays, @enabled, @now)
     RETURNING *`,
  );
  const remove = db.prepare('DELETE FROM playbooks WHERE workspace_id = ? AND key = ?');
  return {
    list: (ws) => list.all(ws).map(toPlaybook),
    find: (ws, key) => {
      const row = find.get(ws, key);
      return row ? toPlaybook(row) : null;
    },
    add: (ws, p, now) => {
      const row = insert.get({
        workspaceId: ws,
        key: p.key,
        signal: p.signal,
        focusArea: p.focusArea,
        title: p.title,
        category: p.category,
        effortHours: p.effortHours,
        impactShare: p.impactShare,
        dependsOn: JSON.stringify(p.dependsOn),
        recurDays: p.recurDays ?? null,
        enabled: p.enabled === false ? 0 : 1,
        now,
      });
      if (!row) throw new Error('INSERT … RETURNING returned no row');
      return toPlaybook(row);
    },
    remove: (ws, key) => remove.run(ws, key).changes > 0,
  };
}
