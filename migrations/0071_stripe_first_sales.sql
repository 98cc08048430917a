-- When each project a connected Stripe account feeds made its first sale: the day its first paid
-- subscription began billing. Its months from Stripe are calendar months, and a plan dated a
-- launch from the 1st of the month of its first sale: a first sale on September 30 was a month
-- older than one on October 1, past its quarter on December 7, its share a fifth of the other's.
-- Each sync writes it again from the subscriptions' histories (recompute), where they are read
-- already, so a plan reads a row a project, not every subscription of the account.
--
-- Filled here from the histories stored (billed, not a trial, at a price that is neither metered
-- nor $0, in the account's currency, by the product → project map or the default project); the
-- next sync writes it again, coupons counted.
-- Forward-only: never edit this file once it has landed; add 0072_… instead.

CREATE TABLE stripe_first_sales (
  account_id  INTEGER NOT NULL REFERENCES stripe_accounts (id) ON DELETE CASCADE,
  project_id  INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  first_sale  TEXT NOT NULL,
  PRIMARY KEY (account_id, project_id)
) STRICT, WITHOUT ROWID;

INSERT INTO stripe_first_sales (account_id, project_id, first_sale)
SELECT account.id, coalesce(mapped.project_id, account.default_project_id) AS project,
       min(state.value ->> '$.at')
FROM stripe_accounts account
JOIN stripe_subscriptions sub ON sub.account_id = account.id AND sub.currency = account.currency
JOIN json_each(sub.states) state
JOIN json_each(state.value, '$.lines') line
LEFT JOIN stripe_products mapped
  ON mapped.account_id = account.id AND mapped.product_id = line.value ->> '$.product'
WHERE state.value ->> '$.live' = 1 AND state.value ->> '$.trial' IS NULL
  AND line.value ->> '$.metered' IS NULL
  AND (line.value ->> '$.unitAmount') * (line.value ->> '$.quantity') > 0
GROUP BY account.id, project HAVING project IS NOT NULL;
