import type Stripe from 'stripe';
import type {
  AccountSync,
  BillingInterval,
  Ctx,
  Discount,
  Goalpost,
  PriceLine,
  SubscriptionHistory,
} from '../../src/index.js';
import { wait, withBackoff } from './stripe-client.js';

/** Statuses in which a subscription is billed: trials, unpaid and incomplete ones earn nothing yet. */
const BILLED: ReadonlySet<Stripe.Subscription.Status> = new Set(['active', 'past_due']);

const iso = (unixSeconds: number): string => new Date(unixSeconds * 1000).toISOString();

const INTERVALS: ReadonlySet<string> = new Set(['day', 'week', 'month', 'year']);
const isInterval = (s: string): s is BillingInterval => INTERVALS.has(s);
const DURATIONS: ReadonlySet<string> = new Set(['once', 'repeating', 'forever']);
const isDuration = (s: string): s is Discount['duration'] => DURATIONS.has(s);

/** A subscription's recurring prices as lines (one-off prices are no MRR). */
function linesOf(sub: Stripe.Subscription): PriceLine[] {
  return sub.items.data.flatMap((item): PriceLine[] => {
    const price = item.price;
    const interval = price.recurring?.interval;
    if (!price.recurring || interval === undefined || !isInterval(interval)) return [];
    const unitAmount = price.unit_amount ?? Number(price.unit_amount_decimal ?? 0);
    return [
      {
        product: typeof price.product === 'string' ? price.product : price.product.id,
        unitAmount,
        interval,
        intervalCount: price.recurring.interval_count,
        quantity: item.quantity ?? 1,
      },
    ];
  });
}

/** The subscription's first coupon, as the arithmetic takes it (discounts come expanded). */
function discountOf(sub: Stripe.Subscription): Discount | null {
  const found = sub.discounts.find((d): d is Stripe.Discount => typeof d !== 'string');
  if (!found) return null;
  const coupon = found.source?.coupon;
  if (!coupon || typeof coupon === 'string' || !isDuration(coupon.duration)) return null;
  return {
    percentOff: coupon.percent_off,
    amountOff: coupon.amount_off,
    duration: coupon.duration,
    durationInMonths: coupon.duration_in_months,
    start: iso(found.start),
    end: found.end === null ? null : iso(found.end),
  };
}

/**
 * What a backfill knows of a subscription's history: billed from its start (or its trial's end)
 * at its current prices, until it ended. Changes before today (an upgrade last spring) are not
 * in the subscription object; the webhook records those from now on.
 */
export function historyOf(sub: Stripe.Subscription): SubscriptionHistory {
  const lines = linesOf(sub);
  const discount = discountOf(sub);
  const billedFrom = iso(Math.max(sub.start_date, sub.trial_end ?? 0));
  const everBilled = BILLED.has(sub.status) || (sub.status === 'canceled' && sub.ended_at !== null);
  const states = [{ at: billedFrom, lines, discount, live: everBilled }];
  if (sub.ended_at !== null) states.push({ at: iso(sub.ended_at), lines, discount, live: false });
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
  const histories: SubscriptionHistory[] = [];
  let after: string | undefined;
  for (;;) {
    const params = {
      status: 'all' as const,
      limit: 100,
      expand: ['data.discounts.source.coupon'],
      ...(after === undefined ? {} : { starting_after: after }),
    };
    const page = await withBackoff(() => stripe.subscriptions.list(params), sleep, 'read subscriptions');
    for (const sub of page.data) histories.push(historyOf(sub));
    const last = page.data.at(-1);
    if (!page.has_more || last === undefined) return histories;
    after = last.id;
  }
}

/**
 * Reads every subscription of `account` (every page before anything is written) and hands them to
 * the core, which keeps their histories and works out each month's MRR per project.
 */
export async function syncAccount(
  app: Goalpost,
  ctx: Ctx,
  stripe: Stripe,
  accountId: string,
): Promise<AccountSync> {
  return app.stripe.sync(ctx, accountId, await readHistories(stripe));
}
