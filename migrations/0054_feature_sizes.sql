-- A feature under way keeps the size it was started at. A revenue gap (and a goal's value) is
-- shared by the feature-sizes of the work that wins it, each growth feature weighing its estimate
-- over 8 hours (0053). Teams re-estimate work under way at the hours left of it: a review found
-- "Recurring invoices", started at 40 h and re-estimated at 4 h, falling from a week's part of its
-- product's share to one feature's, the rest moving to work nobody had started. Its effort is the
-- hours left; its value is the whole feature's.
--
-- - features.size_hours: the most a started (in progress or done) feature was estimated at, kept
--   when its estimate is lowered below it; null otherwise (nearly every feature): the size it is
--   counted for is then its estimate. Planning reads the larger of the two (see featureUnits).
-- - features_size_kept: keeps it as the estimate of a started feature is lowered.
-- - features_size_planned: a feature put back to planned is sized by its estimate again.
-- Forward-only: never edit this file once it has landed; add 0055_… instead.

ALTER TABLE features ADD COLUMN size_hours REAL
  CHECK (size_hours IS NULL OR (size_hours >= 0.1 AND size_hours <= 10000));

CREATE TRIGGER features_size_kept AFTER UPDATE OF estimate_hours ON features
  WHEN NEW.status <> 'planned'
    AND NEW.estimate_hours < MAX(COALESCE(OLD.size_hours, 0), COALESCE(OLD.estimate_hours, 0))
BEGIN
  UPDATE features SET size_hours = MAX(COALESCE(OLD.size_hours, 0), COALESCE(OLD.estimate_hours, 0))
    WHERE id = NEW.id;
END;

CREATE TRIGGER features_size_planned AFTER UPDATE OF status ON features
  WHEN NEW.status = 'planned' AND NEW.size_hours IS NOT NULL
BEGIN
  UPDATE features SET size_hours = NULL WHERE id = NEW.id;
END;
