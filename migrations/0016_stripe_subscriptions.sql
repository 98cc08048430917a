-- Each subscription of a connected Stripe account, as the billing arithmetic reads it: its states
-- over time (prices, coupon, billed or not, each from when it began). A sync writes them; a webhook
-- event re-reads one subscription and adds a state when it changed, so upgrades, downgrades and
-- cancellations are kept from the day they happen. Months are worked out from these rows.
-- Forward-only: never edit this file once it has landed; add 0017_… instead.
CREATE TABLE stripe_subscriptions (
  account_id       INTEGER NOT NULL REFERENCES stripe_accounts (id) ON DELETE CASCADE,
  subscription_id  TEXT NOT NULL CHECK (subscription_id GLOB 'sub_?*'),
  customer         TEXT NOT NULL,
  currency         TEXT NOT NULL CHECK (length(currency) = 3),
  states           TEXT NOT NULL CHECK (json_valid(states) AND json_type(states) = 'array'),
  updated_at       TEXT NOT NULL,
  PRIMARY KEY (account_id, subscription_id)
) STRICT, WITHOUT ROWID;
