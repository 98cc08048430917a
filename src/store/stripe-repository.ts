import type { SubscriptionHistory, SubscriptionState } from '../domain/mrr.js';
import { jsonColumn } from './json-column.js';
import type { Db } from './open-database.js';

/** A connected Stripe account, as stored. */
export interface StripeAccountRow {
  id: number;
  workspaceId: string;
  accountId: string;
  name: string;
  currency: string;
  apiKey: string;
  defaultProjectId: number | null;
  syncedAt: string | null;
  /** When its last read failed, and why; cleared by the next read that works. */
  failedAt: string | null;
  failure: string | null;
  createdBy: string;
  createdAt: string;
}

export type NewStripeAccount = Omit<
  StripeAccountRow,
  'id' | 'syncedAt' | 'failedAt' | 'failure' | 'createdAt'
>;

export interface StripeRepository {
  /** Adds the account, or updates its name, currency, key and default project if it is there. */
  putAccount(account: NewStripeAccount, now: string): StripeAccountRow;
  accounts(workspaceId: string): StripeAccountRow[];
  /** Replaces the account's product → project map. */
  setProducts(accountRowId: number, products: ReadonlyArray<{ productId: string; projectId: number }>): void;
  /** The account's product → project map. */
  products(accountRowId: number): Map<string, number>;
  /** Records a read that worked (and clears the last failure). */
  setSynced(accountRowId: number, now: string): void;
  /** Records a read that failed, and why. */
  setFailed(accountRowId: number, now: string, failure: string): void;
  /** The projects whose revenue a connected account feeds (its default project, its mapped ones). */
  fedProjects(workspaceId: string): Set<number>;
  /**
   * Replaces the account's first sales: by project it feeds, when its first paid subscription
   * began billing (ISO 8601), as recompute finds them in the histories it reads.
   */
  setFirstSales(accountRowId: number, sales: ReadonlyMap<number, string>): void;
  /**
   * By project a connected account of the workspace feeds, when its first paid subscription began
   * billing (the earliest, over its accounts): the day its first sale was made, where its months
   * from Stripe say only the month (see launchedBy). A row a project, as the last sync wrote them:
   * a plan reads no subscription.
   */
  firstSales(workspaceId: string): Map<number, string>;
  /** Every connected account, of every workspace: where a webhook event may belong. */
  allAccounts(): StripeAccountRow[];
  /** The accounts (row ids) that hold subscription `subscriptionId`. */
  holdersOf(subscriptionId: string): number[];
  /** Every stored subscription history of the account. */
  histories(accountRowId: number): SubscriptionHistory[];
  history(accountRowId: number, subscriptionId: string): SubscriptionHistory | null;
  /** The ids of the account's stored subscriptions. */
  subscriptionIds(accountRowId: number): Set<string>;
  putHistory(accountRowId: number, history: SubscriptionHistory, now: string): void;
  /** Removes the account's stored histories but those in `keep` (a sync saw the others go). */
  keepHistories(accountRowId: number, keep: readonly string[]): void;
}

/** A state as a row holds it: with its coupons, or (written by an earlier version) its one coupon. */
type StoredState = Omit<SubscriptionState, 'discounts'> & {
  discounts?: SubscriptionState['discounts'];
  discount?: SubscriptionState['discounts'][number] | null;
};

const isStates = (v: unknown): v is StoredState[] =>
  Array.isArray(v) &&
  v.every((s) => typeof s === 'object' && s !== null && typeof (s as SubscriptionState).at === 'string');

/**
 * A stored state as the arithmetic reads it: a row written before coupons could stack holds one
 * coupon as `discount` (or null), read as a list of it, so no migration rewrites the rows.
 */
function readState({ discount, discounts, ...state }: StoredState): SubscriptionState {
  return { ...state, discounts: discounts ?? (discount ? [discount] : []) };
}

interface Row {
  id: number;
  workspace_id: string;
  account_id: string;
  name: string;
  currency: string;
  api_key: string;
  default_project_id: number | null;
  synced_at: string | null;
  failed_at: string | null;
  failure: string | null;
  created_by: string;
  created_at: string;
}

const toAccount = (r: Row): StripeAccountRow => ({
  id: r.id,
  workspaceId: r.workspace_id,
  accountId: r.account_id,
  name: r.name,
  currency: r.currency,
  apiKey: r.api_key,
  defaultProjectId: r.default_project_id,
  syncedAt: r.synced_at,
  failedAt: r.failed_at,
  failure: r.failure,
  createdBy: r.created_by,
  createdAt: r.created_at,
});

export function createStripeRepository(db: Db): StripeRepository {
  const put = db.prepare<Record<string, unknown>, Row>(
    `INSERT INTO stripe_accounts (workspace_id, account_id, name, currency, api_key, default_project_id, created_by, created_at)
     VALUES (@workspaceId, @accountId, @name, @currency, @apiKey, @defaultProjectId, @createdBy, @now)
     ON CONFLICT (workspace_id, account_id) DO UPDATE SET name = excluded.name, currency = excluded.currency,
       api_key = excluded.api_key, default_project_id = excluded.default_project_id
     RETURNING *`,
  );
  const list = db.prepare<[string], Row>('SELECT * FROM stripe_accounts WHERE workspace_id = ? ORDER BY id');
  const clear = db.prepare('DELETE FROM stripe_products WHERE account_id = ?');
  const map = db.prepare('INSERT INTO stripe_products (account_id, product_id, project_id) VALUES (?, ?, ?)');
  const products = db
    .prepare<[number], [string, number]>(
      'SELECT product_id, project_id FROM stripe_products WHERE account_id = ?',
    )
    .raw();
  const synced = db.prepare(
    'UPDATE stripe_accounts SET synced_at = ?, failed_at = NULL, failure = NULL WHERE id = ?',
  );
  const failed = db.prepare('UPDATE stripe_accounts SET failed_at = ?, failure = ? WHERE id = ?');
  const fed = db
    .prepare<[string, string], number>(
      `SELECT default_project_id FROM stripe_accounts WHERE workspace_id = ? AND default_project_id IS NOT NULL
       UNION SELECT p.project_id FROM stripe_products p JOIN stripe_accounts a ON a.id = p.account_id
       WHERE a.workspace_id = ?`,
    )
    .pluck();
  const clearFirstSales = db.prepare('DELETE FROM stripe_first_sales WHERE account_id = ?');
  const putFirstSale = db.prepare(
    'INSERT INTO stripe_first_sales (account_id, project_id, first_sale) VALUES (?, ?, ?)',
  );
  const firstSales = db
    .prepare<[string], [number, string]>(
      `SELECT f.project_id, min(f.first_sale) FROM stripe_accounts a
       JOIN stripe_first_sales f ON f.account_id = a.id WHERE a.workspace_id = ? GROUP BY f.project_id`,
    )
    .raw();
  const all = db.prepare<[], Row>('SELECT * FROM stripe_accounts ORDER BY id');
  const holders = db
    .prepare<[string], number>('SELECT account_id FROM stripe_subscriptions WHERE subscription_id = ?')
    .pluck();
  const histories = db
    .prepare<[number], [string, string, string, string]>(
      'SELECT subscription_id, customer, currency, states FROM stripe_subscriptions WHERE account_id = ? ORDER BY subscription_id',
    )
    .raw();
  const history = db
    .prepare<[number, string], [string, string, string, string]>(
      'SELECT subscription_id, customer, currency, states FROM stripe_subscriptions WHERE account_id = ? AND subscription_id = ?',
    )
    .raw();
  const ids = db
    .prepare<[number], string>('SELECT subscription_id FROM stripe_subscriptions WHERE account_id = ?')
    .pluck();
  const putHistory = db.prepare(
    `INSERT INTO stripe_subscriptions (account_id, subscription_id, customer, currency, states, updated_at)
     VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (account_id, subscription_id) DO UPDATE SET customer = excluded.customer,
       currency = excluded.currency, states = excluded.states, updated_at = excluded.updated_at`,
  );
  const keep = db.prepare(
    'DELETE FROM stripe_subscriptions WHERE account_id = ? AND subscription_id NOT IN (SELECT value FROM json_each(?))',
  );
  const toHistory = ([id, customer, currency, states]: [
    string,
    string,
    string,
    string,
  ]): SubscriptionHistory => ({
    id,
    customer,
    currency,
    states: jsonColumn(states, isStates, `stripe_subscriptions(${id}).states`).map(readState),
  });
  return {
    allAccounts: () => all.all().map(toAccount),
    holdersOf: (subscriptionId) => holders.all(subscriptionId),
    histories: (id) => histories.all(id).map(toHistory),
    history: (id, subscriptionId) => {
      const row = history.get(id, subscriptionId);
      return row ? toHistory(row) : null;
    },
    subscriptionIds: (id) => new Set(ids.all(id)),
    putHistory: (id, h, now) => {
      putHistory.run(id, h.id, h.customer, h.currency, JSON.stringify(h.states), now);
    },
    keepHistories: (id, ids) => {
      keep.run(id, JSON.stringify(ids));
    },
    putAccount: (account, now) => {
      const row = put.get({ ...account, now });
      if (!row) throw new Error('INSERT … RETURNING returned no row');
      return toAccount(row);
    },
    accounts: (ws) => list.all(ws).map(toAccount),
    setProducts: (id, mapped) => {
      clear.run(id);
      for (const m of mapped) map.run(id, m.productId, m.projectId);
    },
    products: (id) => new Map(products.all(id)),
    setSynced: (id, now) => {
      synced.run(now, id);
    },
    setFailed: (id, now, failure) => {
      failed.run(now, failure, id);
    },
    fedProjects: (ws) => new Set(fed.all(ws, ws)),
    setFirstSales: (id, sales) => {
      clearFirstSales.run(id);
      for (const [projectId, at] of sales) putFirstSale.run(id, projectId, at);
    },
    firstSales: (ws) => new Map(firstSales.all(ws)),
  };
}
