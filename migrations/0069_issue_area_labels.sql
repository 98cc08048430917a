-- The labels of a GitHub issue that may name a focus area of the vision (`billing`,
-- `area: billing`, `area/billing`), so that a plan scores the issue's item as work on the area its
-- labels name: a review found a bug labelled `billing` scored as the least of its product's areas,
-- as if the label were not there.
--
-- - github_issues.area_labels: a JSON array of those labels as written at the last sync (those
--   that say nothing else: not a bug, severity, upkeep, estimate or no-work label), NULL when none.
--   A plan matches them against the vision's areas of the day.
-- - github_repos.reread: set for every repository synced before, so the next sync reads their
--   open issues' labels again (see 0035).
-- Forward-only: never edit this file once it has landed; add 0070_… instead.

ALTER TABLE github_issues ADD COLUMN area_labels TEXT
  CHECK (area_labels IS NULL OR (json_valid(area_labels) AND json_type(area_labels) = 'array'));

UPDATE github_repos SET reread = 1 WHERE synced_at IS NOT NULL;
