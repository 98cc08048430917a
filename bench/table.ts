import { type Figure, ms } from './stats.js';

/** The original Python engine's figure for a row: measured once, on a 2-core machine, not in this run. */
export interface Original {
  seconds?: number;
  mb?: number;
}

/** What a row must show to meet issue 19's target, and whether this run showed it. */
export interface Target {
  text: string;
  met: boolean;
}

export interface Row {
  /** `process`: the `goalpost` bin as a whole process; `in-process`: a call timed inside this process. */
  section: 'process' | 'growth' | 'in-process' | 'ack' | 'footprint';
  name: string;
  /** Milliseconds, or a ratio (growth rows: how many times the smaller size's median). */
  unit: 'ms' | 'ratio' | 'MB';
  figure: Figure;
  /** The highest peak resident memory of the row's runs, as the OS counted it. */
  peakMb?: number;
  original?: Original;
  target?: Target;
  note?: string;
}

/** Issue 19's table: the original engine's figures, measured once on a 2-core machine. */
export const ORIGINAL = {
  visionShow: { seconds: 0.111, mb: 20 },
  dryRun: {
    1: { seconds: 0.082, mb: 20 },
    1000: { seconds: 0.107, mb: 22 },
    10000: { seconds: 0.337, mb: 42 },
    100000: { seconds: 3.08, mb: 243 },
  },
  generate10000: { seconds: 0.374 },
  learn: { 100000: { seconds: 0.603, mb: 100 }, 1000000: { seconds: 5.56, mb: 811 } },
} as const satisfies Record<string, unknown>;

/** A limit on a whole-process row: its median time and, where the issue sets one, its peak memory. */
export interface Limit {
  ms: number;
  mb?: number;
}

/** Whether a whole-process row's median and highest peak are within `limit`. */
export function withinLimit(figure: Figure, peakMb: number, limit: Limit): Target {
  const time = `≤ ${seconds(limit.ms)}`;
  const text = limit.mb === undefined ? time : `${time}, ≤ ${limit.mb} MB`;
  return { text, met: figure.median <= limit.ms && (limit.mb === undefined || peakMb <= limit.mb) };
}

/** `0.111 s, 20 MB`: an original's figure as the issue prints it. */
export function originalText(original: Original | undefined): string {
  if (!original) return '';
  const parts = [
    original.seconds === undefined ? null : `${original.seconds} s`,
    original.mb === undefined ? null : `${original.mb} MB`,
  ];
  return parts.filter((p) => p !== null).join(', ');
}

const seconds = (milliseconds: number): string => `${milliseconds / 1000} s`;

/** Whether a row has a second column: several samples of its own (a growth row is one ratio). */
const hasSpread = (r: Row): boolean => r.unit !== 'ratio' && r.figure.n > 1;

/** A figure's value in its unit: `123`, `×12.3`. */
function value(n: number, unit: Row['unit']): string {
  return unit === 'ratio' ? `×${n.toFixed(2)}` : ms(n);
}

/** The rows as a text table, with the legend that says what each column is. */
export function textTable(rows: readonly Row[], header: string): string {
  const lines = [
    header,
    'Times in ms (medians of n runs). p99|max is the 99th percentile when n ≥ 100, otherwise the',
    "largest sample. peak MB is the highest peak resident memory of the row's runs, from the OS, in",
    "MB of 2^20 bytes (MiB), as the OS counts it; the issue's memory figures and targets are read in",
    'the same unit (in decimal megabytes every memory figure is 4.9 % higher).',
    "original: the Python engine's figure from issue 19, measured once on a 2-core machine, not in",
    'this run. met?: whether this run met the target.',
    '',
    [
      'figure'.padEnd(62),
      'median'.padStart(8),
      'p99|max'.padStart(8),
      'n'.padStart(6),
      'peak MB'.padStart(8),
      '  original'.padEnd(18),
      'target'.padEnd(26),
      'met?',
    ].join(' '),
  ];
  for (const r of rows) {
    const cells = [
      `[${r.section}] ${r.name}`.padEnd(62),
      value(r.figure.median, r.unit).padStart(8),
      (hasSpread(r) ? value(r.figure.p99, r.unit) : '').padStart(8),
      String(r.figure.n).padStart(6),
      (r.peakMb === undefined ? '' : r.peakMb.toFixed(0)).padStart(8),
      `  ${originalText(r.original)}`.padEnd(18),
      (r.target?.text ?? '').padEnd(26),
      r.target ? (r.target.met ? 'yes' : 'no ') : '   ',
    ];
    lines.push(`${cells.join(' ')}${r.note ? `  ${r.note}` : ''}`.trimEnd());
  }
  return `${lines.join('\n')}\n`;
}

/** The same rows for machines: each with its median, p99 (or max, under 100 samples), n and target. */
export function jsonRows(rows: readonly Row[]): unknown[] {
  return rows.map((r) => ({
    section: r.section,
    name: r.name,
    unit: r.unit,
    median: r.figure.median,
    // The second column is a 99th percentile only with enough samples; otherwise it is their maximum.
    p99: hasSpread(r) && r.figure.n >= 100 ? r.figure.p99 : null,
    max: hasSpread(r) && r.figure.n < 100 ? r.figure.p99 : null,
    n: r.figure.n,
    peakMb: r.peakMb ?? null,
    original: r.original ? { ...r.original, measured: 'once, on a 2-core machine, not in this run' } : null,
    target: r.target?.text ?? null,
    met: r.target ? r.target.met : null,
    note: r.note ?? null,
  }));
}
