-- Estimates: the hours the team expects an open feature or bug to take. A plan divides what work
-- is worth by its effort; until now every item took its kind's default (8 h for a planned feature,
-- 4 h for a bug or upkeep), so a one-hour tweak and a two-week project ranked alike (a trial's
-- finding). Null: not estimated, the default stands, and the reasoning says so.
--
-- - features.estimate_hours, bugs.estimate_hours: from 0.1 (six minutes: what a score divides by
--   at least) to 10,000 hours, or null.
-- - features_open_estimates, bugs_open_estimates: the open items' estimates, for the least of them,
--   which bounds what an item a plan only counts could score (a workspace with none reads nothing).
-- Forward-only: never edit this file once it has landed; add 0038_… instead.

ALTER TABLE features ADD COLUMN estimate_hours REAL
  CHECK (estimate_hours IS NULL OR (estimate_hours >= 0.1 AND estimate_hours <= 10000));
ALTER TABLE bugs ADD COLUMN estimate_hours REAL
  CHECK (estimate_hours IS NULL OR (estimate_hours >= 0.1 AND estimate_hours <= 10000));

CREATE INDEX features_open_estimates ON features (estimate_hours)
  WHERE estimate_hours IS NOT NULL AND status <> 'done';
CREATE INDEX bugs_open_estimates ON bugs (estimate_hours)
  WHERE estimate_hours IS NOT NULL AND status = 'open';
