-- The rows of a workspace in the four tables that held them with no index on workspace_id, so that
-- removing a workspace (a command made it on first use, was refused and wrote nothing: a typo in
-- --workspace) seeks each table that refers to it, as SQLite's foreign-key cascade and the check
-- that nothing refers to it both do, instead of reading the whole table.
-- A few rows a day each: a saved batch, a posted digest, a chat message, a worker's run.
-- Forward-only: never edit this file once it has landed; add 0040_… instead.

CREATE INDEX batches_workspace ON batches (workspace_id);
CREATE INDEX digest_posts_workspace ON digest_posts (workspace_id);
CREATE INDEX chat_messages_workspace ON chat_messages (workspace_id);
CREATE INDEX task_runs_workspace ON task_runs (workspace_id);
