-- A feature whose task is under way keeps the size it was started at too (see 0054). Starting a
-- task leaves its feature planned (only `feature set` moves it): a review started the task of a
-- two-day feature, estimated the feature at the 4 h left, and found the sibling nobody had started
-- doubling its dollars the next day. The trigger now keeps the size while the feature is started
-- or one of its tasks is in progress (tasks_feature, 0009, finds them).
-- Forward-only: never edit this file once it has landed; add 0056_… instead.

DROP TRIGGER features_size_kept;

CREATE TRIGGER features_size_kept AFTER UPDATE OF estimate_hours ON features
  WHEN NEW.estimate_hours < MAX(COALESCE(OLD.size_hours, 0), COALESCE(OLD.estimate_hours, 0))
    AND (NEW.status <> 'planned'
      OR EXISTS (SELECT 1 FROM tasks t WHERE t.feature_id = NEW.id AND t.status = 'in_progress'))
BEGIN
  UPDATE features SET size_hours = MAX(COALESCE(OLD.size_hours, 0), COALESCE(OLD.estimate_hours, 0))
    WHERE id = NEW.id;
END;
