/**
 * A subscription's earlier states, rebuilt from what its invoices billed. The billing system's
 * subscription object carries only its current prices and quantities; its invoices say what each
 * billing period was charged at, so the months before Goalpost first saw a subscription can carry
 * the prices and quantities actually billed, and an upgrade shows in the period it was billed.
 */
import {
  type Discount,
  type PriceLine,
  type SubscriptionHistory,
  type SubscriptionState,
  sameBilling,
  stateAt,
} from './mrr.js';

/** One line of an invoice, as the billing system wrote it. */
export interface InvoiceLine {
  /** The service period the line bills, from `periodStart` up to `periodEnd` (ISO 8601). */
  periodStart: string;
  periodEnd: string;
  /** Billed for one of the subscription's items; false for a one-off invoice item (a setup fee). */
  subscriptionItem: boolean;
  /** A proration: the difference a change in mid-period made, not a period's price. */
  proration: boolean;
  /** The recurring price and the quantity billed; null for a one-time price. */
  price: PriceLine | null;
}

/** A paid or open invoice of one subscription. */
export interface SubscriptionInvoice {
  subscription: string;
  /** When it was made (ISO 8601): of two invoices for one period, the later says what stood. */
  created: string;
  /** The subscription's coupons as the invoice applied them, in Stripe's order (none: empty). */
  discounts: Discount[];
  lines: InvoiceLine[];
}

/** What one billing period was charged at: the state in force from its start. */
interface BilledPeriod {
  start: string;
  end: string;
  created: string;
  lines: PriceLine[];
  discounts: Discount[];
}

/**
 * The lines that bill a period of the subscription: a recurring price on one of its items. A
 * proration is the price of a change for part of a period and a one-off item is no recurring
 * revenue, so neither says what a period was billed at; nor does a metered line, which bills the
 * usage of the period just ended (in arrears, on the next period's invoice): taken as a period
 * of its own, it stood for the whole subscription from that period's start, and a seat billed
 * every month read as $0 in each.
 */
const billsPeriod = (line: InvoiceLine): line is InvoiceLine & { price: PriceLine } =>
  line.subscriptionItem && !line.proration && line.price !== null && line.price.metered !== true;

/** The periods the invoices billed, oldest first; for a period billed twice, the later invoice's. */
export function billedPeriods(invoices: readonly SubscriptionInvoice[]): BilledPeriod[] {
  const byStart = new Map<string, BilledPeriod>();
  for (const invoice of invoices) {
    const mine = new Map<string, BilledPeriod>();
    for (const line of invoice.lines.filter(billsPeriod)) {
      const period = mine.get(line.periodStart);
      if (period) {
        period.lines.push(line.price);
        if (line.periodEnd > period.end) period.end = line.periodEnd;
      } else {
        mine.set(line.periodStart, {
          ...{ start: line.periodStart, end: line.periodEnd, created: invoice.created },
          ...{ lines: [line.price], discounts: invoice.discounts },
        });
      }
    }
    for (const [start, period] of mine) {
      const seen = byStart.get(start);
      if (!seen || period.created > seen.created) byStart.set(start, period);
    }
  }
  return [...byStart.values()].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
}

/**
 * Where the current subscription takes over: the start of the billed period it is in at `now`,
 * or, when none holds `now` (its invoice is not out yet, or it ended), where the last one ended.
 */
function currentPeriodStart(periods: readonly BilledPeriod[], now: string): string {
  let holding: string | null = null;
  let lastEnd = '';
  for (const p of periods) {
    if (p.start > now) continue;
    if (now < p.end) holding = p.start;
    if (p.end > lastEnd) lastEnd = p.end;
  }
  return holding ?? lastEnd;
}

/**
 * `current` (the subscription as the billing system has it now: its start, its current prices,
 * and its end if it ended) with the states its invoices billed before that. Each billed period's
 * subscription lines are the state in force from the period's start; the earliest billed terms
 * reach back to the subscription's start (older invoices were not read). The current subscription
 * wins from the start of its current period, and an end it reports stands wherever it falls.
 * Invoices from before the subscription was billed (a trial's) count for nothing. A change made in
 * mid-period shows from the first period billed at the new terms: its prorations are not MRR.
 */
export function withBilledHistory(
  current: SubscriptionHistory,
  invoices: readonly SubscriptionInvoice[],
  now: string,
): SubscriptionHistory {
  const [first, ...later] = current.states;
  if (first === undefined) return current;
  const periods = billedPeriods(invoices).filter((p) => p.start >= first.at);
  if (periods.length === 0) return current;
  const from = currentPeriodStart(periods, now);
  const billed: SubscriptionState[] = periods
    .filter((p) => p.start < from)
    .map((p, i) => ({
      at: i === 0 ? first.at : p.start,
      lines: p.lines,
      discounts: p.discounts,
      live: true,
    }));
  const takeover = stateAt(current, from);
  const states = [
    ...(billed.length > 0 ? billed : [first]),
    ...later.filter((s) => s.at < from),
    ...(takeover === null ? [] : [{ ...takeover, at: from }]),
    ...later.filter((s) => s.at > from),
  ];
  return { ...current, states: withoutRepeats(states) };
}

/** The states in time order, each that bills as the one before it dropped (it changes nothing). */
function withoutRepeats(states: readonly SubscriptionState[]): SubscriptionState[] {
  const ordered = [...states].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  const out: SubscriptionState[] = [];
  for (const s of ordered) {
    const last = out.at(-1);
    if (last === undefined || !sameBilling(last, s)) out.push(s);
  }
  return out;
}
