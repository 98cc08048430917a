-- The team's priority of a feature typed into Goalpost (`goalpost feature priority 6 high`), as a
-- synced feature's labels give it (see 0048): a plan presses a critical or high one, and puts a low
-- one after the rest.
--
-- - features.priority: 'critical', 'high', 'medium' or 'low'; NULL when the team set none (nearly
--   every feature). A synced feature's priority is its labels', not this.
-- Forward-only: never edit this file once it has landed; add 0050_… instead.

ALTER TABLE features ADD COLUMN priority TEXT
  CHECK (priority IS NULL OR priority IN ('critical', 'high', 'medium', 'low'));
