-- The team's priority a feature's GitHub labels give (`P0`, `priority: high`, `low priority`: the
-- repository's severity labels, which give a bug its severity), so that a plan weighs the team's
-- own ranking of its backlog: a feature labelled critical or high is pressed, one labelled low
-- comes after the rest.
--
-- - github_issues.label_priority: the most pressing level the labels gave at the last sync, NULL
--   when none did (and for a bug, whose severity is the bug's own).
-- - github_repos.reread: set for every repository synced before, so the next sync reads their
--   open issues' labels for priorities (see 0035).
-- Forward-only: never edit this file once it has landed; add 0049_… instead.

ALTER TABLE github_issues ADD COLUMN label_priority TEXT
  CHECK (label_priority IS NULL OR label_priority IN ('critical', 'high', 'medium', 'low'));

UPDATE github_repos SET reread = 1 WHERE synced_at IS NOT NULL;
