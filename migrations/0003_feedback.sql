-- The goal-driven feedback loop: SMART goals, observations, notes, lessons, and the durable state
-- of library feedback loops (GoalStateTracker).

CREATE TABLE goals (
  id            INTEGER PRIMARY KEY,
  workspace_id  TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  metric        TEXT NOT NULL CHECK (metric GLOB '[a-z]*' AND length(metric) <= 48),
  target        REAL NOT NULL,
  unit          TEXT NOT NULL DEFAULT '',
  direction     TEXT NOT NULL CHECK (direction IN ('up', 'down')),
  baseline      REAL,
  deadline      TEXT NOT NULL CHECK (date(deadline) = deadline),
  owner         TEXT,
  status        TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'archived')),
  created_by    TEXT NOT NULL,
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL,
  UNIQUE (workspace_id, metric)
) STRICT;

CREATE TABLE metric_observations (
  id            INTEGER PRIMARY KEY,
  workspace_id  TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  metric        TEXT NOT NULL,
  value         REAL NOT NULL,
  observed_at   TEXT NOT NULL,
  context       TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(context) AND json_type(context) = 'object'),
  actor         TEXT NOT NULL,
  source        TEXT NOT NULL,
  created_at    TEXT NOT NULL
) STRICT;
CREATE INDEX metric_observations_series ON metric_observations (workspace_id, metric, observed_at);

CREATE TABLE feedback_notes (
  id            INTEGER PRIMARY KEY,
  workspace_id  TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  goal_id       INTEGER REFERENCES goals (id) ON DELETE SET NULL,
  text          TEXT NOT NULL CHECK (length(trim(text)) > 0),
  actor         TEXT NOT NULL,
  created_at    TEXT NOT NULL
) STRICT;

CREATE TABLE lessons (
  id            INTEGER PRIMARY KEY,
  workspace_id  TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  text          TEXT NOT NULL CHECK (length(trim(text)) > 0),
  source        TEXT NOT NULL CHECK (source IN ('manual', 'failure', 'rejection')),
  task_id       INTEGER REFERENCES tasks (id) ON DELETE SET NULL,
  actor         TEXT NOT NULL,
  created_at    TEXT NOT NULL
) STRICT;

-- A task the engine proposed for an off-track goal is linked to it (before/after analysis).
ALTER TABLE tasks ADD COLUMN goal_id INTEGER REFERENCES goals (id) ON DELETE SET NULL;

-- GoalStateTracker / GoalDrivenFeedbackLoop persistence: one row per named loop, its timeline apart.
CREATE TABLE feedback_loops (
  name        TEXT PRIMARY KEY CHECK (length(name) BETWEEN 1 AND 128),
  goal_state  TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(goal_state) AND json_type(goal_state) = 'object'),
  version     INTEGER NOT NULL DEFAULT 0,
  updated_at  TEXT NOT NULL
) STRICT;

CREATE TABLE feedback_history (
  id      INTEGER PRIMARY KEY,
  loop    TEXT NOT NULL REFERENCES feedback_loops (name) ON DELETE CASCADE,
  action  TEXT NOT NULL CHECK (json_valid(action) AND json_type(action) = 'object'),
  at      TEXT NOT NULL
) STRICT;
CREATE INDEX feedback_history_loop ON feedback_history (loop, id);

-- Workspaces created before this migration get the goal playbooks new workspaces are seeded with.
INSERT OR IGNORE INTO playbooks (workspace_id, key, signal, focus_area, title, category, effort_hours,
  impact_share, depends_on, enabled, created_at)
SELECT id, 'goal.diagnose', 'goal_off_track', NULL,
  'Find out why {metric} is {gap} short of its target and list the three likeliest causes', 'research', 2, 0.1,
  '[]', 1, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
FROM workspaces;
INSERT OR IGNORE INTO playbooks (workspace_id, key, signal, focus_area, title, category, effort_hours,
  impact_share, depends_on, enabled, created_at)
SELECT id, 'goal.experiment', 'goal_off_track', NULL,
  'Run an experiment to move {metric} toward {target} by {deadline}', 'growth', 4, 0.3,
  '["goal.diagnose"]', 1, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
FROM workspaces;
