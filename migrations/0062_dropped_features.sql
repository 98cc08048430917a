-- A backlog item's id names it for good. SQLite gives a new row the highest id plus one, so a
-- feature or bug deleted while it held the highest id (dropped by `feature drop`, closed on GitHub
-- as not planned, its project removed) had its id given again to the next one added: the new item
-- inherited the old one's memory (`feature:2` rejected, done or failed) and its task log. And a
-- second `feature drop 6` answered "unknown feature 6", as if the team had mistyped it.
--
-- - retired_item_ids: per kind, the highest id of an item ever deleted. A new feature or bug takes
--   an id above it and above every live one (see ProjectRepository.addFeature). Kept by triggers,
--   so every way an item goes counts; seeded from the ids the tasks' memory keys name, the items
--   deleted before this ran that any task was made from.
-- - dropped_features: the features the team dropped, with their project's name, title, reason and
--   when, so a command naming one says it was dropped, not that it is unknown.
-- Forward-only: never edit this file once it has landed; add 0063_… instead.

CREATE TABLE retired_item_ids (
  kind TEXT PRIMARY KEY CHECK (kind IN ('feature', 'bug')),
  id   INTEGER NOT NULL
) WITHOUT ROWID;

INSERT INTO retired_item_ids (kind, id)
SELECT 'feature', max(CAST(substr(memory_key, 9) AS INTEGER)) FROM tasks
WHERE memory_key GLOB 'feature:[0-9]*' HAVING count(*) > 0;

INSERT INTO retired_item_ids (kind, id)
SELECT 'bug', max(CAST(substr(memory_key, 5) AS INTEGER)) FROM tasks
WHERE memory_key GLOB 'bug:[0-9]*' HAVING count(*) > 0;

CREATE TRIGGER features_retire_id AFTER DELETE ON features BEGIN
  INSERT INTO retired_item_ids (kind, id) VALUES ('feature', OLD.id)
  ON CONFLICT (kind) DO UPDATE SET id = max(id, excluded.id);
END;

CREATE TRIGGER bugs_retire_id AFTER DELETE ON bugs BEGIN
  INSERT INTO retired_item_ids (kind, id) VALUES ('bug', OLD.id)
  ON CONFLICT (kind) DO UPDATE SET id = max(id, excluded.id);
END;

CREATE TABLE dropped_features (
  workspace_id TEXT    NOT NULL,
  id           INTEGER NOT NULL,
  project      TEXT    NOT NULL,
  title        TEXT    NOT NULL,
  reason       TEXT,
  dropped_at   TEXT    NOT NULL,
  PRIMARY KEY (workspace_id, id)
) WITHOUT ROWID;
