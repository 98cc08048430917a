// How Stripe's objects read as the billing arithmetic's terms: times, recurring prices, coupons.
// Shared by the subscription backfill and the invoice reader.
import type Stripe from 'stripe';
import type { BillingInterval, Discount, PriceLine } from '../../src/index.js';

/** Unix seconds, as Stripe writes times, to ISO 8601. */
export const iso = (unixSeconds: number): string => new Date(unixSeconds * 1000).toISOString();

const INTERVALS: ReadonlySet<string> = new Set(['day', 'week', 'month', 'year']);
const isInterval = (s: string): s is BillingInterval => INTERVALS.has(s);
const DURATIONS: ReadonlySet<string> = new Set(['once', 'repeating', 'forever']);
const isDuration = (s: string): s is Discount['duration'] => DURATIONS.has(s);

/** A tier's amount in minor units (Stripe writes a decimal one beside it, and null when unset). */
const amountOf = (whole: number | null, decimal: { toString(): string } | null): number =>
  whole ?? Number(String(decimal ?? 0));

/**
 * What `quantity` units of a tiered price bill a period, as Stripe prices them: `volume` bills
 * every unit at the tier the quantity falls in, `graduated` each unit at the tier it falls in;
 * each tier reached adds its flat amount.
 */
export function tieredAmount(price: Stripe.Price, quantity: number): number {
  const tiers = price.tiers;
  if (tiers === undefined)
    throw new Error(`price ${price.id} is tiered and was read without its tiers (expand[]=tiers)`);
  const bill = (t: Stripe.Price.Tier, units: number) =>
    amountOf(t.unit_amount, t.unit_amount_decimal) * units + amountOf(t.flat_amount, t.flat_amount_decimal);
  if (price.tiers_mode === 'volume') {
    const tier = tiers.find((t) => t.up_to === null || quantity <= t.up_to);
    return tier === undefined ? 0 : bill(tier, quantity);
  }
  let amount = 0;
  let below = 0;
  for (const t of tiers) {
    const units = Math.min(quantity, t.up_to ?? Number.POSITIVE_INFINITY) - below;
    if (units <= 0) break;
    amount += bill(t, units);
    below += units;
  }
  return amount;
}

/**
 * `quantity` of a recurring price as a line; null for a one-off price (no MRR). A tiered price
 * (read with its tiers) is one line of what the quantity bills; a metered one bills the usage
 * reported, which no one knows before the period ends: it is a line marked so, worth nothing in MRR.
 */
export function priceLine(price: Stripe.Price, quantity: number): PriceLine | null {
  const interval = price.recurring?.interval;
  if (!price.recurring || interval === undefined || !isInterval(interval)) return null;
  const line = {
    product: typeof price.product === 'string' ? price.product : price.product.id,
    interval,
    intervalCount: price.recurring.interval_count,
  };
  if (price.recurring.usage_type === 'metered')
    return {
      ...line,
      unitAmount: amountOf(price.unit_amount, price.unit_amount_decimal),
      quantity: 1,
      metered: true,
    };
  if (price.billing_scheme === 'tiered')
    return { ...line, unitAmount: tieredAmount(price, quantity), quantity: 1 };
  return { ...line, unitAmount: amountOf(price.unit_amount, price.unit_amount_decimal), quantity };
}

/** Whether a price's MRR needs its tiers, which Stripe sends only when asked. */
export const needsTiers = (price: Stripe.Price): boolean =>
  price.billing_scheme === 'tiered' && price.recurring?.usage_type !== 'metered' && price.tiers === undefined;

/** One of `discounts` (expanded) as the arithmetic takes a coupon; null if it applies none. */
function couponDiscount(d: string | Stripe.Discount | Stripe.DeletedDiscount): Discount | null {
  if (typeof d === 'string') return null;
  const coupon = d.source?.coupon;
  if (!coupon || typeof coupon === 'string' || !isDuration(coupon.duration)) return null;
  return {
    percentOff: coupon.percent_off,
    amountOff: coupon.amount_off,
    duration: coupon.duration,
    durationInMonths: coupon.duration_in_months,
    start: iso(d.start),
    end: 'deleted' in d || d.end === null ? null : iso(d.end),
  };
}

/**
 * Every coupon of `discounts` (expanded), in Stripe's order: since API 2025-03-31.basil a
 * subscription or invoice may stack several, and each takes its part (taking only the first
 * recorded $80 where Stripe billed $50). An invoice may name a discount removed since: it
 * applied to that invoice, its end unknown.
 */
export const couponDiscounts = (
  discounts: ReadonlyArray<string | Stripe.Discount | Stripe.DeletedDiscount>,
): Discount[] => discounts.flatMap((d) => couponDiscount(d) ?? []);
