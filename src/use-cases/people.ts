import type { Ctx } from '../domain/ctx.js';
import { addDays, isTimeZone, keptTimeZone, localTimeOf, timeZoneProblem } from '../domain/due.js';
import {
  type Availability,
  availability,
  dateAvailability,
  type Person,
  unknownPerson,
} from '../domain/person.js';
import { roleAtLeast } from '../domain/role.js';
import { onTheCalendar } from '../domain/validate.js';
import { DAYS_FORM, parseDays } from '../domain/week-days.js';
import { HOURS_FORM, parseHours } from '../domain/work-hours.js';
import { ValidationError } from '../errors.js';
import { isUserOf, usersOf } from './assignee-people.js';
import { bringBackFromLeave, type LeaveBack } from './back-from-leave.js';
import { nowIso, type UseCaseDeps } from './deps.js';
import { handOnLeave, type LeaveHandOn } from './hand-on-leave.js';

/** The forms `away` takes, for a message that knows no day (see awayForm). */
export const AWAY_FORM = 'until <date>, <from>..<until>, or off';

/**
 * The forms `away` takes, with dates from `today` on (a week on; two to three weeks on): a
 * refusal of a date in the past offered fixed dates that had passed too (a review's "2026-12-01
 * is in the past …; until 2026-12-01, …").
 */
const awayForm = (today: string): string =>
  `until ${addDays(today, 7)}, ${addDays(today, 14)}..${addDays(today, 21)}, or off`;

/** Time off is planned, not open-ended: at most this many days ahead. */
const MAX_AWAY_DAYS = 366;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** `until D`, `D..D`, `from D until D` or `off`, as dates; null for `off`. @throws ValidationError */
function parseAway(text: string, today: string): { from: string; until: string } | null {
  const t = text.trim().toLowerCase();
  if (t === 'off' || t === 'back') return null;
  const until = /^until\s+(\S+)$/.exec(t);
  const range = /^(?:from\s+)?(\S+?)\s*(?:\.\.|until|to)\s*(\S+)$/.exec(t);
  const [from, to] = until?.[1]
    ? [today, until[1]]
    : range?.[1] && range[2]
      ? [range[1], range[2]]
      : [null, null];
  if (from === null || to === null || !DATE.test(from) || !DATE.test(to)) {
    throw new ValidationError(`away: ${awayForm(today)} (got ${JSON.stringify(text.trim())})`, 'away');
  }
  // Shaped as a date but no day (2026-13-01, 2026-12-32, 2027-02-29): said as such.
  const impossible = [from, to].find((d) => !onTheCalendar(d));
  if (impossible !== undefined) {
    throw new ValidationError(`away: ${impossible} is no day on the calendar; ${awayForm(today)}`, 'away');
  }
  if (from < today || to < today) {
    throw new ValidationError(
      `away: ${from < today ? from : to} is in the past (today is ${today} where you are); ${awayForm(today)}`,
      'away',
    );
  }
  if (to < from) throw new ValidationError(`away: ${to} is before ${from}; ${awayForm(today)}`, 'away');
  if (to > addDays(today, MAX_AWAY_DAYS)) {
    throw new ValidationError(`away: ${to} is more than a year ahead; ${awayForm(today)}`, 'away');
  }
  return { from, until: to };
}

/**
 * Time off that a new range replaced, whether it had begun, and whether the new range goes on from
 * it (begins today or before: the time off was extended or shortened, not ended).
 */
export interface Replaced {
  from: string;
  until: string;
  begun: boolean;
  continued: boolean;
}

/**
 * Time off under way that `until D` (from today) goes on from keeps its first day: the same leave,
 * extended or shortened. From today, an extended leave read as one begun today, and what it had
 * handed on and a lead had given back by hand (see handOnLeave) was handed on again.
 */
function continuedAway(old: Person['away'], next: Person['away'], today: string): Person['away'] {
  if (old === null || next === null || next.from !== today) return next;
  return old.from <= today && old.until >= today ? { from: old.from, until: next.until } : next;
}

/**
 * The time off under way that `next` ends before its last day (`away off`, or a later range
 * booked while away, which counts as back today); null when none does.
 */
function endedEarly(old: Person['away'], next: Person['away'], today: string): Person['away'] {
  if (old === null || old.from > today || old.until < today) return null;
  return next === null || next.from > today ? old : null;
}

/** The booked time off a new range replaces: none when it was over, or the same range. */
function replacedAway(old: Person['away'], next: Person['away'], today: string): Replaced | null {
  if (old === null || next === null || old.until < today) return null;
  if (old.from === next.from && old.until === next.until) return null;
  return { ...old, begun: old.from <= today, continued: old.from <= today && next.from <= today };
}

/**
 * The chat users whose records keep `user`'s time off, the one routing reads first: a person's
 * leave is theirs, not one chat user's. Routing, the hand-on and the bring-back read an
 * assignee's first linked user with a record (see personOf in assignee-people), so `away off` on
 * the console wrote a record nothing read when `away` had been set on Slack: "Welcome back", and
 * the work it had handed on stayed with nobody. The linked users of every active person assignee
 * `user` is, that have a record; then `user` (alone when linked to none).
 */
function timeOffKeepers(deps: UseCaseDeps, workspaceId: string, user: string): string[] {
  const linked = deps.store.assignees
    .list(workspaceId)
    .filter((a) => a.active && a.kind === 'person' && isUserOf(a, user))
    .flatMap(usersOf)
    .flatMap((u) => deps.store.people.find(workspaceId, u)?.userId ?? []);
  const keepers = new Map<string, string>();
  for (const u of [...linked, user]) if (!keepers.has(u.toLowerCase())) keepers.set(u.toLowerCase(), u);
  return [...keepers.values()];
}

/**
 * People's time zones, working days, hours and time off: each person sets their own. Routing leaves
 * out an assignee whose person is away, a digest due when every approver is away or off that day
 * waits, and a reminder mentions only the approvers within their hours.
 * `defaultTimeZone`: the zone of someone who set none.
 */
export function createPeopleUseCases(deps: UseCaseDeps & { defaultTimeZone: string }) {
  const { store } = deps;
  const personOf = (workspaceId: string, userId: string): Person =>
    store.people.find(workspaceId, userId) ?? unknownPerson(userId);
  const change = (ctx: Ctx, patch: Partial<Person>): Person =>
    store.transaction(() => {
      const person = { ...personOf(ctx.workspaceId, ctx.actor), ...patch };
      store.people.put(ctx.workspaceId, person, nowIso(deps));
      return person;
    });
  /**
   * Writes `away` on each of `keepers`' records, the caller's among them: a caller with none yet
   * gets the person's (`me`), so whichever record routing reads after it, it reads the same
   * person. Returns the caller's.
   */
  const setAwayOf = (ctx: Ctx, keepers: readonly string[], me: Person, away: Person['away']): Person => {
    const written = keepers.map((userId) => ({
      ...(store.people.find(ctx.workspaceId, userId) ?? { ...me, userId }),
      away,
    }));
    for (const person of written) store.people.put(ctx.workspaceId, person, nowIso(deps));
    const caller = written.find((p) => p.userId.toLowerCase() === ctx.actor.toLowerCase());
    return caller ?? { ...me, userId: ctx.actor, away };
  };
  const availableAt = (workspaceId: string, userId: string, at: Date): Availability =>
    availability(personOf(workspaceId, userId), at, deps.defaultTimeZone);

  return {
    /** The caller as Goalpost schedules around them, and whether they are working now. */
    me(ctx: Ctx): Person & { zone: string; now: Availability } {
      const person = personOf(ctx.workspaceId, ctx.actor);
      return {
        ...person,
        zone: person.timeZone ?? deps.defaultTimeZone,
        now: availableAt(ctx.workspaceId, ctx.actor, deps.clock.now()),
      };
    },

    /** @throws ValidationError for a zone the runtime does not know, or an abbreviation (EST). */
    setTimeZone(ctx: Ctx, zone: string): Person {
      const z = zone.trim();
      const problem = timeZoneProblem(z);
      if (problem !== null) throw new ValidationError(`time zone: ${problem}`, 'timeZone');
      return change(ctx, {
        timeZone: keptTimeZone(z),
      });
    },

    /**
     * The zone the caller's platform reports (Slack's profile), kept as theirs when they have set
     * none, so schedules follow it when they are not asking; a zone they set stays.
     */
    learnTimeZone(ctx: Ctx, zone: string): void {
      if (store.people.find(ctx.workspaceId, ctx.actor)?.timeZone || !isTimeZone(zone)) return;
      store.transaction(() => {
        const person = personOf(ctx.workspaceId, ctx.actor);
        if (person.timeZone === null)
          store.people.put(ctx.workspaceId, { ...person, timeZone: zone }, nowIso(deps));
      });
    },

    /** @throws ValidationError for days that do not parse. */
    setDays(ctx: Ctx, days: string): Person {
      const parsed = parseDays(days);
      if (parsed === null)
        throw new ValidationError(`days: ${DAYS_FORM} (got ${JSON.stringify(days)})`, 'days');
      return change(ctx, { workDays: parsed });
    },

    /**
     * The hours of a working day the caller works (`09:00-17:30`), or any hour (`any`, `off`).
     * @throws ValidationError for a time no clock shows, an empty span or one past midnight.
     */
    setHours(ctx: Ctx, text: string): Person {
      const read = parseHours(text);
      if (!read.ok) {
        const form = read.why === HOURS_FORM ? '' : `; ${HOURS_FORM}`;
        throw new ValidationError(`hours: ${read.why}${form} (got ${JSON.stringify(text.trim())})`, 'hours');
      }
      return change(ctx, { hours: read.hours });
    },

    /**
     * Time off (`until D`, `D..D`) or back (`off`). A person has one range: another replaces the
     * one booked, which is returned (when not over yet, nor the same) so the reply can say so;
     * time off from today offers the caller's open work again (`handedOn`, see handOnLeave); time
     * off under way ended early gives back what it handed on (`back`, see bringBackFromLeave).
     * @throws ValidationError for a past or malformed date.
     */
    setAway(
      ctx: Ctx,
      text: string,
    ): { person: Person; replaced: Replaced | null; handedOn: LeaveHandOn[]; back: LeaveBack[] } {
      const keepers = timeOffKeepers(deps, ctx.workspaceId, ctx.actor);
      // The record routing reads: its time off is the one booked, its zone the one it is read in.
      const me = personOf(ctx.workspaceId, keepers[0] ?? ctx.actor);
      const timeZone = me.timeZone ?? deps.defaultTimeZone;
      const today = localTimeOf(deps.clock.now(), timeZone).date;
      const away = continuedAway(me.away, parseAway(text, today), today);
      return store.transaction(() => {
        const person = setAwayOf(ctx, keepers, me, away);
        // Time off from today: the caller's open work is offered again now, not left waiting.
        const handedOn = away !== null && away.from <= today ? handOnLeave(deps, ctx, ctx.actor) : [];
        // Back before its end: what the leave handed on comes back with the change, once.
        const ended = endedEarly(me.away, away, today);
        const back = ended === null ? [] : bringBackFromLeave(deps, ctx, ctx.actor, { ...ended, timeZone });
        return { person, replaced: replacedAway(me.away, away, today), handedOn, back };
      });
    },

    /**
     * Offers again the open work of every assignee whose time off has begun (see handOnLeave):
     * what the scheduler's `leave` job runs, so work booked away ahead moves the day leave starts.
     */
    handOnLeave: (ctx: Ctx): LeaveHandOn[] => store.transaction(() => handOnLeave(deps, ctx)),

    /**
     * Whether a user is at work at an instant (now by default): a working day, within their hours,
     * not away; and why not.
     */
    availability: (workspaceId: string, userId: string, at: Date = deps.clock.now()): Availability =>
      availableAt(workspaceId, userId, at),

    /**
     * The workspace's approvers on a platform (members with the approver or admin role there) who
     * are away or off on `date` (a digest's local date) by their own working days and time off,
     * whatever their clock reads when it is due (their hours do not count either: a digest waits
     * for a day, not an hour), and whether that is all of them; none known: not all away.
     */
    approversAway(workspaceId: string, platform: string, date: string): { all: boolean; away: string[] } {
      const approvers = store.members
        .list(workspaceId)
        .filter((m) => roleAtLeast(m.role, 'approver') && m.userKey.startsWith(`${platform}:`))
        .map((m) => m.userKey);
      const away = approvers.filter((u) => !dateAvailability(personOf(workspaceId, u), date).available);
      return { all: approvers.length > 0 && away.length === approvers.length, away };
    },
  };
}
