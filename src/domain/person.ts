import { addDays, isoWeekday, localTimeOf, zonedInstant } from './due.js';
import { formatDays, WEEKDAYS } from './week-days.js';
import { formatHours, isAnyHour, UNSET_HOURS, type WorkHours, withinHours } from './work-hours.js';

/** A chat user as Goalpost schedules around them: their zone, working days, hours and time off. */
export interface Person {
  /** As Goalpost names chat users: `slack:U123`, `discord:4567`, `console:ana`. */
  userId: string;
  /** IANA zone; null: the workspace's default. */
  timeZone: string | null;
  /** ISO week days they work (1 = Monday). */
  workDays: number[];
  /**
   * The hours of a working day they work, in their own zone: ANY_HOUR after `me hours any`; null
   * when they never said (reminders keep to UNSET_HOURS, not any hour).
   */
  hours: WorkHours | null;
  /** Time off, both days included, as dates in their own zone; null when none. */
  away: { from: string; until: string } | null;
}

/** Someone nobody has told Goalpost about: the default zone, Monday to Friday, no hours said, never away. */
export const unknownPerson = (userId: string): Person => ({
  userId,
  timeZone: null,
  workDays: [...WEEKDAYS],
  hours: null,
  away: null,
});

/** Whether someone can be counted on at an instant, and if not, why (in words). */
export interface Availability {
  available: boolean;
  /** `away until 2026-12-01`, `off: works weekdays`, `off: works 09:00-17:00`; null when available. */
  why: string | null;
  /** Their local date at the instant. */
  localDate: string;
}

/**
 * Whether `person` works on the day `instant` falls on: not on time off and one of their working
 * days, in their own zone (else `defaultZone`). Their hours do not count: what waits for a day
 * (a held digest, routing) asks this.
 */
export function dayAvailability(person: Person, instant: Date, defaultZone: string): Availability {
  return dateAvailability(person, localTimeOf(instant, person.timeZone ?? defaultZone).date);
}

/**
 * Whether `person` works on a calendar date: not on time off and one of their working days. What
 * belongs to a date rather than an instant asks this: a digest of Monday is held when its approvers
 * are off on Monday, though at 08:00 in Tokyo it is Sunday evening in New York.
 */
export function dateAvailability(person: Person, date: string): Availability {
  const { away } = person;
  if (away && date >= away.from && date <= away.until) {
    return { available: false, why: `away until ${away.until}`, localDate: date };
  }
  if (!person.workDays.includes(isoWeekday(date))) {
    return { available: false, why: `off: works ${formatDays(person.workDays)}`, localDate: date };
  }
  return { available: true, why: null, localDate: date };
}

/**
 * Whether `person` is at work at `instant`: on a day they work ({@link dayAvailability}) and
 * within their hours that day (UNSET_HOURS when they set none), in their own zone. What should
 * reach someone only while they work (a mention in a reminder) asks this.
 */
export function availability(person: Person, instant: Date, defaultZone: string): Availability {
  const day = dayAvailability(person, instant, defaultZone);
  if (!day.available) return day;
  const hours = person.hours ?? UNSET_HOURS;
  const { time } = localTimeOf(instant, person.timeZone ?? defaultZone);
  if (withinHours(hours, time)) return day;
  const why = person.hours
    ? `off: works ${formatHours(hours)}`
    : `off: outside ${formatHours(hours)}, the hours of someone who set none`;
  return { available: false, why, localDate: day.localDate };
}

/** The first date on or after `from` that `person` works and is not away; null within a year. */
export function nextWorkingDate(person: Person, from: string): string | null {
  for (let ahead = 0; ahead <= 366; ahead++) {
    const date = addDays(from, ahead);
    const weekday = ((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
    const away = person.away && date >= person.away.from && date <= person.away.until;
    if (!away && person.workDays.includes(weekday)) return date;
  }
  return null;
}

/** The hours a working day is counted for when someone gave none: a day's work, as `2d` reads it. */
const COUNTED_DAY: WorkHours = { start: '09:00', end: '17:00' };

/** The longest span measured in working time, in days: past it, wall-clock time is kept. */
const MOST_MEASURED_DAYS = 400;

/**
 * Minutes of `person`'s working time between two instants: on the days they work and are not
 * away, within their hours (09:00 to 17:00 when they gave none or any), in their own zone (else
 * `defaultZone`). A fix started at 16:00 and done at 11:00 the next morning took its 3.5 working
 * hours, not the 19 on the clock (a review's fixes of 4 to 8 hours read 22 hours in `learn`,
 * nights included). Work done wholly outside those hours (an evening's fix) took the time of
 * their working days it spans (working then, they worked it): started Friday at 18:00 and done
 * Monday at 08:30, 14.5 hours, not the weekend's 62.5; wholly outside them too, the clock's.
 */
export function workingMinutes(person: Person, from: Date, to: Date, defaultZone: string): number {
  const wall = Math.max(0, to.getTime() - from.getTime()) / 60_000;
  if (wall === 0 || wall > MOST_MEASURED_DAYS * 24 * 60) return wall;
  const zone = person.timeZone ?? defaultZone;
  const last = localTimeOf(to, zone).date;
  const hours = person.hours && !isAnyHour(person.hours) ? person.hours : COUNTED_DAY;
  let ms = 0;
  let daysMs = 0;
  const overlap = (start: number, end: number) =>
    Math.max(0, Math.min(end, to.getTime()) - Math.max(start, from.getTime()));
  for (let date = localTimeOf(from, zone).date; date <= last; date = addDays(date, 1)) {
    const { away } = person;
    if (away && date >= away.from && date <= away.until) continue;
    if (!person.workDays.includes(isoWeekday(date))) continue;
    const midnight = zonedInstant(addDays(date, 1), '00:00', zone).getTime();
    const end = hours.end === '24:00' ? midnight : zonedInstant(date, hours.end, zone).getTime();
    ms += overlap(zonedInstant(date, hours.start, zone).getTime(), end);
    daysMs += overlap(zonedInstant(date, '00:00', zone).getTime(), midnight);
  }
  if (ms > 0) return ms / 60_000;
  return daysMs > 0 ? daysMs / 60_000 : wall;
}
