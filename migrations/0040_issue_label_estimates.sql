-- The estimate an issue's labels gave when it was last synced (`estimate: 3h`), so that a sync
-- sets an item's estimate only when the labels change it: an estimate the team typed since
-- (`feature estimate`) is not undone by an unrelated edit of the issue, and a label taken off takes
-- back the estimate it gave (unless the team typed another).
--
-- - github_issues.label_estimate_hours: hours, or NULL when the labels gave none.
-- - github_repos.reread: set for every repository synced before, so the next sync reads their
--   open issues' labels for estimates (see 0035).
-- Forward-only: never edit this file once it has landed; add 0041_… instead.

ALTER TABLE github_issues ADD COLUMN label_estimate_hours REAL
  CHECK (label_estimate_hours IS NULL OR label_estimate_hours > 0);

UPDATE github_repos SET reread = 1 WHERE synced_at IS NOT NULL;
