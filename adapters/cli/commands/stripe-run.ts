// `goalpost stripe …`'s work, loaded only when one of those commands runs (the Stripe client is large).
import type { AccountSync, StripeAccountView, StripeConnectInput } from '../../../src/index.js';
import { readAccount, syncAccount } from '../../stripe/backfill.js';
import { createStripeClient, verifyAccount, verifyProducts } from '../../stripe/stripe-client.js';
import type { CliSession } from '../session.js';

/** What `stripe connect` did: the account, what the person should know, and the first sync. */
export interface StripeConnected {
  account: StripeAccountView;
  warnings: string[];
  sync: AccountSync;
}

export async function connect(s: CliSession<'stripe'>, input: StripeConnectInput): Promise<StripeConnected> {
  const app = s.app();
  const ctx = s.ctx();
  const plan = app.stripe.planConnect(ctx, input);
  const stripe = createStripeClient(plan.key, s.config().stripe.apiBase);
  const verified = await verifyAccount(stripe);
  await verifyProducts(
    stripe,
    verified.accountId,
    plan.products.map((p) => p.productId),
  );
  s.beforeBulkRead();
  // Every page is read before the account is saved, and saved with them: a read that fails
  // connects nothing (nor changes an account connected before), as its message says.
  const read = await readAccount(app, ctx, stripe, verified.accountId);
  const { account, sync } = app.stripe.connectAndSync(ctx, plan, verified, read);
  return { account, warnings: plan.warnings, sync };
}

export async function sync(s: CliSession<'stripe'>): Promise<AccountSync[]> {
  const app = s.app();
  const ctx = s.ctx();
  const done: AccountSync[] = [];
  const accounts = app.stripe.accounts(ctx);
  if (accounts.length > 0) s.beforeBulkRead();
  for (const account of accounts) {
    const stripe = createStripeClient(app.stripe.keyOf(ctx, account.accountId), s.config().stripe.apiBase);
    done.push(await syncAccount(app, ctx, stripe, account.accountId));
  }
  return done;
}

const money = (n: number, currency: string) => `${currency.toUpperCase()} ${n.toFixed(2)}`;

/** Stripe keeps live and test data apart: an account with no subscriptions may be read in the other mode. */
const emptyHint = (mode: AccountSync['mode']): string =>
  mode === 'live'
    ? 'This is a live-mode key, which reads live subscriptions only: if yours are in test mode, connect with an rk_test_ key.'
    : 'This is a test-mode key, which reads test subscriptions only: for your real revenue, connect with an rk_live_ key.';

function syncLine(r: AccountSync): string {
  const mrr = Object.entries(r.mrrNow)
    .map(([currency, n]) => money(n, currency))
    .join(', ');
  const apart = Object.entries(r.unmappedMrrNow)
    .filter(([, n]) => n > 0)
    .map(([currency, n]) => money(n, currency))
    .join(', ');
  const unmapped =
    r.unmapped.length > 0
      ? ` Products that feed no project: ${r.unmapped.join(', ')}${apart === '' ? '' : `, ${apart} of MRR now counted nowhere`} (--map them).`
      : '';
  const metered =
    r.metered.length > 0
      ? ` Sold at a metered price, counted in no month (a month's usage is known once it is billed): ${r.metered.join(', ')}.`
      : '';
  const replaced =
    r.replaced > 0 ? `, in place of ${r.replaced} typed record${r.replaced === 1 ? '' : 's'}` : '';
  const failing =
    r.unpaidFailures > 0
      ? ` ${r.unpaidFailures} invoice${r.unpaidFailures === 1 ? '' : 's'} with a failed payment still unpaid.`
      : '';
  // MRR now is this month's, from today's subscriptions; the milestone (and `revenue show`) counts
  // the last complete month: both are named, so the two figures do not read as one disagreeing.
  const counted =
    mrr === ''
      ? ''
      : r.lastComplete === null
        ? " (this month, from today's subscriptions; the revenue milestone counts complete months, and none has ended yet)"
        : ` (this month, from today's subscriptions; the revenue milestone counts complete months: ${r.lastComplete.month} closed at ${money(r.lastComplete.mrr, r.lastComplete.currency)})`;
  return `${r.account}: ${r.subscriptions} subscriptions read; ${r.written} project-months written${replaced}. MRR now: ${mrr || 'none'}${counted}.${failing}${unmapped}${metered}${r.subscriptions === 0 ? ` ${emptyHint(r.mode)}` : ''}`;
}

export function renderConnected(c: StripeConnected): string {
  const feeds = [
    ...(c.account.defaultProject ? [`every product → ${c.account.defaultProject}`] : []),
    ...c.account.products.map((p) => `${p.productId} → ${p.project}`),
  ].join('; ');
  return [
    ...c.warnings.map((w) => `Warning: ${w}`),
    `Connected Stripe account ${c.account.accountId}${c.account.name ? ` (${c.account.name})` : ''}, ${c.account.currency.toUpperCase()}: ${feeds}.`,
    syncLine(c.sync),
  ].join('\n');
}

export function renderSynced(results: AccountSync[]): string {
  if (results.length === 0)
    return 'No Stripe account is connected: `goalpost stripe connect --key rk_… --project "Name"`.';
  return results.map(syncLine).join('\n');
}
