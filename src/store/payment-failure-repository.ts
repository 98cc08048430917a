import type { PaymentFailure } from '../domain/payment-failure.js';
import type { Db } from './open-database.js';

/** The failed payments of connected Stripe accounts (`stripe_payment_failures`). */
export interface PaymentFailureRepository {
  /** The account's failure on `invoice`, or null when none is kept. */
  find(accountRowId: number, invoice: string): PaymentFailure | null;
  /** Adds the failure, or replaces what was kept for its invoice. */
  put(accountRowId: number, failure: PaymentFailure, now: string): void;
  /** The account's failures that first failed at or after `since`, oldest first. */
  since(accountRowId: number, since: string): PaymentFailure[];
  /** Removes the account's failures that first failed before `before`; how many went. */
  prune(accountRowId: number, before: string): number;
}

interface Row {
  invoice_id: string;
  subscription_id: string;
  customer: string;
  currency: string;
  amount_due: number;
  attempts: number;
  first_failed_at: string;
  last_failed_at: string;
  recovered_at: string | null;
  closed_at: string | null;
}

const toFailure = (r: Row): PaymentFailure => ({
  invoice: r.invoice_id,
  subscription: r.subscription_id,
  customer: r.customer,
  currency: r.currency,
  amountDue: r.amount_due,
  attempts: r.attempts,
  firstFailedAt: r.first_failed_at,
  lastFailedAt: r.last_failed_at,
  recoveredAt: r.recovered_at,
  closedAt: r.closed_at,
});

const COLUMNS = `invoice_id, subscription_id, customer, currency, amount_due, attempts, first_failed_at,
  last_failed_at, recovered_at, closed_at`;

export function createPaymentFailureRepository(db: Db): PaymentFailureRepository {
  const find = db.prepare<[number, string], Row>(
    `SELECT ${COLUMNS} FROM stripe_payment_failures WHERE account_id = ? AND invoice_id = ?`,
  );
  const put = db.prepare(
    `INSERT INTO stripe_payment_failures (account_id, ${COLUMNS}, updated_at)
     VALUES (@account, @invoice, @subscription, @customer, @currency, @amountDue, @attempts, @firstFailedAt,
       @lastFailedAt, @recoveredAt, @closedAt, @now)
     ON CONFLICT (account_id, invoice_id) DO UPDATE SET subscription_id = excluded.subscription_id,
       customer = excluded.customer, currency = excluded.currency, amount_due = excluded.amount_due,
       attempts = excluded.attempts, first_failed_at = excluded.first_failed_at,
       last_failed_at = excluded.last_failed_at, recovered_at = excluded.recovered_at,
       closed_at = excluded.closed_at, updated_at = excluded.updated_at`,
  );
  const since = db.prepare<[number, string], Row>(
    `SELECT ${COLUMNS} FROM stripe_payment_failures WHERE account_id = ? AND first_failed_at >= ?
     ORDER BY first_failed_at, invoice_id`,
  );
  const prune = db.prepare(
    'DELETE FROM stripe_payment_failures WHERE account_id = ? AND first_failed_at < ?',
  );
  return {
    find: (account, invoice) => {
      const row = find.get(account, invoice);
      return row ? toFailure(row) : null;
    },
    put: (account, f, now) => {
      put.run({ ...f, account, now });
    },
    since: (account, from) => since.all(account, from).map(toFailure),
    prune: (account, before) => prune.run(account, before).changes,
  };
}
