-- A GitHub milestone renamed, moved to another due date or deleted changes none of its issues'
-- `updated_at`, so a sync that reads only the issues changed since its cursor kept each issue's
-- copy of its milestone until the issue itself changed: work pulled forward into this week, or
-- pushed past the revenue target, was valued by the old date. A sync now reads the repository's
-- milestones too (a conditional request: unchanged, GitHub answers 304 at no rate limit) and a
-- `milestone` webhook delivery applies at once.
--
-- - github_issues.milestone_number: the milestone's number in its repository, by which a renamed
--   one is still found. NULL for issues synced before this; the next sync finds theirs by title.
-- - github_repos.milestones_etag: the ETag of the last milestone list read.
-- Forward-only: never edit this file once it has landed; add 0053_… instead.

ALTER TABLE github_issues ADD COLUMN milestone_number INTEGER
  CHECK (milestone_number IS NULL OR milestone_number >= 1);

ALTER TABLE github_repos ADD COLUMN milestones_etag TEXT;
