// What a subscription was billed before Goalpost first saw it: its paid and open invoices' lines.
import type Stripe from 'stripe';
import type { Discount, InvoiceLine, InvoicesWanted, SubscriptionInvoice } from '../../src/index.js';
import { couponDiscounts, iso, priceLine } from './billing-terms.js';
import { listAll, wait, withBackoff } from './stripe-client.js';

/** Invoices that billed: paid, or open (issued, payment due). Drafts, void and uncollectible ones billed nothing. */
const BILLED_STATUSES = ['paid', 'open'] as const;

/** A line as read, its price still an id: each price is fetched once, after all the pages. */
interface ReadLine extends Omit<InvoiceLine, 'price'> {
  price: string | null;
  quantity: number;
}

interface ReadInvoice {
  subscription: string;
  created: string;
  discounts: Discount[];
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

/** Every line of an invoice that shows only its first ten: those, then the rest from its lines endpoint. */
async function allLines(
  stripe: Stripe,
  invoice: Stripe.Invoice,
  sleep: (ms: number) => Promise<void>,
): Promise<Stripe.InvoiceLineItem[]> {
  const lines = [...invoice.lines.data];
  const id = invoice.id ?? '';
  const page = (after: string | undefined) =>
    stripe.invoices.listLineItems(id, { limit: 100, ...(after ? { starting_after: after } : {}) });
  for await (const line of listAll(page, 'read invoices', sleep, lines.at(-1)?.id)) lines.push(line);
  return lines;
}

/** One `list invoices` query: a status and a range of `created` (Unix seconds; no end: up to now). */
interface Slice {
  status: (typeof BILLED_STATUSES)[number];
  gte: number;
  lt: number | null;
}

/** Month slices read at once: Stripe answers each page in its own time, and allows far more reads a second. */
const AT_ONCE = 4;

/**
 * The queries that cover `wanted`: for each status, a calendar month of `created` each, from
 * `since` (the last open-ended), so several can be paged at once, each with Stripe's own filters.
 */
function slices(wanted: InvoicesWanted): Slice[] {
  const since = new Date(wanted.since);
  const until = Date.parse(wanted.until);
  const starts = [since.getTime()];
  for (let m = 1; ; m++) {
    const next = Date.UTC(since.getUTCFullYear(), since.getUTCMonth() + m, 1);
    if (next > until) break;
    starts.push(next);
  }
  const unix = (ms: number) => Math.floor(ms / 1000);
  return BILLED_STATUSES.flatMap((status) =>
    starts.map((start, i) => {
      const end = starts[i + 1];
      return { status, gte: unix(start), lt: end === undefined ? null : unix(end) };
    }),
  );
}

/** The reads under way: once one fails, the others stop at their next page. */
interface Reading {
  stripe: Stripe;
  wanted: InvoicesWanted;
  sleep: (ms: number) => Promise<void>;
  failed: boolean;
}

/** The wanted subscriptions' invoices in one slice, newest first, a page of 100 at a time. */
async function readSlice(slice: Slice, reading: Reading): Promise<ReadInvoice[]> {
  const { stripe, wanted, sleep } = reading;
  const out: ReadInvoice[] = [];
  const created = slice.lt === null ? { gte: slice.gte } : { gte: slice.gte, lt: slice.lt };
  const page = (after: string | undefined) =>
    stripe.invoices.list({
      ...{ status: slice.status, created, limit: 100, expand: ['data.discounts.source.coupon'] },
      ...(after === undefined ? {} : { starting_after: after }),
    });
  for await (const invoice of listAll(page, 'read invoices', sleep)) {
    // Another slice failed: the read fails anyway, so stop asking.
    if (reading.failed) break;
    const subscription = subscriptionOf(invoice);
    if (subscription === null || !wanted.subscriptions.has(subscription)) continue;
    out.push({
      subscription,
      created: iso(invoice.created),
      discounts: couponDiscounts(invoice.discounts),
      // Most invoices show every line: no request, and no promise, for those.
      lines: (invoice.lines.has_more ? await allLines(stripe, invoice, sleep) : invoice.lines.data).map(
        readLine,
      ),
    });
  }
  return out;
}

/** Every slice read, `AT_ONCE` at a time; the first failure stops the others and fails the read. */
async function readSlices(reading: Reading): Promise<ReadInvoice[]> {
  const queue = slices(reading.wanted);
  const read: ReadInvoice[][] = [];
  const reader = async () => {
    try {
      for (let slice = queue.shift(); slice !== undefined && !reading.failed; slice = queue.shift())
        read.push(await readSlice(slice, reading));
    } catch (error) {
      reading.failed = true;
      throw error;
    }
  };
  await Promise.all(Array.from({ length: AT_ONCE }, reader));
  return read.flat();
}

/** Each price the lines name, read once (with its tiers, if it has any): a line carries its price's id, not its interval. */
async function pricesOf(
  stripe: Stripe,
  invoices: readonly ReadInvoice[],
  sleep: (ms: number) => Promise<void>,
): Promise<Map<string, Stripe.Price>> {
  const ids = new Set(invoices.flatMap((i) => i.lines.flatMap((l) => (l.price === null ? [] : [l.price]))));
  const prices = new Map<string, Stripe.Price>();
  for (const id of ids)
    prices.set(
      id,
      await withBackoff(() => stripe.prices.retrieve(id, { expand: ['tiers'] }), sleep, 'read prices'),
    );
  return prices;
}

/**
 * The paid and open invoices of the subscriptions `wanted` names, made since `wanted.since`, with
 * their coupons and each line's recurring price and quantity (null for a one-time price), for the
 * core to rebuild what each period was billed. Nothing is asked of Stripe when nothing is wanted.
 * Read with Stripe's own filters (`status`, `created[gte]` and `[lt]`), a month at a time, a few
 * months at once, a page of 100 at a time; the rate limit is waited out.
 */
export async function readInvoices(
  stripe: Stripe,
  wanted: InvoicesWanted | null,
  sleep = wait,
): Promise<SubscriptionInvoice[]> {
  if (wanted === null) return [];
  const read = await readSlices({ stripe, wanted, sleep, failed: false });
  const prices = await pricesOf(stripe, read, sleep);
  return read.map((invoice) => ({
    ...invoice,
    lines: invoice.lines.map(({ price, quantity, ...line }) => {
      const found = price === null ? undefined : prices.get(price);
      return { ...line, price: found === undefined ? null : priceLine(found, quantity) };
    }),
  }));
}
