/** Rounds to cents (or any number of decimals), avoiding `-0`. */
export function round(value: number, decimals = 2): number {
  // From 10^15 on, a double holds no cents to round, and scaling up and back only adds error.
  if (!(Math.abs(value) < 1e15)) return value;
  const factor = 10 ** decimals;
  const rounded = Math.round(value * factor) / factor;
  return rounded === 0 ? 0 : rounded;
}

/** `-1234` → `-1,234`: a whole number's digits (after any sign) grouped by thousands. */
function groupThousands(whole: string): string {
  return whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * A whole number's digits: String() writes one of 10^21 or more in exponent form (`1e+21`), which
 * grouping then mangles, so those are written through BigInt (a goal's value can be that large:
 * a gap of 10^15 units at $1,000,000 a month each).
 */
function digits(whole: number): string {
  return Math.abs(whole) < 1e21 || !Number.isFinite(whole) ? String(whole) : BigInt(whole).toString();
}

/**
 * `14,626`: a whole count with thousands grouped, as `toLocaleString('en-US')` writes it, without
 * it: that loads ICU's number formatting, about 6 MB more of a dry run's peak memory.
 */
export function formatCount(count: number): string {
  return groupThousands(digits(Math.round(count)));
}

/** `$1,498`, `-$12`: rounded to whole dollars, grouped as `formatCount` groups (cards and digests). */
export function formatDollars(value: number): string {
  const whole = Math.round(value);
  return whole < 0 ? `-$${formatCount(-whole)}` : `$${formatCount(whole)}`;
}

/**
 * A number as people read it, grouped, with at most `decimals` places (trailing zeros dropped):
 * 1234.5 → `1,234.5`. As `toLocaleString('en-US')` writes it (up to 3 places), without ICU.
 */
export function formatNumber(value: number, decimals = 2): string {
  const [whole = '0', fraction] = String(round(value, decimals)).split('.');
  return fraction === undefined ? groupThousands(whole) : `${groupThousands(whole)}.${fraction}`;
}

/**
 * Months as the arithmetic beside them uses them, to two decimals (`3.96`, `4`, `3.5`): a gap over
 * "4.0 months left" read $1,000 a month beside "$1,009/month of growth needed", and "$228 × 4.0
 * months" read $912 beside $903 (an audit recomputed both by hand).
 */
export const formatMonths = (months: number): string => formatNumber(months, 2);

/**
 * Dollars and cents as en-US writes them (`$1,234.50`, `-$5.00`): what `goalpost tasks`, `task
 * show` and a proposal's 'valued again' note print. Not `toLocaleString`: its first call loads
 * ICU's number data, a tenth of what a command like `vision show` costs in all.
 */
export function formatCents(value: number): string {
  // From 10^15 on a double holds no cents, and multiplying by 100 only adds error.
  if (!(Math.abs(value) < 1e15)) return `${value < 0 ? '-' : ''}$${formatCount(Math.abs(value))}.00`;
  const cents = Math.round(Math.abs(value) * 100);
  const whole = groupThousands(digits(Math.floor(cents / 100)));
  return `${value < 0 && cents > 0 ? '-' : ''}$${whole}.${String(cents % 100).padStart(2, '0')}`;
}

/** `$1,498`, `$579`, `$4.50`: whole dollars from $100 up or when whole, cents below. */
export function formatUsd(value: number): string {
  const sign = value < 0 ? '-' : '';
  const abs = round(Math.abs(value));
  if (abs >= 100 || Number.isInteger(abs)) return `${sign}$${formatCount(abs)}`;
  return `${sign}$${abs.toFixed(2)}`;
}

/**
 * A share as the team typed it, to the hundredth of a point, 0.02 → `2%`, 0.005 → `0.5%`: what a
 * bug affects (`bug affects`), where `formatPct` would say a half-point share is 1%.
 */
export function formatShare(ratio: number): string {
  return `${formatNumber(ratio * 100, 2)}%`;
}

/** A rate to a tenth of a point, 0.035 → `3.5%`: churn, where half a point is news. */
export function formatRate(ratio: number): string {
  return `${formatFixed(ratio * 100, 1)}%`;
}

/** 0.4234 → `42%`. */
export function formatPct(ratio: number): string {
  return `${Math.round(ratio * 100)}%`;
}

/**
 * A score as a plan keeps it: to a tenth from 10 up, as formatScore shows it, and to the cent
 * below. Two pieces of work a card shows at one score are equal work: ordered by when they were
 * filed and said to tie. Kept to the cent, a review's two features of 17.57 and 17.56, both shown
 * as 17.6, came in the order of a rounding's noise, each card saying it tied with another.
 * Monotone, as scoreBound needs: a higher raw score is never kept lower.
 */
export function keptScore(score: number): number {
  return Math.abs(score) >= 10 ? round(score, 1) : round(score);
}

/**
 * A score as cards and the command line show it: to a tenth (`34.6`), or, below 10, to the
 * hundredth it is kept at when a tenth would be a second rounding that may go the other way. A
 * score is kept rounded to cents; one ending in 5 (0.95, from 0.947) would show as 1.0 where its
 * reasoning's terms work out to 0.9 (a review checked the sum), a twentieth of it: it shows as
 * kept. Any other shows its tenth, the same as its exact value's; from 10 up, a tenth either way
 * is within what the rounded terms beside it say.
 */
export function formatScore(score: number): string {
  const ambiguous = Math.abs(score) < 10 && Math.abs(Math.round(score * 100)) % 10 === 5;
  return formatFixed(score, ambiguous ? 2 : 1);
}

/** A number with at most `decimals` decimals, trailing zeros kept: 0.5 → `0.50`. */
export function formatFixed(value: number, decimals = 2): string {
  const r = round(value, decimals);
  // toFixed writes 10^21 and more in exponent form too.
  if (Math.abs(r) >= 1e21 && Number.isFinite(r))
    return `${digits(Math.round(r))}${decimals > 0 ? `.${'0'.repeat(decimals)}` : ''}`;
  return r.toFixed(decimals);
}

/**
 * What a revenue-gap signal asks of its work, as its title and a withdrawal name it: `Invoicer's
 * share of the revenue gap`, or `the revenue gap` for the workspace's (no project). It names no
 * figure: the share moves with the backlog every morning, and a title that moved with it read as
 * new work each day (`{part}` on a `revenue_gap` playbook).
 */
export function gapPart(project: string | null): string {
  return project === null || project === ''
    ? 'the revenue gap'
    : `${possessive(project)} share of the revenue gap`;
}

/** "Basic EDU Apps'" and "ChairTime's": the possessive of a name. */
export function possessive(name: string): string {
  return /s$/i.test(name) ? `${name}'` : `${name}'s`;
}

/** Whole days ago as a card says them: `today`, `1 day ago`, `12 days ago` (a review read "1 days ago"). */
export const daysAgo = (days: number): string =>
  days === 0 ? 'today' : days === 1 ? '1 day ago' : `${days} days ago`;
