import type { PeriodBefore, PeriodsBefore } from '../domain/project.js';
import { median } from '../domain/robust-line.js';
import { formatCount, formatRate, formatUsd, round } from './format.js';
import type { ChurnBump } from './workspace-state.js';

/**
 * The complete periods a churn bump is looked for in, the latest counted: it and the two before
 * it. A bump older than that has settled into the revenue the growth trend starts from; one in
 * the latest period is a churn rise (see churnRose).
 */
export const CHURN_RECENT_PERIODS = 3;

/**
 * How many standard deviations of a period's usual count of customers lost a bump stands above
 * it: customers leave one by one, their count a month about Poisson, its deviation the root of
 * its mean. At three, a product losing 1–2 of 100 a month is bumped by 6 and more, not by 3.
 */
const CLEAR_DEVIATIONS = 3;

/** The fewest extra customers a bump loses: at a usual of none, one or two leaving is no news. */
const CLEAR_EXTRA_CUSTOMERS = 3;

/**
 * Without subscriptions to count customers by, a bump is a churn at least this many times its
 * usual and CLEAR_RISE above it: noise cannot be told from customers counted.
 */
const CLEAR_TIMES = 2;
const CLEAR_RISE = 0.01;

type Periods = readonly PeriodBefore[];

/** The churn rates of `periods` that measured one. */
function ratesOf(periods: Periods): number[] {
  const rates: number[] = [];
  for (const p of periods) if (p.churnRate !== null) rates.push(p.churnRate);
  return rates;
}

/** Customers period `i` lost: its churn × the subscriptions at its start (the period before's, else its own). */
function customersLost(periods: Periods, i: number): number | null {
  const p = periods[i] as PeriodBefore;
  const start = periods[i - 1]?.subscriptions ?? p.subscriptions;
  return p.churnRate === null || start === null ? null : Math.round(p.churnRate * start);
}

/** The fewest and most customers the periods before `i` that measured churn lost; null when one is unknown. */
function usualCustomers(periods: Periods, i: number): [number, number] | null {
  let least = Number.POSITIVE_INFINITY;
  let most = 0;
  for (let j = 0; j < i; j++) {
    if ((periods[j] as PeriodBefore).churnRate === null) continue;
    const lost = customersLost(periods, j);
    if (lost === null) return null;
    least = Math.min(least, lost);
    most = Math.max(most, lost);
  }
  return [least, most];
}

/**
 * Whether a churn of `rate` against a usual `baseline` is clearly more than a period's noise: in
 * customers, more above the usual count than CLEAR_DEVIATIONS of its deviation (and at least
 * CLEAR_EXTRA_CUSTOMERS); without a count, CLEAR_TIMES the usual rate and CLEAR_RISE above it.
 */
function clearlyAbove(rate: number, baseline: number, startSubscriptions: number | null): boolean {
  if (startSubscriptions === null || startSubscriptions <= 0)
    return rate >= CLEAR_TIMES * baseline && rate - baseline >= CLEAR_RISE;
  const usual = baseline * startSubscriptions;
  const extra = rate * startSubscriptions - usual;
  return extra >= Math.max(CLEAR_EXTRA_CUSTOMERS, CLEAR_DEVIATIONS * Math.sqrt(usual));
}

/**
 * What of the revenue a period started at (`mrrBefore`) is not won back since: the least it fell
 * short of it, from period `i`'s on to now (`mrrNow`). What a later period lost beside is that
 * period's own (a fall, see revenueFallSignals), not the bump's: counted to now alone, an October
 * bump whose month won back part of its loss claimed what November's downgrades lost after it,
 * November's fall claiming it too.
 */
function notWonBack(
  periods: Periods,
  i: number,
  mrrBefore: number,
  mrrNow: number,
  monthlyRevenueOf: (p: PeriodBefore) => number,
): number {
  let short = mrrBefore - mrrNow;
  for (let k = i; k < periods.length; k++)
    short = Math.min(short, mrrBefore - monthlyRevenueOf(periods[k] as PeriodBefore));
  return short;
}

/**
 * The newest of a source's recent periods before its latest (see CHURN_RECENT_PERIODS) whose churn
 * was clearly above the median of the periods before it (two at least; see clearlyAbove) and whose
 * loss still weighs on the forecast: its monthly revenue, in it and every period since to now
 * (`mrrNow`), below the month before it's. What it costs is the MRR its extra churn took (the rise
 * × the revenue at its start), no more than what is not won back since (see notWonBack): the
 * churn is back to its usual, so it costs no more each month, as a rise does. Null when none. A
 * review's product lost 10 of its 100 customers in October, November back to 1–2: read from
 * November alone, no churn was raised, and the forecast fell with nothing said of why.
 */
export function churnBumpOf(
  { periods, months }: PeriodsBefore,
  mrrNow: number,
  monthlyRevenueOf: (p: PeriodBefore) => number,
  nameOf: (p: PeriodBefore) => string,
): ChurnBump | null {
  for (let i = periods.length - 1; i >= Math.max(1, periods.length - CHURN_RECENT_PERIODS + 1); i--) {
    const p = periods[i] as PeriodBefore;
    const mrrBefore = monthlyRevenueOf(periods[i - 1] as PeriodBefore);
    // Revenue won back (as most sources' is) asks for no median: a plan reads every source.
    if (p.churnRate === null) continue;
    const short = notWonBack(periods, i, mrrBefore, mrrNow, monthlyRevenueOf);
    if (!(short > 0)) continue;
    const rates = ratesOf(periods.slice(0, i));
    if (rates.length < 2) continue;
    const baseline = median(rates);
    const start = (periods[i - 1] as PeriodBefore).subscriptions;
    if (!clearlyAbove(p.churnRate, baseline, start)) continue;
    const lostMrr = round(Math.min((p.churnRate - baseline) * mrrBefore, short));
    if (!(lostMrr > 0)) continue;
    const lost = customersLost(periods, i);
    const usual = usualCustomers(periods, i);
    return {
      periodStart: p.periodStart,
      periodEnd: p.periodEnd,
      name: nameOf(p),
      rate: p.churnRate,
      baseline: { rate: baseline, over: rates.length, months },
      customers: lost === null || usual === null ? null : { lost, usual },
      mrrBefore: round(mrrBefore),
      lostMrr,
    };
  }
  return null;
}

/** `1–2`, or `2` when the fewest and most are one. */
const usualText = ([least, most]: [number, number]): string =>
  least === most ? formatCount(least) : `${formatCount(least)}–${formatCount(most)}`;

/**
 * What a bump lost, in words: `lost 10 customers in 2026-10, against 1–2 a month in the 5 months
 * before`, with `brief` `… against 1–2 a month before`; by churn when customers are not counted
 * (`lost 9.9% of its customers in 2026-10, against a typical 2.0% before`).
 */
export function churnBumpText(b: ChurnBump, brief = false): string {
  const per = b.baseline.months ? 'month' : 'period';
  const before = brief ? 'before' : `in the ${b.baseline.over} ${per}s before`;
  if (b.customers === null)
    return `lost ${formatRate(b.rate)} of its customers in ${b.name}, against a typical ${formatRate(b.baseline.rate)} ${before}`;
  const { lost, usual } = b.customers;
  return `lost ${formatCount(lost)} customer${lost === 1 ? '' : 's'} in ${b.name}, against ${usualText(usual)} a ${per} ${before}`;
}

/** `$800/month of MRR not won back`. */
export const churnBumpCost = (b: ChurnBump): string => `${formatUsd(b.lostMrr)}/month of MRR not won back`;
