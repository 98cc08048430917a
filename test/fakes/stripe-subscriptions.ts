import { type Catalog, type CatalogDeps, refuse } from './stripe-catalog.js';
import { createCollection } from './stripe-collection.js';
import type {
  FakeStripeDiscount,
  FakeStripePrice,
  FakeStripeSubscription,
  FakeStripeSubscriptionInput,
  FakeStripeSubscriptionItem,
} from './stripe-records.js';
import { addIntervals, periodAt, timeOr, toUnix } from './stripe-time.js';

/** A change a test makes to a subscription, as someone in the Dashboard or the API would. */
export interface FakeStripeSubscriptionPatch {
  status?: FakeStripeSubscription['status'];
  /** The new items, in order; an item keeps its id where one stood at its position (a price change). */
  items?: FakeStripeSubscriptionInput['items'];
  discounts?: FakeStripeSubscriptionInput['discounts'];
  cancelAtPeriodEnd?: boolean;
  metadata?: Record<string, string>;
}

/** The billing period a subscription is in now: a canceled one stays in the period it ended in. */
export function currentPeriod(sub: FakeStripeSubscription, price: FakeStripePrice, now: number) {
  const recurring = price.recurring ?? { interval: 'month' as const, intervalCount: 1 };
  if (sub.trialEnd !== null && now < sub.trialEnd)
    return { start: sub.trialStart ?? sub.startDate, end: sub.trialEnd };
  const at = sub.endedAt === null ? now : Math.min(now, sub.endedAt - 1);
  return periodAt(sub.billingCycleAnchor, recurring.interval, recurring.intervalCount, at);
}

/** How often a price bills, `month/1`; prices on one subscription must agree on it. */
const cadence = (p: FakeStripePrice | undefined) =>
  `${p?.recurring?.interval}/${p?.recurring?.intervalCount}`;

/** Subscriptions, refusing what Stripe refuses when one is created or changed. */
export function createSubscriptions(deps: CatalogDeps, catalog: Catalog) {
  const { nextId, clock, nextSeq } = deps;
  const subscriptions = createCollection<FakeStripeSubscription>();
  /** Every discount by id, for `expand[]=data.discounts` (Stripe has no endpoint to fetch one). */
  const discounts = new Map<string, FakeStripeDiscount>();

  /** Items as Stripe accepts them: recurring prices, one currency and one interval, no price twice. */
  function checkItems(items: FakeStripeSubscriptionInput['items'], livemode: boolean): FakeStripePrice[] {
    if (items.length === 0 || items.length > 20) refuse('a subscription has between 1 and 20 items');
    const prices = items.map(({ price: id, quantity = 1 }) => {
      const price = catalog.prices.get(id);
      if (!price || price.livemode !== livemode) refuse(`no price ${id} in this mode; add it first`);
      if (!price.recurring) refuse(`price ${id} is one-time; subscription items take recurring prices only`);
      if (!Number.isInteger(quantity) || quantity < 0)
        refuse(`quantity must be a whole number >= 0, not ${quantity}`);
      return price;
    });
    const [first] = prices as [FakeStripePrice];
    if (prices.some((p) => p.currency !== first.currency || cadence(p) !== cadence(first)))
      refuse('currency and interval must match across all prices on a subscription');
    if (new Set(prices.map((p) => p.id)).size !== prices.length)
      refuse('a subscription cannot have the same price on two items');
    return prices;
  }

  function makeItems(
    input: FakeStripeSubscriptionInput['items'],
    at: number,
    old: FakeStripeSubscriptionItem[] = [],
  ) {
    return input.map(({ price, quantity = 1, metadata }, i) => ({
      id: old[i]?.id ?? nextId('si'),
      created: old[i]?.created ?? at,
      ...{ price, quantity, metadata: metadata ?? old[i]?.metadata ?? {} },
    }));
  }

  function makeDiscounts(sub: FakeStripeSubscription, input: FakeStripeSubscriptionInput['discounts'] = []) {
    return input.map(({ coupon: id, start }): FakeStripeDiscount => {
      const coupon = catalog.coupons.get(id);
      if (!coupon) refuse(`no coupon ${id}; add it first`);
      if (coupon.currency !== null && coupon.currency !== sub.currency)
        refuse(
          `coupon ${id} takes ${coupon.amountOff} ${coupon.currency} off, but the subscription is in ${sub.currency}`,
        );
      const begins = timeOr(start, sub.startDate, 'discount start');
      const end =
        coupon.durationInMonths === null ? null : addIntervals(begins, 'month', coupon.durationInMonths);
      coupon.timesRedeemed += 1;
      const discount = {
        id: nextId('di'),
        coupon: id,
        customer: sub.customer,
        subscription: sub.id,
        start: begins,
        end,
      };
      discounts.set(discount.id, discount);
      return discount;
    });
  }

  function addSubscription(input: FakeStripeSubscriptionInput): FakeStripeSubscription {
    const livemode = input.livemode ?? false;
    const customer = catalog.customers.get(input.customer);
    if (!customer || customer.livemode !== livemode)
      refuse(`no customer ${input.customer} in this mode; add it first`);
    const [first] = checkItems(input.items, livemode) as [FakeStripePrice];
    if (customer.currency !== null && customer.currency !== first.currency)
      refuse(
        `customer ${customer.id} is billed in ${customer.currency}; a subscription in ${first.currency} is refused`,
      );
    const created = timeOr(input.created, clock.now(), 'created');
    const startDate = timeOr(input.startDate, created, 'startDate');
    const trialEnd = input.trialEnd === undefined ? null : toUnix(input.trialEnd, 'trialEnd');
    const status = input.status ?? (trialEnd !== null && clock.now() < trialEnd ? 'trialing' : 'active');
    const canceled = status === 'canceled';
    if (!canceled && (input.endedAt !== undefined || input.canceledAt !== undefined))
      refuse('only a canceled subscription has canceledAt and endedAt');
    const endedAt = canceled ? timeOr(input.endedAt, clock.now(), 'endedAt') : null;
    const sub: FakeStripeSubscription = {
      ...{ id: nextId('sub'), created, seq: nextSeq(), livemode, metadata: input.metadata ?? {} },
      ...{ customer: customer.id, status, items: makeItems(input.items, created), discounts: [], startDate },
      billingCycleAnchor: timeOr(input.billingCycleAnchor, trialEnd ?? startDate, 'billingCycleAnchor'),
      ...{ currency: first.currency, cancelAtPeriodEnd: input.cancelAtPeriodEnd ?? false, cancelAt: null },
      canceledAt: canceled ? timeOr(input.canceledAt, endedAt ?? clock.now(), 'canceledAt') : null,
      endedAt,
      cancellationReason: canceled ? 'cancellation_requested' : null,
      ...{ trialStart: trialEnd === null ? null : startDate, trialEnd, latestInvoice: null },
    };
    if (sub.cancelAtPeriodEnd) sub.cancelAt = currentPeriod(sub, first, clock.now()).end;
    sub.discounts = makeDiscounts(sub, input.discounts);
    customer.currency = first.currency;
    subscriptions.add(sub);
    return sub;
  }

  function subscription(id: string): FakeStripeSubscription {
    return subscriptions.get(id) ?? refuse(`no subscription ${id}`);
  }

  function updateSubscription(id: string, patch: FakeStripeSubscriptionPatch): FakeStripeSubscription {
    const sub = subscription(id);
    if (sub.status === 'canceled') refuse(`subscription ${id} is canceled; Stripe refuses changes to it`);
    if (patch.status === 'canceled')
      refuse('cancel with cancelSubscription, which stamps canceled_at and ended_at');
    if (patch.items) {
      const [first] = checkItems(patch.items, sub.livemode) as [FakeStripePrice];
      if (first.currency !== sub.currency)
        refuse(`subscription ${id} is in ${sub.currency}, not ${first.currency}`);
      const before = catalog.prices.get(sub.items[0]?.price ?? '');
      // Moving to another billing interval restarts the cycle now, as Stripe does (monthly to yearly).
      if (cadence(before) !== cadence(first)) sub.billingCycleAnchor = clock.now();
      sub.items = makeItems(patch.items, clock.now(), sub.items);
    }
    if (patch.discounts) sub.discounts = makeDiscounts(sub, patch.discounts);
    if (patch.status) sub.status = patch.status;
    if (patch.metadata) sub.metadata = patch.metadata;
    if (patch.cancelAtPeriodEnd !== undefined) scheduleCancel(sub, patch.cancelAtPeriodEnd);
    return sub;
  }

  /** Cancelling at period end sets `cancel_at` to the period's end and stamps `canceled_at` now, as Stripe does. */
  function scheduleCancel(sub: FakeStripeSubscription, atPeriodEnd: boolean): void {
    const price = catalog.prices.get(sub.items[0]?.price ?? '') as FakeStripePrice;
    sub.cancelAtPeriodEnd = atPeriodEnd;
    sub.cancelAt = atPeriodEnd ? currentPeriod(sub, price, clock.now()).end : null;
    sub.canceledAt = atPeriodEnd ? clock.now() : null;
    sub.cancellationReason = atPeriodEnd ? 'cancellation_requested' : null;
  }

  /** Ends a subscription now (or at `cancel_at` once the clock has passed it). */
  function cancelSubscription(id: string, reason: FakeStripeSubscription['cancellationReason'] = null) {
    const sub = subscription(id);
    if (sub.status === 'canceled') refuse(`subscription ${id} is canceled already`);
    const now = clock.now();
    sub.status = 'canceled';
    sub.endedAt = sub.cancelAt !== null && sub.cancelAt <= now ? sub.cancelAt : now;
    sub.canceledAt = sub.canceledAt ?? now;
    sub.cancellationReason = reason ?? sub.cancellationReason ?? 'cancellation_requested';
    return sub;
  }

  return { subscriptions, discounts, addSubscription, subscription, updateSubscription, cancelSubscription };
}

export type Subscriptions = ReturnType<typeof createSubscriptions>;
