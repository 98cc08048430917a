-- The running bot: who may do what in chat, which platform message shows which task, which
-- platform events were already handled, digest schedules and their runs, API tokens, and
-- webhooks with their delivery outbox.

-- A platform user's role in a workspace. Users without a row are members.
CREATE TABLE members (
  workspace_id  TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  user_key      TEXT NOT NULL CHECK (user_key GLOB '[a-z]*:?*' AND length(user_key) <= 200),
  role          TEXT NOT NULL CHECK (role IN ('admin', 'approver', 'member')),
  granted_by    TEXT NOT NULL,
  granted_at    TEXT NOT NULL,
  PRIMARY KEY (workspace_id, user_key)
) STRICT, WITHOUT ROWID;

-- Platform event ids already handled (Slack retries, double clicks, a reaction and a button).
CREATE TABLE processed_events (
  workspace_id  TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  source        TEXT NOT NULL,
  event_id      TEXT NOT NULL CHECK (length(event_id) BETWEEN 1 AND 200),
  outcome       TEXT NOT NULL DEFAULT '',
  processed_at  TEXT NOT NULL,
  PRIMARY KEY (workspace_id, source, event_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX processed_events_age ON processed_events (processed_at);

-- Which platform message shows which task or batch, so reactions and clicks find their task
-- and a decision edits the message in place.
CREATE TABLE chat_messages (
  id            INTEGER PRIMARY KEY,
  workspace_id  TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  platform      TEXT NOT NULL CHECK (platform IN ('console', 'slack', 'discord')),
  channel_id    TEXT NOT NULL CHECK (length(channel_id) BETWEEN 1 AND 200),
  message_id    TEXT NOT NULL CHECK (length(message_id) BETWEEN 1 AND 200),
  kind          TEXT NOT NULL CHECK (kind IN ('digest_header', 'task', 'report')),
  task_id       INTEGER REFERENCES tasks (id) ON DELETE CASCADE,
  batch_id      INTEGER REFERENCES batches (id) ON DELETE CASCADE,
  created_at    TEXT NOT NULL,
  CHECK (kind <> 'task' OR task_id IS NOT NULL),
  UNIQUE (platform, channel_id, message_id)
) STRICT;
CREATE INDEX chat_messages_task ON chat_messages (task_id);

-- Digest and report schedules: a channel, a local time in a time zone, ISO week days (1 = Monday).
CREATE TABLE subscriptions (
  id            INTEGER PRIMARY KEY,
  workspace_id  TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  kind          TEXT NOT NULL CHECK (kind IN ('digest', 'report')),
  platform      TEXT NOT NULL CHECK (platform IN ('console', 'slack', 'discord')),
  channel_id    TEXT NOT NULL CHECK (length(channel_id) BETWEEN 1 AND 200),
  local_time    TEXT NOT NULL CHECK (local_time GLOB '[0-2][0-9]:[0-5][0-9]' AND local_time < '24:00'),
  time_zone     TEXT NOT NULL CHECK (length(time_zone) BETWEEN 1 AND 64),
  days          TEXT NOT NULL CHECK (json_valid(days) AND json_type(days) = 'array'),
  max_tasks     INTEGER CHECK (max_tasks BETWEEN 1 AND 50),
  created_by    TEXT NOT NULL,
  created_at    TEXT NOT NULL,
  UNIQUE (workspace_id, kind, platform, channel_id)
) STRICT;

-- One row per subscription and local date: the key that means a digest is never posted twice.
CREATE TABLE digest_runs (
  id               INTEGER PRIMARY KEY,
  subscription_id  INTEGER NOT NULL REFERENCES subscriptions (id) ON DELETE CASCADE,
  local_date       TEXT NOT NULL CHECK (date(local_date) = local_date),
  scheduled_for    TEXT NOT NULL,
  status           TEXT NOT NULL CHECK (status IN ('claimed', 'posted', 'failed', 'skipped')),
  batch_id         INTEGER REFERENCES batches (id) ON DELETE SET NULL,
  attempts         INTEGER NOT NULL DEFAULT 1,
  error            TEXT,
  started_at       TEXT NOT NULL,
  finished_at      TEXT,
  UNIQUE (subscription_id, local_date)
) STRICT;

-- Bearer tokens for the HTTP API; only a SHA-256 hash is kept.
CREATE TABLE api_tokens (
  id            INTEGER PRIMARY KEY,
  workspace_id  TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  name          TEXT NOT NULL CHECK (name GLOB '[A-Za-z0-9]*' AND length(name) BETWEEN 1 AND 64),
  role          TEXT NOT NULL CHECK (role IN ('admin', 'approver', 'member')),
  token_hash    TEXT NOT NULL UNIQUE CHECK (length(token_hash) = 64),
  prefix        TEXT NOT NULL,
  created_by    TEXT NOT NULL,
  created_at    TEXT NOT NULL,
  last_used_at  TEXT,
  revoked_at    TEXT,
  UNIQUE (workspace_id, name)
) STRICT;

-- Outgoing webhooks, signed with their secret (kept, since signing needs it).
CREATE TABLE webhooks (
  id            INTEGER PRIMARY KEY,
  workspace_id  TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  url           TEXT NOT NULL CHECK (url GLOB 'http*://?*' AND length(url) <= 2000),
  secret        TEXT NOT NULL CHECK (length(secret) >= 16),
  events        TEXT NOT NULL DEFAULT '["*"]' CHECK (json_valid(events) AND json_type(events) = 'array'),
  active        INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_by    TEXT NOT NULL,
  created_at    TEXT NOT NULL,
  UNIQUE (workspace_id, url)
) STRICT;

-- The transactional outbox: a delivery row is written in the same transaction as the change it
-- reports, and sent (with retries) by the delivery worker, never by the caller.
CREATE TABLE webhook_deliveries (
  id               INTEGER PRIMARY KEY,
  webhook_id       INTEGER NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
  event            TEXT NOT NULL,
  payload          TEXT NOT NULL CHECK (json_valid(payload)),
  status           TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
  attempts         INTEGER NOT NULL DEFAULT 0,
  next_attempt_at  TEXT NOT NULL,
  last_status      INTEGER,
  last_error       TEXT,
  created_at       TEXT NOT NULL,
  delivered_at     TEXT
) STRICT;
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (status, next_attempt_at);
