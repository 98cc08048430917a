-- `learn`'s one pass over the log (LOG_CHECK in learning-repository) joined every outcome event to
-- its task for the task's category, the one column of a stored outcome the log does not hold:
-- 30 of 130 ms over 100,000 outcomes, 150-250 of about 1,000 over a million. A stored outcome is
-- written with its task's category and keeps it while nothing moves either, so this table keeps
-- the workspaces where one may have stopped being its task's: a task's category changed (or its
-- id) while it had an outcome, a task written over an outcome of another category, a task deleted
-- with its outcome kept (only with foreign keys off: on, the outcome goes with it, before any
-- trigger here runs), or an outcome written or moved with a category its task does not have.
-- `moves` counts those writes. Where a workspace is here, `learn` joins as before, and a repair of
-- its outcomes (from the log, with the tasks' categories) takes it off, unless it moved again
-- since the log was read (its count then differs).
-- Forward-only: never edit this file once it has landed; add 0029_… instead.

CREATE TABLE outcome_category_moves (
  workspace_id TEXT PRIMARY KEY REFERENCES workspaces (id) ON DELETE CASCADE,
  moves        INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

INSERT INTO outcome_category_moves (workspace_id, moves)
  SELECT DISTINCT o.workspace_id, 1 FROM task_outcomes o LEFT JOIN tasks t ON t.id = o.task_id
  WHERE t.id IS NULL OR t.category IS NOT o.category;

CREATE TRIGGER tasks_outcome_category_update AFTER UPDATE OF id, category ON tasks
  WHEN OLD.id IS NOT NEW.id OR OLD.category IS NOT NEW.category
BEGIN
  INSERT INTO outcome_category_moves (workspace_id, moves)
    SELECT workspace_id, 1 FROM task_outcomes WHERE task_id IN (OLD.id, NEW.id)
    ON CONFLICT (workspace_id) DO UPDATE SET moves = moves + 1;
END;

CREATE TRIGGER tasks_outcome_category_insert AFTER INSERT ON tasks
BEGIN
  INSERT INTO outcome_category_moves (workspace_id, moves)
    SELECT workspace_id, 1 FROM task_outcomes WHERE task_id = NEW.id AND category IS NOT NEW.category
    ON CONFLICT (workspace_id) DO UPDATE SET moves = moves + 1;
END;

CREATE TRIGGER tasks_outcome_category_delete AFTER DELETE ON tasks
BEGIN
  INSERT INTO outcome_category_moves (workspace_id, moves)
    SELECT workspace_id, 1 FROM task_outcomes WHERE task_id = OLD.id
    ON CONFLICT (workspace_id) DO UPDATE SET moves = moves + 1;
END;

CREATE TRIGGER task_outcomes_category_insert AFTER INSERT ON task_outcomes
  WHEN NEW.category IS NOT (SELECT category FROM tasks WHERE id = NEW.task_id)
BEGIN
  INSERT INTO outcome_category_moves (workspace_id, moves) VALUES (NEW.workspace_id, 1)
    ON CONFLICT (workspace_id) DO UPDATE SET moves = moves + 1;
END;

CREATE TRIGGER task_outcomes_category_update AFTER UPDATE OF task_id, workspace_id, category ON task_outcomes
  WHEN NEW.category IS NOT (SELECT category FROM tasks WHERE id = NEW.task_id)
BEGIN
  INSERT INTO outcome_category_moves (workspace_id, moves) VALUES (NEW.workspace_id, 1)
    ON CONFLICT (workspace_id) DO UPDATE SET moves = moves + 1;
END;
