-- When growth work shipped, kept apart from when its row last changed. Planning counts a feature
-- done (or a critical bug fixed) on an earning project as shipped until its revenue is in (see
-- shippedAwaitingRevenue), and read the day from `updated_at` (migration 0043): a feature typed in
-- as done on a team's first day (its product's history) read as shipped that day, as did an old
-- done feature edited (made upkeep and back, its GitHub issue retitled).
--
-- - features.done_at: when the feature last became done; NULL while it is not done, and for one
--   entered as done (history, not shipping).
-- - bugs.fixed_at: likewise, when the bug last became fixed.
-- Kept by triggers on a change of status, from the `updated_at` the same write sets. Rows already
-- done get their last change when it came after their creation (moved to done later), else NULL.
-- The partial indexes of 0043 move to these columns.
-- Forward-only: never edit this file once it has landed; add 0046_… instead.

ALTER TABLE features ADD COLUMN done_at TEXT;
ALTER TABLE bugs ADD COLUMN fixed_at TEXT;

UPDATE features SET done_at = updated_at WHERE status = 'done' AND updated_at > created_at;
UPDATE bugs SET fixed_at = updated_at WHERE status = 'fixed' AND updated_at > created_at;

DROP INDEX features_shipped;
DROP INDEX bugs_critical_fixed;
CREATE INDEX features_shipped ON features (done_at, project_id) WHERE done_at IS NOT NULL AND upkeep = 0;
CREATE INDEX bugs_critical_fixed ON bugs (fixed_at, project_id) WHERE fixed_at IS NOT NULL AND severity = 'critical';

CREATE TRIGGER features_done_at AFTER UPDATE OF status ON features
  WHEN NEW.status IS NOT OLD.status
BEGIN
  UPDATE features SET done_at = CASE WHEN NEW.status = 'done' THEN NEW.updated_at END WHERE id = NEW.id;
END;

CREATE TRIGGER bugs_fixed_at AFTER UPDATE OF status ON bugs
  WHEN NEW.status IS NOT OLD.status
BEGIN
  UPDATE bugs SET fixed_at = CASE WHEN NEW.status = 'fixed' THEN NEW.updated_at END WHERE id = NEW.id;
END;
