import { describe, expect, it } from 'vitest';
import {
  levelLine,
  levelShifts,
  momentumOf,
  outliers,
  type Point,
  slopeError,
  theilSen,
  turnOf,
  weekCycleOf,
  weekMedianOf,
} from '../../../src/domain/robust-line.js';
import { createRng } from '../../../src/learning/random.js';

/**
 * Theil–Sen as Sievers' definition reads: every pairwise slope sorted with the time between its
 * points as its weight; the first whose weight and those before it reach half the total, or the
 * mean of it and the next when they make exactly half.
 */
function reference(all: readonly Point[]): { slope: number; intercept: number } | null {
  const points = all.slice(-400);
  const pairs: Array<{ slope: number; span: number }> = [];
  for (let i = 0; i < points.length; i += 1) {
    for (let j = i + 1; j < points.length; j += 1) {
      const a = points[i] as Point;
      const b = points[j] as Point;
      // The time between, in whole milliseconds (x is in days).
      const span = Math.round(Math.abs(b.x - a.x) * 86_400_000);
      if (b.x !== a.x) pairs.push({ slope: (b.y - a.y) / (b.x - a.x) || 0, span });
    }
  }
  if (pairs.length === 0) return null;
  pairs.sort((a, b) => a.slope - b.slope);
  const half = pairs.reduce((sum, p) => sum + p.span, 0) / 2;
  let slope = Number.NaN;
  let reached = 0;
  for (let k = 0; k < pairs.length; k += 1) {
    const p = pairs[k] as { slope: number; span: number };
    // Equal slopes are one value: their weights reach together.
    reached += p.span;
    if (k + 1 < pairs.length && (pairs[k + 1] as { slope: number }).slope === p.slope) continue;
    if (reached > half) {
      slope = p.slope;
      break;
    }
    if (reached === half) {
      slope = (p.slope + (pairs[k + 1] as { slope: number }).slope) / 2;
      break;
    }
  }
  const middle = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    return sorted.length % 2 === 1
      ? (sorted[mid] as number)
      : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
  };
  return { slope, intercept: middle(points.map((p) => p.y - slope * p.x)) };
}

describe('the robust trend line (Theil–Sen)', () => {
  it('reads a metric typed once a month, then four days running, over the month', () => {
    // 31 on 1 November, then 30, 30.5, 31, 31.5, 32 on five days running at the month's end: a rise
    // of 1 in a month, not +0.5 a day.
    const points = [
      [0, 31],
      [29, 30],
      [30, 30.5],
      [31, 31],
      [32, 31.5],
      [33, 32],
    ].map(([x, y]) => ({ x: x as number, y: y as number }));
    const slope = theilSen(points)?.slope ?? Number.NaN;
    expect(slope * 7).toBeGreaterThan(-0.5);
    expect(slope * 7).toBeLessThan(0.5);
    // Evenly spaced, a steady rise is read at its rate, as the plain median reads it.
    const steady = [0, 7, 14, 21].map((x, i) => ({ x, y: 400 + 150 * i }));
    expect((theilSen(steady)?.slope ?? 0) * 7).toBeCloseTo(150, 9);
  });

  it('is the weighted median of the pairwise slopes, exactly, on series of every shape', () => {
    const rng = createRng('theil-sen');
    const shapes: Array<(i: number) => number> = [
      (i) => 100 + 2.5 * i + (rng.next() - 0.5) * 30, // a noisy rise
      () => Math.round(rng.next() * 5), // few distinct values: many equal slopes
      () => 42, // flat: every slope 0
      (i) => 500 - i * i * 0.3, // a curve down
      (i) => (i % 9 === 0 ? 10_000 : 10 + i), // outliers
    ];
    let checked = 0;
    for (const shape of shapes) {
      for (const length of [2, 3, 4, 5, 16, 17, 60, 61, 365, 450]) {
        // Daily, with some days measured twice (equal x: no slope between them).
        const points = Array.from({ length }, (_, i) => ({ x: Math.floor(i * 0.9), y: shape(i) }));
        expect(theilSen(points)).toEqual(reference(points));
        checked += 1;
      }
    }
    expect(checked).toBe(50);
    // Measured at hours of the day, not whole days: fractional x, where exactly half the weight
    // is reached as often as the order of additions allows.
    for (let round = 0; round < 300; round += 1) {
      const length = 3 + Math.floor(rng.next() * 30);
      const points = Array.from({ length }, (_, i) => ({
        x: (i * 6 + Math.floor(rng.next() * 5)) / 24,
        y: Math.round(rng.next() * 4),
      }));
      expect(theilSen(points)).toEqual(reference(points));
    }
  });

  it('reads a flat series as flat, never as a slope of -0', () => {
    const points = [3, 2, 1, 0].map((x) => ({ x, y: 7 }));
    const line = theilSen(points);
    expect(Object.is(line?.slope, 0)).toBe(true);
    expect(line?.intercept).toBe(7);
  });

  it('has no line without two distinct days', () => {
    expect(theilSen([])).toBeNull();
    expect(theilSen([{ x: 1, y: 1 }])).toBeNull();
    expect(theilSen([1, 2, 3].map((y) => ({ x: 5, y })))).toBeNull();
  });

  it('follows a year of daily measurements to the rate they rise at', () => {
    const rng = createRng('year');
    const points = Array.from({ length: 365 }, (_, x) => ({ x, y: 200 + 1.5 * x + (rng.next() - 0.5) * 10 }));
    const line = theilSen(points);
    expect(line?.slope).toBeCloseTo(1.5, 1);
    expect(line?.intercept).toBeCloseTo(200, -1);
  });
});

describe('levelLine', () => {
  const at = (line: { slope: number; intercept: number }, x: number) => line.intercept + line.slope * x;
  const series = (ys: number[]) => ys.map((y, i) => ({ x: 20_000 + 7 * i, y }));

  it('puts a metric that swings either side of its trend between the two sides, whichever holds more readings', () => {
    // 30, 38, 31, 39 …: a climb of 0.5 a week, the lows on 30 + 0.5 w, the highs on 37.5 + 0.5 w.
    const ys = [30, 38, 31, 39, 32, 40, 33, 41, 34, 42];
    for (let n = 4; n <= ys.length; n++) {
      const points = series(ys.slice(0, n));
      const slope = 0.5 / 7;
      const last = points.at(-1) as Point;
      // Halfway between the lows' line and the highs', at the latest reading.
      const lows = 30 + 0.5 * (n - 1);
      expect(at(levelLine(points, slope), last.x)).toBeCloseTo(lows + 3.75, 6);
      // Theil–Sen's own intercept sits on the side with more readings: the lows after a low.
      const line = theilSen(points);
      if (n % 2 === 1 && line) expect(line.intercept + line.slope * last.x).toBeCloseTo(lows, 1);
    }
  });

  it('is the median of every pair of intercepts averaged, each with itself too, and a reading far off barely moves it', () => {
    const rng = createRng('level');
    const next = () => rng.next();
    for (let round = 0; round < 50; round++) {
      const n = 1 + Math.floor(next() * 30);
      const points = Array.from({ length: n }, (_, i) => ({ x: i * 3 + next(), y: 100 + 5 * next() }));
      const slope = next() - 0.5;
      const c = points.map((p) => p.y - slope * p.x);
      const means: number[] = [];
      for (let i = 0; i < n; i++)
        for (let j = i; j < n; j++) means.push(((c[i] as number) + (c[j] as number)) / 2);
      means.sort((a, b) => a - b);
      const mid = Math.floor(means.length / 2);
      const expected =
        means.length % 2 === 1
          ? (means[mid] as number)
          : ((means[mid - 1] as number) + (means[mid] as number)) / 2;
      expect(at(levelLine(points, slope), 10)).toBeCloseTo(expected + slope * 10, 9);
    }
    const steady = series([100, 101, 99, 100, 101, 100, 99, 100]);
    const typo = [...steady.slice(0, -1), { x: (steady.at(-1) as Point).x, y: 10_000 }];
    expect(Math.abs(levelLine(typo, 0).intercept - levelLine(steady, 0).intercept)).toBeLessThan(1);
  });
});

describe('outliers', () => {
  const monthly = (values: number[]): Point[] =>
    values.map((y, i) => ({ x: Date.UTC(2026, 7 + i, 15) / 86_400_000, y }));
  const flagged = (values: number[]) => {
    const points = monthly(values);
    const line = theilSen(points);
    return line === null ? [] : outliers(points, line).map((o) => values[o.index]);
  };

  it('does not call ordinary noise an outlier when the line passes through most points', () => {
    // As a team measured it (mid-month, then early December): the line runs through 14, 14.5 and
    // 15, and the two points half a unit off it are the series' noise, not two anomalies.
    const days = ['2026-08-15', '2026-09-15', '2026-10-15', '2026-11-15', '2026-12-07'];
    const values = [14, 15, 14.5, 15.5, 15];
    const points = days.map((d, i) => ({ x: Date.parse(d) / 86_400_000, y: values[i] as number }));
    const line = theilSen(points);
    expect(line).not.toBeNull();
    expect(line && outliers(points, line)).toEqual([]);
    expect(flagged([14, 15, 14.5, 15.5, 15])).toEqual([]);
    expect(flagged([100, 101, 100, 102, 101, 100, 101])).toEqual([]);
  });

  it('does not call a small dip in four points an outlier, nor once a point is typed twice', () => {
    // A trial's conversion rate, monthly: 6.2 % sits 0.6 below a line the other three fit.
    expect(flagged([6, 6.5, 6.2, 7.1])).toEqual([]);
    const days = [
      '2026-09-01T00:00',
      '2026-10-01T00:00',
      '2026-11-01T00:00',
      '2026-11-28T00:00',
      '2026-11-28T00:05',
    ];
    const values = [6, 6.5, 6.2, 7.1, 7.1];
    const points = days.map((d, i) => ({ x: Date.parse(`${d}Z`) / 86_400_000, y: values[i] as number }));
    const line = theilSen(points);
    expect(line && outliers(points, line)).toEqual([]);
  });

  // A review's weekly readings, nine of each on a steady climb: half-point steps of activation read
  // "check the outlier 30.5" and "35.5", and churn's latest reading "3.7 (z -6.4)", the first sign
  // it may be turning, while the same series cut to seven flagged nothing.
  it('flags no ordinary step of a steady series past seven readings', () => {
    expect(flagged([28, 29, 30.5, 31, 32, 33, 34, 35.5, 36])).toEqual([]);
    expect(flagged([3.0, 3.1, 3.3, 3.4, 3.5, 3.6, 3.7, 3.8, 3.7])).toEqual([]);
    expect(flagged([28, 29, 30.5, 31, 32, 33, 34, 45, 36])).toEqual([45]);
  });

  it('flags a drop of a sixth among thirty steady points, which the short series floor would hide', () => {
    const values = Array.from({ length: 30 }, (_, i) => (i === 20 ? 8400 : 10_000 + ((i * 7) % 61) - 30));
    expect(flagged(values)).toEqual([8400]);
  });

  it('still flags a point far off a line that fits the rest, in a short series too', () => {
    expect(flagged([14, 15, 40, 15.5, 15])).toEqual([40]);
    expect(flagged([100, 101, 100, 102, 101, 160, 101, 100])).toEqual([160]);
    expect(flagged([14, 15, 1000, 15.5])).toEqual([1000]);
    expect(flagged([5, 5, 5, 5, 9])).toEqual([9]);
  });

  // A review's open security findings, falling as the team fixed them: the second reading, 13 on
  // the way from 14 to 10, read "Anomaly: 13 findings (z 3.9): check it", and typed at midnight
  // rather than 09:00 it did not. A reading between its neighbours is a step on the way, however
  // the line fits a series that fell slowly and then fast: an outlier stands out of its neighbours.
  it('flags no reading that lies between its neighbours, at whatever time of day it was typed', () => {
    const readings: Array<[string, number]> = [
      ['2026-10-26T00:00', 14],
      ['2026-11-03T09:00', 13],
      ['2026-11-05T10:00', 10],
      ['2026-11-09T09:00', 9],
      ['2026-11-11T09:00', 8],
      ['2026-11-16T09:00', 7],
      ['2026-11-19T09:00', 6],
      ['2026-11-20T09:00', 6],
    ];
    for (const time of [(d: string) => d, (d: string) => `${d.slice(0, 10)}T00:00`]) {
      const points = readings.map(([d, y]) => ({ x: Date.parse(`${time(d)}Z`) / 86_400_000, y }));
      const line = theilSen(points);
      expect(line && outliers(points, line)).toEqual([]);
    }
    // A reading that stands out of both its neighbours still does.
    expect(flagged([14, 13, 10, 9, 8, 30, 6, 6])).toEqual([30]);
  });

  it('flags two spikes among steady points, each judged against the others', () => {
    expect(flagged([100, 101, 100, 500, 101, 500, 101, 100])).toEqual([500, 500]);
  });
});

describe('slopeError', () => {
  const weekly = (ys: number[]) => ys.map((y, i) => ({ x: i * 7, y }));
  const perWeek = (ys: number[]) => {
    const points = weekly(ys);
    return slopeError(points, theilSen(points) as NonNullable<ReturnType<typeof theilSen>>) * 7;
  };

  // A review's churn, falling exactly 1 a week but for one spike that outliers flags: the spike
  // made the fall read as within its noise (±0.52 a week), where the series without it was clear.
  it('reads the noise of a trend without the readings outliers flags off it', () => {
    const spiked = [50, 49, 48, 76, 46, 45, 44, 43, 42, 41];
    expect(
      outliers(weekly(spiked), theilSen(weekly(spiked)) as NonNullable<ReturnType<typeof theilSen>>),
    ).toHaveLength(1);
    expect(perWeek(spiked)).toBeLessThan(0.1);
    expect(perWeek(spiked)).toBeCloseTo(perWeek([50, 49, 48, 47, 46, 45, 44, 43, 42, 41]), 1);
    // Readings that stray evenly are its noise, every one of them.
    expect(perWeek([50, 53, 46, 51, 44, 49, 42, 47, 40, 45])).toBeGreaterThan(0.3);
  });
});

describe('levelShifts', () => {
  const at = (ys: number[], days: number[] = ys.map((_, i) => i * 7)) =>
    ys.map((y, i) => ({ x: days[i] as number, y }));

  it('finds the reading a step began at, and keeps to it however noisy the levels', () => {
    expect(levelShifts(at([900, 880, 910, 870, 860, 620, 600, 590, 585]))).toEqual([5]);
    expect(levelShifts(at([100, 103, 99, 150, 152, 149, 151, 200, 198, 203]))).toEqual([3, 7]);
  });

  it('finds none in a steady climb, a spike that came back, or readings bunched after a quiet month', () => {
    expect(levelShifts(at([400, 430, 455, 490, 515, 540, 575, 600]))).toEqual([]);
    expect(levelShifts(at([400, 404, 700, 406, 410, 411, 415]))).toEqual([]);
    expect(levelShifts(at([31, 30, 30.5, 31, 31.5, 32], [0, 29, 30, 31, 32, 33]))).toEqual([]);
    expect(levelShifts(at([5, 5, 5]))).toEqual([]);
  });

  // A review's churn in tenths of a percent, falling 0.1 a week: floating point made each step's
  // excess over the drift a rounding error, not 0, and a spike, or a week's 0.2, read as a step,
  // where the same readings in whole numbers (×10) read none.
  it('reads readings in tenths as it reads them in whole numbers', () => {
    for (const ys of [
      [5, 4.9, 4.8, 7.6, 4.7, 4.6, 4.5],
      [5, 4.9, 4.8, 4.7, 4.5, 4.4, 4.3, 4.2],
    ]) {
      expect(levelShifts(at(ys)), JSON.stringify(ys)).toEqual([]);
      expect(levelShifts(at(ys.map((y) => Math.round(y * 10)))), JSON.stringify(ys)).toEqual([]);
    }
  });

  // A review's series: counts rising by ones, weekly dips, a sawtooth, values near zero, a noisy
  // rate, and a high reading with nothing after it read as steps, and their momentum as nonsense.
  it('finds none in the ordinary movement of small counts, cycles, noise near zero, or a last reading alone', () => {
    const daily = (ys: number[]) => ys.map((y, i) => ({ x: i, y }));
    for (const ys of [
      [4, 4, 5, 5, 5, 6, 6, 7, 7, 7, 8],
      [2, 2, 4, 4, 4, 6, 6, 8, 8, 8],
      [200, 260, 205, 265, 210, 270, 215, 275],
      [-3, -1, 0, 2, 1, 3, 5, 4, 6],
      [2.1, 2.3, 2.0, 2.2, 2.4, 2.1, 2.3],
      [120, 122, 124, 121, 123, 180],
      [125, 128, 131, 134, 210, 136, 139],
    ])
      expect(levelShifts(at(ys)), JSON.stringify(ys)).toEqual([]);
    const weekends = [
      100, 101, 99, 100, 102, 60, 61, 100, 99, 101, 100, 102, 60, 62, 101, 100, 99, 100, 101, 61, 62,
    ];
    expect(levelShifts(daily(weekends))).toEqual([]);
  });

  it('finds a step near the top of a rate, where a tenth of its size would hide it', () => {
    expect(levelShifts(at([98.0, 98.1, 97.9, 98.0, 99.5, 99.6, 99.5, 99.6]))).toEqual([4]);
  });
});

describe('turnOf', () => {
  const weekly = (ys: number[]) => ys.map((y, i) => ({ x: i * 7, y }));
  const rng = createRng('turn');
  const noise = (size: number) => (rng.next() - 0.5) * 2 * size;

  // A review: tickets fell ten weeks, then rose two a week for four, and read "-0.17 a week"; a
  // count climbed eight a week, then stood still five weeks, and read "+2.67 a week".
  it('finds where a fall turned into a rise and a climb into a stall, four weeks on', () => {
    const fell = [120, 115, 110, 105, 100, 97, 94, 91, 88, 86, 84];
    expect(turnOf(weekly([...fell, 86, 88, 90, 92]))).toBe(10);
    const climbed = [200, 208, 216, 224, 232, 240, 248, 256, 264, 272, 280];
    expect(turnOf(weekly([...climbed, 281, 279, 282, 280, 281]))).toBe(10);
    // Week by week: one reading up is no turn (the fall slowed from 5 a week to under 3 at 100);
    // two make a stop (88, 86, 84, 86, 88 since the fall's trend put it near 72); three a rise.
    const weekByWeek = [[86], [86, 88], [86, 88, 90]].map((up) => {
      const m = momentumOf(weekly([...fell, ...up]));
      return [m?.since?.at, Math.round((m?.slope ?? Number.NaN) * 7 * 10) / 10];
    });
    expect(weekByWeek).toEqual([
      [4, -2.6],
      [8, 0],
      [9, 1.5],
    ]);
    // A noisy stall is found as well, where it began: climbs of 8 a week ± 3, then five weeks level.
    for (let k = 0; k < 1000; k += 1) {
      const weeks = 6 + Math.floor(rng.next() * 6);
      const size = rng.next() * 3;
      const ys = Array.from({ length: weeks + 5 }, (_, i) => 200 + 8 * Math.min(i, weeks - 1) + noise(size));
      expect(turnOf(weekly(ys)), JSON.stringify(ys)).toBeGreaterThanOrEqual(weeks - 2);
    }
  });

  it('finds none in a trend that goes on, a noisy one, a step, a spike, or a weekly cycle', () => {
    for (const ys of [
      [400, 430, 455, 490, 515, 540, 575, 600, 625, 650, 680],
      // Swinging by 8 around a climb of 0.5 a week.
      [30, 38, 31, 39, 32, 40, 33, 41, 34, 42, 35, 43],
      // A step in the latest two readings: a new level (see trendRead), not a new slope.
      [100, 101, 99, 100, 101, 100, 99, 101, 100, 130, 131],
      // One week's spike that came back.
      [100, 102, 104, 106, 108, 160, 112, 114, 116, 118],
    ])
      expect(turnOf(weekly(ys)), JSON.stringify(ys)).toBeNull();
    // Of random straight series with noise, few: a turn is read from the readings' own deviation.
    let turned = 0;
    for (let k = 0; k < 3000; k += 1) {
      const n = 8 + Math.floor(rng.next() * 20);
      const [slope, size, base] = [(rng.next() - 0.5) * 20, rng.next() * 15, 50 + rng.next() * 500];
      const ys = Array.from({ length: n }, (_, i) => base + slope * i + noise(size));
      if (turnOf(weekly(ys)) !== null) turned += 1;
    }
    expect(turned).toBeLessThan(30);
    // A step in the latest two readings of a noisy flat series is a new level (see trendRead),
    // not a steep new trend: a review's read +10 a week, on track, where it had been off track.
    let stepped = 0;
    for (let k = 0; k < 2000; k += 1) {
      const ys = [
        ...Array.from({ length: 12 }, () => Math.round(100 + noise(2))),
        130 + noise(1),
        131 + noise(1),
      ];
      if (momentumOf(weekly(ys))?.since?.kind === 'turn') stepped += 1;
    }
    expect(stepped).toBeLessThan(20);
    // Counts of a few incidents a week: a run of 0s then of 1s is no turn.
    let counted = 0;
    for (let k = 0; k < 2000; k += 1) {
      const ys = Array.from({ length: 12 }, () => (rng.next() < 0.25 ? (rng.next() < 0.2 ? 2 : 1) : 0));
      if (turnOf(weekly(ys)) !== null) counted += 1;
    }
    expect(counted).toBeLessThan(20);
    expect(turnOf(weekly([0, 0, 1, 2, 0, 1, 1, 1, 0, 1, 1, 1]))).toBeNull();
    // A daily conversion a point lower each weekend, climbing slowly.
    const daily = Array.from({ length: 70 }, (_, d) => ({ x: d, y: 4 + 0.01 * d - (d % 7 >= 5 ? 1 : 0) }));
    for (let n = 30; n <= 70; n += 1) expect(turnOf(daily.slice(0, n)), `day ${n}`).toBeNull();
  });

  // A daily metric a third or more lower each weekend: its weekends strayed from any line, and no
  // turn stood out of them. Orders climbed two a day for ten weeks, then stood at about 640.
  it('finds where a daily metric that drops each weekend turned', () => {
    const rng = createRng('weekends');
    // Day 0 is a Monday (1970-01-05 is one: the days of the week are UTC's).
    const monday = 4;
    const orders = (stall: boolean, weekend: number) =>
      Array.from({ length: 105 }, (_, d) => {
        const trend = 500 + 2 * (stall ? Math.min(d, 70) : d);
        const y = trend * (d % 7 >= 5 ? weekend : 1) + (rng.next() - 0.5) * 12;
        return { x: monday + d, y: Math.round(y) };
      });
    for (const weekend of [0.9, 0.6]) {
      const stalled = orders(true, weekend);
      for (const end of [98, 105]) {
        const turn = turnOf(stalled.slice(0, end));
        expect(turn, `weekends ×${weekend}, day ${end}`).not.toBeNull();
        // Within the week it turned in.
        expect(Math.abs((turn ?? 0) - 70), `weekends ×${weekend}, day ${end}`).toBeLessThanOrEqual(7);
        expect(Math.abs((momentumOf(stalled.slice(0, end))?.slope ?? 99) * 7)).toBeLessThan(3);
      }
      // A climb that goes on, weekends and all, never turns.
      const climbing = orders(false, weekend);
      for (let end = 30; end <= 105; end += 1)
        expect(turnOf(climbing.slice(0, end)), `day ${end}`).toBeNull();
    }
  });

  // A review: a step in June, a climb of 8 a week, then eleven weeks at about 240: read as the
  // slope since the step, "+4.45 a week", on track, however long the stall.
  it('reads a stall months after a step as a stall', () => {
    const climb = Array.from({ length: 11 }, (_, i) => 158 + 8 * i);
    const flat = [239, 241, 240, 242, 239, 241, 240, 242, 240, 241, 239];
    const week = (n: number) =>
      momentumOf(weekly([100, 101, 99, 100, 150, 151, 150, 152, ...climb, ...flat.slice(0, n)]));
    // Four weeks on, the stall is a turn, named; eleven weeks on, the latest eight are all of it.
    expect(week(4)?.since?.kind).toBe('turn');
    expect((week(4)?.slope ?? 99) * 7).toBeLessThan(1.5);
    expect(week(11)?.since).toBeNull();
    expect(Math.abs((week(11)?.slope ?? 99) * 7)).toBeLessThan(0.5);
  });

  // A review: a 940 typed for 94 among the weeks before the turn hid it; the goal read on track
  // while tickets rose.
  it('finds a turn past a typo among the readings before it', () => {
    const fell = [120, 115, 110, 105, 100, 97, 940, 91, 88, 86, 84];
    expect(turnOf(weekly([...fell, 86, 88, 90, 92]))).toBe(10);
    expect((momentumOf(weekly([...fell, 86, 88, 90, 92]))?.slope ?? 0) * 7).toBeCloseTo(2, 6);
    // A swinging metric has no typo: each reading is its neighbours' kind.
    expect(turnOf(weekly([30, 38, 31, 39, 32, 40, 33, 41, 34, 42, 35, 43]))).toBeNull();
  });

  // A review: a goal climbing a unit a week dipped for two weeks in its first month and came back
  // to its old line; the climb back read as a new trend "+2.75/week since its trend changed",
  // forecast 109 where the same climb without the dip read 69, off track.
  it('takes no dip the readings came back from for a turn', () => {
    const dipped = weekly([40, 41, 42, 28, 30, 45, 46, 47, 48]);
    expect(turnOf(dipped)).toBeNull();
    expect((momentumOf(dipped)?.slope ?? 0) * 7).toBeCloseTo(1, 6);
    // A fall that turned at its lowest reading still turns there.
    expect(turnOf(weekly([60, 58, 56, 54, 52, 50, 52, 54, 56, 58]))).toBe(5);
  });

  it('reads readings every few hours a day at a time', () => {
    // Four a day for a hundred days: falling a point a day for seventy, then rising one for thirty.
    const points = Array.from({ length: 400 }, (_, i) => {
      const x = i / 4;
      return { x, y: (x < 70 ? 500 - x : 430 + (x - 70)) + ((i * 7) % 5) - 2 };
    });
    const turn = turnOf(points);
    expect(turn).not.toBeNull();
    // The first reading of the day it turned, within a day or two of day 70.
    expect(Math.abs((points[turn as number]?.x ?? 0) - 70)).toBeLessThanOrEqual(2);
    expect(Number.isInteger(points[turn as number]?.x)).toBe(true);
  });
});

describe("a daily metric's week", () => {
  // Day 0 is a Monday (1970-01-05 is one: the days of the week are UTC's), read at 06:00.
  const monday = 4;
  const gauss = (rng: { next(): number }) =>
    Array.from({ length: 12 }, () => rng.next()).reduce((a, b) => a + b) - 6;

  it('finds a week whose weekends run lower, and none in straight noisy daily series', () => {
    const rng = createRng('week');
    const daily = (days: number, weekend: number, size: number, whole = false) => {
      const [base, slope] = [50 + rng.next() * 500, (rng.next() - 0.5) * 4];
      return Array.from({ length: days }, (_, d) => {
        const y = (base + slope * d) * (d % 7 >= 5 ? weekend : 1) + gauss(rng) * size * base;
        return { x: monday + d + 0.25, y: Math.max(0, whole ? Math.round(y) : y) };
      });
    };
    let found = 0;
    let wrong = 0;
    for (let k = 0; k < 1000; k += 1) {
      const days = 28 + Math.floor(rng.next() * 63);
      if (weekCycleOf(daily(days, 0.6, 0.05)) !== null) found += 1;
      if (weekCycleOf(daily(days, 1, rng.next() * 0.1, k % 2 === 0)) !== null) wrong += 1;
    }
    expect(found).toBeGreaterThan(970);
    expect(wrong).toBeLessThan(5);
    // Under four weeks of each day, none is read.
    expect(weekCycleOf(daily(27, 0.6, 0.01))).toBeNull();
    // Of cycle-free series, about 0.2 % or fewer read a week (0.3 % at five weeks in simulation).
  });

  it('reads weekends at 0 as days closed, and a metric mostly at 0 as none', () => {
    const b2b = Array.from({ length: 42 }, (_, d) => ({
      x: monday + d + 0.25,
      y: d % 7 >= 5 ? 0 : 40 + (d % 3),
    }));
    const cycle = weekCycleOf(b2b);
    expect(b2b.filter((p) => cycle?.closed(p)).length).toBe(12);
    // Its week is the median of its five open days.
    expect(weekMedianOf(b2b, true, cycle?.closed)).toEqual({ x: monday + 37.25, y: 41 });
    // Closed on Sundays alone, a lone 0 each week between two open days: no typo, but its week.
    const sundays = Array.from({ length: 56 }, (_, d) => ({
      x: monday + d + 0.25,
      y: d % 7 === 6 ? 0 : 200 + (d % 3),
    }));
    const closedSundays = weekCycleOf(sundays);
    expect(sundays.filter((p) => closedSundays?.closed(p)).length).toBe(8);
    // A handful of incidents a week, mostly none: no day of it is closed.
    const incidents = Array.from({ length: 42 }, (_, d) => ({
      x: monday + d + 0.25,
      y: d % 7 === 2 ? 1 : 0,
    }));
    expect(weekCycleOf(incidents)).toBeNull();
  });

  // A review's repros: each read a week it did not keep, and was judged days behind or on a trend
  // it gained from days dropped as closed.
  it('reads no week in a running total, a count of a few a day, or a shop that began opening at weekends', () => {
    const days = (n: number, y: (d: number) => number) =>
      Array.from({ length: n }, (_, d) => ({ x: monday + d + 0.25, y: y(d) }));
    // Paying customers: thirty more each weekday, none lost, none gained at weekends.
    const total = days(56, (d) => 500 + 30 * (Math.floor(d / 7) * 5 + Math.min(d % 7, 5)));
    expect(weekCycleOf(total)).toBeNull();
    // A young one, two cancellations each weekend day and a reading's noise of ±2: it falls back
    // on two days of seven, but by little against how far it goes on.
    const noise = createRng('total');
    const young = days(56, (d) => {
      const weekdays = Math.floor(d / 7) * 5 + Math.min(d % 7, 5);
      const weekends = Math.floor(d / 7) * 2 + Math.max(0, (d % 7) - 4);
      return 200 + 30 * weekdays - 2 * weekends + Math.round((noise.next() - 0.5) * 4);
    });
    expect(weekCycleOf(young)).toBeNull();
    // About one deal a day: a weekday at 0 four weeks running is chance, not a day closed.
    const rng = createRng('deals');
    let cycled = 0;
    for (let k = 0; k < 500; k += 1) {
      const deals = days(28, () => (rng.next() < 0.37 ? 0 : rng.next() < 0.6 ? 1 : 2));
      if (weekCycleOf(deals) !== null) cycled += 1;
    }
    expect(cycled).toBe(0);
    // Closed at weekends for five weeks, then open at weekends, 40 % lower.
    const opening = days(56, (d) => (d % 7 >= 5 ? (d < 35 ? 0 : 130) : 215));
    expect(weekCycleOf(opening)).toBeNull();
    // Weekends at 0 throughout: days closed, a week; and still one with Christmas and New Year's
    // Day (two Fridays) at 0 among them, at the start of its eight weeks or in the middle.
    expect(weekCycleOf(days(56, (d) => (d % 7 >= 5 ? 0 : 215)))).not.toBeNull();
    for (const holidays of [
      [4, 11],
      [25, 32],
    ])
      expect(
        weekCycleOf(days(56, (d) => (d % 7 >= 5 || holidays.includes(d) ? 0 : 215 + (d % 3)))),
        `${holidays}`,
      ).not.toBeNull();
  });

  it('takes the week to its latest reading at a day of it, the lower middle one for a goal to go up', () => {
    const days = (ys: number[]) => ys.map((y, d) => ({ x: monday + d + 0.25, y }));
    const week = days([100, 101, 102, 103, 104, 60, 61]);
    expect(weekMedianOf(week, true)).toEqual({ x: monday + 1.25, y: 101 });
    // Six days read: of the middle two, the lower when up, the upper when down.
    const six = days([100, 101, 102, 103, 104, 60]);
    expect(weekMedianOf(six, true)?.y).toBe(101);
    expect(weekMedianOf(six, false)?.y).toBe(102);
    // Of days alike, the latest; four readings a day as one day's median.
    expect(weekMedianOf(days([90, 90, 90, 90, 90, 50, 90]), true)?.x).toBe(monday + 6.25);
    const often = Array.from({ length: 28 }, (_, i) => ({ x: monday + i / 4, y: 100 + i }));
    expect(weekMedianOf(often, true)?.y).toBe(100 + 13.5);
    // Fewer than five days read in the week to the latest: no week.
    expect(
      weekMedianOf(
        days([100, 101, 102, 103, 104]).filter((_, d) => d !== 2),
        true,
      ),
    ).toBeNull();
  });
});
