-- Quiet digests (issue 22): one channel post per digest with its tasks in its thread, a header
-- edited as decisions come in, and at most one reminder per undecided task.
-- Forward-only: never edit this file once it has landed; add 0021_… instead.

-- How a subscription's digest is laid out, and how long a task may wait for a decision before its
-- one reminder (`1d`: working days, `4h`: hours, `off`). Existing subscriptions take the new
-- defaults: one post with a thread, reminders after one working day.
ALTER TABLE subscriptions ADD COLUMN style TEXT NOT NULL DEFAULT 'thread'
  CHECK (style IN ('thread', 'cards', 'compact'));
ALTER TABLE subscriptions ADD COLUMN remind_after TEXT NOT NULL DEFAULT '1d'
  CHECK (remind_after = 'off' OR remind_after GLOB '[1-9]d' OR remind_after = '10d'
         OR remind_after GLOB '[1-9]h' OR remind_after GLOB '[1-6][0-9]h' OR remind_after GLOB '7[0-2]h');

-- The thread a message was posted in: Slack's parent `ts`, or a Discord thread's id (then also
-- its channel_id). NULL for a message in the channel itself.
ALTER TABLE chat_messages ADD COLUMN thread_id TEXT
  CHECK (thread_id IS NULL OR length(thread_id) BETWEEN 1 AND 200);

-- A digest as posted in a channel: its header message (the whole digest when compact), the thread
-- its cards went to, the header as shown (to edit it in place as decisions come in), and when its
-- undecided tasks are reminded of (NULL: never).
CREATE TABLE digest_posts (
  id                 INTEGER PRIMARY KEY,
  workspace_id       TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  platform           TEXT NOT NULL CHECK (platform IN ('console', 'slack', 'discord')),
  channel_id         TEXT NOT NULL CHECK (length(channel_id) BETWEEN 1 AND 200),
  message_id         TEXT NOT NULL CHECK (length(message_id) BETWEEN 1 AND 200),
  style              TEXT NOT NULL CHECK (style IN ('thread', 'cards', 'compact')),
  -- Where the cards went: a Slack channel and its parent ts, or a Discord thread (its id twice).
  thread_channel_id  TEXT CHECK (thread_channel_id IS NULL OR length(thread_channel_id) BETWEEN 1 AND 200),
  thread_id          TEXT CHECK (thread_id IS NULL OR length(thread_id) BETWEEN 1 AND 200),
  header             TEXT NOT NULL CHECK (json_valid(header) AND json_extract(header, '$.kind') = 'digest_header'),
  remind_at          TEXT,
  created_at         TEXT NOT NULL,
  CHECK ((thread_channel_id IS NULL) = (thread_id IS NULL)),
  UNIQUE (platform, channel_id, message_id)
) STRICT;

-- The tasks a digest post asked a decision on, in the order it showed them.
CREATE TABLE digest_post_tasks (
  post_id   INTEGER NOT NULL REFERENCES digest_posts (id) ON DELETE CASCADE,
  task_id   INTEGER NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
  position  INTEGER NOT NULL CHECK (position >= 0),
  PRIMARY KEY (post_id, task_id)
) STRICT, WITHOUT ROWID;
-- A decision finds the digests showing its task.
CREATE INDEX digest_post_tasks_task ON digest_post_tasks (task_id, post_id);

-- The one reminder a task ever gets: claimed before it is posted, so two processes, a restart or
-- a later digest showing the task again never remind twice.
CREATE TABLE task_reminders (
  task_id  INTEGER PRIMARY KEY REFERENCES tasks (id) ON DELETE CASCADE,
  post_id  INTEGER REFERENCES digest_posts (id) ON DELETE SET NULL,
  sent_at  TEXT NOT NULL
) STRICT;
