-- Runs of a task by a worker agent (`goalpost worker`): who ran it, from which process, how it
-- ended, and the tail of its output (at most 64 KiB), linked from `goalpost task show`.
CREATE TABLE task_runs (
  id            INTEGER PRIMARY KEY,
  workspace_id  TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  task_id       INTEGER NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
  assignee      TEXT NOT NULL,
  worker        TEXT NOT NULL CHECK (length(worker) BETWEEN 1 AND 200),
  attempt       INTEGER NOT NULL CHECK (attempt >= 1),
  started_at    TEXT NOT NULL,
  ended_at      TEXT,
  result        TEXT CHECK (result IN ('done', 'failed', 'timed_out', 'released', 'lost')),
  exit_code     INTEGER,
  signal        TEXT,
  minutes       REAL CHECK (minutes IS NULL OR minutes >= 0),
  output        TEXT NOT NULL DEFAULT '' CHECK (length(output) <= 65536)
) STRICT;
CREATE INDEX task_runs_task ON task_runs (task_id, id);
