/**
 * A person's working hours: a span of wall-clock time within one day, in their own zone.
 * Times are `HH:MM` on a 24-hour clock; the span includes its start and ends just before its end,
 * so 09:00-17:30 is at work at 17:29 and not at 17:30. `24:00` may end a span (until midnight).
 */
export interface WorkHours {
  /** `HH:MM`, 00:00 to 23:59. */
  start: string;
  /** `HH:MM` after `start`, up to 24:00. */
  end: string;
}

/** The accepted forms, for error messages. */
export const HOURS_FORM = '24-hour local times like 09:00-17:30, or any';

/**
 * Any hour of a working day, as `me hours any` sets it: the whole day, kept apart from hours never
 * set (null), which reminders read as {@link UNSET_HOURS}.
 */
export const ANY_HOUR: WorkHours = { start: '00:00', end: '24:00' };

/** True for hours that are the whole day: `me hours any`, or `00:00-24:00` typed. */
export const isAnyHour = (hours: WorkHours): boolean => hours.start === '00:00' && hours.end === '24:00';

/**
 * The hours a reminder may mention someone who never set theirs: a working day's, in their zone.
 * Read as any hour, someone who had said nothing was mentioned at 00:00 their time.
 */
export const UNSET_HOURS: WorkHours = { start: '09:00', end: '18:00' };

/** What `parseHours` read: hours ({@link ANY_HOUR} for `any`), or why not in words. */
export type HoursInput = { ok: true; hours: WorkHours } | { ok: false; why: string };

/** Words that clear the hours: any hour of a working day. */
const ANY = new Set(['any', 'off', 'none', 'all day', 'any hour']);

// A hyphen or an en dash (`9:00–17:00`), the dash written as an escape: see the build's ASCII check.
const RANGE = /^(\d{1,2}):(\d{2})\s*[-\u2013]\s*(\d{1,2}):(\d{2})$/;

const pad = (n: number): string => String(n).padStart(2, '0');

/** `9`, `05` → `09:05`, or null for a reading no clock shows (`end` allows 24:00 exactly). */
function clockTime(hours: string, minutes: string, end: boolean): string | null {
  const h = Number(hours);
  const m = Number(minutes);
  if (m > 59 || h > 24 || (h === 24 && (!end || m > 0))) return null;
  return `${pad(h)}:${pad(m)}`;
}

/**
 * `09:00-17:30` (or `9:00 – 17:30`) as hours; `any`/`off` as the whole day ({@link ANY_HOUR}). A range that runs past midnight
 * (22:00-06:00) is refused rather than guessed at: its hours after midnight would belong to the
 * day before, which the working days and time off would then have to follow.
 */
export function parseHours(text: string): HoursInput {
  const t = text.trim().toLowerCase().replace(/\s+/g, ' ');
  if (ANY.has(t)) return { ok: true, hours: ANY_HOUR };
  const m = RANGE.exec(t);
  if (!m) return { ok: false, why: HOURS_FORM };
  const [, sh = '', sm = '', eh = '', em = ''] = m;
  const start = clockTime(sh, sm, false);
  const end = clockTime(eh, em, true);
  if (start === null) return { ok: false, why: `${sh}:${sm} is not a time of day (00:00 to 23:59)` };
  if (end === null) return { ok: false, why: `${eh}:${em} is not a time of day (00:00 to 24:00)` };
  if (end === start)
    return { ok: false, why: `${start}-${end} is no time at all: the end must come after the start` };
  if (end < start) {
    return {
      ok: false,
      why: `${start}-${end} runs past midnight; give hours within one day, like 09:00-17:30 or 22:00-24:00`,
    };
  }
  return { ok: true, hours: { start, end } };
}

/** Whether a wall-clock time `HH:MM` falls within the hours. */
export const withinHours = (hours: WorkHours, time: string): boolean =>
  time >= hours.start && time < hours.end;

/** `09:00-17:30`. */
export const formatHours = (hours: WorkHours): string => `${hours.start}-${hours.end}`;
