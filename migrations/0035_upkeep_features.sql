-- Upkeep: a feature that keeps a product running (a chore, docs, a dependency upgrade, a refactor)
-- rather than winning customers. It is planned from like any open feature, but shares no part of
-- the revenue gap: a lead read 'Upgrade to Node 22' valued at $20/month toward revenue and
-- doubted every dollar beside it.
--
-- - features.upkeep: 1 for upkeep, 0 (every feature so far) for growth work.
-- - project_features.upkeep_total, upkeep_open: per project, its upkeep features, and those not
--   done. A project's completion counts its growth features only (a chore left is no feature
--   left), and planning splits the gap among the open ones. The triggers of 0023 are made again
--   to keep them (an update counts when it moves the flag too).
-- - github_repos.upkeep_labels: labels that make an issue upkeep (lowercase; a bug label wins).
-- - github_repos.reread: 1 while the next sync is to read every open issue again and apply each,
--   even one seen as it is (besides what changed since the cursor, which it keeps: clearing it
--   would skip the issues closed since). Set here for every repository synced before, so the
--   issues already synced as features are sorted by their labels; connecting a repository with
--   other labels sets it too. A sync clears it.
-- Forward-only: never edit this file once it has landed; add 0036_… instead.

ALTER TABLE features ADD COLUMN upkeep INTEGER NOT NULL DEFAULT 0 CHECK (upkeep IN (0, 1));

ALTER TABLE project_features ADD COLUMN upkeep_total INTEGER NOT NULL DEFAULT 0 CHECK (upkeep_total >= 0);
ALTER TABLE project_features ADD COLUMN upkeep_open INTEGER NOT NULL DEFAULT 0
  CHECK (upkeep_open >= 0 AND upkeep_open <= upkeep_total);

DROP TRIGGER project_features_insert;
DROP TRIGGER project_features_update;
DROP TRIGGER project_features_delete;

CREATE TRIGGER project_features_insert AFTER INSERT ON features
BEGIN
  INSERT INTO project_features (project_id, total, done, last, upkeep_total, upkeep_open)
    VALUES (NEW.project_id, 1, NEW.status = 'done', NEW.updated_at, NEW.upkeep = 1,
      NEW.upkeep = 1 AND NEW.status <> 'done')
    ON CONFLICT (project_id) DO UPDATE SET
      total = total + 1, done = done + excluded.done, last = max(last, excluded.last),
      upkeep_total = upkeep_total + excluded.upkeep_total, upkeep_open = upkeep_open + excluded.upkeep_open;
END;

CREATE TRIGGER project_features_update AFTER UPDATE ON features
  WHEN NEW.project_id IS NOT OLD.project_id OR NEW.status IS NOT OLD.status
    OR NEW.updated_at IS NOT OLD.updated_at OR NEW.upkeep IS NOT OLD.upkeep
BEGIN
  DELETE FROM project_features WHERE project_id = OLD.project_id;
  INSERT OR REPLACE INTO project_features (project_id, total, done, last, upkeep_total, upkeep_open)
    SELECT OLD.project_id, count(*), sum(status = 'done'), max(updated_at), sum(upkeep = 1),
      sum(upkeep = 1 AND status <> 'done')
    FROM features WHERE project_id = OLD.project_id HAVING count(*) > 0;
  INSERT OR REPLACE INTO project_features (project_id, total, done, last, upkeep_total, upkeep_open)
    SELECT NEW.project_id, count(*), sum(status = 'done'), max(updated_at), sum(upkeep = 1),
      sum(upkeep = 1 AND status <> 'done')
    FROM features WHERE project_id = NEW.project_id;
END;

CREATE TRIGGER project_features_delete AFTER DELETE ON features
BEGIN
  DELETE FROM project_features WHERE project_id = OLD.project_id;
  INSERT INTO project_features (project_id, total, done, last, upkeep_total, upkeep_open)
    SELECT OLD.project_id, count(*), sum(status = 'done'), max(updated_at), sum(upkeep = 1),
      sum(upkeep = 1 AND status <> 'done')
    FROM features WHERE project_id = OLD.project_id HAVING count(*) > 0;
END;

ALTER TABLE github_repos ADD COLUMN upkeep_labels TEXT NOT NULL
  DEFAULT '["chore","documentation","docs","dependencies","refactor","refactoring","tech debt","tech-debt","maintenance","ci","question"]'
  CHECK (json_valid(upkeep_labels) AND json_type(upkeep_labels) = 'array');

ALTER TABLE github_repos ADD COLUMN reread INTEGER NOT NULL DEFAULT 0 CHECK (reread IN (0, 1));
UPDATE github_repos SET reread = 1 WHERE cursor IS NOT NULL;
