-- How far a reader of the task event log has got, so it resumes there after a restart. The bot's
-- chat watch (`chat-watch`) reads the log to show, on each task's chat messages, what worker
-- agents, the CLI and the API did to it from outside the chat.
CREATE TABLE event_cursors (
  name           TEXT PRIMARY KEY CHECK (length(name) BETWEEN 1 AND 100),
  last_event_id  INTEGER NOT NULL CHECK (last_event_id >= 0),
  updated_at     TEXT NOT NULL
) STRICT;
