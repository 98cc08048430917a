import { addDays, localTimeOf } from './due.js';
import { formatDays, WEEKDAYS } from './week-days.js';

/** A chat user as Goalpost schedules around them: their zone, working days and time off. */
export interface Person {
  /** As Goalpost names chat users: `slack:U123`, `discord:4567`, `console:ana`. */
  userId: string;
  /** IANA zone; null: the workspace's default. */
  timeZone: string | null;
  /** ISO week days they work (1 = Monday). */
  workDays: number[];
  /** Time off, both days included, as dates in their own zone; null when none. */
  away: { from: string; until: string } | null;
}

/** Someone nobody has told Goalpost about: the default zone, Monday to Friday, never away. */
export const unknownPerson = (userId: string): Person => ({
  userId,
  timeZone: null,
  workDays: [...WEEKDAYS],
  away: null,
});

/** Whether someone can be counted on at an instant, and if not, why (in words). */
export interface Availability {
  available: boolean;
  /** `away until 2026-12-01`, `off: works weekdays`; null when available. */
  why: string | null;
  /** Their local date at the instant. */
  localDate: string;
}

/**
 * Whether `person` is working at `instant`: not on time off and on one of their working days, in
 * their own zone (else `defaultZone`).
 */
export function availability(person: Person, instant: Date, defaultZone: string): Availability {
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
