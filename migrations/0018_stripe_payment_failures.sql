-- Stripe: failed payments. Each invoice of a connected account's subscription whose payment failed,
-- from the webhook (`invoice.payment_failed`, `invoice.paid`) and from a sync's read of recent
-- invoices. A spike of them is a signal the engine answers with a playbook (pay.recover).
-- Forward-only: never edit this file once it has landed; add 0019_… instead.

-- One invoice whose payment failed: what it bills (minor units of its currency), how many automatic
-- attempts Stripe made (its attempt_count), when a payment on it first and last failed, and when it
-- was paid after all (recovered) or voided or written off as uncollectible (closed). Unpaid while
-- both are NULL. A second failure on the same invoice updates its row: it is one payment failing.
CREATE TABLE stripe_payment_failures (
  account_id       INTEGER NOT NULL REFERENCES stripe_accounts (id) ON DELETE CASCADE,
  invoice_id       TEXT NOT NULL CHECK (invoice_id GLOB 'in_?*'),
  subscription_id  TEXT NOT NULL CHECK (subscription_id GLOB 'sub_?*'),
  customer         TEXT NOT NULL,
  currency         TEXT NOT NULL CHECK (length(currency) = 3),
  amount_due       INTEGER NOT NULL CHECK (amount_due >= 0),
  attempts         INTEGER NOT NULL CHECK (attempts >= 0),
  first_failed_at  TEXT NOT NULL,
  last_failed_at   TEXT NOT NULL CHECK (last_failed_at >= first_failed_at),
  recovered_at     TEXT,
  closed_at        TEXT,
  updated_at       TEXT NOT NULL,
  CHECK (recovered_at IS NULL OR closed_at IS NULL),
  PRIMARY KEY (account_id, invoice_id)
) STRICT, WITHOUT ROWID;
-- The engine reads an account's failures of the last weeks.
CREATE INDEX stripe_payment_failures_recent ON stripe_payment_failures (account_id, first_failed_at);

-- Workspaces created before this migration get the playbook new workspaces are seeded with.
INSERT OR IGNORE INTO playbooks (workspace_id, key, signal, focus_area, title, category, effort_hours,
  impact_share, depends_on, enabled, recur_days, created_at)
SELECT id, 'pay.recover', 'payment_failures', NULL,
  'Recover the failed payments in {project}: turn on Smart Retries and failed-payment emails in Stripe, and contact the {customers} with unpaid invoices',
  'revenue', 3, 0.4, '[]', 1, 14, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
FROM workspaces;
