-- A listing of every status (`goalpost tasks all`, GET /api/tasks with no status) lists the open
-- tasks highest priority first, then the closed ones the latest decided first: a done task's
-- priority was set against the batch of the morning it was proposed, so sorting it with today's
-- open work put a P10 shipped in October above today's P9.
--
-- Open ones are read on tasks_queue. Closed ones on tasks_closed, one status at a time, newest
-- first: of 100,000 tasks shipped, a listing reads its hundred and sorts none. Partial, so a task
-- enters it once, when it closes (the open steps, each rewriting updated_at, never touch it).
-- tasks_priority was read by that listing alone: nothing reads it now, and it cost on every
-- proposal and rescale.
-- Forward-only: never edit this file once it has landed; add 0069_… instead.

DROP INDEX tasks_priority;
CREATE INDEX tasks_closed ON tasks (workspace_id, status, updated_at, seq)
  WHERE status IN ('done', 'failed', 'rejected', 'cancelled');
