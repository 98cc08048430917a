-- Learning and the work queue: outcomes, per (category, assignee) statistics, claims with leases.
-- Both outcome tables are projections of task_events: `goalpost learn` rebuilds them from the log.

-- One outcome per task (the primary key makes recording idempotent).
CREATE TABLE task_outcomes (
  task_id       INTEGER PRIMARY KEY REFERENCES tasks (id) ON DELETE CASCADE,
  workspace_id  TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  category      TEXT NOT NULL,
  assignee      TEXT,
  success       INTEGER NOT NULL CHECK (success IN (0, 1)),
  minutes       REAL CHECK (minutes IS NULL OR minutes >= 0),
  note          TEXT,
  recorded_at   TEXT NOT NULL
) STRICT;
CREATE INDEX task_outcomes_pair ON task_outcomes (workspace_id, category, assignee, minutes);
CREATE INDEX task_outcomes_time ON task_outcomes (workspace_id, recorded_at);

-- Learned statistics, updated in the same transaction as each outcome.
CREATE TABLE task_stats (
  workspace_id        TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  category            TEXT NOT NULL,
  assignee            TEXT NOT NULL,
  successes           INTEGER NOT NULL DEFAULT 0 CHECK (successes >= 0),
  failures            INTEGER NOT NULL DEFAULT 0 CHECK (failures >= 0),
  decayed_successes   REAL NOT NULL DEFAULT 0 CHECK (decayed_successes >= 0),
  decayed_failures    REAL NOT NULL DEFAULT 0 CHECK (decayed_failures >= 0),
  decay_at            TEXT NOT NULL,
  minutes_sum         REAL NOT NULL DEFAULT 0,
  minutes_count       INTEGER NOT NULL DEFAULT 0,
  last_at             TEXT NOT NULL,
  PRIMARY KEY (workspace_id, category, assignee)
) STRICT, WITHOUT ROWID;

-- Claims are leases: a claimed task not finished (or renewed) by lease_expires_at returns to the queue.
ALTER TABLE tasks ADD COLUMN claimed_by TEXT;
ALTER TABLE tasks ADD COLUMN lease_expires_at TEXT;
ALTER TABLE tasks ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0);
CREATE INDEX tasks_queue ON tasks (workspace_id, status, priority DESC, seq);
CREATE INDEX tasks_lease ON tasks (workspace_id, lease_expires_at) WHERE lease_expires_at IS NOT NULL;
CREATE INDEX tasks_assignee ON tasks (workspace_id, assignee, status);
