-- A feature whose task under way is cancelled is sized by its estimate again (see 0054, 0055): a
-- review started the task of a two-day feature, estimated it at the 2 h left, cancelled the task,
-- and found the feature, planned again, claiming its two days' part of the revenue gap for 2 h of
-- effort, its score eight times what it was. The size it was started at is dropped when its last
-- task in progress is cancelled while the feature itself is planned (put back to planned, 0054
-- drops it too). Done or failed, the work was done or tried: its size stands.
-- Forward-only: never edit this file once it has landed; add 0057_… instead.

CREATE TRIGGER features_size_cancelled AFTER UPDATE OF status ON tasks
  WHEN OLD.status = 'in_progress' AND NEW.status = 'cancelled' AND NEW.feature_id IS NOT NULL
BEGIN
  UPDATE features SET size_hours = NULL
    WHERE id = NEW.feature_id AND status = 'planned' AND size_hours IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM tasks t WHERE t.feature_id = NEW.feature_id AND t.status = 'in_progress');
END;
