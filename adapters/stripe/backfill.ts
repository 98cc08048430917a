import type Stripe from 'stripe';
import type {
  AccountRead,
  AccountSync,
  Ctx,
  Facade,
  PriceLine,
  SubscriptionHistory,
} from '../../src/index.js';
import { couponDiscounts, iso, needsTiers, priceLine } from './billing-terms.js';
import { readInvoices } from './invoice-history.js';
import { readPaymentFailures } from './payment-failures.js';
import { listAll, wait, withBackoff } from './stripe-client.js';

/** Statuses in which a subscription is billed: trials, unpaid and incomplete ones earn nothing yet. */
const BILLED: ReadonlySet<Stripe.Subscription.Status> = new Set(['active', 'past_due']);

/** A subscription's recurring prices as lines, a tiered one's priced by its tiers (`tiered`, by price). */
function linesOf(sub: Stripe.Subscription, tiered: ReadonlyMap<string, Stripe.Price>): PriceLine[] {
  return sub.items.data.flatMap(
    (item) => priceLine(tiered.get(item.price.id) ?? item.price, item.quantity ?? 1) ?? [],
  );
}

/**
 * Each tiered price of `subs` read again with its tiers, once each: Stripe sends a price's tiers
 * only when asked, and not from a subscription (a price inside a list of subscriptions is deeper
 * than the four levels Stripe expands).
 */
export async function tieredPrices(
  stripe: Stripe,
  subs: readonly Stripe.Subscription[],
  sleep = wait,
): Promise<Map<string, Stripe.Price>> {
  const prices = new Map<string, Stripe.Price>();
  for (const { price } of subs.flatMap((sub) => sub.items.data)) {
    if (!needsTiers(price) || prices.has(price.id)) continue;
    const read = () => stripe.prices.retrieve(price.id, { expand: ['tiers'] });
    prices.set(price.id, await withBackoff(read, sleep, 'read prices'));
  }
  return prices;
}

/**
 * What the subscription object says of its history: billed from its start (or its trial's end)
 * at its current prices, until it ended. Changes before today (an upgrade last spring) are not in
 * it: a first sync takes them from its invoices (readInvoices), the webhook from now on.
 */
export function historyOf(
  sub: Stripe.Subscription,
  tiered: ReadonlyMap<string, Stripe.Price> = new Map(),
): SubscriptionHistory {
  const lines = linesOf(sub, tiered);
  const discounts = couponDiscounts(sub.discounts);
  const billedFrom = iso(Math.max(sub.start_date, sub.trial_end ?? 0));
  const everBilled = BILLED.has(sub.status) || (sub.status === 'canceled' && sub.ended_at !== null);
  const states: SubscriptionHistory['states'] = [
    {
      at: billedFrom,
      lines,
      discounts,
      live: everBilled,
      ...(sub.status === 'trialing' ? { trial: true as const } : {}),
    },
  ];
  if (sub.ended_at !== null) states.push({ at: iso(sub.ended_at), lines, discounts, live: false });
  return {
    id: sub.id,
    customer: typeof sub.customer === 'string' ? sub.customer : sub.customer.id,
    currency: sub.currency,
    states,
  };
}

/**
 * Every subscription of the account, any status, newest first as Stripe pages them, coupons
 * expanded. A page refused for the rate limit is asked again after a wait (stripe-node retries
 * only what Stripe marks retryable, which a rate limit is not).
 */
export async function readHistories(stripe: Stripe, sleep = wait): Promise<SubscriptionHistory[]> {
  const subs: Stripe.Subscription[] = [];
  const page = (after: string | undefined) =>
    stripe.subscriptions.list({
      status: 'all',
      limit: 100,
      expand: ['data.discounts.source.coupon'],
      ...(after === undefined ? {} : { starting_after: after }),
    });
  for await (const sub of listAll(page, 'read subscriptions', sleep)) subs.push(sub);
  const tiered = await tieredPrices(stripe, subs, sleep);
  return subs.map((sub) => historyOf(sub, tiered));
}

/**
 * Reads every subscription of `account`, the invoices of those the core has not seen before, and
 * its recent invoices whose payment failed: every page, writing nothing (see syncAccount, and
 * StripeSyncUseCases.connectAndSync). @throws what stripeProblem says of a read Stripe refused.
 */
export async function readAccount(
  app: Facade<'stripe'>,
  ctx: Ctx,
  stripe: Stripe,
  accountId: string,
): Promise<AccountRead> {
  const histories = await readHistories(stripe);
  const invoices = await readInvoices(stripe, app.stripe.invoicesWanted(ctx, accountId, histories));
  const payments = await readPaymentFailures(stripe, app.stripe.paymentsSince());
  return { histories, invoices, payments };
}

/**
 * Reads a connected account (see readAccount) and hands what it read to the core, which keeps
 * the subscriptions' histories, works out each month's MRR per project, and keeps the failed
 * payments. A read that fails is recorded on the account (the digest warns of it) before the
 * error goes on.
 */
export async function syncAccount(
  app: Facade<'stripe'>,
  ctx: Ctx,
  stripe: Stripe,
  accountId: string,
): Promise<AccountSync> {
  let read: AccountRead;
  try {
    read = await readAccount(app, ctx, stripe, accountId);
  } catch (error) {
    // Why, without the CLI's advice (the digest's warning says what to do).
    app.stripe.recordReadFailure(
      ctx,
      accountId,
      (error as Error).message.replace(/; nothing was changed.*$/, ''),
    );
    throw error;
  }
  return app.stripe.sync(ctx, accountId, read.histories, read.invoices, read.payments);
}
