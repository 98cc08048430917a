-- The least open estimate of one workspace, found through its own projects (0037's indexes held
-- every workspace's estimates least first, so a workspace with none, beside one with many, walked
-- all of the other's: 200 ms a plan for 200,000 estimated items elsewhere, found by a review).
--
-- - features_project_estimates, bugs_project_estimates: each project's open items' estimates; the
--   workspace's projects are sought one by one (1 ms at 10,000 projects, 10 at 100,000), whatever
--   other workspaces hold.
-- - features_open_estimates, bugs_open_estimates (0037): dropped, nothing reads them.
-- Forward-only: never edit this file once it has landed; add 0039_… instead.

CREATE INDEX features_project_estimates ON features (project_id, estimate_hours)
  WHERE estimate_hours IS NOT NULL AND status <> 'done';
CREATE INDEX bugs_project_estimates ON bugs (project_id, estimate_hours)
  WHERE estimate_hours IS NOT NULL AND status = 'open';

DROP INDEX features_open_estimates;
DROP INDEX bugs_open_estimates;
