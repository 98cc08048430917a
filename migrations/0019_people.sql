-- People as Goalpost schedules around them: each person's time zone, working days and time off.
-- A person is a chat user as Goalpost names them (`slack:U123`, `discord:4567`, `console:ana`).
-- Routing skips an assignee whose person is away, and a digest due when every approver is away
-- waits for the next day one of them works.
-- Forward-only: never edit this file once it has landed; add 0020_… instead.
CREATE TABLE people (
  workspace_id  TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  user_id       TEXT NOT NULL CHECK (user_id GLOB '?*:?*'),
  -- IANA zone; null: the zone their platform reports, else the workspace's default.
  time_zone     TEXT,
  -- ISO week days they work, 1 = Monday (JSON array).
  work_days     TEXT NOT NULL DEFAULT '[1,2,3,4,5]' CHECK (json_valid(work_days) AND json_type(work_days) = 'array'),
  -- Time off, both days included, as dates in their own zone; both null when none.
  away_from     TEXT CHECK (away_from IS NULL OR date(away_from) = away_from),
  away_until    TEXT CHECK (away_until IS NULL OR date(away_until) = away_until),
  updated_at    TEXT NOT NULL,
  PRIMARY KEY (workspace_id, user_id),
  CHECK ((away_from IS NULL) = (away_until IS NULL)),
  CHECK (away_until IS NULL OR away_until >= away_from)
) STRICT, WITHOUT ROWID;

-- A digest held because every approver was away: posted on the next working day with a note.
ALTER TABLE subscriptions ADD COLUMN held_since TEXT;
