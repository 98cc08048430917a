/** A time as a test gives it: ISO 8601, or Unix seconds as Stripe writes times on the wire. */
export type FakeStripeTime = string | number;

/** Unix seconds of a time; throws on anything else, so a typo in a test's setup fails loudly. */
export function toUnix(time: FakeStripeTime, what: string): number {
  if (typeof time === 'number') {
    if (!Number.isInteger(time) || time < 0)
      throw new Error(`fake Stripe: ${what} is not Unix seconds: ${time}`);
    return time;
  }
  const ms = Date.parse(time);
  if (Number.isNaN(ms)) throw new Error(`fake Stripe: ${what} is not an ISO 8601 time: ${time}`);
  return Math.floor(ms / 1000);
}

/** A time a test may leave out: `fallback` (Unix seconds) when it does. */
export const timeOr = (time: FakeStripeTime | undefined, fallback: number, what: string): number =>
  time === undefined ? fallback : toUnix(time, what);

/** The fake's notion of now, in Unix seconds, settable so `created` and billing periods are deterministic. */
export interface FakeStripeClock {
  now(): number;
  set(time: FakeStripeTime): void;
  advance(seconds: number): void;
}

export function createClock(start: FakeStripeTime = '2026-01-05T09:00:00Z'): FakeStripeClock {
  let now = toUnix(start, 'the clock');
  return {
    now: () => now,
    set(time) {
      now = toUnix(time, 'the clock');
    },
    advance(seconds) {
      now += Math.round(seconds);
    },
  };
}

export type FakeStripeInterval = 'day' | 'week' | 'month' | 'year';

const DAY = 86_400;

/**
 * `anchor` moved on by `count` intervals. Months and years keep the anchor's day of the month,
 * clamped to the month's last day (a Jan 31 anchor bills Feb 28, then Mar 31), as Stripe's
 * billing cycle anchor does; counting from the anchor each time keeps the day from drifting.
 */
export function addIntervals(anchor: number, interval: FakeStripeInterval, count: number): number {
  if (interval === 'day') return anchor + count * DAY;
  if (interval === 'week') return anchor + count * 7 * DAY;
  const months = interval === 'year' ? 12 * count : count;
  const d = new Date(anchor * 1000);
  const year = d.getUTCFullYear();
  const month = d.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const day = Math.min(d.getUTCDate(), lastDay);
  return Date.UTC(year, month, day, d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds()) / 1000;
}

const APPROX_SECONDS: Record<FakeStripeInterval, number> = {
  day: DAY,
  week: 7 * DAY,
  month: 28 * DAY,
  year: 365 * DAY,
};

/**
 * The billing period holding `at`: from the last `anchor + k·(count intervals)` not after it to the
 * next one; the first period when `at` is before the anchor. Found from an estimate, so a
 * subscription billed monthly for years costs a few steps, not one per month.
 */
export function periodAt(
  anchor: number,
  interval: FakeStripeInterval,
  count: number,
  at: number,
): { start: number; end: number } {
  let k = Math.max(0, Math.floor((at - anchor) / (APPROX_SECONDS[interval] * count)) - 1);
  while (k > 0 && addIntervals(anchor, interval, k * count) > at) k -= 1;
  while (addIntervals(anchor, interval, (k + 1) * count) <= at) k += 1;
  return {
    start: addIntervals(anchor, interval, k * count),
    end: addIntervals(anchor, interval, (k + 1) * count),
  };
}
