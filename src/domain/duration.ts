/** An instant to the minute, as a person reads a time: `2026-12-02 16:24` (UTC; the log keeps the instant). */
export const toMinute = (iso: string): string => iso.slice(0, 16).replace('T', ' ');

/** An instant to the minute with its zone, as replies say when a step happened: `2026-12-02 16:24 UTC`. */
export const atMinuteUtc = (iso: string): string => `${toMinute(iso)} UTC`;

/**
 * Minutes as a person reads a run's length: `12 s` under a minute, `3.5 min` under an hour
 * (one decimal), `2 h 5 min` beyond. Negative or non-finite minutes read as `—`.
 */
export function formatMinutes(minutes: number): string {
  if (!Number.isFinite(minutes) || minutes < 0) return '—';
  // Nothing at all is none; a run shorter than a second took one.
  if (minutes === 0) return '0 s';
  if (minutes < 1) return `${Math.max(1, Math.round(minutes * 60))} s`;
  if (minutes < 60) return `${Math.round(minutes * 10) / 10} min`;
  const whole = Math.round(minutes);
  // A day or more (a task started weeks ago and never closed): days and hours, not 717 h.
  if (whole >= 1440) {
    const hours = Math.round(whole / 60);
    return `${Math.floor(hours / 24)} d${hours % 24 === 0 ? '' : ` ${hours % 24} h`}`;
  }
  return hoursAndMinutes(whole);
}

/** Whole minutes as hours and minutes: `2 h`, `2 h 5 min`. */
const hoursAndMinutes = (whole: number): string =>
  `${Math.floor(whole / 60)} h${whole % 60 === 0 ? '' : ` ${whole % 60} min`}`;

/**
 * Minutes of work (an outcome's, counted in its person's working time: see workingMinutes) in
 * hours and minutes, never in days of 24 hours: 2,145 working minutes read `1 d 12 h` beside a
 * `2d` estimate that means 16 hours. `35 h 45 min`.
 */
export function formatWorkMinutes(minutes: number): string {
  if (!Number.isFinite(minutes) || minutes < 60) return formatMinutes(minutes);
  return hoursAndMinutes(Math.round(minutes));
}

const UNIT_MINUTES: Readonly<Record<string, number>> = { m: 1, h: 60, d: 1440, w: 10_080 };

/**
 * How often something happens, as a person writes it (`30m`, `6h`, `1d`, `2w`), in minutes; null
 * when it is not one of those or is under a minute.
 */
export function parseEvery(text: string): number | null {
  const m = /^\s*(\d{1,5})\s*([mhdw])\s*$/i.exec(text);
  if (!m?.[1] || !m[2]) return null;
  const minutes = Number(m[1]) * (UNIT_MINUTES[m[2].toLowerCase()] ?? 0);
  return minutes >= 1 ? minutes : null;
}

/** Minutes as `parseEvery` reads them back: `30m`, `6h`, `1d`, `2w` (the largest whole unit). */
export function formatEvery(minutes: number): string {
  for (const unit of ['w', 'd', 'h'] as const) {
    const size = UNIT_MINUTES[unit] ?? 1;
    if (minutes % size === 0) return `${minutes / size}${unit}`;
  }
  return `${minutes}m`;
}

/**
 * How long ago an instant was, as a person reads it: `just now` under a minute, `3 min ago`,
 * `5 h ago`, `4 days ago`.
 */
export function formatAgo(ms: number): string {
  const minutes = Math.floor(Math.max(0, ms) / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ago`;
  return `${Math.floor(hours / 24)} days ago`;
}
