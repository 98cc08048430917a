-- `learn` checks in one pass whether the stored outcomes are the event log's (see LOG_CHECK in
-- learning-repository), and that pass counted the log's distinct tasks to know that no task has
-- two outcome events: a fifth of it (30 of 140 ms over 100,000 outcomes, 150-250 of 1,000-1,300
-- ms over a million, in a temporary B-tree). A task's state machine gives it one outcome at most
-- (done and failed are final), and the log is append-only (0001): only an event written into the
-- log by hand, or by an older version, can be a task's second. This table remembers the
-- workspaces where one ever was: a trigger adds the workspace when an outcome event comes for a
-- task that has one, and `learn` compares the log with the projection row by row there, as it
-- did when the distinct count fell short. A workspace stays here after the event is gone (its
-- task deleted): it only costs `learn` the longer comparison.
-- Forward-only: never edit this file once it has landed; add 0028_… instead.

CREATE TABLE outcome_repeats (
  workspace_id TEXT PRIMARY KEY REFERENCES workspaces (id) ON DELETE CASCADE
) STRICT, WITHOUT ROWID;

INSERT OR IGNORE INTO outcome_repeats (workspace_id)
  SELECT DISTINCT workspace_id FROM task_events
  WHERE type IN ('done', 'failed')
  GROUP BY workspace_id, task_id HAVING count(*) > 1;

CREATE TRIGGER task_events_outcome_repeat AFTER INSERT ON task_events
  WHEN NEW.type IN ('done', 'failed') AND EXISTS (
    SELECT 1 FROM task_events e
    WHERE e.task_id = NEW.task_id AND e.type IN ('done', 'failed') AND e.id <> NEW.id)
BEGIN
  INSERT OR IGNORE INTO outcome_repeats (workspace_id) VALUES (NEW.workspace_id);
END;
