-- An issue deleted on GitHub, or transferred to another repository, leaves no trace in the issues
-- a sync reads (what changed since its cursor): without the webhook its feature or bug stayed in
-- the backlog, proposed day after day. A sync now lists every open issue of the repository at
-- most once a day and asks GitHub about each open item's issue missing from that list (410 Gone,
-- 404, or 301 to another repository: the work left this backlog).
-- - github_repos.open_checked_at: when the last such comparison was made; NULL (every repository
--   connected before this) makes the next sync make one.
-- Forward-only: never edit this file once it has landed; add 0058_… instead.

ALTER TABLE github_repos ADD COLUMN open_checked_at TEXT;
