-- Learning reads each (category, assignee) pair's outcomes by success, minutes and time: one index
-- that covers them all lets `learn` aggregate a million outcomes in one pass over the index and
-- find a pair's median minutes in a few steps, without touching the table. It replaces the pair
-- index, which lacked `success` and so made every median read the table row by row.
DROP INDEX task_outcomes_pair;
CREATE INDEX task_outcomes_learning ON task_outcomes (workspace_id, category, assignee, success, minutes, recorded_at);
