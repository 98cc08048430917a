-- A feature synced from GitHub leaves the backlog when its issue is closed there as not planned
-- (or as a duplicate, or labelled wontfix, or deleted): its id was retired (0062), but nothing
-- said where it went, so a later `feature set 6 done` answered "unknown feature 6". Such a drop is
-- recorded with the issue it came from (`issue`: owner/repo#number; `issue_url`: its page), so the
-- command names the issue and says how to bring the work back (reopen it, or take the label off),
-- not to type it in again beside the issue. Null for a feature the team dropped (`feature drop`).
-- Forward-only: never edit this file once it has landed; add 0064_… instead.

ALTER TABLE dropped_features ADD COLUMN issue TEXT;
ALTER TABLE dropped_features ADD COLUMN issue_url TEXT;
