import type { FakeStripeInterval, FakeStripeTime } from './stripe-time.js';

/**
 * What the fake keeps of each Stripe object. Times are Unix seconds, money in the currency's
 * smallest unit (cents), as on the wire. `seq` orders objects created in the same second (newest
 * first), the way Stripe's own lists do; `livemode` separates live data from test data.
 */
export interface FakeStripeRecord {
  readonly id: string;
  readonly created: number;
  readonly seq: number;
  readonly livemode: boolean;
  metadata: Record<string, string>;
}

export interface FakeStripeProduct extends FakeStripeRecord {
  name: string;
  active: boolean;
  description: string | null;
  updated: number;
}

export interface FakeStripePrice extends FakeStripeRecord {
  readonly product: string;
  readonly currency: string;
  /** Per unit; 0 for a tiered price (its `tiers` say what a quantity costs, and Stripe writes null). */
  readonly unitAmount: number;
  /** Null for a one-time price. */
  readonly recurring: { interval: FakeStripeInterval; intervalCount: number } | null;
  /** A tiered price's tiers; null for a per-unit one. */
  readonly tiers: FakeStripeTiers | null;
  /** `metered`: billed each period for the usage reported, not the subscription's quantity. */
  readonly usageType: 'licensed' | 'metered';
  active: boolean;
  nickname: string | null;
  lookupKey: string | null;
}

export interface FakeStripeCustomer extends FakeStripeRecord {
  email: string | null;
  name: string | null;
  /** Set by its first subscription or invoice, as Stripe sets it. */
  currency: string | null;
}

export interface FakeStripeCoupon extends FakeStripeRecord {
  name: string | null;
  percentOff: number | null;
  amountOff: number | null;
  currency: string | null;
  duration: 'once' | 'repeating' | 'forever';
  durationInMonths: number | null;
  timesRedeemed: number;
}

export interface FakeStripeDiscount {
  readonly id: string;
  readonly coupon: string;
  readonly customer: string;
  readonly subscription: string;
  readonly start: number;
  /** When a `repeating` coupon runs out; null for `once` and `forever`. */
  readonly end: number | null;
}

export interface FakeStripeSubscriptionItem {
  readonly id: string;
  readonly created: number;
  price: string;
  quantity: number;
  metadata: Record<string, string>;
}

export type FakeStripeSubscriptionStatus =
  | 'active'
  | 'trialing'
  | 'past_due'
  | 'canceled'
  | 'unpaid'
  | 'incomplete'
  | 'incomplete_expired'
  | 'paused';

export interface FakeStripeSubscription extends FakeStripeRecord {
  readonly customer: string;
  status: FakeStripeSubscriptionStatus;
  items: FakeStripeSubscriptionItem[];
  discounts: FakeStripeDiscount[];
  readonly startDate: number;
  /** Billing periods run from here in whole intervals of the items' price. */
  billingCycleAnchor: number;
  readonly currency: string;
  cancelAtPeriodEnd: boolean;
  cancelAt: number | null;
  canceledAt: number | null;
  endedAt: number | null;
  cancellationReason: 'cancellation_requested' | 'payment_disputed' | 'payment_failed' | null;
  trialStart: number | null;
  trialEnd: number | null;
  latestInvoice: string | null;
}

export type FakeStripeInvoiceStatus = 'draft' | 'open' | 'paid' | 'uncollectible' | 'void';

/**
 * A line is backed by a subscription item (a period of the subscription's price) or by an invoice
 * item (`ii_…`): a one-off charge, or a proration a change in mid-period made.
 */
export interface FakeStripeInvoiceLine {
  readonly id: string;
  readonly price: string;
  readonly quantity: number;
  readonly amount: number;
  readonly periodStart: number;
  readonly periodEnd: number;
  readonly subscriptionItem: string | null;
  readonly invoiceItem: string | null;
  readonly proration: boolean;
  /** This line's share of each discount the invoice applied. */
  readonly discountAmounts: ReadonlyArray<{ amount: number; discount: string }>;
}

export interface FakeStripeInvoice extends FakeStripeRecord {
  readonly customer: string;
  readonly subscription: string | null;
  status: FakeStripeInvoiceStatus;
  readonly currency: string;
  readonly amountDue: number;
  amountPaid: number;
  attemptCount: number;
  readonly periodStart: number;
  readonly periodEnd: number;
  readonly billingReason: 'subscription_create' | 'subscription_cycle' | 'subscription_update' | 'manual';
  /** The subscription's discounts in force when it was made (`di_…`), as invoice-level discounts. */
  readonly discounts: readonly string[];
  readonly number: string | null;
  finalizedAt: number | null;
  paidAt: number | null;
  voidedAt: number | null;
  markedUncollectibleAt: number | null;
  readonly lines: FakeStripeInvoiceLine[];
}

export interface FakeStripeAccount {
  readonly id: string;
  readonly displayName: string;
  readonly defaultCurrency: string;
  readonly country: string;
  readonly email: string | null;
  readonly created: number;
}

/** What a test gives to add each object; everything not given has Stripe's default. */
export interface FakeStripeProductInput {
  /** Stripe lets a product be created with an id of one's choosing. */
  id?: string;
  name: string;
  active?: boolean;
  description?: string | null;
  metadata?: Record<string, string>;
  created?: FakeStripeTime;
  livemode?: boolean;
}

/** Tiers as Stripe prices a quantity by them: the last one's `upTo` is null (every unit beyond). */
export interface FakeStripeTiers {
  /** `volume`: every unit at the tier the quantity falls in; `graduated`: each unit at its own tier. */
  mode: 'volume' | 'graduated';
  tiers: Array<{ upTo: number | null; unitAmount: number; flatAmount: number }>;
}

export interface FakeStripePriceInput {
  product: string;
  currency?: string;
  /** In the currency's smallest unit: 1500 is $15.00. Leave out for a tiered price. */
  unitAmount?: number;
  tiers?: FakeStripeTiers;
  usageType?: 'licensed' | 'metered';
  /** Leave out for a one-time price. */
  recurring?: { interval: FakeStripeInterval; intervalCount?: number };
  active?: boolean;
  nickname?: string | null;
  lookupKey?: string | null;
  metadata?: Record<string, string>;
  created?: FakeStripeTime;
  livemode?: boolean;
}

export interface FakeStripeCustomerInput {
  email?: string | null;
  name?: string | null;
  metadata?: Record<string, string>;
  created?: FakeStripeTime;
  livemode?: boolean;
}

export interface FakeStripeCouponInput {
  id?: string;
  name?: string | null;
  percentOff?: number;
  amountOff?: number;
  currency?: string;
  duration: 'once' | 'repeating' | 'forever';
  durationInMonths?: number;
  created?: FakeStripeTime;
  livemode?: boolean;
}

export interface FakeStripeSubscriptionInput {
  customer: string;
  items: Array<{ price: string; quantity?: number; metadata?: Record<string, string> }>;
  status?: FakeStripeSubscriptionStatus;
  /** Coupons applied to the whole subscription; `start` defaults to the subscription's start. */
  discounts?: Array<{ coupon: string; start?: FakeStripeTime }>;
  /** When it was created and started (default: the clock). */
  created?: FakeStripeTime;
  startDate?: FakeStripeTime;
  billingCycleAnchor?: FakeStripeTime;
  trialEnd?: FakeStripeTime;
  cancelAtPeriodEnd?: boolean;
  /** For a `canceled` subscription: when it was canceled and when it ended (default: the clock). */
  canceledAt?: FakeStripeTime;
  endedAt?: FakeStripeTime;
  metadata?: Record<string, string>;
  livemode?: boolean;
}

export interface FakeStripeInvoiceInput {
  customer?: string;
  subscription?: string;
  status?: FakeStripeInvoiceStatus;
  /** Default: the sum of its lines. */
  amountDue?: number;
  /** Default: `amountDue` when paid, else 0. */
  amountPaid?: number;
  currency?: string;
  periodStart?: FakeStripeTime;
  periodEnd?: FakeStripeTime;
  created?: FakeStripeTime;
  /** Default: `created` when the invoice is paid. */
  paidAt?: FakeStripeTime;
  billingReason?: FakeStripeInvoice['billingReason'];
  /**
   * Default for a subscription's invoice: one line per item at its price and quantity, for the
   * period the subscription was in when the invoice was made. A line names an item's price, or is
   * an invoice item: a `proration` (its period from the change to the period's end) or a one-off.
   */
  lines?: FakeStripeInvoiceLineInput[];
  livemode?: boolean;
}

export interface FakeStripeInvoiceLineInput {
  price: string;
  quantity?: number;
  /** Default: the price's unit amount times the quantity. */
  amount?: number;
  /** An invoice item for the difference a change in mid-period made (negative for unused time). */
  proration?: boolean;
  /** A one-off invoice item (a setup fee), not one of the subscription's items. */
  invoiceItem?: boolean;
  /** Default: the invoice's service period. */
  periodStart?: FakeStripeTime;
  periodEnd?: FakeStripeTime;
}
