-- The kinds of work an assignee takes: routing gives them only tasks of these categories.
--
-- A team's docs bot was routed engineering work (bug fixes, features) until failures taught
-- routing otherwise: routing learns who succeeds at a category and knew nothing of what a worker
-- agent is built for. An assignee with rows here is routed only work of these categories, and
-- claims only such work from the queue; one with none, any kind, as before. An assignee removed
-- takes its rows with it.
-- Forward-only: never edit this file once it has landed; add 0059_… instead.

CREATE TABLE assignee_categories (
  assignee_id  INTEGER NOT NULL REFERENCES assignees (id) ON DELETE CASCADE,
  category     TEXT NOT NULL CHECK (category IN
                 ('revenue', 'feature', 'bugfix', 'growth', 'automation', 'infrastructure', 'research')),
  PRIMARY KEY (assignee_id, category)
) STRICT, WITHOUT ROWID;
