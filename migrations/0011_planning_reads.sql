-- Planning reads two aggregates of the tasks closed in its 90-day window: the done and failed tasks
-- per category and playbook (confidence), and each project's latest closed task (how long it has
-- been idle). Read from the tasks themselves, both scanned every closed task of the window on every
-- plan, whatever the size of the workspace. Two rollups keep them instead, maintained by triggers
-- on every write to tasks (insert, any update, delete, cascades), so no write path can miss them:
-- - finished_daily: done and failed tasks counted per day (the first ten characters of updated_at),
--   category, playbook ('' for none) and status. A window starting mid-day reads the whole days
--   after its first day here, and the tasks of its first day from the tasks themselves.
-- - project_last_closed: per workspace and project, the latest updated_at of its closed tasks.
-- They hold no foreign keys: a cascade may delete a workspace's or project's rows in any order, and
-- the triggers remove a rollup row once no task is left to count in it.

CREATE TABLE finished_daily (
  workspace_id  TEXT NOT NULL,
  day           TEXT NOT NULL,
  category      TEXT NOT NULL,
  playbook_key  TEXT NOT NULL,
  status        TEXT NOT NULL CHECK (status IN ('done', 'failed')),
  tasks         INTEGER NOT NULL CHECK (tasks >= 0),
  PRIMARY KEY (workspace_id, day, category, playbook_key, status)
) STRICT, WITHOUT ROWID;

INSERT INTO finished_daily (workspace_id, day, category, playbook_key, status, tasks)
  SELECT workspace_id, substr(updated_at, 1, 10), category, coalesce(playbook_key, ''), status, count(*)
  FROM tasks WHERE status IN ('done', 'failed')
  GROUP BY workspace_id, substr(updated_at, 1, 10), category, coalesce(playbook_key, ''), status;

CREATE TRIGGER finished_daily_insert AFTER INSERT ON tasks WHEN NEW.status IN ('done', 'failed')
BEGIN
  INSERT INTO finished_daily (workspace_id, day, category, playbook_key, status, tasks)
    VALUES (NEW.workspace_id, substr(NEW.updated_at, 1, 10), NEW.category, coalesce(NEW.playbook_key, ''),
      NEW.status, 1)
    ON CONFLICT DO UPDATE SET tasks = tasks + 1;
END;

-- An update that moves a finished task out of its count (its status, day, category or playbook
-- changed) takes it out of the old count; the next trigger puts it in the new one.
CREATE TRIGGER finished_daily_leave AFTER UPDATE ON tasks
  WHEN OLD.status IN ('done', 'failed') AND (NEW.status IS NOT OLD.status
    OR substr(NEW.updated_at, 1, 10) IS NOT substr(OLD.updated_at, 1, 10) OR NEW.category IS NOT OLD.category
    OR NEW.playbook_key IS NOT OLD.playbook_key OR NEW.workspace_id IS NOT OLD.workspace_id)
BEGIN
  UPDATE finished_daily SET tasks = tasks - 1
    WHERE workspace_id = OLD.workspace_id AND day = substr(OLD.updated_at, 1, 10) AND category = OLD.category
      AND playbook_key = coalesce(OLD.playbook_key, '') AND status = OLD.status;
  DELETE FROM finished_daily
    WHERE workspace_id = OLD.workspace_id AND day = substr(OLD.updated_at, 1, 10) AND category = OLD.category
      AND playbook_key = coalesce(OLD.playbook_key, '') AND status = OLD.status AND tasks = 0;
END;

CREATE TRIGGER finished_daily_enter AFTER UPDATE ON tasks
  WHEN NEW.status IN ('done', 'failed') AND (NEW.status IS NOT OLD.status
    OR substr(NEW.updated_at, 1, 10) IS NOT substr(OLD.updated_at, 1, 10) OR NEW.category IS NOT OLD.category
    OR NEW.playbook_key IS NOT OLD.playbook_key OR NEW.workspace_id IS NOT OLD.workspace_id)
BEGIN
  INSERT INTO finished_daily (workspace_id, day, category, playbook_key, status, tasks)
    VALUES (NEW.workspace_id, substr(NEW.updated_at, 1, 10), NEW.category, coalesce(NEW.playbook_key, ''),
      NEW.status, 1)
    ON CONFLICT DO UPDATE SET tasks = tasks + 1;
END;

CREATE TRIGGER finished_daily_delete AFTER DELETE ON tasks WHEN OLD.status IN ('done', 'failed')
BEGIN
  UPDATE finished_daily SET tasks = tasks - 1
    WHERE workspace_id = OLD.workspace_id AND day = substr(OLD.updated_at, 1, 10) AND category = OLD.category
      AND playbook_key = coalesce(OLD.playbook_key, '') AND status = OLD.status;
  DELETE FROM finished_daily
    WHERE workspace_id = OLD.workspace_id AND day = substr(OLD.updated_at, 1, 10) AND category = OLD.category
      AND playbook_key = coalesce(OLD.playbook_key, '') AND status = OLD.status AND tasks = 0;
END;

CREATE TABLE project_last_closed (
  workspace_id  TEXT NOT NULL,
  project_id    INTEGER NOT NULL,
  closed_at     TEXT NOT NULL,
  PRIMARY KEY (workspace_id, project_id)
) STRICT, WITHOUT ROWID;

INSERT INTO project_last_closed (workspace_id, project_id, closed_at)
  SELECT workspace_id, project_id, max(updated_at) FROM tasks
  WHERE project_id IS NOT NULL AND status IN ('done', 'failed', 'rejected', 'cancelled')
  GROUP BY workspace_id, project_id;

-- A task closed (or touched while closed) can only move its project's latest close later.
CREATE TRIGGER project_last_closed_insert AFTER INSERT ON tasks
  WHEN NEW.project_id IS NOT NULL AND NEW.status IN ('done', 'failed', 'rejected', 'cancelled')
BEGIN
  INSERT INTO project_last_closed (workspace_id, project_id, closed_at)
    VALUES (NEW.workspace_id, NEW.project_id, NEW.updated_at)
    ON CONFLICT DO UPDATE SET closed_at = max(closed_at, excluded.closed_at);
END;

CREATE TRIGGER project_last_closed_close AFTER UPDATE ON tasks
  WHEN NEW.project_id IS NOT NULL AND NEW.status IN ('done', 'failed', 'rejected', 'cancelled')
BEGIN
  INSERT INTO project_last_closed (workspace_id, project_id, closed_at)
    VALUES (NEW.workspace_id, NEW.project_id, NEW.updated_at)
    ON CONFLICT DO UPDATE SET closed_at = max(closed_at, excluded.closed_at);
END;

-- A closed task reopened (an undone rejection), moved to another project, moved back in time or
-- deleted may have been the latest: that project's latest close is looked up again, one index seek
-- per closed status.
CREATE TRIGGER project_last_closed_reopen AFTER UPDATE ON tasks
  WHEN OLD.project_id IS NOT NULL AND OLD.status IN ('done', 'failed', 'rejected', 'cancelled')
    AND (NEW.status NOT IN ('done', 'failed', 'rejected', 'cancelled') OR NEW.project_id IS NOT OLD.project_id
      OR NEW.workspace_id IS NOT OLD.workspace_id OR NEW.updated_at < OLD.updated_at)
BEGIN
  DELETE FROM project_last_closed WHERE workspace_id = OLD.workspace_id AND project_id = OLD.project_id;
  INSERT INTO project_last_closed (workspace_id, project_id, closed_at)
    SELECT OLD.workspace_id, OLD.project_id, max(at) FROM (
      SELECT max(updated_at) AS at FROM tasks
        WHERE workspace_id = OLD.workspace_id AND project_id = OLD.project_id AND status = 'done'
      UNION ALL SELECT max(updated_at) FROM tasks
        WHERE workspace_id = OLD.workspace_id AND project_id = OLD.project_id AND status = 'failed'
      UNION ALL SELECT max(updated_at) FROM tasks
        WHERE workspace_id = OLD.workspace_id AND project_id = OLD.project_id AND status = 'rejected'
      UNION ALL SELECT max(updated_at) FROM tasks
        WHERE workspace_id = OLD.workspace_id AND project_id = OLD.project_id AND status = 'cancelled')
    HAVING max(at) IS NOT NULL;
END;

CREATE TRIGGER project_last_closed_delete AFTER DELETE ON tasks
  WHEN OLD.project_id IS NOT NULL AND OLD.status IN ('done', 'failed', 'rejected', 'cancelled')
BEGIN
  DELETE FROM project_last_closed WHERE workspace_id = OLD.workspace_id AND project_id = OLD.project_id;
  INSERT INTO project_last_closed (workspace_id, project_id, closed_at)
    SELECT OLD.workspace_id, OLD.project_id, max(at) FROM (
      SELECT max(updated_at) AS at FROM tasks
        WHERE workspace_id = OLD.workspace_id AND project_id = OLD.project_id AND status = 'done'
      UNION ALL SELECT max(updated_at) FROM tasks
        WHERE workspace_id = OLD.workspace_id AND project_id = OLD.project_id AND status = 'failed'
      UNION ALL SELECT max(updated_at) FROM tasks
        WHERE workspace_id = OLD.workspace_id AND project_id = OLD.project_id AND status = 'rejected'
      UNION ALL SELECT max(updated_at) FROM tasks
        WHERE workspace_id = OLD.workspace_id AND project_id = OLD.project_id AND status = 'cancelled')
    HAVING max(at) IS NOT NULL;
END;

-- Planning recalls the done, rejected and failed tasks of each of its candidates, key by key. Keyed
-- by the work first, one seek finds all three kinds (the old index, status first, took three); and
-- only decided tasks are indexed, the only ones looked up.
DROP INDEX tasks_memory;
CREATE INDEX tasks_decided_memory ON tasks (workspace_id, memory_key, status, updated_at)
  WHERE memory_key IS NOT NULL AND status IN ('done', 'rejected', 'failed');

-- Planning counts each project's features (how many, how many done, the latest change): with the
-- change in the index, that count reads the index alone, not every feature's row; the old index
-- is its prefix, so every lookup by project (and status) still finds one. The projects of a
-- workspace are then visited in id order, so grouping by project needs no temporary b-tree.
DROP INDEX features_project;
CREATE INDEX features_progress ON features (project_id, status, updated_at);
CREATE INDEX projects_workspace ON projects (workspace_id);
