-- A revenue gap is shared by the work that wins it, counted in feature-sizes (8 hours, or one
-- feature nobody estimated): a quarter-hour fix weighs 0.03 of one, a two-day feature 2. Planning
-- reads each project's features as counts kept by triggers (0023), and the open growth features
-- the team estimated apart, on this index: few teams estimate, and those few items are all a plan
-- reads to weigh a backlog it does not otherwise read.
-- Forward-only: never edit this file once it has landed; add 0054_… instead.

CREATE INDEX features_estimated ON features (project_id)
  WHERE estimate_hours IS NOT NULL AND upkeep = 0 AND status <> 'done';
