-- A project's last close counts work, not decisions about proposals. project_last_closed (migration
-- 0011) kept the latest close of any of a project's tasks, rejected and cancelled ones included,
-- and a project is idle from its last close (or its last change, or an open task approved or under
-- way: see analyseState). So a proposal the team rejected or cancelled, or one a plan withdrew
-- (cancelled by the plan once its reason went), read as activity: a stale project read active
-- again for 14 days, its review no longer proposed. A proposal awaiting a decision is no work on
-- its project; nor is one turned down.
--
-- - project_last_closed: per workspace and project, the latest updated_at of its done and failed
--   tasks (work finished, or tried). Rebuilt from the tasks; its four triggers replaced by ones
--   that count those two statuses.
-- Forward-only: never edit this file once it has landed; add 0047_… instead.

DROP TRIGGER project_last_closed_insert;
DROP TRIGGER project_last_closed_close;
DROP TRIGGER project_last_closed_reopen;
DROP TRIGGER project_last_closed_delete;

DELETE FROM project_last_closed;
INSERT INTO project_last_closed (workspace_id, project_id, closed_at)
  SELECT workspace_id, project_id, max(updated_at) FROM tasks
  WHERE project_id IS NOT NULL AND status IN ('done', 'failed')
  GROUP BY workspace_id, project_id;

-- A task done or failed (or touched while so) can only move its project's latest close later.
CREATE TRIGGER project_last_closed_insert AFTER INSERT ON tasks
  WHEN NEW.project_id IS NOT NULL AND NEW.status IN ('done', 'failed')
BEGIN
  INSERT INTO project_last_closed (workspace_id, project_id, closed_at)
    VALUES (NEW.workspace_id, NEW.project_id, NEW.updated_at)
    ON CONFLICT DO UPDATE SET closed_at = max(closed_at, excluded.closed_at);
END;

CREATE TRIGGER project_last_closed_close AFTER UPDATE ON tasks
  WHEN NEW.project_id IS NOT NULL AND NEW.status IN ('done', 'failed')
BEGIN
  INSERT INTO project_last_closed (workspace_id, project_id, closed_at)
    VALUES (NEW.workspace_id, NEW.project_id, NEW.updated_at)
    ON CONFLICT DO UPDATE SET closed_at = max(closed_at, excluded.closed_at);
END;

-- A done or failed task reopened, moved to another project, moved back in time or deleted may have
-- been the latest: that project's latest close is looked up again, one index seek per status.
CREATE TRIGGER project_last_closed_reopen AFTER UPDATE ON tasks
  WHEN OLD.project_id IS NOT NULL AND OLD.status IN ('done', 'failed')
    AND (NEW.status NOT IN ('done', 'failed') OR NEW.project_id IS NOT OLD.project_id
      OR NEW.workspace_id IS NOT OLD.workspace_id OR NEW.updated_at < OLD.updated_at)
BEGIN
  DELETE FROM project_last_closed WHERE workspace_id = OLD.workspace_id AND project_id = OLD.project_id;
  INSERT INTO project_last_closed (workspace_id, project_id, closed_at)
    SELECT OLD.workspace_id, OLD.project_id, max(at) FROM (
      SELECT max(updated_at) AS at FROM tasks
        WHERE workspace_id = OLD.workspace_id AND project_id = OLD.project_id AND status = 'done'
      UNION ALL SELECT max(updated_at) FROM tasks
        WHERE workspace_id = OLD.workspace_id AND project_id = OLD.project_id AND status = 'failed')
    HAVING max(at) IS NOT NULL;
END;

CREATE TRIGGER project_last_closed_delete AFTER DELETE ON tasks
  WHEN OLD.project_id IS NOT NULL AND OLD.status IN ('done', 'failed')
BEGIN
  DELETE FROM project_last_closed WHERE workspace_id = OLD.workspace_id AND project_id = OLD.project_id;
  INSERT INTO project_last_closed (workspace_id, project_id, closed_at)
    SELECT OLD.workspace_id, OLD.project_id, max(at) FROM (
      SELECT max(updated_at) AS at FROM tasks
        WHERE workspace_id = OLD.workspace_id AND project_id = OLD.project_id AND status = 'done'
      UNION ALL SELECT max(updated_at) FROM tasks
        WHERE workspace_id = OLD.workspace_id AND project_id = OLD.project_id AND status = 'failed')
    HAVING max(at) IS NOT NULL;
END;
