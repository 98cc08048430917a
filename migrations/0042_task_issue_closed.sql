-- Whether the issue a task was exported to is closed on GitHub, as last seen. An exported issue
-- closed while its task is open closes the task; closed once the task had ended (failed), it
-- was recorded nowhere, and a retry of that task took the closed issue over: never exported
-- anew, and never closed by it. A retry now takes over only an issue still open.
--
-- - github_task_issues.closed: 1 when the issue was last seen closed, 0 when open (every issue
--   so far: the next copy a sync or a webhook brings says otherwise).
-- - github_task_issues.seen_at: the GitHub `updated_at` of the copy that set `closed`, so an
--   older copy delivered late changes nothing; NULL until a copy is seen.
-- Forward-only: never edit this file once it has landed; add 0043_… instead.

ALTER TABLE github_task_issues ADD COLUMN closed INTEGER NOT NULL DEFAULT 0 CHECK (closed IN (0, 1));
ALTER TABLE github_task_issues ADD COLUMN seen_at TEXT;
