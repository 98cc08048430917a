-- Indexes as the statements read them (test/integration/query-plans.test.ts plans every statement
-- the store prepares and holds both rules below).
--
-- No index on tasks that nothing reads: each is rewritten whenever a task changes status (every
-- decision and outcome), so one no statement reads only costs. Dropped:
--  - tasks_status (workspace_id, status): the leading columns of tasks_queue, which the two
--    statements that named it name now.
--  - tasks_assignee (workspace_id, assignee, status) and tasks_playbook_history: no statement
--    plans on them (a playbook's outcomes are counted from finished_daily since 0024).
--  - tasks_outcome_history: its counts come from finished_daily too; the one statement that
--    planned on it (approved tasks waiting on others) seeks tasks_queue's same first columns.
-- Recording an outcome took about a fifth less time without them (2026-11-25). Added:
-- tasks_priority, so a listing of every status (`goalpost tasks`, chat's `/goalpost tasks all`)
-- reads its first hundred by priority instead of sorting every task of the workspace (34 ms ->
-- 0.4 ms for the summaries of 100,000 tasks). A task's priority is set when it is proposed, so a
-- decision never rewrites this index.
--
-- No statement reads a table that grows with use whole. Added:
--  - stripe_subscriptions by subscription: which accounts hold a subscription a Stripe event
--    names (every event read all of them: 50,000 rows for a large account).
--  - webhook_deliveries by webhook and status: a webhook's delivery counts, and removing a
--    webhook (its deliveries go with it); by webhook and id, of those that failed: its last error.
--    Every webhook listing counted and searched every delivery of every webhook.
--  - lessons and feedback_notes by workspace, in the order they are listed.
-- Forward-only: never edit this file once it has landed; add 0027_… instead.

DROP INDEX tasks_status;
DROP INDEX tasks_assignee;
DROP INDEX tasks_playbook_history;
DROP INDEX tasks_outcome_history;
CREATE INDEX tasks_priority ON tasks (workspace_id, priority DESC, seq);

CREATE INDEX stripe_subscriptions_subscription ON stripe_subscriptions (subscription_id);
CREATE INDEX webhook_deliveries_webhook ON webhook_deliveries (webhook_id, status);
CREATE INDEX webhook_deliveries_errors ON webhook_deliveries (webhook_id, id) WHERE last_error IS NOT NULL;
CREATE INDEX lessons_workspace ON lessons (workspace_id, created_at, id);
CREATE INDEX feedback_notes_workspace ON feedback_notes (workspace_id, created_at, id);
