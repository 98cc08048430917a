// Dates and times as typed: on the calendar, and a time with its zone. No zod here: the feedback
// loop checks its actions' times with it too.

/**
 * Whether a date or time's day (its first ten characters, `YYYY-MM-DD`) is on the calendar:
 * `Date.parse` takes 2026-02-30 for 2 March, so an impossible day would be stored as another.
 */
export function onTheCalendar(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (m === null) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1) return false;
  // Counted, not formatted: a Date's toISOString, here before every command that takes --now,
  // cost a short command 0.8 MiB of its 48 (`vision show`, 2026-11-29).
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return day <= (month === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31);
}

/**
 * A date, or a time with its zone (`Z` or an offset): a time without one is read in the time zone
 * of whichever machine runs Goalpost (a review's `metric signups 7 --at 2026-12-01T10:00` landed at
 * 15:00 UTC in New York and 01:00 UTC in Tokyo), while the metrics webhook refused it.
 */
export const INSTANT = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/;

/** Whether `value` is a date, or a time with its zone (see INSTANT), on the calendar and readable. */
export const isZonedTime = (value: string): boolean =>
  INSTANT.test(value) && onTheCalendar(value) && !Number.isNaN(Date.parse(value));

/** What a refusal of a time without its zone adds: `; 2026-12-01T10:00 has no time zone: add Z …`; '' for any other value. */
export const zoneMissing = (value: unknown): string =>
  typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(value)
    ? `; ${value} has no time zone: add Z for UTC or an offset like +01:00`
    : '';
