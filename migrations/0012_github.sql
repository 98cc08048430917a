-- GitHub: a repository linked to a project makes its issues the project's backlog, and a merged pull
-- request that names a task records it done.
-- Forward-only: never edit this file once it has landed; add 0013_… instead.

-- A repository linked to a project. Its labels decide what an issue is (`bug_labels`: an issue with
-- one of them is a bug) and how bad (`severity_labels`: label → critical, high, medium or low), all
-- kept lowercase. A sync asks GitHub only for what changed since `cursor` (the latest issue
-- `updated_at` it took), with `etag` (that request's first page) so an unchanged repository costs
-- one 304 and no rate limit.
CREATE TABLE github_repos (
  id               INTEGER PRIMARY KEY,
  workspace_id     TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  project_id       INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  full_name        TEXT NOT NULL COLLATE NOCASE CHECK (full_name GLOB '?*/?*'),
  html_url         TEXT NOT NULL,
  bug_labels       TEXT NOT NULL CHECK (json_valid(bug_labels) AND json_type(bug_labels) = 'array'),
  severity_labels  TEXT NOT NULL CHECK (json_valid(severity_labels) AND json_type(severity_labels) = 'object'),
  export_tasks     INTEGER NOT NULL DEFAULT 0 CHECK (export_tasks IN (0, 1)),
  cursor           TEXT,
  etag             TEXT,
  synced_at        TEXT,
  created_by       TEXT NOT NULL,
  created_at       TEXT NOT NULL,
  UNIQUE (workspace_id, full_name)
) STRICT;
CREATE INDEX github_repos_project ON github_repos (project_id);

-- Each issue synced: the feature or bug it is in Goalpost (exactly one), its link, its assignee's
-- login and milestone, and GitHub's `updated_at` (an older copy never overwrites a newer one).
CREATE TABLE github_issues (
  repo_id            INTEGER NOT NULL REFERENCES github_repos (id) ON DELETE CASCADE,
  number             INTEGER NOT NULL CHECK (number >= 1),
  feature_id         INTEGER UNIQUE REFERENCES features (id) ON DELETE CASCADE,
  bug_id             INTEGER UNIQUE REFERENCES bugs (id) ON DELETE CASCADE,
  html_url           TEXT NOT NULL,
  assignee_login     TEXT,
  milestone          TEXT,
  milestone_due      TEXT,
  github_updated_at  TEXT NOT NULL,
  PRIMARY KEY (repo_id, number),
  CHECK ((feature_id IS NULL) <> (bug_id IS NULL))
) STRICT;

-- A person's GitHub login: issues assigned to it and pull requests merged by it are theirs.
ALTER TABLE assignees ADD COLUMN github_login TEXT COLLATE NOCASE;
CREATE UNIQUE INDEX assignees_github ON assignees (workspace_id, github_login) WHERE github_login IS NOT NULL;
