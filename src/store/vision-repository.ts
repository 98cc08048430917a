import type { Vision } from '../domain/vision.js';
import { isNumberRecord, isStringArray, jsonColumn } from './json-column.js';
import type { Db } from './open-database.js';

interface VisionRow {
  workspace_id: string;
  version: number;
  statement: string;
  primary_goal: string;
  focus_areas: string;
  revenue_targets: string;
  success_metrics: string;
  created_by: string;
  created_at: string;
}

export type VisionDraft = Omit<Vision, 'version' | 'createdAt' | 'createdBy'>;

export interface VisionRepository {
  active(workspaceId: string): Vision | null;
  history(workspaceId: string): Vision[];
  /** Stores `draft` as the next version and makes it the active one; the old one is kept. */
  save(draft: VisionDraft, actor: string, now: string): Vision;
  /**
   * The tasks proposed before `createdAt` that still await a decision, oldest first: what a new
   * version of the vision leaves on the old one's reasoning.
   */
  proposedBefore(workspaceId: string, createdAt: string): Array<{ ref: string; createdAt: string }>;
}

function toVision(row: VisionRow): Vision {
  const where = `visions(${row.workspace_id} v${row.version})`;
  return {
    workspaceId: row.workspace_id,
    version: row.version,
    statement: row.statement,
    primaryGoal: row.primary_goal,
    focusAreas: jsonColumn(row.focus_areas, isStringArray, `${where}.focus_areas`),
    revenueTargets: jsonColumn(row.revenue_targets, isNumberRecord, `${where}.revenue_targets`),
    successMetrics: jsonColumn(row.success_metrics, isNumberRecord, `${where}.success_metrics`),
    createdBy: row.created_by,
    createdAt: row.created_at,
  };
}

export function createVisionRepository(db: Db): VisionRepository {
  const active = db.prepare<[string], VisionRow>(
    'SELECT * FROM visions WHERE workspace_id = ? AND active = 1',
  );
  const history = db.prepare<[string], VisionRow>(
    'SELECT * FROM visions WHERE workspace_id = ? ORDER BY version DESC',
  );
  const nextVersion = db
    .prepare<[string], number>('SELECT COALESCE(MAX(version), 0) + 1 FROM visions WHERE workspace_id = ?')
    .pluck();
  const deactivate = db.prepare('UPDATE visions SET active = 0 WHERE workspace_id = ? AND active = 1');
  const insert = db.prepare(
    `INSERT INTO visions (workspace_id, version, statement, primary_goal, focus_areas, revenue_targets,
       success_metrics, active, created_by, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`,
  );
  const proposedBefore = db.prepare<[string, string], { seq: number; created_at: string }>(
    // The proposed tasks alone (by status), not every task the workspace ever had.
    "SELECT seq, created_at FROM tasks INDEXED BY tasks_queue WHERE workspace_id = ? AND status = 'proposed' AND created_at < ? ORDER BY seq",
  );
  return {
    proposedBefore: (ws, createdAt) =>
      proposedBefore.all(ws, createdAt).map((r) => ({ ref: `T-${r.seq}`, createdAt: r.created_at })),
    active: (ws) => {
      const row = active.get(ws);
      return row ? toVision(row) : null;
    },
    history: (ws) => history.all(ws).map(toVision),
    save: db.transaction((draft: VisionDraft, actor: string, now: string): Vision => {
      const version = nextVersion.get(draft.workspaceId) ?? 1;
      deactivate.run(draft.workspaceId);
      insert.run(
        draft.workspaceId,
        version,
        draft.statement,
        draft.primaryGoal,
        JSON.stringify(draft.focusAreas),
        JSON.stringify(draft.revenueTargets),
        JSON.stringify(draft.successMetrics),
        actor,
        now,
      );
      return { ...draft, version, createdBy: actor, createdAt: now };
    }),
  };
}
