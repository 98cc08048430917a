-- Learning reads the log's outcomes and each (category, assignee) pair's outcomes by success,
-- minutes and time. Two indexes cover those reads, so `learn` over a million outcomes never reads
-- a table row for them nor parses an event's JSON:
-- - the outcome events (done, failed), with the fields learning takes from their data;
-- - the outcome projection by pair, success, minutes and time. It replaces the pair index, which
--   lacked `success` and so made every median read the table row by row.
CREATE INDEX task_events_outcomes ON task_events (
  workspace_id, id, task_id, type, json_extract(data, '$.assignee'), json_extract(data, '$.minutes'), note, created_at
) WHERE type IN ('done', 'failed');
DROP INDEX task_outcomes_pair;
CREATE INDEX task_outcomes_learning ON task_outcomes (workspace_id, category, assignee, success, minutes, recorded_at);
