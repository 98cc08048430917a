import { invoicePrefix } from './stripe-ids.js';
import type {
  FakeStripeAccount,
  FakeStripeCoupon,
  FakeStripeCustomer,
  FakeStripeDiscount,
  FakeStripePrice,
  FakeStripeProduct,
} from './stripe-records.js';

/** A JSON object as the API writes it. */
export type Json = Record<string, unknown>;

/**
 * The catalog objects as Stripe's API writes them at the version the fake serves: every field the
 * official types declare for them, `null` where Stripe writes null, references as ids (which
 * `expand[]` replaces). Fields Goalpost will never read are still here, at their usual values, so
 * a client that parses strictly sees what it would see from Stripe.
 */
export function productJson(p: FakeStripeProduct): Json {
  return {
    ...{ id: p.id, object: 'product', active: p.active, created: p.created, default_price: null },
    ...{ description: p.description, images: [], livemode: p.livemode, marketing_features: [] },
    ...{ metadata: p.metadata, name: p.name, package_dimensions: null, shippable: null },
    ...{ statement_descriptor: null, tax_code: null, unit_label: null, updated: p.updated, url: null },
  };
}

/**
 * A price as Stripe writes it: a tiered one with no `unit_amount` (null) and without its `tiers`,
 * which Stripe includes only when asked (`expand[]=tiers`, see tiersJson).
 */
export function priceJson(p: FakeStripePrice): Json {
  const recurring = p.recurring && {
    ...{ interval: p.recurring.interval, interval_count: p.recurring.intervalCount, meter: null },
    ...{ trial_period_days: null, usage_type: p.usageType },
  };
  const unit = p.tiers === null ? p.unitAmount : null;
  return {
    ...{ id: p.id, object: 'price', active: p.active, created: p.created },
    billing_scheme: p.tiers === null ? 'per_unit' : 'tiered',
    ...{ currency: p.currency, custom_unit_amount: null, livemode: p.livemode, lookup_key: p.lookupKey },
    ...{ metadata: p.metadata, nickname: p.nickname, product: p.product, recurring },
    ...{ tax_behavior: 'unspecified', tiers_mode: p.tiers?.mode ?? null, transform_quantity: null },
    ...{ type: p.recurring ? 'recurring' : 'one_time', unit_amount: unit },
    unit_amount_decimal: unit === null ? null : String(unit),
  };
}

/** A price's `tiers` as `expand[]=tiers` includes them (`up_to` null for the last, "inf" when sent). */
export function tiersJson(p: FakeStripePrice): Json[] | null {
  return (
    p.tiers?.tiers.map((t) => ({
      ...{ flat_amount: t.flatAmount, flat_amount_decimal: String(t.flatAmount) },
      ...{ unit_amount: t.unitAmount, unit_amount_decimal: String(t.unitAmount), up_to: t.upTo },
    })) ?? null
  );
}

/** What `quantity` units of a price bill a period, by its tiers when it has them. */
export function priceAmount(p: FakeStripePrice, quantity: number): number {
  if (p.tiers === null) return p.unitAmount * quantity;
  const { mode, tiers } = p.tiers;
  if (mode === 'volume') {
    const tier = tiers.find((t) => t.upTo === null || quantity <= t.upTo);
    return tier === undefined ? 0 : tier.unitAmount * quantity + tier.flatAmount;
  }
  let amount = 0;
  let below = 0;
  for (const t of tiers) {
    const units = Math.min(quantity, t.upTo ?? Number.POSITIVE_INFINITY) - below;
    if (units <= 0) break;
    amount += t.unitAmount * units + t.flatAmount;
    below += units;
  }
  return amount;
}

/** The legacy Plan Stripe still writes beside each subscription item's price. */
export function planJson(p: FakeStripePrice): Json {
  return {
    id: p.id,
    object: 'plan',
    active: p.active,
    amount: p.tiers === null ? p.unitAmount : null,
    amount_decimal: p.tiers === null ? String(p.unitAmount) : null,
    ...{ billing_scheme: p.tiers === null ? 'per_unit' : 'tiered', created: p.created, currency: p.currency },
    ...{ interval: p.recurring?.interval ?? 'month', interval_count: p.recurring?.intervalCount ?? 1 },
    ...{ livemode: p.livemode, metadata: p.metadata, meter: null, nickname: p.nickname, product: p.product },
    ...{
      tiers_mode: p.tiers?.mode ?? null,
      transform_usage: null,
      trial_period_days: null,
      usage_type: p.usageType,
    },
  };
}

export function customerJson(c: FakeStripeCustomer): Json {
  return {
    ...{ id: c.id, object: 'customer', address: null, balance: 0, created: c.created, currency: c.currency },
    ...{ default_source: null, delinquent: false, description: null, discount: null, email: c.email },
    invoice_prefix: invoicePrefix(c.id),
    invoice_settings: {
      custom_fields: null,
      default_payment_method: null,
      footer: null,
      rendering_options: null,
    },
    ...{ livemode: c.livemode, metadata: c.metadata, name: c.name, next_invoice_sequence: 1, phone: null },
    ...{ preferred_locales: [], shipping: null, tax_exempt: 'none', test_clock: null },
  };
}

export function couponJson(c: FakeStripeCoupon): Json {
  return {
    ...{ id: c.id, object: 'coupon', amount_off: c.amountOff, created: c.created, currency: c.currency },
    ...{ duration: c.duration, duration_in_months: c.durationInMonths, livemode: c.livemode },
    ...{ max_redemptions: null, metadata: c.metadata, name: c.name, percent_off: c.percentOff },
    ...{ redeem_by: null, times_redeemed: c.timesRedeemed, valid: true },
  };
}

/** A discount names its coupon under `source` (an id unless expanded), as Stripe has since 2025. */
export function discountJson(d: FakeStripeDiscount): Json {
  return {
    ...{ id: d.id, object: 'discount', checkout_session: null, customer: d.customer, customer_account: null },
    ...{ end: d.end, invoice: null, invoice_item: null, promotion_code: null },
    ...{ source: { coupon: d.coupon, type: 'coupon' }, start: d.start, subscription: d.subscription },
    subscription_item: null,
  };
}

export function accountJson(a: FakeStripeAccount): Json {
  return {
    id: a.id,
    object: 'account',
    business_profile: { name: a.displayName, url: null },
    business_type: 'company',
    ...{ charges_enabled: true, country: a.country, created: a.created, default_currency: a.defaultCurrency },
    ...{ details_submitted: true, email: a.email, payouts_enabled: true },
    settings: { dashboard: { display_name: a.displayName, timezone: 'Etc/UTC' } },
    type: 'standard',
  };
}
