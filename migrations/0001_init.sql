-- Goalpost schema, part 1: workspaces, the vision, what the team works on, the engine's tasks.
-- Forward-only: never edit this file once it has landed; add 0002_… instead.

CREATE TABLE workspaces (
  id          TEXT PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 64),
  platform    TEXT NOT NULL DEFAULT 'local' CHECK (platform IN ('local', 'slack', 'discord')),
  name        TEXT NOT NULL DEFAULT '',
  created_at  TEXT NOT NULL
) STRICT;

-- Every change to the vision inserts a new version; exactly one is active.
CREATE TABLE visions (
  id               INTEGER PRIMARY KEY,
  workspace_id     TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  version          INTEGER NOT NULL CHECK (version >= 1),
  statement        TEXT NOT NULL CHECK (length(trim(statement)) > 0),
  primary_goal     TEXT NOT NULL CHECK (length(trim(primary_goal)) > 0),
  focus_areas      TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(focus_areas) AND json_type(focus_areas) = 'array'),
  revenue_targets  TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(revenue_targets) AND json_type(revenue_targets) = 'object'),
  success_metrics  TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(success_metrics) AND json_type(success_metrics) = 'object'),
  active           INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_by       TEXT NOT NULL,
  created_at       TEXT NOT NULL,
  UNIQUE (workspace_id, version)
) STRICT;
CREATE UNIQUE INDEX visions_one_active ON visions (workspace_id) WHERE active = 1;

CREATE TABLE projects (
  id               INTEGER PRIMARY KEY,
  workspace_id     TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  name             TEXT NOT NULL COLLATE NOCASE CHECK (length(trim(name)) > 0),
  description      TEXT NOT NULL DEFAULT '',
  status           TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'paused', 'done')),
  revenue_bearing  INTEGER NOT NULL DEFAULT 0 CHECK (revenue_bearing IN (0, 1)),
  focus_areas      TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(focus_areas) AND json_type(focus_areas) = 'array'),
  created_at       TEXT NOT NULL,
  updated_at       TEXT NOT NULL,
  UNIQUE (workspace_id, name)
) STRICT;

CREATE TABLE features (
  id          INTEGER PRIMARY KEY,
  project_id  INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  title       TEXT NOT NULL CHECK (length(trim(title)) > 0),
  status      TEXT NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'in_progress', 'done')),
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
) STRICT;
CREATE INDEX features_project ON features (project_id, status);

CREATE TABLE bugs (
  id          INTEGER PRIMARY KEY,
  project_id  INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  title       TEXT NOT NULL CHECK (length(trim(title)) > 0),
  severity    TEXT NOT NULL CHECK (severity IN ('critical', 'high', 'medium', 'low')),
  status      TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'fixed', 'wontfix')),
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
) STRICT;
CREATE INDEX bugs_project ON bugs (project_id, status);

CREATE TABLE revenue_records (
  id             INTEGER PRIMARY KEY,
  workspace_id   TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  project_id     INTEGER REFERENCES projects (id) ON DELETE CASCADE,
  period_start   TEXT NOT NULL CHECK (date(period_start) = period_start),
  period_end     TEXT NOT NULL CHECK (date(period_end) = period_end),
  actual         REAL NOT NULL DEFAULT 0 CHECK (actual >= 0),
  projected      REAL NOT NULL DEFAULT 0 CHECK (projected >= 0),
  subscriptions  INTEGER NOT NULL DEFAULT 0 CHECK (subscriptions >= 0),
  churn_rate     REAL NOT NULL DEFAULT 0 CHECK (churn_rate BETWEEN 0 AND 1),
  notes          TEXT NOT NULL DEFAULT '',
  created_at     TEXT NOT NULL,
  CHECK (period_end >= period_start)
) STRICT;
CREATE INDEX revenue_records_period ON revenue_records (workspace_id, period_end);

-- Task templates per signal and focus area. Data, not code: seeded per workspace, editable.
CREATE TABLE playbooks (
  id             INTEGER PRIMARY KEY,
  workspace_id   TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  key            TEXT NOT NULL CHECK (key GLOB '[a-z]*' AND length(key) <= 64),
  signal         TEXT NOT NULL,
  focus_area     TEXT,
  title          TEXT NOT NULL CHECK (length(trim(title)) > 0),
  category       TEXT NOT NULL,
  effort_hours   REAL NOT NULL CHECK (effort_hours > 0),
  impact_share   REAL NOT NULL CHECK (impact_share BETWEEN 0 AND 1),
  depends_on     TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(depends_on) AND json_type(depends_on) = 'array'),
  enabled        INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
  created_at     TEXT NOT NULL,
  UNIQUE (workspace_id, key)
) STRICT;

-- One row per persisted `generate`: the seed's summary, kept for the record.
CREATE TABLE batches (
  id              INTEGER PRIMARY KEY,
  workspace_id    TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  generated       INTEGER NOT NULL,
  unique_count    INTEGER NOT NULL,
  queued          INTEGER NOT NULL,
  skipped         INTEGER NOT NULL,
  revenue_impact  REAL NOT NULL,
  max_tasks       INTEGER,
  summary         TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(summary)),
  actor           TEXT NOT NULL,
  source          TEXT NOT NULL,
  created_at      TEXT NOT NULL
) STRICT;

CREATE TABLE tasks (
  id                  INTEGER PRIMARY KEY,
  workspace_id        TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  seq                 INTEGER NOT NULL CHECK (seq >= 1),
  batch_id            INTEGER REFERENCES batches (id),
  title               TEXT NOT NULL CHECK (length(trim(title)) > 0),
  category            TEXT NOT NULL,
  project_id          INTEGER REFERENCES projects (id) ON DELETE SET NULL,
  playbook_key        TEXT,
  signal              TEXT,
  -- What the signal was about (a bug id, a focus area): tasks about different subjects never dedup.
  subject             TEXT,
  focus_area          TEXT,
  priority            INTEGER NOT NULL CHECK (priority BETWEEN 0 AND 10),
  revenue_impact      REAL NOT NULL DEFAULT 0 CHECK (revenue_impact >= 0),
  alignment           REAL NOT NULL DEFAULT 0 CHECK (alignment BETWEEN 0 AND 1),
  confidence          REAL NOT NULL DEFAULT 0.5 CHECK (confidence BETWEEN 0 AND 1),
  effort_hours        REAL NOT NULL DEFAULT 1 CHECK (effort_hours > 0),
  score               REAL NOT NULL DEFAULT 0,
  reasoning           TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(reasoning) AND json_type(reasoning) = 'array'),
  suggested_assignee  TEXT,
  assignee            TEXT,
  status              TEXT NOT NULL DEFAULT 'proposed'
                        CHECK (status IN ('proposed', 'approved', 'in_progress', 'done', 'failed', 'rejected', 'cancelled')),
  fingerprint         TEXT NOT NULL,
  created_at          TEXT NOT NULL,
  updated_at          TEXT NOT NULL,
  UNIQUE (workspace_id, seq)
) STRICT;
CREATE INDEX tasks_status ON tasks (workspace_id, status);
CREATE INDEX tasks_updated ON tasks (workspace_id, updated_at);
-- Backstop for dedup: two open tasks can never share a fingerprint.
CREATE UNIQUE INDEX tasks_open_fingerprint ON tasks (workspace_id, fingerprint)
  WHERE status IN ('proposed', 'approved', 'in_progress');

CREATE TABLE task_dependencies (
  task_id        INTEGER NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
  depends_on_id  INTEGER NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
  PRIMARY KEY (task_id, depends_on_id),
  CHECK (task_id <> depends_on_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX task_dependencies_reverse ON task_dependencies (depends_on_id);

-- The append-only event log: every transition with actor, source, time and note.
CREATE TABLE task_events (
  id            INTEGER PRIMARY KEY,
  workspace_id  TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  task_id       INTEGER NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
  type          TEXT NOT NULL,
  from_status   TEXT,
  to_status     TEXT NOT NULL,
  actor         TEXT NOT NULL,
  source        TEXT NOT NULL CHECK (source IN ('cli', 'console', 'slack', 'discord', 'api', 'scheduler', 'worker')),
  note          TEXT,
  data          TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(data)),
  created_at    TEXT NOT NULL
) STRICT;
CREATE INDEX task_events_task ON task_events (task_id, id);
CREATE INDEX task_events_workspace ON task_events (workspace_id, id);
CREATE TRIGGER task_events_no_update BEFORE UPDATE ON task_events
BEGIN SELECT RAISE(ABORT, 'task_events is append-only'); END;
CREATE TRIGGER task_events_no_delete BEFORE DELETE ON task_events
  WHEN (SELECT count(*) FROM tasks WHERE id = OLD.task_id) > 0
BEGIN SELECT RAISE(ABORT, 'task_events is append-only'); END;

-- People and worker agents that tasks can be routed to.
CREATE TABLE assignees (
  id            INTEGER PRIMARY KEY,
  workspace_id  TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  name          TEXT NOT NULL COLLATE NOCASE CHECK (length(trim(name)) > 0),
  kind          TEXT NOT NULL DEFAULT 'person' CHECK (kind IN ('person', 'worker')),
  capacity      INTEGER NOT NULL DEFAULT 3 CHECK (capacity >= 0),
  slack_user    TEXT,
  discord_user  TEXT,
  active        INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at    TEXT NOT NULL,
  UNIQUE (workspace_id, name)
) STRICT;
