-- A product whose revenue fell is a signal (revenue_fall) the engine answers with a playbook.
--
-- State named a product whose revenue fell 5 % or more while the total grew, and the plan proposed
-- nothing about it. Workspaces created before this migration get the playbook new workspaces are
-- seeded with (see DEFAULT_PLAYBOOKS); a workspace that wrote its own 'revenue.fall' keeps it.
-- Forward-only: never edit this file once it has landed; add 0035_… instead.

INSERT OR IGNORE INTO playbooks (workspace_id, key, signal, focus_area, title, category, effort_hours,
  impact_share, depends_on, enabled, recur_days, created_at)
SELECT id, 'revenue.fall', 'revenue_fall', NULL,
  'Find out why {project}''s revenue fell {fall}: list the customers who downgraded, dropped seats or left, and what changed',
  'research', 4, 0.3, '[]', 1, NULL, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
FROM workspaces;
