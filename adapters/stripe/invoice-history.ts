// What a subscription was billed before Goalpost first saw it: its paid and open invoices' lines.
import type Stripe from 'stripe';
import type { Discount, InvoiceLine, InvoicesWanted, SubscriptionInvoice } from '../../src/index.js';
import { couponDiscount, iso, priceLine } from './billing-terms.js';
import { wait, withBackoff } from './stripe-client.js';

/** Invoices that billed: paid, or open (issued, payment pending). A draft, void or uncollectible one billed nothing. */
const BILLED_STATUSES = ['paid', 'open'] as const;

/** A line as read, its price still an id: the prices are fetched once each, after every page. */
interface ReadLine extends Omit<InvoiceLine, 'price'> {
  price: string | null;
  quantity: number;
}

interface ReadInvoice {
  subscription: string;
  created: string;
  discount: Discount | null;
  lines: ReadLine[];
}

/** The subscription an invoice bills (since 2025 under `parent.subscription_details`), or null. */
function subscriptionOf(invoice: Stripe.Invoice): string | null {
  const sub = invoice.parent?.subscription_details?.subscription;
  if (sub === undefined || sub === null) return null;
  return typeof sub === 'string' ? sub : sub.id;
}

/** What backs a line (a subscription item, or an invoice item), whether it prorates, and its price. */
function readLine(line: Stripe.InvoiceLineItem): ReadLine {
  const parent = line.parent;
  const details = parent?.subscription_item_details ?? parent?.invoice_item_details ?? null;
  const price = line.pricing?.price_details?.price;
  return {
    periodStart: iso(line.period.start),
    periodEnd: iso(line.period.end),
    subscriptionItem: parent?.type === 'subscription_item_details',
    proration: details?.proration ?? false,
    price: price === undefined ? null : typeof price === 'string' ? price : price.id,
    quantity: line.quantity ?? 1,
  };
}

/** Every line of an invoice: the ten it shows, then the rest from its lines endpoint. */
async function linesOf(
  stripe: Stripe,
  invoice: Stripe.Invoice,
  sleep: (ms: number) => Promise<void>,
): Promise<Stripe.InvoiceLineItem[]> {
  const lines = [...invoice.lines.data];
  let more = invoice.lines.has_more;
  while (more) {
    const after = lines.at(-1)?.id;
    const id = invoice.id ?? '';
    const page = await withBackoff(
      () => stripe.invoices.listLineItems(id, { limit: 100, ...(after ? { starting_after: after } : {}) }),
      sleep,
      'read invoices',
    );
    lines.push(...page.data);
    more = page.has_more && page.data.length > 0;
  }
  return lines;
}

/** The wanted subscriptions' invoices of one status made since `since`, newest first, paged. */
async function readStatus(
  stripe: Stripe,
  status: (typeof BILLED_STATUSES)[number],
  wanted: InvoicesWanted,
  sleep: (ms: number) => Promise<void>,
): Promise<ReadInvoice[]> {
  const out: ReadInvoice[] = [];
  const gte = Math.floor(Date.parse(wanted.since) / 1000);
  let after: string | undefined;
  for (;;) {
    const params = {
      ...{ status, created: { gte }, limit: 100, expand: ['data.discounts.source.coupon'] },
      ...(after === undefined ? {} : { starting_after: after }),
    };
    const page = await withBackoff(() => stripe.invoices.list(params), sleep, 'read invoices');
    for (const invoice of page.data) {
      const subscription = subscriptionOf(invoice);
      if (subscription === null || !wanted.subscriptions.has(subscription)) continue;
      out.push({
        subscription,
        created: iso(invoice.created),
        discount: couponDiscount(invoice.discounts),
        lines: (await linesOf(stripe, invoice, sleep)).map(readLine),
      });
    }
    const last = page.data.at(-1);
    if (!page.has_more || last?.id === undefined) return out;
    after = last.id;
  }
}

/** Each price the lines name, read once: a line carries its price's id, not its interval. */
async function pricesOf(
  stripe: Stripe,
  invoices: readonly ReadInvoice[],
  sleep: (ms: number) => Promise<void>,
): Promise<Map<string, Stripe.Price>> {
  const ids = new Set(invoices.flatMap((i) => i.lines.flatMap((l) => (l.price === null ? [] : [l.price]))));
  const prices = new Map<string, Stripe.Price>();
  for (const id of ids)
    prices.set(id, await withBackoff(() => stripe.prices.retrieve(id), sleep, 'read prices'));
  return prices;
}

/**
 * The paid and open invoices of the subscriptions `wanted` names, made since `wanted.since`, with
 * their coupons and each line's recurring price and quantity (null for a one-time price), for the
 * core to rebuild what each period was billed. Nothing is asked of Stripe when nothing is wanted.
 * Read with Stripe's own filters (`status`, `created[gte]`), a page of 100 at a time; the rate
 * limit is waited out.
 */
export async function readInvoices(
  stripe: Stripe,
  wanted: InvoicesWanted | null,
  sleep = wait,
): Promise<SubscriptionInvoice[]> {
  if (wanted === null) return [];
  const read: ReadInvoice[] = [];
  for (const status of BILLED_STATUSES) read.push(...(await readStatus(stripe, status, wanted, sleep)));
  const prices = await pricesOf(stripe, read, sleep);
  return read.map((invoice) => ({
    ...invoice,
    lines: invoice.lines.map(({ price, quantity, ...line }) => {
      const found = price === null ? undefined : prices.get(price);
      return { ...line, price: found === undefined ? null : priceLine(found, quantity) };
    }),
  }));
}
