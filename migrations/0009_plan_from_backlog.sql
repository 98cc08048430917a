-- Planning from the team's own backlog: a task names the feature or bug it was made from, work is
-- remembered by what it is (not by its title), a task keeps the facts it was proposed on, playbooks
-- may recur, goals carry a value, and a revenue record's churn may be unknown.
-- Forward-only: never edit this file once it has landed; add 0010_… instead.

-- A task made from a backlog item links it: done marks the feature done or the bug fixed.
ALTER TABLE tasks ADD COLUMN feature_id INTEGER REFERENCES features (id) ON DELETE SET NULL;
ALTER TABLE tasks ADD COLUMN bug_id INTEGER REFERENCES bugs (id) ON DELETE SET NULL;
CREATE INDEX tasks_feature ON tasks (feature_id) WHERE feature_id IS NOT NULL;
CREATE INDEX tasks_bug ON tasks (bug_id) WHERE bug_id IS NOT NULL;

-- What the work is, whatever numbers its title carries: `feature:12`, `bug:3`, or
-- `pb:<playbook>@<project id or ->#<subject>`. Done and rejected work is remembered by it.
ALTER TABLE tasks ADD COLUMN memory_key TEXT;
UPDATE tasks SET memory_key = 'pb:' || playbook_key || '@' || coalesce(project_id, '-') || '#' || coalesce(subject, '')
  WHERE playbook_key IS NOT NULL;
CREATE INDEX tasks_memory ON tasks (workspace_id, status, memory_key, updated_at) WHERE memory_key IS NOT NULL;

-- Done and failed tasks per category (a backlog task's confidence) and per playbook (a playbook
-- task's), counted in one scan of this index alone.
CREATE INDEX tasks_outcome_history ON tasks (workspace_id, status, category, playbook_key, updated_at);

-- The facts a task was proposed on (dollars at stake, severity, a goal's status): a rejected task
-- comes back within the cooldown only when they changed materially.
ALTER TABLE tasks ADD COLUMN facts TEXT NOT NULL DEFAULT '{}'
  CHECK (json_valid(facts) AND json_type(facts) = 'object');

-- A playbook whose work recurs (a monthly review) may be proposed again this many days after it
-- was last done; NULL is one-off work, never proposed again once done.
ALTER TABLE playbooks ADD COLUMN recur_days INTEGER CHECK (recur_days IS NULL OR recur_days BETWEEN 1 AND 3650);

-- Seeded defaults the backlog now serves itself: an open critical bug is its own task, and the
-- remaining features of a near-complete project are theirs. Removed only where still as seeded.
DELETE FROM playbooks WHERE key = 'ship.announce' AND signal = 'near_completion'
  AND title = 'Announce the {project} launch to users and collect first feedback';
DELETE FROM playbooks WHERE key = 'ship.finish' AND signal = 'near_completion'
  AND title = 'Finish the remaining {remaining} of {project} and ship it';
DELETE FROM playbooks WHERE key = 'fix.critical' AND signal = 'blocker'
  AND title = 'Fix critical bug in {project}: {bug}';
-- "Create a EDU Quiz Builder pricing page": no article in front of a name.
UPDATE playbooks SET title = 'Create a pricing page for {project} with monthly and annual plans'
  WHERE key = 'pay.pricing' AND title = 'Create a {project} pricing page with monthly and annual plans';
-- A goal that must go down is above its target, not short of it.
UPDATE playbooks SET title = 'Find out why {metric} is {standing} and list the three likeliest causes'
  WHERE key = 'goal.diagnose'
  AND title = 'Find out why {metric} is {gap} short of its target and list the three likeliest causes';

-- A feature or bug may say which goal it serves: it shares that goal's value when the goal slips.
ALTER TABLE features ADD COLUMN goal_id INTEGER REFERENCES goals (id) ON DELETE SET NULL;
ALTER TABLE bugs ADD COLUMN goal_id INTEGER REFERENCES goals (id) ON DELETE SET NULL;

-- What a goal is worth: dollars a month per unit of its metric, or a weight relative to the
-- revenue milestone. Both NULL: valued by default (see README, "How a task is valued").
ALTER TABLE goals ADD COLUMN value_per_unit REAL CHECK (value_per_unit IS NULL OR value_per_unit >= 0);
ALTER TABLE goals ADD COLUMN weight REAL CHECK (weight IS NULL OR weight BETWEEN 0 AND 10);

-- Churn may be unknown. Until now a record without a churn rate stored 0, so a stored 0 is read
-- as unknown: counting it as "no customer left" made churn look better than anyone measured.
CREATE TABLE revenue_records_next (
  id             INTEGER PRIMARY KEY,
  workspace_id   TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  project_id     INTEGER REFERENCES projects (id) ON DELETE CASCADE,
  period_start   TEXT NOT NULL CHECK (date(period_start) = period_start),
  period_end     TEXT NOT NULL CHECK (date(period_end) = period_end),
  actual         REAL NOT NULL DEFAULT 0 CHECK (actual >= 0),
  projected      REAL NOT NULL DEFAULT 0 CHECK (projected >= 0),
  subscriptions  INTEGER NOT NULL DEFAULT 0 CHECK (subscriptions >= 0),
  churn_rate     REAL CHECK (churn_rate IS NULL OR churn_rate BETWEEN 0 AND 1),
  notes          TEXT NOT NULL DEFAULT '',
  created_at     TEXT NOT NULL,
  CHECK (period_end >= period_start)
) STRICT;
INSERT INTO revenue_records_next (id, workspace_id, project_id, period_start, period_end, actual, projected,
    subscriptions, churn_rate, notes, created_at)
  SELECT id, workspace_id, project_id, period_start, period_end, actual, projected, subscriptions,
    nullif(churn_rate, 0), notes, created_at
  FROM revenue_records;
DROP TABLE revenue_records;
ALTER TABLE revenue_records_next RENAME TO revenue_records;
CREATE INDEX revenue_records_period ON revenue_records (workspace_id, period_end);
CREATE INDEX revenue_records_project ON revenue_records (project_id) WHERE project_id IS NOT NULL;
