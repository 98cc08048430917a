-- A delivery's `X-Goalpost-Delivery` (and its body's `id`) was its rowid, and SQLite gives a new
-- row the highest id plus one: a webhook removed (its deliveries going with it) and added again
-- for the same receiver sent it ids it had already seen, and a receiver deduplicating on the
-- header, as the README advises, dropped real events. AUTOINCREMENT alone would not do: it cannot
-- know the ids deleted before it, nor those of another database (one restored or made again) that
-- sent to the same receiver.
--
-- Each delivery now has a random UUID (v4), `delivery_id`, given by the column's default to every
-- row inserted, whatever inserts it. A delivery written before this keeps its number, as text, so
-- a retry still carries the id its earlier attempts did; a UUID never equals one of those.
-- Forward-only: never edit this file once it has landed; add 0071_… instead.

CREATE TABLE webhook_deliveries_next (
  id               INTEGER PRIMARY KEY,
  delivery_id      TEXT NOT NULL UNIQUE DEFAULT (lower(printf('%s-%s-4%s-%s%s-%s',
                     hex(randomblob(4)), hex(randomblob(2)), substr(hex(randomblob(2)), 2),
                     substr('89ab', 1 + (random() & 3), 1), substr(hex(randomblob(2)), 2),
                     hex(randomblob(6))))),
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

INSERT INTO webhook_deliveries_next (id, delivery_id, webhook_id, event, payload, status, attempts,
    next_attempt_at, last_status, last_error, created_at, delivered_at)
  SELECT id, CAST(id AS TEXT), webhook_id, event, payload, status, attempts,
    next_attempt_at, last_status, last_error, created_at, delivered_at
  FROM webhook_deliveries;
DROP TABLE webhook_deliveries;
ALTER TABLE webhook_deliveries_next RENAME TO webhook_deliveries;
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (status, next_attempt_at);
CREATE INDEX webhook_deliveries_webhook ON webhook_deliveries (webhook_id, status);
CREATE INDEX webhook_deliveries_errors ON webhook_deliveries (webhook_id, id) WHERE last_error IS NOT NULL;
