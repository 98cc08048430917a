-- Charts attached to weekly reports (issue 22): the file each chart last went out as, per
-- platform, so Slack's App Home can show them (a `slack_file` image) without uploading them again.
-- Forward-only: never edit this file once it has landed; add 0022_… instead.

-- One row per chart name (`revenue`, `goal-active_teachers`): a newer report's file replaces it.
-- Slack shows a file only to people who can see the conversation it was shared in: channel_id.
CREATE TABLE chart_files (
  workspace_id  TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  platform      TEXT NOT NULL CHECK (platform IN ('console', 'slack', 'discord')),
  name          TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  file_id       TEXT NOT NULL CHECK (length(file_id) BETWEEN 1 AND 200),
  channel_id    TEXT NOT NULL CHECK (length(channel_id) BETWEEN 1 AND 200),
  title         TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 2000),
  alt           TEXT NOT NULL CHECK (length(alt) BETWEEN 1 AND 2000),
  posted_at     TEXT NOT NULL,
  PRIMARY KEY (workspace_id, platform, name)
) STRICT;
