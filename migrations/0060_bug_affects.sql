-- The share of what its product earns a bug puts at risk, as the team judges it. A bug's dollars
-- came from its severity alone: a high bug threatens 20% of what its product earns, whatever it
-- touches, and a review's "trial expiry email links to a 404", which reaches only trial users, read
-- "protects about $1,800/month". The team knows better, and says so (`goalpost bug affects 12 2%`).
--
-- - bugs.affects: a fraction, 0 to 1 (0.02 for 2%); NULL when the team said nothing (nearly every
--   bug): its severity's share stands. Goalpost keeps it no more than its severity's share (a bug
--   said to threaten more is raised, not given a share), and a plan counts no more than that if
--   the severity is lowered after: what planning bounds by severity stays a bound.
--   Like an estimate, it is how the team judges the work, not a change to it: it leaves the bug's
--   updated_at, and the project's counts kept by triggers (0023), as they were.
-- Forward-only: never edit this file once it has landed; add 0061_… instead.

ALTER TABLE bugs ADD COLUMN affects REAL
  CHECK (affects IS NULL OR (affects >= 0 AND affects <= 1));
