/** A point of a time series: x in days, y the value. */
export interface Point {
  x: number;
  y: number;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  return middleOf([...values].sort((a, b) => a - b));
}

/** The median of values sorted ascending (NaN when there are none). */
function middleOf(sorted: ArrayLike<number>): number {
  if (sorted.length === 0) return Number.NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/**
 * The median of `values` (not empty, no NaN), as `median` gives it, found by selection (Hoare's
 * partition around a median of three): linear on average, where a sort is n log n. Reorders them.
 */
function medianInPlace(values: Float64Array): number {
  const mid = values.length >>> 1;
  const upper = selectInPlace(values, mid);
  if (values.length % 2 === 1) return upper;
  // Selection leaves every value below `mid` at most the one there: the lower middle is their largest.
  let lower = values[0] as number;
  for (let i = 1; i < mid; i += 1) if ((values[i] as number) > lower) lower = values[i] as number;
  return (lower + upper) / 2;
}

/** Puts the `k`th smallest of `values` at `k`, the smaller before it and the larger after; returns it. */
function selectInPlace(values: Float64Array, k: number): number {
  let lo = 0;
  let hi = values.length - 1;
  while (lo < hi) {
    const x = values[lo] as number;
    const y = values[(lo + hi) >>> 1] as number;
    const z = values[hi] as number;
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while ((values[i] as number) < pivot) i += 1;
      while ((values[j] as number) > pivot) j -= 1;
      if (i <= j) {
        const swap = values[i] as number;
        values[i] = values[j] as number;
        values[j] = swap;
        i += 1;
        j -= 1;
      }
    }
    // Now lo..j hold values ≤ pivot, i..hi values ≥ pivot, and any between equal it.
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return values[k] as number;
  }
  return values[k] as number;
}

/** At most this many latest points enter the O(n²) slope estimate (and are judged against it). */
export const MAX_POINTS = 400;

/**
 * Theil–Sen line: the median of pairwise slopes and the median intercept. Robust to outliers
 * (up to ~29% of points), which short, noisy business series need. Null with fewer than 2 x values.
 */
export function theilSen(all: readonly Point[]): { slope: number; intercept: number } | null {
  const points = all.slice(-MAX_POINTS);
  // Up to 79,800 slopes, of which only the middle one or two matter: selected in place, in a
  // typed array, not sorted. A plain array sorted with a comparator took ~35 ms a goal of a
  // year's daily observations, and a digest analyses every goal.
  const slopes = new Float64Array((points.length * (points.length - 1)) / 2);
  let count = 0;
  for (let i = 0; i < points.length; i += 1) {
    for (let j = i + 1; j < points.length; j += 1) {
      const a = points[i];
      const b = points[j];
      if (a && b && b.x !== a.x) {
        const s = (b.y - a.y) / (b.x - a.x);
        // One zero: -0 and 0 compare equal, and the median must not come out as -0.
        slopes[count++] = s === 0 ? 0 : s;
      }
    }
  }
  if (count === 0) return null;
  const slope = medianInPlace(slopes.subarray(0, count));
  const intercept = median(points.map((p) => p.y - slope * p.x));
  return { slope, intercept };
}

/**
 * Points far off the robust line: modified z-score |0.6745 (r − median r) / MAD| > 3.5 (Iglewicz and
 * Hoaglin). Each point's scale is floored by the mean absolute deviation of the other points
 * (× 1.2533): on a short series the line runs through most points, their MAD is near zero, and
 * every point off it by ordinary noise would read as an outlier (14, 15, 14.5, 15.5, 15 flagged
 * its 15 and 15.5 at z 9), while a spike is judged against the others' noise, not its own (14,
 * 15, 1000, 15.5 still flags the 1000). When the others sit exactly on the line, the mean over
 * all points stands in.
 */
export function outliers(
  points: readonly Point[],
  line: { slope: number; intercept: number },
): Array<{ index: number; z: number }> {
  if (points.length < 4) return [];
  const residuals = points.map((p) => p.y - (line.intercept + line.slope * p.x));
  const m = median(residuals);
  const deviations = residuals.map((r) => Math.abs(r - m));
  const madScale = median(deviations) / 0.6745;
  const total = deviations.reduce((sum, d) => sum + d, 0);
  const n = deviations.length;
  return residuals.flatMap((r, index) => {
    const others = (1.2533 * (total - (deviations[index] as number))) / (n - 1);
    const scale = Math.max(madScale, others > 0 ? others : (1.2533 * total) / n);
    if (!(scale > 0)) return [];
    const z = (r - m) / scale;
    return Math.abs(z) > 3.5 ? [{ index, z: Math.round(z * 10) / 10 }] : [];
  });
}
