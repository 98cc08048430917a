import { describe, expect, it } from 'vitest';
import { figure } from '../../bench/stats.js';
import { jsonRows, type Row, textTable, withinLimit } from '../../bench/table.js';

// What the bench prints is read as a verdict on issue 19's targets: "met?" must follow the median
// and the highest peak, and a second column must only be called a p99 when it is one.
describe('the bench table', () => {
  const tenRuns = figure([100, 101, 102, 103, 104, 105, 106, 107, 108, 400]);

  it('meets a time target by the median, whatever the slowest run, and a memory target by the peak', () => {
    expect(withinLimit(tenRuns, 45, { ms: 120, mb: 50 })).toEqual({ text: '≤ 0.12 s, ≤ 50 MB', met: true });
    expect(withinLimit(tenRuns, 51, { ms: 120, mb: 50 }).met).toBe(false);
    expect(withinLimit(tenRuns, 500, { ms: 104 })).toEqual({ text: '≤ 0.104 s', met: false });
  });

  it('calls the second column p99 only with 100 samples or more, and max below', () => {
    const rows: Row[] = [
      { section: 'process', name: 'ten runs', unit: 'ms', figure: tenRuns, peakMb: 45 },
      {
        section: 'ack',
        name: 'two hundred requests',
        unit: 'ms',
        figure: figure(Array.from({ length: 200 }, (_, i) => i + 1)),
      },
    ];
    const [few, many] = jsonRows(rows) as Array<Record<string, unknown>>;
    expect(few).toMatchObject({ median: 105, p99: null, max: 400, n: 10, peakMb: 45, met: null });
    expect(many).toMatchObject({ median: 101, p99: 199, max: null, n: 200 });
    expect(textTable(rows, 'bench')).toMatch(
      /p99\|max is the 99th percentile when n ≥ 100, otherwise the\nlargest sample/,
    );
  });

  it('prints the original engine’s figure as a reference measured once, and the verdict', () => {
    const row: Row = {
      section: 'process',
      name: 'goalpost vision show',
      unit: 'ms',
      figure: tenRuns,
      peakMb: 60,
      original: { seconds: 0.111, mb: 20 },
      target: withinLimit(tenRuns, 60, { ms: 120, mb: 50 }),
    };
    const line =
      textTable([row], 'bench')
        .split('\n')
        .find((l) => l.includes('vision show')) ?? '';
    expect(line).toMatch(
      /^\[process\] goalpost vision show +105 +400 +10 +60 +0\.111 s, 20 MB +≤ 0\.12 s, ≤ 50 MB +no$/,
    );
    expect(jsonRows([row])[0]).toMatchObject({
      original: { seconds: 0.111, mb: 20, measured: 'once, on a 2-core machine, not in this run' },
      target: '≤ 0.12 s, ≤ 50 MB',
      met: false,
    });
  });
});
