import { type Catalog, type CatalogDeps, checkCurrency, refuse } from './stripe-catalog.js';
import { createCollection } from './stripe-collection.js';
import { invoicePrefix } from './stripe-ids.js';
import type {
  FakeStripeInvoice,
  FakeStripeInvoiceInput,
  FakeStripeInvoiceLine,
  FakeStripePrice,
  FakeStripeSubscription,
} from './stripe-records.js';
import { currentPeriod, type Subscriptions } from './stripe-subscriptions.js';
import { timeOr } from './stripe-time.js';

/**
 * Invoices, each for a customer and perhaps one of its subscriptions: lines at the
 * subscription's prices unless a test gives them, numbered per customer, paid or not.
 */
export function createInvoices(deps: CatalogDeps, catalog: Catalog, subs: Subscriptions) {
  const { nextId, clock, nextSeq } = deps;
  const invoices = createCollection<FakeStripeInvoice>();
  /** Invoices numbered per customer, `ABCD1234-0001` onwards, as Stripe numbers them by default. */
  const numbered = new Map<string, number>();

  function invoiceLines(
    input: FakeStripeInvoiceInput,
    sub: FakeStripeSubscription | undefined,
    period: [number, number],
  ) {
    const wanted: NonNullable<FakeStripeInvoiceInput['lines']> =
      input.lines ?? sub?.items.map(({ price, quantity }) => ({ price, quantity })) ?? [];
    return wanted.map(({ price: id, quantity = 1, amount }): FakeStripeInvoiceLine => {
      const price = catalog.prices.get(id) ?? refuse(`no price ${id}; add it first`);
      const item = sub?.items.find((i) => i.price === id);
      return {
        ...{ id: nextId('il'), price: id, quantity, amount: amount ?? price.unitAmount * quantity },
        ...{ periodStart: period[0], periodEnd: period[1], subscriptionItem: item?.id ?? null },
      };
    });
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
    const lines = invoiceLines(input, sub, service ? [service.start, service.end] : period);
    const status = input.status ?? 'paid';
    const amountDue = input.amountDue ?? lines.reduce((sum, line) => sum + line.amount, 0);
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
