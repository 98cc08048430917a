-- A revenue record may leave its subscriptions out: unknown, not 0.
--
-- Until now a record typed without --subscriptions stored 0, and `state` summed it: a workspace
-- whose add-on's March record left the count out read "90 subscriptions" where February's records
-- said 106, though both products grew. A stored 0 on a typed record of revenue is read as unknown,
-- as 0009 read a stored churn of 0 (subscription revenue with no subscriptions is not a thing a
-- team records); Stripe's months always count theirs, 0 included, and keep it. The table is rebuilt
-- as 0009 rebuilt it (SQLite cannot drop a NOT NULL), with the columns 0015 added and every index.
-- Forward-only: never edit this file once it has landed; add 0034_… instead.

CREATE TABLE revenue_records_next (
  id              INTEGER PRIMARY KEY,
  workspace_id    TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  project_id      INTEGER REFERENCES projects (id) ON DELETE CASCADE,
  period_start    TEXT NOT NULL CHECK (date(period_start) = period_start),
  period_end      TEXT NOT NULL CHECK (date(period_end) = period_end),
  actual          REAL NOT NULL DEFAULT 0 CHECK (actual >= 0),
  projected       REAL NOT NULL DEFAULT 0 CHECK (projected >= 0),
  subscriptions   INTEGER CHECK (subscriptions IS NULL OR subscriptions >= 0),
  churn_rate      REAL CHECK (churn_rate IS NULL OR churn_rate BETWEEN 0 AND 1),
  notes           TEXT NOT NULL DEFAULT '',
  created_at      TEXT NOT NULL,
  source          TEXT NOT NULL DEFAULT 'manual' CHECK (source IN ('manual', 'stripe')),
  mrr_new         REAL CHECK (mrr_new IS NULL OR mrr_new >= 0),
  mrr_expansion   REAL CHECK (mrr_expansion IS NULL OR mrr_expansion >= 0),
  mrr_contraction REAL CHECK (mrr_contraction IS NULL OR mrr_contraction >= 0),
  mrr_churned     REAL CHECK (mrr_churned IS NULL OR mrr_churned >= 0),
  CHECK (period_end >= period_start)
) STRICT;
INSERT INTO revenue_records_next (id, workspace_id, project_id, period_start, period_end, actual, projected,
    subscriptions, churn_rate, notes, created_at, source, mrr_new, mrr_expansion, mrr_contraction, mrr_churned)
  SELECT id, workspace_id, project_id, period_start, period_end, actual, projected,
    CASE WHEN source = 'manual' AND subscriptions = 0 THEN NULL ELSE subscriptions END,
    churn_rate, notes, created_at, source, mrr_new, mrr_expansion, mrr_contraction, mrr_churned
  FROM revenue_records;
DROP TABLE revenue_records;
ALTER TABLE revenue_records_next RENAME TO revenue_records;
CREATE INDEX revenue_records_period ON revenue_records (workspace_id, period_end);
CREATE INDEX revenue_records_project ON revenue_records (project_id) WHERE project_id IS NOT NULL;
CREATE UNIQUE INDEX revenue_records_billed ON revenue_records (project_id, period_start) WHERE source = 'stripe';
CREATE INDEX revenue_records_source ON revenue_records (workspace_id, project_id, period_end);
