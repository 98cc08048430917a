-- Stripe: a workspace's Stripe account feeds its projects' revenue. Each month's MRR and its
-- movements (new, expansion, contraction, churned) become that project's revenue record for the
-- month, marked as Stripe's, in place of any typed one.
-- Forward-only: never edit this file once it has landed; add 0016_… instead.

-- A connected account: its key (restricted, read-only, is enough), the currency whose MRR feeds
-- the revenue milestone (its default; other currencies are reported apart), and the project its
-- products feed unless a product is mapped to another one.
CREATE TABLE stripe_accounts (
  id                  INTEGER PRIMARY KEY,
  workspace_id        TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  account_id          TEXT NOT NULL CHECK (account_id GLOB 'acct_?*'),
  name                TEXT NOT NULL DEFAULT '',
  currency            TEXT NOT NULL CHECK (length(currency) = 3),
  api_key             TEXT NOT NULL CHECK (api_key GLOB '[rs]k_*'),
  default_project_id  INTEGER REFERENCES projects (id) ON DELETE SET NULL,
  synced_at           TEXT,
  created_by          TEXT NOT NULL,
  created_at          TEXT NOT NULL,
  UNIQUE (workspace_id, account_id)
) STRICT;

-- A product mapped to a project (`--map prod_X="Project"`).
CREATE TABLE stripe_products (
  account_id  INTEGER NOT NULL REFERENCES stripe_accounts (id) ON DELETE CASCADE,
  product_id  TEXT NOT NULL CHECK (product_id GLOB 'prod_?*'),
  project_id  INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  PRIMARY KEY (account_id, product_id)
) STRICT, WITHOUT ROWID;

-- Where a revenue record comes from, and for Stripe's, how the month's MRR moved.
ALTER TABLE revenue_records ADD COLUMN source TEXT NOT NULL DEFAULT 'manual' CHECK (source IN ('manual', 'stripe'));
ALTER TABLE revenue_records ADD COLUMN mrr_new REAL CHECK (mrr_new IS NULL OR mrr_new >= 0);
ALTER TABLE revenue_records ADD COLUMN mrr_expansion REAL CHECK (mrr_expansion IS NULL OR mrr_expansion >= 0);
ALTER TABLE revenue_records ADD COLUMN mrr_contraction REAL CHECK (mrr_contraction IS NULL OR mrr_contraction >= 0);
ALTER TABLE revenue_records ADD COLUMN mrr_churned REAL CHECK (mrr_churned IS NULL OR mrr_churned >= 0);
-- One Stripe record per project and month: a sync rewrites it.
CREATE UNIQUE INDEX revenue_records_billed ON revenue_records (project_id, period_start) WHERE source = 'stripe';
