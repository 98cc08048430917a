import { type Catalog, type CatalogDeps, checkCurrency, refuse } from './stripe-catalog.js';
import { createCollection } from './stripe-collection.js';
import { invoicePrefix } from './stripe-ids.js';
import type {
  FakeStripeDiscount,
  FakeStripeInvoice,
  FakeStripeInvoiceInput,
  FakeStripeInvoiceLine,
  FakeStripeInvoiceLineInput,
  FakeStripePrice,
  FakeStripeSubscription,
} from './stripe-records.js';
import { priceAmount } from './stripe-shapes.js';
import { currentPeriod, type Subscriptions } from './stripe-subscriptions.js';
import { timeOr } from './stripe-time.js';

/** What an invoice's lines come to after their discounts: its total. */
export const totalOf = (lines: readonly FakeStripeInvoiceLine[]): number =>
  lines.reduce((sum, l) => sum + l.amount - l.discountAmounts.reduce((off, d) => off + d.amount, 0), 0);

/**
 * Invoices, each for a customer and perhaps one of its subscriptions: lines at the
 * subscription's prices unless a test gives them, less the subscription's discounts in force,
 * numbered per customer, paid or not.
 */
export function createInvoices(deps: CatalogDeps, catalog: Catalog, subs: Subscriptions) {
  const { nextId, clock, nextSeq } = deps;
  const invoices = createCollection<FakeStripeInvoice>();
  /** Invoices numbered per customer, `ABCD1234-0001` onwards, as Stripe numbers them by default. */
  const numbered = new Map<string, number>();

  /**
   * The lines as Stripe writes them: a subscription's line bills one of its items (the item with
   * that price, else the item in that position, as a price change keeps the item; else one removed
   * since), an invoice item is a proration or a one-off, and a manual invoice has invoice items only.
   */
  function invoiceLines(
    input: FakeStripeInvoiceInput,
    sub: FakeStripeSubscription | undefined,
    period: [number, number],
  ) {
    const wanted: FakeStripeInvoiceLineInput[] =
      input.lines ?? sub?.items.map(({ price, quantity }) => ({ price, quantity })) ?? [];
    let position = 0;
    return wanted.map((line): Omit<FakeStripeInvoiceLine, 'discountAmounts'> => {
      const { price: id, quantity = 1, proration = false } = line;
      const price = catalog.prices.get(id) ?? refuse(`no price ${id}; add it first`);
      const itemLine = sub !== undefined && !proration && !line.invoiceItem;
      if (itemLine && !price.recurring)
        refuse(`price ${id} is one-time: only an invoice item (invoiceItem: true) bills it`);
      const item = itemLine ? (sub.items.find((i) => i.price === id) ?? sub.items[position]) : undefined;
      if (itemLine) position += 1;
      return {
        ...{ id: nextId('il'), price: id, quantity, amount: line.amount ?? priceAmount(price, quantity) },
        periodStart: timeOr(line.periodStart, period[0], 'a line’s periodStart'),
        periodEnd: timeOr(line.periodEnd, period[1], 'a line’s periodEnd'),
        subscriptionItem: itemLine ? (item?.id ?? nextId('si')) : null,
        ...{ invoiceItem: itemLine ? null : nextId('ii'), proration },
      };
    });
  }

  /** Discounts a `once` coupon gave already: it takes one invoice down, the first after it applies. */
  const spent = new Set<string>();

  /** The subscription's discounts in force at `at`, each used once at most if its coupon says once. */
  function discountsAt(sub: FakeStripeSubscription | undefined, at: number): FakeStripeDiscount[] {
    return (sub?.discounts ?? []).filter((d) => {
      if (d.start > at || (d.end !== null && at >= d.end) || spent.has(d.id)) return false;
      if (catalog.coupons.get(d.coupon)?.duration === 'once') spent.add(d.id);
      return true;
    });
  }

  /**
   * Each line's share of each discount, taken in the subscription's order, each off what the ones
   * before it left (Stripe stacks a subscription's `discounts`: 20 % and then $30 off $100 bill
   * $50): a percent off each charge, or an amount off the charges, at most what is left, shared in
   * proportion (the last charge takes the rounding). No charge goes below 0; credits (unused
   * time) take none.
   */
  function shareDiscounts(
    lines: ReadonlyArray<Omit<FakeStripeInvoiceLine, 'discountAmounts'>>,
    discounts: readonly FakeStripeDiscount[],
  ): FakeStripeInvoiceLine[] {
    const left = lines.map((l) => Math.max(0, l.amount));
    const shares = lines.map(() => [] as Array<{ amount: number; discount: string }>);
    for (const d of discounts) {
      const coupon = catalog.coupons.get(d.coupon) ?? refuse(`no coupon ${d.coupon}`);
      const charged = left.reduce((sum, amount) => sum + amount, 0);
      const off = coupon.percentOff === null ? Math.min(coupon.amountOff ?? 0, charged) : null;
      const last = left.findLastIndex((amount) => amount > 0);
      let unshared = off ?? 0;
      lines.forEach((l, i) => {
        const amount = left[i] ?? 0;
        if (l.amount <= 0) return;
        const share = Math.min(
          amount,
          off === null
            ? Math.round((amount * (coupon.percentOff ?? 0)) / 100)
            : i === last
              ? unshared
              : Math.round((off * amount) / charged),
        );
        unshared -= share;
        left[i] = amount - share;
        shares[i]?.push({ amount: share, discount: d.id });
      });
    }
    return lines.map((l, i) => ({ ...l, discountAmounts: shares[i] ?? [] }));
  }

  function addInvoice(input: FakeStripeInvoiceInput): FakeStripeInvoice {
    const sub = input.subscription === undefined ? undefined : subs.subscription(input.subscription);
    const customer = catalog.customers.get(input.customer ?? sub?.customer ?? '');
    if (!customer) refuse('an invoice needs a customer (or a subscription, whose customer it bills)');
    if (sub && sub.customer !== customer.id)
      refuse(`subscription ${sub.id} bills ${sub.customer}, not ${customer.id}`);
    const created = timeOr(input.created, clock.now(), 'created');
    const period: [number, number] = [
      timeOr(input.periodStart, created, 'periodStart'),
      timeOr(input.periodEnd, created, 'periodEnd'),
    ];
    // A subscription's lines bill the period the subscription was in when the invoice was made.
    const service =
      sub && currentPeriod(sub, catalog.prices.get(sub.items[0]?.price ?? '') as FakeStripePrice, created);
    const discounts = discountsAt(sub, created);
    const lines = shareDiscounts(
      invoiceLines(input, sub, service ? [service.start, service.end] : period),
      discounts,
    );
    const status = input.status ?? 'paid';
    const amountDue = input.amountDue ?? totalOf(lines);
    const paid = status === 'paid';
    const count = status === 'draft' ? 0 : (numbered.get(customer.id) ?? 0) + 1;
    if (count > 0) numbered.set(customer.id, count);
    const invoice: FakeStripeInvoice = {
      ...{ id: nextId('in'), created, seq: nextSeq(), livemode: customer.livemode, metadata: {} },
      ...{ customer: customer.id, subscription: sub?.id ?? null, status, amountDue, lines },
      currency: checkCurrency(
        input.currency ?? sub?.currency ?? customer.currency ?? deps.defaultCurrency,
        'an invoice',
      ),
      ...{ amountPaid: input.amountPaid ?? (paid ? amountDue : 0), attemptCount: paid ? 1 : 0 },
      periodStart: period[0],
      periodEnd: period[1],
      billingReason: input.billingReason ?? (sub ? 'subscription_cycle' : 'manual'),
      discounts: discounts.map((d) => d.id),
      number: status === 'draft' ? null : `${invoicePrefix(customer.id)}-${String(count).padStart(4, '0')}`,
      finalizedAt: status === 'draft' ? null : created,
      paidAt: paid ? timeOr(input.paidAt, created, 'paidAt') : null,
      voidedAt: status === 'void' ? created : null,
      markedUncollectibleAt: status === 'uncollectible' ? created : null,
    };
    invoices.add(invoice);
    if (sub && (sub.latestInvoice === null || (invoices.get(sub.latestInvoice)?.created ?? 0) <= created))
      sub.latestInvoice = invoice.id;
    return invoice;
  }

  function invoice(id: string): FakeStripeInvoice {
    return invoices.get(id) ?? refuse(`no invoice ${id}`);
  }

  /** A payment attempt: paid in full now, or failed (the invoice stays open and counts the attempt). */
  function attemptPayment(id: string, succeeds: boolean): FakeStripeInvoice {
    const inv = invoice(id);
    if (inv.status !== 'open')
      refuse(`invoice ${id} is ${inv.status}; only an open invoice is paid or fails`);
    inv.attemptCount += 1;
    if (succeeds) Object.assign(inv, { status: 'paid', amountPaid: inv.amountDue, paidAt: clock.now() });
    return inv;
  }

  return { invoices, addInvoice, invoice, attemptPayment };
}

export type Invoices = ReturnType<typeof createInvoices>;
