import { createCollection } from './stripe-collection.js';
import type { NextId } from './stripe-ids.js';
import type {
  FakeStripeCoupon,
  FakeStripeCouponInput,
  FakeStripeCustomer,
  FakeStripeCustomerInput,
  FakeStripePrice,
  FakeStripePriceInput,
  FakeStripeProduct,
  FakeStripeProductInput,
} from './stripe-records.js';
import { type FakeStripeClock, type FakeStripeInterval, type FakeStripeTime, timeOr } from './stripe-time.js';

/** What the catalog needs: ids, the clock, a shared creation counter, and the account's currency. */
export interface CatalogDeps {
  nextId: NextId;
  clock: FakeStripeClock;
  nextSeq: () => number;
  defaultCurrency: string;
}

/** Refuses a test's setup that Stripe would refuse, so the fake never holds what Stripe cannot. */
export function refuse(message: string): never {
  throw new Error(`fake Stripe: ${message}`);
}

const CURRENCY = /^[a-z]{3}$/;

export function checkCurrency(currency: string, what: string): string {
  if (!CURRENCY.test(currency))
    refuse(`${what} currency must be three lower-case letters (usd, eur), not "${currency}"`);
  return currency;
}

/** Stripe bills at most once a year: 365 days, 52 weeks, 12 months or 1 year. */
const MAX_COUNT: Record<FakeStripeInterval, number> = { day: 365, week: 52, month: 12, year: 1 };

function checkRecurring(recurring: FakeStripePriceInput['recurring']): FakeStripePrice['recurring'] {
  if (!recurring) return null;
  const { interval, intervalCount = 1 } = recurring;
  if (!(interval in MAX_COUNT)) refuse(`price interval must be day, week, month or year, not "${interval}"`);
  if (!Number.isInteger(intervalCount) || intervalCount < 1 || intervalCount > MAX_COUNT[interval])
    refuse(
      `a price billed every ${intervalCount} ${interval}(s) is longer than a year or not a whole number`,
    );
  return { interval, intervalCount };
}

function checkCoupon(input: FakeStripeCouponInput): void {
  const { percentOff, amountOff, currency, duration, durationInMonths } = input;
  if ((percentOff === undefined) === (amountOff === undefined))
    refuse('a coupon takes exactly one of percentOff and amountOff');
  if (percentOff !== undefined && !(percentOff > 0 && percentOff <= 100))
    refuse(`percentOff must be above 0 and at most 100, not ${percentOff}`);
  if (amountOff !== undefined && (!Number.isInteger(amountOff) || amountOff <= 0 || currency === undefined))
    refuse('amountOff must be a whole positive amount in cents, with a currency');
  if ((duration === 'repeating') !== (durationInMonths !== undefined))
    refuse('durationInMonths goes with duration "repeating", and only with it');
}

/** Products, prices, customers and coupons: what subscriptions and invoices refer to. */
export function createCatalog({ nextId, clock, nextSeq, defaultCurrency }: CatalogDeps) {
  const products = createCollection<FakeStripeProduct>();
  const prices = createCollection<FakeStripePrice>();
  const customers = createCollection<FakeStripeCustomer>();
  const coupons = createCollection<FakeStripeCoupon>();
  const created = (time: FakeStripeTime | undefined) => timeOr(time, clock.now(), 'created');

  function addProduct(input: FakeStripeProductInput): FakeStripeProduct {
    if (input.name.trim() === '') refuse('a product needs a name');
    const at = created(input.created);
    const product: FakeStripeProduct = {
      ...{ id: input.id ?? nextId('prod'), created: at, seq: nextSeq(), livemode: input.livemode ?? false },
      ...{ metadata: input.metadata ?? {}, name: input.name, active: input.active ?? true },
      ...{ description: input.description ?? null, updated: at },
    };
    products.add(product);
    return product;
  }

  function addPrice(input: FakeStripePriceInput): FakeStripePrice {
    const product = products.get(input.product);
    if (!product) refuse(`no product ${input.product}; add it first`);
    const tiers = input.tiers ?? null;
    if ((tiers === null) === (input.unitAmount === undefined))
      refuse('a price has a unitAmount or tiers, one of the two');
    const wholeCents = (n: number) => Number.isInteger(n) && n >= 0;
    if (input.unitAmount !== undefined && !wholeCents(input.unitAmount))
      refuse(`unitAmount is a whole number of cents, not ${input.unitAmount}`);
    if (
      tiers !== null &&
      (tiers.tiers.at(-1)?.upTo !== null || tiers.tiers.some((t) => !wholeCents(t.unitAmount)))
    )
      refuse('tiers end with one whose upTo is null (inf), and each has a whole unitAmount');
    const price: FakeStripePrice = {
      ...{ id: nextId('price'), created: created(input.created), seq: nextSeq(), livemode: product.livemode },
      ...{ metadata: input.metadata ?? {}, product: product.id, unitAmount: input.unitAmount ?? 0, tiers },
      usageType: input.usageType ?? 'licensed',
      currency: checkCurrency(input.currency ?? defaultCurrency, 'a price'),
      recurring: checkRecurring(input.recurring),
      active: input.active ?? true,
      nickname: input.nickname ?? null,
      lookupKey: input.lookupKey ?? null,
    };
    prices.add(price);
    return price;
  }

  function addCustomer(input: FakeStripeCustomerInput = {}): FakeStripeCustomer {
    const customer: FakeStripeCustomer = {
      id: nextId('cus'),
      created: created(input.created),
      seq: nextSeq(),
      livemode: input.livemode ?? false,
      metadata: input.metadata ?? {},
      email: input.email ?? null,
      name: input.name ?? null,
      currency: null,
    };
    customers.add(customer);
    return customer;
  }

  function addCoupon(input: FakeStripeCouponInput): FakeStripeCoupon {
    checkCoupon(input);
    const coupon: FakeStripeCoupon = {
      // Stripe names a coupon with eight characters when the caller does not.
      id: input.id ?? nextId('coupon').slice(-8),
      ...{ created: created(input.created), seq: nextSeq(), livemode: input.livemode ?? false, metadata: {} },
      name: input.name ?? null,
      percentOff: input.percentOff ?? null,
      amountOff: input.amountOff ?? null,
      currency: input.currency === undefined ? null : checkCurrency(input.currency, 'a coupon'),
      ...{ duration: input.duration, durationInMonths: input.durationInMonths ?? null, timesRedeemed: 0 },
    };
    coupons.add(coupon);
    return coupon;
  }

  return { products, prices, customers, coupons, addProduct, addPrice, addCustomer, addCoupon };
}

export type Catalog = ReturnType<typeof createCatalog>;
