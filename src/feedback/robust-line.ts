/** A point of a time series: x in days, y the value. */
export interface Point {
  x: number;
  y: number;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** At most this many latest points enter the O(n²) slope estimate. */
const MAX_POINTS = 400;

/**
 * Theil–Sen line: the median of pairwise slopes and the median intercept. Robust to outliers
 * (up to ~29% of points), which short, noisy business series need. Null with fewer than 2 x values.
 */
export function theilSen(all: readonly Point[]): { slope: number; intercept: number } | null {
  const points = all.slice(-MAX_POINTS);
  const slopes: number[] = [];
  for (let i = 0; i < points.length; i += 1) {
    for (let j = i + 1; j < points.length; j += 1) {
      const a = points[i];
      const b = points[j];
      if (a && b && b.x !== a.x) slopes.push((b.y - a.y) / (b.x - a.x));
    }
  }
  if (slopes.length === 0) return null;
  const slope = median(slopes);
  const intercept = median(points.map((p) => p.y - slope * p.x));
  return { slope, intercept };
}

/**
 * Points far off the robust line: modified z-score |0.6745 (r − median r) / MAD| > 3.5 (Iglewicz and
 * Hoaglin). With a zero MAD, the mean absolute deviation stands in (× 1.2533).
 */
export function outliers(
  points: readonly Point[],
  line: { slope: number; intercept: number },
): Array<{ index: number; z: number }> {
  if (points.length < 4) return [];
  const residuals = points.map((p) => p.y - (line.intercept + line.slope * p.x));
  const m = median(residuals);
  const deviations = residuals.map((r) => Math.abs(r - m));
  const mad = median(deviations);
  const scale =
    mad > 0 ? mad / 0.6745 : (1.2533 * deviations.reduce((sum, d) => sum + d, 0)) / deviations.length;
  if (!(scale > 0)) return [];
  return residuals.flatMap((r, index) => {
    const z = (r - m) / scale;
    return Math.abs(z) > 3.5 ? [{ index, z: Math.round(z * 10) / 10 }] : [];
  });
}
