import type Stripe from 'stripe';
import {
  type BilledProjectMonth,
  type BillingInterval,
  type Ctx,
  type Discount,
  type Goalpost,
  mrrByCurrency,
  type PriceLine,
  type StripeAccountView,
  type SubscriptionHistory,
} from '../../src/index.js';
import { stripeProblem } from './stripe-client.js';

/** How far back a backfill writes months. */
const BACKFILL_MONTHS = 24;

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

/** Every subscription of the account, any status, newest first as Stripe pages them. */
export async function readHistories(stripe: Stripe): Promise<SubscriptionHistory[]> {
  const histories: SubscriptionHistory[] = [];
  try {
    for await (const sub of stripe.subscriptions.list({
      status: 'all',
      limit: 100,
      expand: ['data.discounts'],
    })) {
      histories.push(historyOf(sub));
    }
  } catch (error) {
    throw stripeProblem(error, 'read subscriptions');
  }
  return histories;
}

/** The months from `from`'s (at most 24 back) to `now`'s, `YYYY-MM`. */
export function monthsFrom(from: string, now: Date): string[] {
  const months: string[] = [];
  const end = now.getUTCFullYear() * 12 + now.getUTCMonth();
  const first = Math.max(
    new Date(from).getUTCFullYear() * 12 + new Date(from).getUTCMonth(),
    end - BACKFILL_MONTHS + 1,
  );
  for (let m = first; m <= end; m++)
    months.push(`${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`);
  return months;
}

/** What a sync did. */
export interface AccountSync {
  account: string;
  subscriptions: number;
  written: number;
  replaced: number;
  /** MRR now per currency, in major units: the account's currency feeds the milestone, others are shown apart. */
  mrrNow: Record<string, number>;
  /** Products sold with no project to feed (no --map for them, and no --project). */
  unmapped: string[];
}

/**
 * Reads every subscription of `account`, splits them by the project each product feeds, works
 * out each month's MRR and movements in the account's currency, and writes them in one
 * transaction. Every page is read before anything is written.
 */
export async function syncAccount(
  app: Goalpost,
  ctx: Ctx,
  stripe: Stripe,
  account: StripeAccountView,
  now: Date,
): Promise<AccountSync> {
  const histories = await readHistories(stripe);
  const projectOf = app.stripe.projectOf(ctx, account.accountId);
  const byProject = new Map<number, SubscriptionHistory[]>();
  const unmapped = new Set<string>();
  for (const h of histories) {
    if (h.currency !== account.currency) continue;
    const split = new Map<number, SubscriptionHistory>();
    for (const state of h.states) {
      for (const line of state.lines) {
        const project = projectOf(line.product);
        if (project === null) unmapped.add(line.product);
        else if (!split.has(project)) split.set(project, { ...h, states: [] });
      }
    }
    for (const [project, part] of split) {
      part.states = h.states.map((s) => ({
        ...s,
        lines: s.lines.filter((l) => projectOf(l.product) === project),
      }));
      byProject.set(project, [...(byProject.get(project) ?? []), part]);
    }
  }
  const earliest = histories.reduce(
    (min, h) => (h.states[0] && h.states[0].at < min ? h.states[0].at : min),
    now.toISOString(),
  );
  const months = monthsFrom(earliest, now);
  const billed: BilledProjectMonth[] = [];
  for (const [projectId, group] of byProject) {
    for (const figures of mrrByCurrency(group, months).get(account.currency) ?? [])
      billed.push({ projectId, figures });
  }
  const { written, replaced } = app.stripe.recordMonths(ctx, account.accountId, billed);
  const thisMonth = months.at(-1) ?? '';
  const mrrNow: Record<string, number> = {};
  for (const [currency, series] of mrrByCurrency(histories, [thisMonth]))
    mrrNow[currency] = (series[0]?.mrr ?? 0) / 100;
  return {
    account: account.accountId,
    subscriptions: histories.length,
    written,
    replaced,
    mrrNow,
    unmapped: [...unmapped],
  };
}
