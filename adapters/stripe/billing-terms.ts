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

/** `quantity` of a recurring price as a line; null for a one-off price (no MRR). */
export function priceLine(price: Stripe.Price, quantity: number): PriceLine | null {
  const interval = price.recurring?.interval;
  if (!price.recurring || interval === undefined || !isInterval(interval)) return null;
  return {
    product: typeof price.product === 'string' ? price.product : price.product.id,
    unitAmount: price.unit_amount ?? Number(price.unit_amount_decimal ?? 0),
    interval,
    intervalCount: price.recurring.interval_count,
    quantity,
  };
}

/**
 * The first of `discounts` (expanded) as the arithmetic takes a coupon; null if it applies none.
 * An invoice may name a discount removed since: it applied to that invoice, its end unknown.
 */
export function couponDiscount(
  discounts: ReadonlyArray<string | Stripe.Discount | Stripe.DeletedDiscount>,
): Discount | null {
  const found = discounts.find((d) => typeof d !== 'string');
  if (!found) return null;
  const coupon = found.source?.coupon;
  if (!coupon || typeof coupon === 'string' || !isDuration(coupon.duration)) return null;
  return {
    percentOff: coupon.percent_off,
    amountOff: coupon.amount_off,
    duration: coupon.duration,
    durationInMonths: coupon.duration_in_months,
    start: iso(found.start),
    end: 'deleted' in found || found.end === null ? null : iso(found.end),
  };
}
