-- Indexes for the engine's task history, summarised in SQL instead of loaded row by row:
-- a busy workspace closes tens of thousands of tasks a quarter, and the engine needs a handful
-- of aggregates of them (see src/engine/task-history.ts).

-- The latest closed task per project (how long a project has been idle).
CREATE INDEX tasks_project_history ON tasks (workspace_id, project_id, status, updated_at)
  WHERE project_id IS NOT NULL;
-- Whether a focus area had a task closed recently.
CREATE INDEX tasks_focus_history ON tasks (workspace_id, focus_area, status, updated_at)
  WHERE focus_area IS NOT NULL;
-- Done and failed tasks per playbook (a playbook's confidence).
CREATE INDEX tasks_playbook_history ON tasks (workspace_id, playbook_key, status, updated_at)
  WHERE playbook_key IS NOT NULL;
-- The newest decisions per category (a category the team keeps rejecting).
CREATE INDEX tasks_category_history ON tasks (workspace_id, category, updated_at);
-- Done tasks per goal (a goal's actions), read without touching the rest.
CREATE INDEX tasks_goal ON tasks (workspace_id, goal_id, status) WHERE goal_id IS NOT NULL;
