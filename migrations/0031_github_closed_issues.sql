-- GitHub issues and the backlog.
--
-- Issues seen closed (or deleted, or moved away) that have no feature or bug here: one closed
-- before Goalpost ever saw it open, or one whose item went. GitHub delivers webhooks in no set
-- order, so an older copy of such an issue (its `opened` arriving after its `closed`) must not
-- bring it into the backlog: its `updated_at` is kept here, as github_issues keeps it for the
-- issues that are items. An issue that opens again after it becomes an item and leaves this table.
-- Forward-only: never edit this file once it has landed; add 0032_… instead.

CREATE TABLE github_closed_issues (
  repo_id            INTEGER NOT NULL REFERENCES github_repos (id) ON DELETE CASCADE,
  number             INTEGER NOT NULL CHECK (number >= 1),
  github_updated_at  TEXT NOT NULL,
  PRIMARY KEY (repo_id, number)
) STRICT, WITHOUT ROWID;

-- An issue new to Goalpost takes over an open feature or bug the team typed into its project under
-- the same title (case and surrounding spaces aside), rather than adding the work twice: found by
-- its project and that title, one seek, however many items a connected repository brought.
CREATE INDEX features_by_title ON features (project_id, lower(trim(title)));
CREATE INDEX bugs_by_title ON bugs (project_id, lower(trim(title)));
