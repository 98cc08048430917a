-- Task export: with `github connect … --export-tasks`, an approved task that has no issue gets one
-- in its project's repository; closing that issue closes the task. Each exported task, its issue.
-- Forward-only: never edit this file once it has landed; add 0014_… instead.
CREATE TABLE github_task_issues (
  task_id     INTEGER PRIMARY KEY REFERENCES tasks (id) ON DELETE CASCADE,
  repo_id     INTEGER NOT NULL REFERENCES github_repos (id) ON DELETE CASCADE,
  number      INTEGER NOT NULL CHECK (number >= 1),
  html_url    TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  UNIQUE (repo_id, number)
) STRICT;
