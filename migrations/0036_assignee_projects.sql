-- The projects an assignee works on: routing gives a project's work to those who work on it.
--
-- A lead's trial found the team's iOS developer routed the web app's bugs: routing learns who
-- succeeds at a category of work, and knew nothing of who works where. An assignee with rows here
-- is routed only work on these projects (and work on no project); one with none, any work, as
-- before. A project or an assignee removed takes its rows with it.
-- Forward-only: never edit this file once it has landed; add 0037_… instead.

CREATE TABLE assignee_projects (
  assignee_id  INTEGER NOT NULL REFERENCES assignees (id) ON DELETE CASCADE,
  project_id   INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  PRIMARY KEY (assignee_id, project_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX assignee_projects_project ON assignee_projects (project_id);
