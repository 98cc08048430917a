-- Planning reads, per project, how many features it has and how many are done, and its open bugs
-- by severity, each with its latest change. Counted from the features and bugs themselves, every
-- plan grouped the whole backlog of the workspace (at 100,000 projects, 450,000 features and
-- 100,000 bugs: about a tenth of a dry run). Two rollups keep them instead, maintained by triggers
-- on every write to features and bugs (insert, any update, delete, a project's cascade), so no
-- write path can miss them:
-- - project_features: per project with a feature, how many, how many done, the latest updated_at;
-- - project_bugs: per project with a bug, its open bugs by severity, the latest updated_at of all.
-- An insert adds to its project's row; an update or a delete counts the row again from the items
-- themselves (a project has a handful, on the index planning reads them by), and removes it once
-- the project has none. Like the
-- task rollups (0011), they hold no foreign keys: a cascade may delete rows in any order.
-- Forward-only: never edit this file once it has landed; add 0024_… instead.

CREATE TABLE project_features (
  project_id  INTEGER PRIMARY KEY,
  total       INTEGER NOT NULL CHECK (total > 0),
  done        INTEGER NOT NULL CHECK (done >= 0 AND done <= total),
  last        TEXT NOT NULL
) STRICT;

CREATE TABLE project_bugs (
  project_id  INTEGER PRIMARY KEY,
  critical    INTEGER NOT NULL CHECK (critical >= 0),
  high        INTEGER NOT NULL CHECK (high >= 0),
  medium      INTEGER NOT NULL CHECK (medium >= 0),
  low         INTEGER NOT NULL CHECK (low >= 0),
  last        TEXT NOT NULL
) STRICT;

INSERT INTO project_features (project_id, total, done, last)
  SELECT project_id, count(*), sum(status = 'done'), max(updated_at) FROM features GROUP BY project_id;

INSERT INTO project_bugs (project_id, critical, high, medium, low, last)
  SELECT project_id, sum(status = 'open' AND severity = 'critical'), sum(status = 'open' AND severity = 'high'),
    sum(status = 'open' AND severity = 'medium'), sum(status = 'open' AND severity = 'low'), max(updated_at)
  FROM bugs GROUP BY project_id;

-- An update counts only when it moves what is counted (its project, status, severity or date;
-- not its title or goal).
CREATE TRIGGER project_features_insert AFTER INSERT ON features
BEGIN
  INSERT INTO project_features (project_id, total, done, last)
    VALUES (NEW.project_id, 1, NEW.status = 'done', NEW.updated_at)
    ON CONFLICT (project_id) DO UPDATE SET
      total = total + 1, done = done + excluded.done, last = max(last, excluded.last);
END;

CREATE TRIGGER project_features_update AFTER UPDATE ON features
  WHEN NEW.project_id IS NOT OLD.project_id OR NEW.status IS NOT OLD.status
    OR NEW.updated_at IS NOT OLD.updated_at
BEGIN
  DELETE FROM project_features WHERE project_id = OLD.project_id;
  INSERT OR REPLACE INTO project_features (project_id, total, done, last)
    SELECT OLD.project_id, count(*), sum(status = 'done'), max(updated_at)
    FROM features WHERE project_id = OLD.project_id HAVING count(*) > 0;
  INSERT OR REPLACE INTO project_features (project_id, total, done, last)
    SELECT NEW.project_id, count(*), sum(status = 'done'), max(updated_at)
    FROM features WHERE project_id = NEW.project_id;
END;

CREATE TRIGGER project_features_delete AFTER DELETE ON features
BEGIN
  DELETE FROM project_features WHERE project_id = OLD.project_id;
  INSERT INTO project_features (project_id, total, done, last)
    SELECT OLD.project_id, count(*), sum(status = 'done'), max(updated_at)
    FROM features WHERE project_id = OLD.project_id HAVING count(*) > 0;
END;

CREATE TRIGGER project_bugs_insert AFTER INSERT ON bugs
BEGIN
  INSERT INTO project_bugs (project_id, critical, high, medium, low, last)
    VALUES (NEW.project_id, NEW.status = 'open' AND NEW.severity = 'critical',
      NEW.status = 'open' AND NEW.severity = 'high', NEW.status = 'open' AND NEW.severity = 'medium',
      NEW.status = 'open' AND NEW.severity = 'low', NEW.updated_at)
    ON CONFLICT (project_id) DO UPDATE SET
      critical = critical + excluded.critical, high = high + excluded.high, medium = medium + excluded.medium,
      low = low + excluded.low, last = max(last, excluded.last);
END;

CREATE TRIGGER project_bugs_update AFTER UPDATE ON bugs
  WHEN NEW.project_id IS NOT OLD.project_id OR NEW.status IS NOT OLD.status
    OR NEW.severity IS NOT OLD.severity OR NEW.updated_at IS NOT OLD.updated_at
BEGIN
  DELETE FROM project_bugs WHERE project_id = OLD.project_id;
  INSERT OR REPLACE INTO project_bugs (project_id, critical, high, medium, low, last)
    SELECT OLD.project_id, sum(status = 'open' AND severity = 'critical'),
      sum(status = 'open' AND severity = 'high'), sum(status = 'open' AND severity = 'medium'),
      sum(status = 'open' AND severity = 'low'), max(updated_at)
    FROM bugs WHERE project_id = OLD.project_id HAVING count(*) > 0;
  INSERT OR REPLACE INTO project_bugs (project_id, critical, high, medium, low, last)
    SELECT NEW.project_id, sum(status = 'open' AND severity = 'critical'),
      sum(status = 'open' AND severity = 'high'), sum(status = 'open' AND severity = 'medium'),
      sum(status = 'open' AND severity = 'low'), max(updated_at)
    FROM bugs WHERE project_id = NEW.project_id;
END;

CREATE TRIGGER project_bugs_delete AFTER DELETE ON bugs
BEGIN
  DELETE FROM project_bugs WHERE project_id = OLD.project_id;
  INSERT INTO project_bugs (project_id, critical, high, medium, low, last)
    SELECT OLD.project_id, sum(status = 'open' AND severity = 'critical'),
      sum(status = 'open' AND severity = 'high'), sum(status = 'open' AND severity = 'medium'),
      sum(status = 'open' AND severity = 'low'), max(updated_at)
    FROM bugs WHERE project_id = OLD.project_id HAVING count(*) > 0;
END;
