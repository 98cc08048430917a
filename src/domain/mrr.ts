/**
 * Monthly recurring revenue from subscriptions, as a billing system (Stripe) keeps them: what each
 * subscription is worth a month, and how a month's MRR moved (new, expansion, contraction,
 * churn). Amounts are in minor units (cents) of one currency: a caller never sums two currencies.
 */

export type BillingInterval = 'day' | 'week' | 'month' | 'year';

/** One line of a subscription: a recurring price and how many of it. */
export interface PriceLine {
  /** The product it sells (a project is fed by its products). */
  product: string;
  /** Price per unit per billing interval, in minor units. */
  unitAmount: number;
  interval: BillingInterval;
  /** Billed every this many intervals (a price of $300 every 3 months is $100 a month). */
  intervalCount: number;
  quantity: number;
  /**
   * Billed each period for the usage reported (a Stripe metered price): what a month bills is not
   * known before it ends, so it counts nothing in MRR, and a sync names its products apart.
   */
  metered?: true;
}

/** A coupon applied to a subscription, as Stripe's discount carries it. */
export interface Discount {
  percentOff: number | null;
  /** Off each invoice, in minor units of the subscription's currency. */
  amountOff: number | null;
  duration: 'once' | 'repeating' | 'forever';
  /** For `repeating`: how many months it lasts from `start`. */
  durationInMonths: number | null;
  /** When it began applying (ISO 8601). */
  start: string;
  /** When it stops applying, if Stripe says (ISO 8601). */
  end: string | null;
}

/** What a subscription was from `at` on, until its next state. */
export interface SubscriptionState {
  at: string;
  lines: PriceLine[];
  /**
   * Its coupons, in the order Stripe applies them (its `discounts`): since API 2025-03-31.basil
   * several may stack, each taken off what the ones before it left. A state stored by an earlier
   * version held one, as `discount`; the store reads it as a list of it (or none).
   */
  discounts: Discount[];
  /** False once it ended (canceled, or its last paid period over): worth nothing from `at` on. */
  live: boolean;
  /**
   * Not live as a trial: Stripe said `trialing` when it was read, and `at` is the trial's end, when
   * it bills if it converts (absent on states stored before 2026-12-07, and on any other).
   */
  trial?: true;
}

/** A subscription's history, oldest state first. */
export interface SubscriptionHistory {
  id: string;
  customer: string;
  currency: string;
  states: SubscriptionState[];
}

/** One month's MRR and how it moved, for one currency (and one project, when the caller splits). */
export interface MonthMrr {
  /** `YYYY-MM`. */
  month: string;
  /** MRR at the month's end, in minor units. */
  mrr: number;
  /** Subscriptions worth something at the month's end. */
  active: number;
  /** MRR of subscriptions worth nothing at the previous month's end and something at this one's. */
  newMrr: number;
  /** Growth of subscriptions worth something at both ends. */
  expansion: number;
  /** Shrinking of subscriptions worth something at both ends (a positive number). */
  contraction: number;
  /** MRR of subscriptions worth something at the previous month's end and nothing at this one's. */
  churned: number;
  /** Customers with MRR at the month's start who had none at its end, over those with some; null when none had any. */
  customerChurn: number | null;
}

/** Months in one billing interval. */
const MONTHS_PER: Readonly<Record<BillingInterval, number>> = {
  day: 12 / 365,
  week: 12 / 52,
  month: 1,
  year: 12,
};

/** What one line is worth a month, before discounts, in minor units. */
export function lineMrr(line: PriceLine): number {
  if (line.metered) return 0;
  const months = MONTHS_PER[line.interval] * Math.max(1, line.intervalCount);
  return (line.unitAmount * line.quantity) / months;
}

/** The months a subscription's invoices cover, from its first line's interval (a year: 12). */
function invoiceMonths(lines: readonly PriceLine[]): number {
  const first = lines[0];
  return first === undefined ? 1 : MONTHS_PER[first.interval] * Math.max(1, first.intervalCount);
}

/** Whole months from `from` to `to` (ISO 8601), counted as Stripe counts a repeating coupon. */
function monthsBetween(from: string, to: string): number {
  const a = new Date(from);
  const b = new Date(to);
  const months = (b.getUTCFullYear() - a.getUTCFullYear()) * 12 + (b.getUTCMonth() - a.getUTCMonth());
  return b.getUTCDate() < a.getUTCDate() ? months - 1 : months;
}

/**
 * Whether a discount reduces MRR at `at`: a `forever` one while it lasts, a `repeating` one for its
 * months, a `once` one never (it takes one invoice down, not the recurring revenue).
 */
function discountApplies(d: Discount, at: string): boolean {
  if (at < d.start) return false;
  if (d.end !== null && at >= d.end) return false;
  if (d.duration === 'once') return false;
  if (d.duration === 'repeating') return monthsBetween(d.start, at) < (d.durationInMonths ?? 0);
  return true;
}

/**
 * What a subscription in `state` is worth a month at `at`, discounts applied, never below 0: each
 * discount in force at `at`, in Stripe's order, comes off what the ones before it left (20 % off
 * and then $30 off $100 bill $50), and none takes it below 0.
 */
export function stateMrr(state: SubscriptionState, at: string): number {
  if (!state.live) return 0;
  const gross = state.lines.reduce((sum, line) => sum + lineMrr(line), 0);
  const months = invoiceMonths(state.lines);
  return state.discounts
    .filter((d) => discountApplies(d, at))
    .reduce((left, d) => {
      const off = d.percentOff !== null ? (left * d.percentOff) / 100 : (d.amountOff ?? 0) / months;
      return Math.max(0, left - off);
    }, gross);
}

/**
 * The part of a state that bills the lines `keep` takes (a subscription selling the products of two
 * projects is split into a part for each): an amount-off coupon comes off the invoice once, so each
 * part takes its share of it by what its lines bill, as Stripe spreads it over the invoice's lines
 * (a $20 coupon on $50 + $50 is $10 off each, not $20 off each); a percentage comes off every part alike.
 */
export function partOf(state: SubscriptionState, keep: (line: PriceLine) => boolean): SubscriptionState {
  const lines = state.lines.filter(keep);
  if (lines.length === state.lines.length) return { ...state, lines };
  const billed = (of: readonly PriceLine[]) => of.reduce((sum, line) => sum + lineMrr(line), 0);
  const whole = billed(state.lines);
  const share = whole > 0 ? billed(lines) / whole : 0;
  const discounts = state.discounts.map((d) =>
    d.amountOff === null ? d : { ...d, amountOff: d.amountOff * share },
  );
  return { ...state, lines, discounts };
}

/** Whether two states bill the same: the same prices, coupons and billed-or-not. */
export const sameBilling = (a: SubscriptionState, b: SubscriptionState): boolean =>
  a.live === b.live && JSON.stringify([a.lines, a.discounts]) === JSON.stringify([b.lines, b.discounts]);

/** The state in effect at `at` (the latest that began at or before it), or null before the first. */
export function stateAt(history: SubscriptionHistory, at: string): SubscriptionState | null {
  let found: SubscriptionState | null = null;
  for (const s of history.states) {
    if (s.at <= at) found = s;
    else break;
  }
  return found;
}

/** `YYYY-MM` → the last instant of that month (ISO 8601), where a month's figures are read. */
export function monthEnd(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y ?? 1970, m ?? 1, 1) - 1).toISOString();
}

/** The month before `YYYY-MM`. */
function previousMonth(month: string): string {
  const [y = 1970, m = 1] = month.split('-').map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/** What each subscription is worth at the end of `month` (minor units), by id. */
function mrrAtEnd(histories: readonly SubscriptionHistory[], month: string): Map<string, number> {
  const at = monthEnd(month);
  const out = new Map<string, number>();
  for (const h of histories) {
    const state = stateAt(h, at);
    out.set(h.id, state === null ? 0 : stateMrr(state, at));
  }
  return out;
}

/**
 * Each month's MRR and its movements over `months` (`YYYY-MM`, any order), for subscriptions of
 * one currency. A month's figures compare its end with the previous month's end: a subscription
 * that started and ended inside one month counts in neither. Rounded to whole minor units.
 */
export function mrrByMonth(histories: readonly SubscriptionHistory[], months: readonly string[]): MonthMrr[] {
  return [...new Set(months)].sort().map((month) => {
    const before = mrrAtEnd(histories, previousMonth(month));
    const after = mrrAtEnd(histories, month);
    let mrr = 0;
    let active = 0;
    let newMrr = 0;
    let expansion = 0;
    let contraction = 0;
    let churned = 0;
    const customersBefore = new Set<string>();
    const customersAfter = new Set<string>();
    for (const h of histories) {
      const was = before.get(h.id) ?? 0;
      const is = after.get(h.id) ?? 0;
      mrr += is;
      if (is > 0) {
        active++;
        customersAfter.add(h.customer);
      }
      if (was > 0) customersBefore.add(h.customer);
      if (was === 0 && is > 0) newMrr += is;
      else if (was > 0 && is === 0) churned += was;
      else if (is > was) expansion += is - was;
      else contraction += was - is;
    }
    const lost = [...customersBefore].filter((c) => !customersAfter.has(c)).length;
    return {
      month,
      mrr: Math.round(mrr),
      active,
      newMrr: Math.round(newMrr),
      expansion: Math.round(expansion),
      contraction: Math.round(contraction),
      churned: Math.round(churned),
      customerChurn: customersBefore.size === 0 ? null : lost / customersBefore.size,
    };
  });
}

/**
 * {@link mrrByMonth} for each currency apart: MRR in two currencies is two figures, never one sum
 * (a rate of exchange is a guess the billing system did not make).
 */
export function mrrByCurrency(
  histories: readonly SubscriptionHistory[],
  months: readonly string[],
): Map<string, MonthMrr[]> {
  const byCurrency = new Map<string, SubscriptionHistory[]>();
  for (const h of histories) {
    const group = byCurrency.get(h.currency);
    if (group) group.push(h);
    else byCurrency.set(h.currency, [h]);
  }
  return new Map([...byCurrency].map(([currency, group]) => [currency, mrrByMonth(group, months)]));
}
