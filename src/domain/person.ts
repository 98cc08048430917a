import { addDays, localTimeOf } from './due.js';
import { formatDays, WEEKDAYS } from './week-days.js';
import { formatHours, type WorkHours, withinHours } from './work-hours.js';

/** A chat user as Goalpost schedules around them: their zone, working days, hours and time off. */
export interface Person {
  /** As Goalpost names chat users: `slack:U123`, `discord:4567`, `console:ana`. */
  userId: string;
  /** IANA zone; null: the workspace's default. */
  timeZone: string | null;
  /** ISO week days they work (1 = Monday). */
  workDays: number[];
  /** The hours of a working day they work, in their own zone; null: any hour. */
  hours: WorkHours | null;
  /** Time off, both days included, as dates in their own zone; null when none. */
  away: { from: string; until: string } | null;
}

/** Someone nobody has told Goalpost about: the default zone, Monday to Friday, any hour, never away. */
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
  const local = localTimeOf(instant, person.timeZone ?? defaultZone);
  const { away } = person;
  if (away && local.date >= away.from && local.date <= away.until) {
    return { available: false, why: `away until ${away.until}`, localDate: local.date };
  }
  if (!person.workDays.includes(local.weekday)) {
    return {
      available: false,
      why: `off: works ${formatDays(person.workDays)}`,
      localDate: local.date,
    };
  }
  return { available: true, why: null, localDate: local.date };
}

/**
 * Whether `person` is at work at `instant`: on a day they work ({@link dayAvailability}) and
 * within their hours that day, in their own zone. What should reach someone only while they work
 * (a mention in a reminder) asks this.
 */
export function availability(person: Person, instant: Date, defaultZone: string): Availability {
  const day = dayAvailability(person, instant, defaultZone);
  if (!day.available || person.hours === null) return day;
  const { time } = localTimeOf(instant, person.timeZone ?? defaultZone);
  if (withinHours(person.hours, time)) return day;
  return { available: false, why: `off: works ${formatHours(person.hours)}`, localDate: day.localDate };
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
