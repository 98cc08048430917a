/** A day in milliseconds: pairs are weighed by whole milliseconds between their points. */
const DAY_MS = 86_400_000;

/** A point of a time series: x in days, y the value. */
export interface Point {
  x: number;
  y: number;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  // A typed array sorts numbers natively, with no comparator called back.
  return middleOf(Float64Array.from(values).sort());
}

/** The median of values sorted ascending (NaN when there are none). */
function middleOf(sorted: ArrayLike<number>): number {
  if (sorted.length === 0) return Number.NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/**
 * The weighted median of `values` (not empty, no NaN; `weights` positive, one each): the smallest
 * value whose own weight and the weights of those below it reach half the total, or, when those
 * make exactly half, the mean of it and the next value up (as a median of an even count is).
 * Found by selection (a three-way partition around a median of three, carrying the weights):
 * linear on average, where a sort is n log n. Reorders both arrays alike.
 */
function weightedMedianInPlace(values: Float64Array, weights: Float64Array): number {
  let total = 0;
  for (let i = 0; i < weights.length; i += 1) total += weights[i] as number;
  const half = total / 2;
  let below = 0;
  let lo = 0;
  let hi = values.length - 1;
  const swap = (a: number, b: number) => {
    const v = values[a] as number;
    values[a] = values[b] as number;
    values[b] = v;
    const w = weights[a] as number;
    weights[a] = weights[b] as number;
    weights[b] = w;
  };
  for (;;) {
    const x = values[lo] as number;
    const y = values[(lo + hi) >>> 1] as number;
    const z = values[hi] as number;
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
    // Dutch flag: lo..lt-1 below the pivot, lt..i-1 equal to it, gt+1..hi above it.
    let lt = lo;
    let gt = hi;
    let i = lo;
    while (i <= gt) {
      const v = values[i] as number;
      if (v < pivot) swap(lt++, i++);
      else if (v > pivot) swap(i, gt--);
      else i += 1;
    }
    let less = 0;
    for (let k = lo; k < lt; k += 1) less += weights[k] as number;
    let equal = 0;
    for (let k = lt; k <= gt; k += 1) equal += weights[k] as number;
    if (below + less > half) {
      hi = lt - 1;
      continue;
    }
    if (below + less === half && lt > lo) {
      // Exactly half below the pivot: the median lies between the largest of them and the pivot.
      let previous = values[lo] as number;
      for (let k = lo + 1; k < lt; k += 1)
        if ((values[k] as number) > previous) previous = values[k] as number;
      return (previous + pivot) / 2;
    }
    const reached = below + less + equal;
    if (reached > half || gt === hi) return pivot;
    if (reached === half) {
      let next = values[gt + 1] as number;
      for (let k = gt + 2; k <= hi; k += 1) if ((values[k] as number) < next) next = values[k] as number;
      return (pivot + next) / 2;
    }
    below = reached;
    lo = gt + 1;
  }
}

/** At most this many latest points enter the O(n²) slope estimate (and are judged against it). */
export const MAX_POINTS = 400;

/**
 * Theil–Sen line, as Sievers weighs it: the median of pairwise slopes, each weighed by the time
 * between its two points, and the median intercept. Robust to outliers (up to ~29% of points),
 * which short, noisy business series need; and to points bunched in time: a metric typed once a
 * month, then four days running, is read over the month (each of its pairs of days counted alike,
 * the four days' ten slopes outvoted the month's five, and a rise of 1 in a month read as +3.5 a
 * week). Null with fewer than 2 x values. `x` in days.
 */
export function theilSen(all: readonly Point[]): Line | null {
  const points = all.slice(-MAX_POINTS);
  // Up to 79,800 slopes, of which only the middle one or two matter: selected in place, in a
  // typed array, not sorted. A plain array sorted with a comparator took ~35 ms a goal of a
  // year's daily observations, and a digest analyses every goal.
  const size = (points.length * (points.length - 1)) / 2;
  const slopes = new Float64Array(size);
  const spans = new Float64Array(size);
  let count = 0;
  for (let i = 0; i < points.length; i += 1) {
    for (let j = i + 1; j < points.length; j += 1) {
      const a = points[i];
      const b = points[j];
      if (a && b && b.x !== a.x) {
        const s = (b.y - a.y) / (b.x - a.x);
        // One zero: -0 and 0 compare equal, and the median must not come out as -0.
        slopes[count] = s === 0 ? 0 : s;
        // Whole milliseconds of days: integer weights sum exactly whatever the order they are
        // added in, so a pair reaching exactly half the total is seen as such (fractional days
        // summed in a partition's order could miss it by an ulp, and the median by a whole slope).
        spans[count++] = Math.round(Math.abs(b.x - a.x) * DAY_MS);
      }
    }
  }
  if (count === 0) return null;
  const slope = weightedMedianInPlace(slopes.subarray(0, count), spans.subarray(0, count));
  const intercept = median(points.map((p) => p.y - slope * p.x));
  return { slope, intercept };
}

/**
 * theilSen's slope of a series of a few points, `xs` ascending with `ys` alike: its pairs' slopes
 * sorted, not selected, and no intercept. Null with fewer than 2 x values. Revenue's trend is read
 * over each product's latest few periods, thousands of products a plan: theilSen's typed arrays
 * and intercept cost a 12-month workspace of 10,000 projects about 20 ms a dry run.
 */
export function shortSeriesSlope(xs: readonly number[], ys: readonly number[]): number | null {
  const slopes: number[] = [];
  const spans: number[] = [];
  for (let i = 0; i < xs.length; i += 1) {
    for (let j = i + 1; j < xs.length; j += 1) {
      const dx = (xs[j] as number) - (xs[i] as number);
      if (dx === 0) continue;
      const s = ((ys[j] as number) - (ys[i] as number)) / dx;
      const span = Math.round(Math.abs(dx) * DAY_MS);
      // Inserted in order: a few pairs.
      let k = slopes.length;
      slopes.push(0);
      spans.push(0);
      while (k > 0 && (slopes[k - 1] as number) > s) {
        slopes[k] = slopes[k - 1] as number;
        spans[k] = spans[k - 1] as number;
        k -= 1;
      }
      // One zero, as theilSen's: -0 and 0 compare equal.
      slopes[k] = s === 0 ? 0 : s;
      spans[k] = span;
    }
  }
  if (slopes.length === 0) return null;
  let total = 0;
  for (const w of spans) total += w;
  const half = total / 2;
  let reached = 0;
  for (let k = 0; k < slopes.length; k += 1) {
    reached += spans[k] as number;
    if (reached < half) continue;
    const s = slopes[k] as number;
    // Exactly half up to a value: the median lies between it and the next value up.
    if (reached === half && k + 1 < slopes.length && (slopes[k + 1] as number) !== s)
      return (s + (slopes[k + 1] as number)) / 2;
    return s;
  }
  return slopes.at(-1) as number;
}

/**
 * The line of `slope` through a series' level: its intercept the Hodges–Lehmann estimate of the
 * points' intercepts (the median of every pair's mean, each
 * point paired with itself too). Theil–Sen's own intercept is their median, which on a metric
 * that swings either side of its trend lies on whichever side holds one reading more: a review's
 * NPS of 30, 38, 31, 39 … put its line through the lows after each low and the highs after each
 * high. The pairs' means lie between the two sides, and are as robust as the slope (a reading
 * far off moves a minority of them). Of the latest MAX_POINTS; its intercept NaN with none.
 */
export function levelLine(all: readonly Point[], slope: number): Line {
  const points = all.slice(-MAX_POINTS);
  const intercepts = points.map((p) => p.y - slope * p.x);
  const means = new Float64Array((points.length * (points.length + 1)) / 2);
  let count = 0;
  for (let i = 0; i < intercepts.length; i += 1) {
    for (let j = i; j < intercepts.length; j += 1) {
      means[count++] = ((intercepts[i] as number) + (intercepts[j] as number)) / 2;
    }
  }
  // Selected, as theilSen selects its slope: up to 80,200 means, of which the middle one or two matter.
  return { slope, intercept: weightedMedianInPlace(means, new Float64Array(count).fill(1)) };
}

/** How many of the series' ordinary steps (their upper quartile) a level shift is, at least. */
const LEVEL_SHIFT_STEPS = 5;
/** How many robust deviations of the other steps a level shift stands out by, at least. */
const LEVEL_SHIFT_Z = 6;
/** Differences this small against the readings' size are floating-point rounding, not steps. */
const ROUNDING = 1e-9;
/** How many readings each side of a step hold its two levels: one reading is no level. */
const LEVEL_SIDE = 3;

/**
 * The points that begin a new level: a step from the point before that the series' own drift does
 * not explain and its noise does not either, and that the readings after it keep. A step is one
 * when its excess over the median drift a day (times its days) lies over LEVEL_SHIFT_Z robust
 * deviations of the steps' excesses from their median, and over LEVEL_SHIFT_STEPS times the upper
 * quartile of the steps' sizes (whole-number counts rising by ones have a deviation of 0: a +1 is
 * their ordinary step); and when the LEVEL_SIDE readings before it and the LEVEL_SIDE from it on
 * each lie wholly on their own side of the midpoint between the two levels, the drift between them
 * taken out (a weekend dip that comes back, a sawtooth, a spike, or a last reading alone are no
 * level). One shipped fix that took latency from 860 ms to 620 and held is a shift. Ascending
 * indices; none with fewer than LEVEL_SIDE readings each side.
 */
export function levelShifts(points: readonly Point[]): number[] {
  if (points.length < 2 * LEVEL_SIDE) return [];
  // Each step's rate weighed by its days, as theilSen weighs pairs: five readings on five days
  // running do not outvote the month before them.
  const rates = new Float64Array(points.length - 1);
  const days = new Float64Array(points.length - 1);
  let count = 0;
  for (let i = 1; i < points.length; i += 1) {
    const a = points[i - 1] as Point;
    const b = points[i] as Point;
    if (b.x <= a.x) continue;
    rates[count] = (b.y - a.y) / (b.x - a.x);
    days[count++] = Math.round((b.x - a.x) * DAY_MS);
  }
  const drift = count === 0 ? 0 : weightedMedianInPlace(rates.subarray(0, count), days.subarray(0, count));
  const excess: number[] = [];
  for (let i = 1; i < points.length; i += 1) {
    const a = points[i - 1] as Point;
    const b = points[i] as Point;
    excess.push(b.y - a.y - drift * (b.x - a.x));
  }
  const center = median(excess);
  const spread = 1.4826 * median(excess.map((e) => Math.abs(e - center)));
  const sizes = excess.map((e) => Math.abs(e)).sort((a, b) => a - b);
  const ordinary = sizes[Math.floor(0.75 * (sizes.length - 1))] ?? 0;
  const threshold = Math.max(LEVEL_SHIFT_Z * spread, LEVEL_SHIFT_STEPS * ordinary);
  // A series as regular as whole numbers stepping by ones has no ordinary step to tell a shift by;
  // in tenths its steps' excesses are rounding, not 0 (4.9 - 5 is -0.0999…), and a review's churn
  // falling 0.1 a week read its one-off spike to 7.6 as a step, "on track" at -1.03 a week.
  if (!(threshold > ROUNDING * median(points.map((p) => Math.abs(p.y))))) return [];
  const shifts: number[] = [];
  for (let i = LEVEL_SIDE; i + LEVEL_SIDE <= points.length; i += 1) {
    const step = (excess[i - 1] as number) - center;
    if (Math.abs(step) <= threshold) continue;
    // Each reading as level with the step's point: the drift to it taken out.
    const at = points[i] as Point;
    const level = (p: Point) => p.y + drift * (at.x - p.x);
    const before = points.slice(i - LEVEL_SIDE, i).map(level);
    const after = points.slice(i, i + LEVEL_SIDE).map(level);
    const from = median(before);
    const to = median(after);
    // The levels themselves differ as much as a step must: a spike's way back lands where it left.
    if (Math.abs(to - from) <= threshold || to > from !== step > 0) continue;
    const mid = (from + to) / 2;
    const up = step > 0;
    if (before.every((y) => (up ? y < mid : y > mid)) && after.every((y) => (up ? y > mid : y < mid)))
      shifts.push(i);
  }
  return shifts;
}

/**
 * A series' momentum: its slope (units a day) as it goes on now, and where the trend it is on
 * began (see Momentum.since; null when nothing changed it within the readings it is read over). A
 * level shift (see levelShifts) happened once: carried on as a slope, it would be counted again
 * every week to the deadline (a fix that cut latency by 250 ms in three days read as -32 ms a
 * week, forecast 177 ms, "on track", with the readings since nearly flat). So the momentum is read
 * on the readings since the latest shift (LEVEL_SIDE of them at least, as levelShifts asks), or
 * on all of them without one: their Theil–Sen slope since they turned (see turnOf); else over the
 * latest RECENT_DAYS when they are enough (see recentOf); else over them all. A stall months after
 * a step is a stall. Of the latest MAX_POINTS; null as theilSen is. `whole`: the series' own line,
 * when the caller has it (an O(n²) fit not made twice). With the slope, the line's intercept and
 * how many readings it was fitted on: where the trend stands now is that line's value at the
 * latest reading.
 */
export function momentumOf(all: readonly Point[], whole: Line | null = theilSen(all)): Momentum | null {
  const points = all.slice(-MAX_POINTS);
  const offset = all.length - points.length;
  const step = levelShifts(points).at(-1) ?? 0;
  const level = points.slice(step);
  const turn = turnOf(level);
  const fitted = turn === null ? (recentOf(level) ?? level) : level.slice(turn);
  const line = step === 0 && turn === null && fitted === level ? whole : theilSen(fitted);
  const since =
    turn !== null
      ? { at: offset + step + turn, kind: 'turn' as const }
      : step > 0 && fitted === level
        ? { at: offset + step, kind: 'step' as const }
        : null;
  return line && { ...line, readings: fitted.length, since };
}

/** A straight line, `x` in days. */
export interface Line {
  slope: number;
  intercept: number;
}

/** A series' momentum (see momentumOf). */
export interface Momentum extends Line {
  /** How many readings the line was fitted on. */
  readings: number;
  /**
   * Where the trend the series is on began: the index of its first reading, and whether a level
   * shift began it (`step`: see levelShifts) or the trend turned there (`turn`: see turnOf); null
   * when neither happened within the readings the momentum is read over.
   */
  since: { at: number; kind: 'step' | 'turn' } | null;
}

/**
 * The least deviation a trend's noise is taken as, as a share of its typical size. Exported for a
 * goal's line to say when its readings' deviation is this floor, not their own spread (see
 * analyse-goal's behindText).
 */
export const LEAST_NOISE = 0.01;

/**
 * How far a series' readings stray from `line`, as one deviation: the larger of the median's
 * (1.4826 MAD) and the mean's (1.2533 × the mean absolute deviation), as outliers takes them, and
 * LEAST_NOISE of the readings' typical size at least. A handful of whole-number readings lies on
 * its line but for one or two, and their MAD alone, near 0, makes any reading off it news.
 */
export function strayOf(points: readonly Point[], line: Line): number {
  return deviationOf(
    points.map((p) => p.y - (line.intercept + line.slope * p.x)),
    median(points.map((p) => Math.abs(p.y))),
  );
}

/**
 * How far a line's slope, fitted on `points`, may be off (per day): one standard error, the
 * readings' deviation from it (strayOf's) over the root of their spread in time, the readings
 * outliers flags left out. 0 for fewer than three readings, or readings all at one time (no
 * spread to read a slope's noise by).
 */
export function slopeError(points: readonly Point[], line: Line): number {
  if (points.length < 3) return 0;
  // Without the readings off it that outliers flags: a review's churn falling exactly 1 a week but
  // for one spike, flagged "check it", read its trend as within its noise (±0.52 a week), and the
  // same series without the spike on track.
  const odd = outliers(points, line);
  const kept = odd.length === 0 ? points : points.filter((_, i) => !odd.some((o) => o.index === i));
  const read = kept.length < 3 ? points : kept;
  const { spread } = spreadInTime(read);
  return spread > 0 ? strayOf(read, line) / Math.sqrt(spread) : 0;
}

/** Readings' mean time, and their spread about it (the sum of squared distances, in days²). */
function spreadInTime(points: readonly Point[]): { middle: number; spread: number } {
  const middle = points.reduce((sum, p) => sum + p.x, 0) / points.length;
  return { middle, spread: points.reduce((sum, p) => sum + (p.x - middle) ** 2, 0) };
}

/** strayOf of readings `off` their lines, of `typical` size. */
function deviationOf(off: readonly number[], typical: number): number {
  const centre = median(off);
  const spread = off.map((r) => Math.abs(r - centre));
  return Math.max(
    1.4826 * median(spread),
    (1.2533 * spread.reduce((sum, d) => sum + d, 0)) / spread.length,
    LEAST_NOISE * typical,
  );
}

/** Readings from a turn on that make the series' new trend: four steps after it. */
const TURN_READINGS = 5;
/** Readings up to a turn, within RECENT_DAYS of it, that make the trend it turned from. */
const TURN_BEFORE = 4;
/**
 * Days each trend at a turn spans at least, before it and after: three weeks, so that a daily
 * metric's weekends are in both (a week that ends in a weekend's dip is a fall, not a trend).
 */
const TURN_SPAN_DAYS = 21;
/** How many deviations of the readings from their two lines the new trend lies off the old, at a turn. */
const TURN_DEVIATIONS = 5;

/** The least deviation whole-number readings are taken to stray by, at a turn: half a unit. */
const COUNT_NOISE = 0.5;

/** A day's readings as one: their median, at their mean time, and the index of the first of them. */
interface Day extends Point {
  first: number;
}

/** How many of a series' ordinary steps (their median) a lone reading lies off its neighbours, as a typo. */
const SPIKE_STEPS = 10;

/**
 * The readings from `from` on, one a UTC day (see Day), but for a lone reading far off both its
 * neighbours the same way (by SPIKE_STEPS of the days' median step): a 940 typed for 94 among
 * tickets falling by threes, which grew the deviation a turn is judged by until the turn after
 * it went unseen. With `weekly`, such a day is kept where three or more fall on its day of the
 * week (a shop closed on Sundays is one each week: see weekCycleOf).
 */
function daysOf(points: readonly Point[], from: number, weekly = false): Day[] {
  const days: Day[] = [];
  let i = points.length;
  while (i > 0 && (points[i - 1] as Point).x >= from) i -= 1;
  while (i < points.length) {
    const day = Math.floor((points[i] as Point).x);
    let j = i;
    while (j < points.length && Math.floor((points[j] as Point).x) === day) j += 1;
    const those = points.slice(i, j);
    days.push({
      x: those.reduce((sum, p) => sum + p.x, 0) / those.length,
      y: j - i === 1 ? (points[i] as Point).y : median(those.map((p) => p.y)),
      first: i,
    });
    i = j;
  }
  const steps = days.slice(1).map((d, k) => Math.abs(d.y - (days[k] as Day).y));
  const ordinary = median(steps);
  const spike = days.map((d, k) => {
    const a = days[k - 1];
    const b = days[k + 1];
    if (a === undefined || b === undefined || !(ordinary > 0)) return false;
    const far = SPIKE_STEPS * ordinary;
    return (
      Math.sign(d.y - a.y) === Math.sign(d.y - b.y) && Math.abs(d.y - a.y) > far && Math.abs(d.y - b.y) > far
    );
  });
  const spikes = perWeekday(days, (_, k) => weekly && spike[k] === true);
  return days.filter((d, k) => !spike[k] || (spikes[weekday(d)] ?? 0) >= WEEKLY_SPIKES);
}

/** How many lone days far off their neighbours on one day of the week make its week, not typos. */
const WEEKLY_SPIKES = 3;

/** How many days of each day of the week a daily series needs before its week's cycle is read. */
const WEEKDAY_DAYS = 3;

/** A Day's day of the week (UTC's: a team's readings at one local time fall on one of them). */
const weekday = (p: Point) => ((Math.floor(p.x) % 7) + 7) % 7;

/** How many of `days` (those `which` says, all by default) fall on each day of the week. */
function perWeekday(days: readonly Point[], which: (d: Point, k: number) => boolean = () => true): number[] {
  const counts = new Array<number>(7).fill(0);
  days.forEach((d, k) => {
    if (which(d, k)) counts[weekday(d)] = (counts[weekday(d)] ?? 0) + 1;
  });
  return counts;
}

/** `days` but those on days of the week `closed`. */
const openOf = (days: readonly Point[], closed: ReadonlySet<number>): readonly Point[] =>
  closed.size === 0 ? days : days.filter((d) => !closed.has(weekday(d)));

/**
 * A daily series' week: how each day of the week keeps off the series' line (the median of those
 * days' distances from it), a share of the line where the series stays above 0, else a difference;
 * `even` takes a reading's day of the week's part out (to the median of the seven), and `apart` is
 * how many standard errors of its median the day of the week furthest from the others lies off
 * them. The days of the week in `closed` are left out (see closedDays). Null when some other day
 * of the week has fewer than `least` days.
 */
function weekShape(
  all: readonly Point[],
  least: number,
  closed: ReadonlySet<number> = new Set(),
): { even: (p: Point) => number; apart: number } | null {
  const days = openOf(all, closed);
  const counts = perWeekday(days);
  if (counts.some((n, k) => n < least && !closed.has(k))) return null;
  const line = theilSen(days);
  if (line === null) return null;
  const at = (d: Point) => line.intercept + line.slope * d.x;
  // A share of the line where the series stays above 0 (a weekend a third lower as the metric grows).
  const share = days.every((d) => d.y > 0 && at(d) > 0);
  const off: number[][] = Array.from({ length: 7 }, () => []);
  for (const d of days) off[weekday(d)]?.push(share ? d.y / at(d) : d.y - at(d));
  const typical = off.map(median);
  const centre = median(typical.filter((_, k) => !closed.has(k)));
  // Each day of the week's median has a standard error of about 1.25 deviations over √n of its days.
  const noise = deviationOf(
    off.flatMap((ys, k) => ys.map((y) => y - (typical[k] as number))),
    share ? 1 : median(days.map((d) => Math.abs(d.y))),
  );
  const apart = Math.max(
    0,
    ...typical.map((k, i) =>
      closed.has(i) ? 0 : Math.abs(k - centre) / ((1.2533 * noise) / Math.sqrt(counts[i] as number)),
    ),
  );
  const even = (p: Point) => {
    const k = typical[weekday(p)] as number;
    return share ? (p.y * centre) / k : p.y - (k - centre);
  };
  return { even, apart };
}

/**
 * A daily series with its week's cycle taken out: each day less what its day of the week keeps
 * off the series' line (see weekShape), whole for whole-number readings; the days as they are when
 * some day of the week has fewer than WEEKDAY_DAYS of them. A daily metric that drops each weekend
 * (signups a third lower on Saturdays and Sundays) strays from any line by its weekends, and no
 * turn stood out of that: a climb that stopped five weeks before read as climbing still.
 */
function withoutWeekdays(days: readonly Day[]): readonly Day[] {
  const shape = weekShape(days, WEEKDAY_DAYS);
  if (shape === null) return days;
  const whole = days.every((d) => Number.isInteger(d.y));
  return days.map((d) => {
    const y = shape.even(d);
    return { ...d, y: whole ? Math.round(y) : y };
  });
}

/** How many days of each day of the week a goal's daily readings need before it is judged on its week. */
const CYCLE_DAYS = 4;
/** How many standard errors of its median a day of the week lies off the others', as a week's cycle. */
const CYCLE_ERRORS = 5;

/**
 * A daily metric's week's cycle over its latest RECENT_DAYS, when one day of the week lies off the
 * others by more than CYCLE_ERRORS standard errors (see weekShape), with CYCLE_DAYS of each at
 * least, or some days of the week are closed (see closedDays): `even` takes a reading's day of the
 * week's part out (see weekShape), so its trend and outliers are read as the metric runs (a shop's
 * usual Saturday is no outlier, nor a step); `closed` says a reading is of a day closed. Null
 * without either. Of random straight daily series with noise, 0.3 % or fewer read one in
 * simulation (robust-line.test checks under 0.5 %).
 */
export function weekCycleOf(
  points: readonly Point[],
): { even: (p: Point) => number; closed: (p: Point) => boolean } | null {
  const last = points.at(-1);
  if (last === undefined) return null;
  // A lone day far off its neighbours each week (a shop closed on Sundays) is its week, not a typo.
  const days = daysOf(points, last.x - RECENT_DAYS, true);
  const closed = closedDays(days);
  if (!isWeekly(days, closed)) return null;
  const shape = weekShape(days, CYCLE_DAYS, closed);
  if (shape === null || (closed.size === 0 && !(shape.apart > CYCLE_ERRORS))) return null;
  return { even: shape.even, closed: (p) => closed.has(weekday(p)) };
}

/** The least median a whole-number daily series' open days have for its week's cycle to be read. */
const LEAST_DAILY_COUNT = 5;
/** The most a running total falls back against its line, as a share of how far it moves along it. */
const TOTAL_FALLS = 0.2;

/**
 * Whether a daily series, with days `closed` (see closedDays), can keep a week's cycle a goal is
 * judged on:
 * not a count of a few a day (deals at one a day read "closed" weekdays and a week, 12 % of them
 * at four weeks, and gained a trend from it); not a running total that stands still at weekends
 * (paying customers: judged on its week's median, three or four days behind, it read 980 against a
 * latest of 1070, on track, short of a target of 1000 it had passed), told by how little it falls
 * back (a few cancellations, a reading's noise) against how far it moves on, where a week's cycle
 * comes back as far as it went; and not a day of the week at 0 on its first or latest days, three
 * or more, and not on the others (a shop that began opening at weekends: its weekends' median of 0s
 * flagged each new weekend as an outlier), where a holiday or two among them is an outlier, and a
 * business closed at weekends keeps its week over Christmas and New Year's Day.
 */
function isWeekly(days: readonly Point[], closed: ReadonlySet<number>): boolean {
  const open = openOf(days, closed);
  if (open.length < 2) return false;
  const ys = open.map((d) => d.y);
  if (ys.every(Number.isInteger) && median(ys) < LEAST_DAILY_COUNT) return false;
  const byDay: number[][] = Array.from({ length: 7 }, () => []);
  for (const d of open) byDay[weekday(d)]?.push(d.y);
  if (byDay.some(changedAtZero)) return false;
  const rising = Math.sign(theilSen(days)?.slope ?? 0);
  if (rising === 0) return true;
  let on = 0;
  let back = 0;
  for (let k = 1; k < days.length; k += 1) {
    const step = rising * ((days[k] as Point).y - (days[k - 1] as Point).y);
    if (step > 0) on += step;
    else back -= step;
  }
  return back >= TOTAL_FALLS * on;
}

/**
 * Whether a day of the week's readings, in time, stood at 0 first and then not, or the other way
 * round: its 0s one run at the start or the end, three at least (Christmas and New Year's Day
 * fall on one day of the week), and not all of them.
 */
function changedAtZero(ys: readonly number[]): boolean {
  const zeros = ys.filter((y) => y === 0).length;
  if (zeros < 3 || zeros === ys.length) return false;
  const first = ys.indexOf(0);
  const last = ys.lastIndexOf(0);
  return last - first + 1 === zeros && (first === 0 || last === ys.length - 1);
}

/** The most days of the week a series may stand at 0 on while it does not on the others, as days closed. */
const MOST_CLOSED = 3;

/**
 * The days of the week a daily series stands at 0 on, each of its days of them (CYCLE_DAYS at
 * least), while its other days' median is not 0: a business closed at weekends, whose Sunday is
 * no reading of where it stands. None when more than MOST_CLOSED days of the week are so (a count
 * of a few a week, mostly 0).
 */
function closedDays(days: readonly Point[]): ReadonlySet<number> {
  const zeros = perWeekday(days, (d) => d.y === 0);
  const closed = new Set(perWeekday(days).flatMap((n, k) => (n >= CYCLE_DAYS && zeros[k] === n ? [k] : [])));
  if (closed.size === 0 || closed.size > MOST_CLOSED) return new Set();
  return median(openOf(days, closed).map((d) => d.y)) === 0 ? new Set() : closed;
}

/**
 * The median of a daily series' days (each a day's median: see daysOf) of the week to its latest
 * (seven days, the latest among them), with at least five of them read, but for days `closed`: a
 * day of the series itself, the lower of the middle two of an even count when the goal is to go
 * `up` (the upper when down), so a goal reached on it was reached on a day. Null with fewer days
 * read.
 */
export function weekMedianOf(
  points: readonly Point[],
  up: boolean,
  closed: (p: Point) => boolean = () => false,
): Point | null {
  const last = points.at(-1);
  if (last === undefined) return null;
  const all = daysOf(points, Math.floor(last.x) - 6);
  const week = all.filter((d) => !closed(d));
  if (all.length < 5 || week.length === 0) return null;
  const ys = week.map((d) => d.y).sort((a, b) => a - b);
  const y = ys[up ? Math.floor((ys.length - 1) / 2) : Math.ceil((ys.length - 1) / 2)] as number;
  // Of days alike, the latest: where the metric stands now.
  return { x: Math.max(...week.filter((d) => d.y === y).map((d) => d.x)), y };
}

/**
 * Where the series' latest trend began, when it turned within RECENT_DAYS of its latest reading:
 * the index of the first reading of the day it turned; null when it has not, or turned before
 * (the latest RECENT_DAYS are then all of the new trend: see recentOf). A review's support
 * tickets fell ten weeks, then rose two a week for four: read over the eight weeks, "-0.17 a
 * week", on track for a target below where they stood; and a count that climbed 8 a week, then
 * stood still five weeks, read "+2.67 a week", on track. A day is a turn when the readings from it
 * on (TURN_READINGS days over TURN_SPAN_DAYS at least) leave the line of those before it
 * (TURN_BEFORE days of the RECENT_DAYS up to it, it too, over TURN_SPAN_DAYS as well): the latest
 * two off it the same way, no more than one of the others the other way, the slope of their own
 * line bending that way, and that line off the one before at the latest reading by more than
 * TURN_DEVIATIONS of the deviation the readings keep from their two lines (strayOf's), grown as a
 * line carried past the readings it was fitted on may stray (a prediction's error), and of what
 * the new trend's own readings stray from its line (a step among them is no line, but a new level:
 * see trendRead). A noisy metric's swings and a weekend's dip turn no trend: under 1 % of
 * random straight series with noise turn, and no climb that stood still five weeks goes unseen
 * (robust-line.test). A fall that slows is a turn too: its trend changed. Of several such days,
 * the one whose two lines fit the readings best (the least sum of distances), looked for over
 * twice RECENT_DAYS so that one inside a new trend begun earlier is not taken for its start. Read
 * a day at a time (a day's median): readings every few hours turn no trend within a day, and
 * would be hundreds of days to try; a lone typo among them set aside (see daysOf), and a daily
 * metric's week's cycle taken out (see withoutWeekdays).
 */
export function turnOf(points: readonly Point[]): number | null {
  const last = points.at(-1);
  if (last === undefined) return null;
  const days = withoutWeekdays(daysOf(points, last.x - 3 * RECENT_DAYS));
  if (days.length < TURN_BEFORE + TURN_READINGS - 1) return null;
  let best: Day | null = null;
  let bestDistance = Number.POSITIVE_INFINITY;
  let from = days.length - 1;
  for (let at = days.length - TURN_READINGS; at >= TURN_BEFORE - 1; at -= 1) {
    const turn = days[at] as Day;
    if (last.x - turn.x > 2 * RECENT_DAYS) break;
    if (last.x - turn.x < TURN_SPAN_DAYS) continue;
    while (from > 0 && (days[from - 1] as Day).x >= turn.x - RECENT_DAYS) from -= 1;
    const distance = turnDistance(days.slice(Math.min(from, at), at + 1), days.slice(at));
    if (distance !== null && distance < bestDistance) {
      best = turn;
      bestDistance = distance;
    }
  }
  return best === null || last.x - best.x > RECENT_DAYS ? null : best.first;
}

/**
 * The sum of the readings' distances from their two lines, when the series turns between
 * `before` and `after` (see turnOf; the turn's reading ends one and begins the other); null when
 * it does not.
 */
function turnDistance(before: readonly Point[], after: readonly Point[]): number | null {
  const span = (before.at(-1)?.x ?? 0) - (before[0]?.x ?? 0);
  if (before.length < TURN_BEFORE || span < TURN_SPAN_DAYS) return null;
  const was = theilSen(before);
  if (was === null) return null;
  const from = (line: Line) => (p: Point) => p.y - (line.intercept + line.slope * p.x);
  const off = after.slice(1).map(from(was));
  const side = Math.sign(off.at(-1) ?? 0);
  // Checked before the new trend is fitted: most days are no turn.
  if (
    side === 0 ||
    Math.sign(off.at(-2) ?? 0) !== side ||
    off.filter((r) => Math.sign(r) !== side).length > 1
  )
    return null;
  const now = theilSen(after);
  if (now === null || Math.sign(now.slope - was.slope) !== side) return null;
  // The turn's reading begins the new trend: one far off the line the readings after it make is a
  // dip they came back from, not where they turned (a goal's 40, 41, 42, then 28 and 30, then
  // 45, 46, 47, 48 back on its old line read "+2.75/week since its trend changed", on track).
  const counts = before.every((p) => Number.isInteger(p.y)) && after.every((p) => Number.isInteger(p.y));
  const rest = theilSen(after.slice(1));
  if (rest !== null) {
    const first = after[0] as Point;
    const astray = Math.abs(first.y - (rest.intercept + rest.slope * first.x));
    if (astray > TURN_DEVIATIONS * Math.max(strayOf(after.slice(1), rest), counts ? COUNT_NOISE : 0))
      return null;
  }
  const latest = after.at(-1) as Point;
  const apart = side * (now.intercept + now.slope * latest.x - (was.intercept + was.slope * latest.x));
  const residuals = [...before.map(from(was)), ...after.slice(1).map(from(now))];
  // Whole numbers stray by half a unit at least, as counts do: a handful of incidents a week lies
  // on its lines but for a few, and a week of 0s then 1s read as a turn.
  const noise = Math.max(
    deviationOf(residuals, median([...before, ...after].map((p) => Math.abs(p.y)))),
    counts ? COUNT_NOISE : 0,
  );
  const { middle, spread } = spreadInTime(before);
  const carried = Math.sqrt(1 + 1 / before.length + (latest.x - middle) ** 2 / spread);
  if (!(apart > TURN_DEVIATIONS * Math.max(noise * carried, strayOf(after, now)))) return null;
  return residuals.reduce((sum, r) => sum + Math.abs(r), Math.abs(from(now)(after[0] as Point)));
}

/** The span of the latest readings a series' momentum is read over, when they are enough (days). */
export const RECENT_DAYS = 56;
/** How many readings, over how many days at least, the latest RECENT_DAYS need to speak for the trend. */
const RECENT_READINGS = 4;
const RECENT_SPAN_DAYS = 21;

/**
 * The readings of the latest RECENT_DAYS, when a longer series has enough of them (RECENT_READINGS
 * over RECENT_SPAN_DAYS at least) to say how it goes now; null otherwise (the whole series speaks).
 * A reviewer's goal climbed 10 a week for 18 weeks, then stood at 280 for 8: over the whole series
 * it read +8 a week, "on track" for months, and the plan proposed nothing for it.
 */
function recentOf(points: readonly Point[]): readonly Point[] | null {
  const last = points.at(-1);
  if (last === undefined) return null;
  const recent = points.filter((p) => p.x >= last.x - RECENT_DAYS);
  if (recent.length === points.length || recent.length < RECENT_READINGS) return null;
  return last.x - (recent[0] as Point).x >= RECENT_SPAN_DAYS ? recent : null;
}

/** Whether point `index` is beyond each of its neighbours (one at an end): above them when `above`, else below. */
function standsOut(points: readonly Point[], index: number, above: boolean): boolean {
  const y = (points[index] as Point).y;
  const beyond = (n: Point | undefined) => n === undefined || (above ? y > n.y : y < n.y);
  return beyond(points[index - 1]) && beyond(points[index + 1]);
}

/** The least scale a point's distance from the line is judged by in a short series, as a share of its size. */
const RELATIVE_NOISE = 0.05;
/** The most points a series has that is judged with that floor (see outliers). */
const SHORT_SERIES = 7;

/**
 * Points far off the robust line: modified z-score |0.6745 (r − median r) / MAD| > 3.5 (Iglewicz and
 * Hoaglin). Each point's scale is floored by the mean absolute deviation of the other points
 * (× 1.2533): on a short series the line runs through most points, their MAD is near zero, and
 * every point off it by ordinary noise would read as an outlier (14, 15, 14.5, 15.5, 15 flagged
 * its 15 and 15.5 at z 9), while a spike is judged against the others' noise, not its own (14,
 * 15, 1000, 15.5 still flags the 1000). When the others sit exactly on the line, the mean over
 * all points stands in. And in a short series (at most SHORT_SERIES points) no scale is smaller
 * than RELATIVE_NOISE of the series' typical size (its median absolute value): with four or five
 * points the line runs through the rest almost exactly, so a dip of a tenth (6 %, 6.5 %, 6.2 %,
 * 7.1 %) or a point typed twice would read as an anomaly at z 4 to 14. A longer series says more
 * of how much it varies itself, and the floor shrinks with √(SHORT_SERIES ÷ n): a drop of a sixth
 * among thirty steady points is still one (10,000 ± 30, then 8,400), a half-point step among nine
 * weekly readings is not. And an outlier stands out of its neighbours: a point off the line on the
 * side its neighbours are not (above both, or below both; an end point, beyond its one neighbour).
 * One between them is a step on the way, however the line fits: findings falling 14, 13, 10, 9 …
 * flagged the 13 at z 3.9, above a line fitted to a slow fall then a fast one.
 */
export function outliers(points: readonly Point[], line: Line): Array<{ index: number; z: number }> {
  if (points.length < 4) return [];
  const residuals = points.map((p) => p.y - (line.intercept + line.slope * p.x));
  const m = median(residuals);
  const deviations = residuals.map((r) => Math.abs(r - m));
  const madScale = median(deviations) / 0.6745;
  const total = deviations.reduce((sum, d) => sum + d, 0);
  const n = deviations.length;
  // Past SHORT_SERIES points the floor shrinks as the series says more of its own noise (÷ √n): nine
  // weekly readings of a steady climb in half-point steps flagged two of them at z 6 with none.
  const floor =
    RELATIVE_NOISE * Math.sqrt(Math.min(1, SHORT_SERIES / n)) * median(points.map((p) => Math.abs(p.y)));
  return residuals.flatMap((r, index) => {
    const others = (1.2533 * (total - (deviations[index] as number))) / (n - 1);
    const scale = Math.max(madScale, others > 0 ? others : (1.2533 * total) / n, floor);
    if (!(scale > 0)) return [];
    const z = (r - m) / scale;
    if (!(Math.abs(z) > 3.5) || !standsOut(points, index, z > 0)) return [];
    return [{ index, z: Math.round(z * 10) / 10 }];
  });
}
