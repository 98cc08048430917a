-- Metrics pushed by other systems (analytics jobs, cron scripts, CI): each source has its own
-- signing secret, and a push is a signed batch of points. A point is one observation of a metric,
-- kept once per (metric, time, source): a late or repeated point updates it rather than adding one.
-- Also where each connected Stripe account's last read failed, so a broken feed is a warning in
-- the digest rather than a silently stale MRR.
-- Forward-only: never edit this file once it has landed; add 0018_… instead.

-- A source that may push metrics: its name (the last part of its URL), its secret (HMAC-SHA256 over
-- `<t>.<body>`, the scheme of Goalpost's own outgoing webhooks; kept as is, since checking an HMAC
-- needs the key), how often it is expected to push, and when it last did.
CREATE TABLE metric_sources (
  id             INTEGER PRIMARY KEY,
  workspace_id   TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  name           TEXT NOT NULL CHECK (name GLOB '[a-z]*' AND name NOT GLOB '*[^a-z0-9_-]*' AND length(name) <= 48),
  secret         TEXT NOT NULL CHECK (secret GLOB 'whsec_?*'),
  every_minutes  INTEGER NOT NULL CHECK (every_minutes > 0),
  last_push_at   TEXT,
  created_by     TEXT NOT NULL,
  created_at     TEXT NOT NULL,
  UNIQUE (workspace_id, name)
) STRICT;

-- The push source an observation came from (null for one typed in or sent through the API). A
-- corrected point is rewritten in place, its created_at then the time of the correction.
ALTER TABLE metric_observations ADD COLUMN push_source TEXT;
CREATE UNIQUE INDEX metric_observations_pushed
  ON metric_observations (workspace_id, metric, observed_at, push_source) WHERE push_source IS NOT NULL;

-- The last failed read of a connected Stripe account (a revoked key, Stripe down), cleared by the
-- next read that works.
ALTER TABLE stripe_accounts ADD COLUMN failed_at TEXT;
ALTER TABLE stripe_accounts ADD COLUMN failure TEXT;
