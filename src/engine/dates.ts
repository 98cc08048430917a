import { ValidationError } from '../errors.js';

export const DAY_MS = 86_400_000;
/** The average month the engine normalises revenue to. */
export const DAYS_PER_MONTH = 30.44;

/** Milliseconds since the epoch of an ISO instant or `YYYY-MM-DD` date (UTC). */
export function parseInstant(iso: string, field = 'date'): number {
  const text = /^\d{4}-\d{2}-\d{2}$/.test(iso) ? `${iso}T00:00:00Z` : iso;
  const ms = Date.parse(text);
  if (Number.isNaN(ms))
    throw new ValidationError(`${field} is not a valid date: ${JSON.stringify(iso)}`, field);
  return ms;
}

/** Days in a period, both ends included (a one-day period has 1 day). */
export function daysInclusive(start: string, end: string): number {
  const days = Math.round((parseInstant(end) - parseInstant(start)) / DAY_MS) + 1;
  return Math.max(1, days);
}

/** `YYYY-MM` of an instant, in UTC. */
export function monthKeyOf(ms: number): string {
  const at = new Date(ms);
  return `${at.getUTCFullYear()}-${String(at.getUTCMonth() + 1).padStart(2, '0')}`;
}

export function isMonthKey(key: string): boolean {
  return /^\d{4}-(0[1-9]|1[0-2])$/.test(key);
}

/** The first instant after the month `YYYY-MM` (UTC). */
export function endOfMonth(month: string): number {
  const [year, mon] = month.split('-').map(Number);
  return Date.UTC(year ?? 1970, mon ?? 1, 1);
}
