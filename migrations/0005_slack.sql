-- Slack OAuth installations, one per workspace (team) or Enterprise Grid org. The installation
-- JSON holds the bot token Bolt needs to act in that workspace.
CREATE TABLE slack_installations (
  install_key    TEXT PRIMARY KEY CHECK (install_key GLOB '[TE]?*' AND length(install_key) <= 64),
  team_id        TEXT,
  enterprise_id  TEXT,
  installation   TEXT NOT NULL CHECK (json_valid(installation) AND json_type(installation) = 'object'),
  installed_by   TEXT,
  installed_at   TEXT NOT NULL,
  updated_at     TEXT NOT NULL
) STRICT;
