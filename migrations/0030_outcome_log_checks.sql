-- `learn` checks that the stored outcomes are the event log's (LOG_CHECK in learning-repository)
-- by comparing every outcome event with its stored outcome: 90-120 ms over 100,000 outcomes, a
-- third of the command, on every run, though between two runs the log only grows (it is
-- append-only, 0001) and the app only adds outcomes. Two changes:
--
-- 1. The outcome events' index holds each field as the log is read (an assignee only when it is
--    text, minutes only when a number), where it held the raw JSON values that every read
--    wrapped in a CASE: the pass reads them as they are, about a quarter faster.
-- 2. outcome_log_checks keeps, per workspace, how far the last check found the log and the
--    projection alike (the latest outcome event it read, and how many outcomes there were). The
--    next `learn` compares only the events logged since, and counts the stored outcomes: as many
--    as before plus one per new event, each new event matching its own, means the projection is
--    still the log's. That holds only while nothing else changed what was found alike, so the
--    triggers below drop a workspace's row whenever anything could have: a stored outcome
--    updated or deleted (by hand, a repair, its task deleted), an outcome stored again over one
--    already checked, an event written under an id a check already passed, a task appearing
--    under the id of an outcome event (which joins the log again). REPLACE, in an INSERT or an
--    UPDATE, deletes the row it replaces without firing a delete trigger, so the triggers look
--    for such a row before the write, or for an id already passed. An outcome event is deleted
--    only with its task gone (0001): with foreign keys on, its stored outcome goes too (a
--    delete); with them off, the task's deletion puts the workspace in outcome_category_moves
--    (0028), where `learn` compares the whole log, its events joined to their tasks. Where a
--    workspace has no row, `learn` compares the whole log, as before. Appending events, adding
--    tasks and storing the new tasks' outcomes, which is all the app does between two learns,
--    drops none.
-- Forward-only: never edit this file once it has landed; add 0031_… instead.

DROP INDEX task_events_outcomes;
CREATE INDEX task_events_outcomes ON task_events (
  workspace_id, id, task_id, type,
  CASE WHEN typeof(json_extract(data, '$.assignee')) = 'text' THEN json_extract(data, '$.assignee') END,
  CASE WHEN typeof(json_extract(data, '$.minutes')) IN ('integer', 'real') THEN json_extract(data, '$.minutes') END,
  note, created_at
) WHERE type IN ('done', 'failed');

CREATE TABLE outcome_log_checks (
  workspace_id     TEXT PRIMARY KEY REFERENCES workspaces (id) ON DELETE CASCADE,
  -- The latest outcome event (done or failed) the check read: the log up to it was the projection.
  event_mark       INTEGER NOT NULL,
  -- The log's outcomes up to it, all stored, and how many of them name nobody.
  outcomes         INTEGER NOT NULL CHECK (outcomes >= 0),
  without_assignee INTEGER NOT NULL CHECK (without_assignee BETWEEN 0 AND outcomes)
) STRICT, WITHOUT ROWID;

CREATE TRIGGER task_outcomes_check_update AFTER UPDATE ON task_outcomes
BEGIN
  DELETE FROM outcome_log_checks WHERE workspace_id IN (OLD.workspace_id, NEW.workspace_id);
END;

CREATE TRIGGER task_outcomes_check_delete AFTER DELETE ON task_outcomes
BEGIN
  DELETE FROM outcome_log_checks WHERE workspace_id = OLD.workspace_id;
END;

-- An outcome stored for a task whose outcome event a check already read was stored over the one
-- that check found, or after it was deleted (a task's outcome is stored once, before its event
-- is logged). An outcome stored over one of a task with no outcome event changes no projection
-- a check found alike: only a count, which the next learn compares.
CREATE TRIGGER task_outcomes_check_again AFTER INSERT ON task_outcomes
  WHEN EXISTS (
    SELECT 1 FROM task_events e JOIN outcome_log_checks c ON c.workspace_id = e.workspace_id
    WHERE e.task_id = NEW.task_id AND e.type IN ('done', 'failed') AND e.id <= c.event_mark)
BEGIN
  DELETE FROM outcome_log_checks WHERE workspace_id = NEW.workspace_id OR workspace_id IN (
    SELECT workspace_id FROM task_events WHERE task_id = NEW.task_id AND type IN ('done', 'failed'));
END;

-- An outcome about to be written over by another moved onto its task (UPDATE OR REPLACE): the
-- workspace of the one replaced, before it is gone.
CREATE TRIGGER task_outcomes_check_replace BEFORE UPDATE OF task_id ON task_outcomes
  WHEN NEW.task_id IS NOT OLD.task_id AND EXISTS (SELECT 1 FROM task_outcomes WHERE task_id = NEW.task_id)
BEGIN
  DELETE FROM outcome_log_checks
    WHERE workspace_id IN (SELECT workspace_id FROM task_outcomes WHERE task_id = NEW.task_id);
END;

-- An event under an id a check passed: written into a gap, or over another event with REPLACE
-- (which bypasses the log's append-only triggers, 0001). Every append comes after every mark.
CREATE TRIGGER task_events_check_insert AFTER INSERT ON task_events
  WHEN NEW.id <= (SELECT max(event_mark) FROM outcome_log_checks)
BEGIN
  DELETE FROM outcome_log_checks WHERE event_mark >= NEW.id;
END;

-- A task under the id of outcome events whose task had gone (deleted with foreign keys off):
-- they join the log again.
CREATE TRIGGER tasks_check_insert AFTER INSERT ON tasks
  WHEN EXISTS (SELECT 1 FROM task_events WHERE task_id = NEW.id AND type IN ('done', 'failed'))
BEGIN
  DELETE FROM outcome_log_checks WHERE workspace_id IN (
    SELECT workspace_id FROM task_events WHERE task_id = NEW.id AND type IN ('done', 'failed'));
END;

CREATE TRIGGER tasks_check_id AFTER UPDATE OF id ON tasks
  WHEN NEW.id IS NOT OLD.id
BEGIN
  DELETE FROM outcome_log_checks WHERE workspace_id IN (
    SELECT workspace_id FROM task_events WHERE task_id IN (OLD.id, NEW.id) AND type IN ('done', 'failed'));
END;
